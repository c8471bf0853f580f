import type { QuestionResult } from "../grading/types.js";
import { isVectorValue } from "./values.js";

/**
 * Rewrites the positions in a vector answer's feedback as entry numbers, so "the entry at (1, 2)"
 * becomes "entry 2". The grader names (row, column) of the expected value, and a vector matches
 * in either orientation, so for a student who wrote a column that position names a column that
 * is not there. Other feedback is returned unchanged.
 *
 * NOTE: this matches the wording that grading/grade.ts and grading/diagnose.ts build from
 * `wrong_cells`. Other wording keeps its positions, and `check` and the Gradescope export still
 * show (row, column).
 */
export function feedbackWithEntryNumbers(result: QuestionResult): string {
  const wrongCells = result.wrong_cells ?? [];
  if (wrongCells.length === 0 || !isVectorValue(result.submitted)) {
    return result.feedback;
  }

  const positions = wrongCells.map(([row, column]) => `(${row + 1}, ${column + 1})`).join(", ");
  // One of row and column is 0 in a vector's position, so their sum is the entry's index.
  const numbers = wrongCells.map(([row, column]) => String(row + column + 1));
  const list = numbers.length === 1 ? numbers[0] : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
  const noun = wrongCells.length === 1 ? "entry" : "entries";
  const capitalNoun = wrongCells.length === 1 ? "Entry" : "Entries";
  return result.feedback.replaceAll(`the ${noun} at ${positions}`, `${noun} ${list}`).replaceAll(`The ${noun} at ${positions}`, `${capitalNoun} ${list}`);
}
