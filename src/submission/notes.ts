import type { ReadNote } from "./types.js";

/** Codes of notes about a whole file, whose line is 1 only because every note has a line. */
const WHOLE_FILE_CODES = new Set(["submission.noAnswers", "submission.skippedFile"]);

/** Tells whether a note is about a whole file, such as one in which no answer was found, and not about its line. */
export function isWholeFileNote(note: Pick<ReadNote, "code">): boolean {
  return WHOLE_FILE_CODES.has(note.code);
}
