import type { ReadNote } from "./types.js";

/** Codes of notes about a whole file, whose line is 1 only because every note has a line. */
const WHOLE_FILE_CODES = new Set(["submission.noAnswers", "submission.skippedFile", "submission.studentMismatch"]);

/** Returns true for a note about a whole file, such as a file without labelled results, rather than about a line. */
export function isWholeFileNote(note: Pick<ReadNote, "code">): boolean {
  return WHOLE_FILE_CODES.has(note.code);
}

/**
 * The place a notebook answer's source starts with, as the reader writes it: `cell 2, line 3: …`
 * or, for a code cell's output, `cell 2, output line 1: …`.
 */
const NOTEBOOK_PLACE = /^cell \d+, (?:output )?line \d+(?=: )/;

/**
 * Returns where in a notebook an answer was read, such as "cell 2, line 3", from its source text,
 * or null for an answer from any other file. Its `line` is the line of the notebook's JSON, which
 * a student never sees.
 */
export function notebookPlaceOf(source: string | undefined): string | null {
  return source === undefined ? null : (NOTEBOOK_PLACE.exec(source)?.[0] ?? null);
}

/** The "line N: " that most note messages start with. */
const LINE_PREFIX = /^line \d+:\s*/;

/** Returns a note's message without its leading "line N: ", for places that name the line apart. */
export function withoutLinePrefix(message: string): string {
  return message.replace(LINE_PREFIX, "");
}
