import type { Problem } from "../problem/types.js";
import type { Suggestion } from "./_suggest.js";
import type { ValueReading } from "./latex.js";
import { matchLabel, type LabelTarget } from "./labelMatch.js";
import type { ReadNote } from "./types.js";

/** A question (or one of its cells) that a label in the write-up names. */
export interface Target {
  problem: Problem;
  target: LabelTarget;
  label: string;
}

/**
 * Matches labels to questions of `problems` (the current problem, or all of them outside any
 * problem section). A label that several problems share is skipped with a
 * `submission.ambiguousLabel` note, and two labels naming the same question or cell count once.
 * Without `withMessages`, that note gets no message (see countedOnlyNote).
 */
export function matchTargets(
  labels: readonly string[],
  problems: Problem[],
  kind: "number" | "matrix",
  line: number,
  notes: ReadNote[],
  withMessages = true,
): Target[] {
  // Made at the first target: most statements have at most one, and a one-target list made whole
  // is smaller than one grown by push.
  let found: Target[] | null = null;
  for (let l = 0; l < labels.length; l++) {
    const label = labels[l];
    // Counting first keeps the usual single match from building a list.
    let problem: Problem | null = null;
    let target: LabelTarget | null = null;
    let matches = 0;
    for (let p = 0; p < problems.length; p++) {
      const match = matchLabel(problems[p], label, kind);
      if (match === null) continue;
      matches += 1;
      if (matches === 1) {
        problem = problems[p];
        target = match;
      }
    }
    if (matches > 1 && !withMessages) {
      notes.push(countedOnlyNote(line, "submission.ambiguousLabel"));
      continue;
    }
    if (matches > 1) {
      const named = problems.filter((candidate) => matchLabel(candidate, label, kind) !== null);
      const ids = named.map((candidate) => candidate.id).join(", ");
      notes.push({
        line,
        code: "submission.ambiguousLabel",
        message:
          `line ${line}: "${label}" names a question in several problems (${ids}) and no ` +
          `problem heading comes before it. Start each problem with its number, such as ` +
          `"## Problem 2".`,
      });
      continue;
    }
    if (problem === null || target === null) continue;

    const { question, cell } = target;
    if (found === null) {
      found = [{ problem, target, label }];
      continue;
    }
    const duplicate = found.some((f) => f.target.question === question && sameCell(f.target.cell, cell));
    if (!duplicate) found.push({ problem, target, label });
  }
  return found ?? [];
}

/**
 * Makes a note that readSubmission counts but does not show, because more than MAX_NOTES notes
 * come before it, so its message is left empty.
 */
export function countedOnlyNote(line: number, code: string): ReadNote {
  return { line, code, message: "" };
}

function sameCell(a: [number, number] | null, b: [number, number] | null): boolean {
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Builds the note for a value whose label names no question. `suggestions` are the closest
 * question names; outside any problem section each is shown with its problem's id.
 */
export function unknownLabelNote(
  label: string,
  line: number,
  problem: Problem | null,
  suggestions: Suggestion[] = [],
): ReadNote {
  const where = problem === null ? "any problem" : `problem ${problem.number}`;
  const names = suggestions.map((suggestion) => {
    const name = problem === null ? `${suggestion.problem.id} ${suggestion.question}` : suggestion.question;
    return suggestion.spelling === suggestion.question ? name : `${name} (as "${suggestion.spelling}")`;
  });
  const closest = names.length === 0 ? "" : ` Closest question names: ${names.join(", ")}.`;
  return {
    line,
    code: "submission.unknownLabel",
    message:
      `line ${line}: the label "${label.trim()}" was not recognised because it matches no ` +
      `question of ${where}, so its value was not graded.${closest} If the value is an answer, ` +
      `label it with the question's name as the problem writes it.`,
  };
}

/**
 * Builds a `submission.ambiguousReading` note when a value could be read two ways: commas that
 * may be decimal commas, or `669 706` read as one number although it could be a list of two.
 * Returns null for a value with one reading.
 */
export function ambiguityNote(reading: ValueReading, label: string, line: number): ReadNote | null {
  const name = label.trim() === "" ? "the value" : label.trim();
  if (reading.kind === "error" && reading.error.code === "submission.ambiguousDecimalComma") {
    return {
      line,
      code: "submission.ambiguousReading",
      // The error names the commas in doubt and how to rewrite them: "0,3442" can only be a
      // decimal comma, while "[0,75, 0,77]" could also be a list of four numbers.
      message:
        `line ${line}: the value of ${name} could not be read: ${reading.error.message.replace(/\.$/, "")}. ` +
        `If you use decimal commas, ask your TA whether they can be turned on.`,
    };
  }
  if (reading.kind === "value" && reading.value.kind === "number" && SPACED_DIGITS.test(reading.value.number.text)) {
    const number = reading.value.number;
    return {
      line,
      code: "submission.ambiguousReading",
      message:
        `line ${line}: "${number.text}" (${name}) was read as the single number ` +
        `${String(number.integer ?? number.value)}, taking its spaces as thousands separators. ` +
        `If it is a list, write it in brackets, such as [1, 2].`,
    };
  }
  return null;
}

/** Digits on both sides of a space, as in `669 706`; made once because every record tests it. */
const SPACED_DIGITS = /\d \d/;
