import type { ReadNote } from "./types.js";

/** Codes of notes about a whole file, whose line is 1 only because every note has a line. */
const WHOLE_FILE_CODES = new Set(["submission.noAnswers", "submission.skippedFile", "submission.studentMismatch"]);

/** Returns true for a note about a whole file, such as a file without labelled results, rather than about a line. */
export function isWholeFileNote(note: Pick<ReadNote, "code">): boolean {
  return WHOLE_FILE_CODES.has(note.code);
}
