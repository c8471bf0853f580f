import type { Rubric } from "../grading/rubric.js";
import type { ReadNumber, ReadValue, Submission } from "../submission/types.js";
import { notebookPlaceOf } from "../submission/notes.js";
import { printable, printableLine } from "./terminal.js";

/** Formats what the reader found in a submission, for `nngrade check --show-reading`. */
export function formatReading(submission: Submission, rubric: Rubric): string {
  const lines = [`Read from ${printableLine(submission.file)}${submission.student ? ` (student ${printableLine(submission.student)})` : ""}:`];
  if (submission.answers.length === 0) lines.push("  no answers were recognised");

  for (const problem of rubric.problems) {
    const answers = submission.answers.filter((answer) => answer.problem === problem.id);
    if (answers.length === 0) continue;
    lines.push(`  problem ${problem.number} (${problem.id})`);
    for (const answer of answers) {
      const value = answer.value ? formatValue(answer.value) : `unreadable: ${answer.error?.message ?? ""}`;
      const how = answer.assembled ? ", assembled from single entries" : "";
      const place = notebookPlaceOf(answer.source) ?? `line ${answer.line}`;
      lines.push(`    ${place}: ${answer.question} = ${printable(value)}  (label "${printableLine(answer.label.replace(/\s+/g, " "))}"${how})`);
    }
  }
  // The notes follow the results that `check` prints after this, so here they are only counted.
  const count = submission.notes.length;
  if (count > 0) lines.push(`  ${count === 1 ? "1 note" : `${count} notes`} from reading, shown after the results`);
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a value as typed: one row as a vector, `[2, 3]`, and more rows as `[[5], [10]]`. Entries
 * typed with a decimal comma, such as `5,0`, are separated by semicolons, so that `[5,0; 10,0]`
 * does not read as four entries.
 */
function formatValue(value: ReadValue): string {
  const text = (entry: ReadNumber): string => entry.text;
  if (value.kind === "number") return text(value.number);
  const separator = value.rows.some((row) => row.some((entry) => entry.text.includes(","))) ? "; " : ", ";
  const rows = value.rows.map((row) => `[${row.map(text).join(separator)}]`);
  return rows.length === 1 ? rows[0]! : `[${rows.join(separator)}]`;
}
