import pc from "picocolors";

type Tint = "red" | "green" | "yellow" | "dim" | "bold";

/** Colours text for a terminal when `enabled`; returns it unchanged otherwise. */
export function paint(enabled: boolean, tint: Tint, text: string): string {
  return enabled ? pc[tint](text) : text;
}

/**
 * Replaces control characters (escape sequences included) with "?", so text from a submission
 * cannot move the cursor, change colours or rewrite the TA's terminal. Bidirectional controls
 * (U+202A to U+202E, U+2066 to U+2069) go too: one in a student id would reverse the rest of its
 * line, scores included.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
}

/**
 * Replaces control characters with "?" like `printable`, line breaks and tabs included, for text
 * that must stay on one line, such as a file name in a table row.
 */
export function printableLine(text: string): string {
  return printable(text).replace(/[\t\n]/g, "?");
}
