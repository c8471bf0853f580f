import type { Value } from "../solver/types.js";
import type { ReadValue } from "../submission/types.js";
import { compareEntries, countMatches, expectedGrid, matchShape, submittedGrid, transposeGrid, wrongEntriesPhrase } from "./compare.js";
import type { Tolerance } from "./tolerance.js";
import type { QuestionResult } from "./types.js";

/** A mistake as it bears on one question: the value it gives and the credit it earns. */
export interface QuestionMistake {
  code: string;
  explanation: string;
  value: Value;
  /** Share of the question's points an answer matching the mistake exactly earns. */
  credit: number;
}

/** The value a question takes from the student's own earlier, wrong values. */
export interface FollowThrough {
  value: Value;
  credit: number;
  /** Place the first error entered, for feedback: "your S2 on line 12". */
  origin: string;
}

/** Agreement of a submitted value with a reference value, entry by entry. */
interface Agreement {
  /** Every entry agrees. */
  full: boolean;
  /** Entries that agree, as "row,column" keys in the expected value's shape. */
  cells: Set<string>;
}

/**
 * Looks for the reason behind a wrong answer and updates the result in place: a transposed
 * matrix, a mistake from the catalogue, or work that is right for the student's own earlier
 * values. A full match may raise the points to the mistake's credit; entries that match a mistake
 * only in part are named in the feedback.
 */
export function diagnose(
  result: QuestionResult,
  submitted: ReadValue,
  expected: Value,
  tolerance: Tolerance,
  mistakes: QuestionMistake[],
  followThrough: FollowThrough | null,
  transposed: { credit: number; feedback: string },
): void {
  const maxPoints = result.max_points;
  const award = (share: number): void => {
    result.points = Math.max(result.points, Math.round(maxPoints * share * 1e6) / 1e6);
    if (result.points > 0 && result.verdict === "incorrect") result.verdict = "partial";
  };

  if (expected.kind !== "count" && isTransposedAnswer(submitted, expected, tolerance)) {
    result.misconception = "transposed";
    result.feedback = transposed.feedback;
    award(transposed.credit);
    return;
  }

  for (const mistake of mistakes) {
    if (agreement(submitted, mistake.value, tolerance).full) {
      result.misconception = mistake.code;
      result.feedback = mistake.explanation;
      award(mistake.credit);
      return;
    }
  }

  if (followThrough && agreement(submitted, followThrough.value, tolerance).full) {
    result.verdict = "partial";
    result.feedback = `Your answer follows correctly from ${followThrough.origin}, which is off, so the error entered there; this earns follow-through credit.`;
    award(followThrough.credit);
    return;
  }

  // Only some entries wrong: name a mistake that explains every wrong entry.
  const wrongCells = result.wrong_cells ?? [];
  if (wrongCells.length === 0) return;
  for (const mistake of mistakes) {
    const matching = agreement(submitted, mistake.value, tolerance).cells;
    if (wrongCells.every(([i, j]) => matching.has(`${i},${j}`))) {
      const entries = wrongEntriesPhrase(wrongCells, expected.kind === "vector");
      result.misconception = mistake.code;
      result.feedback += ` ${entries[0]!.toUpperCase()}${entries.slice(1)} ${wrongCells.length === 1 ? "is" : "are"} what you get this way: ${mistake.explanation}`;
      return;
    }
  }
}

function isTransposedAnswer(submitted: ReadValue, expected: Value, tolerance: Tolerance): boolean {
  const want = expectedGrid(expected);
  if (want.length < 2 || want[0]!.length < 2) return false;
  const grid = submittedGrid(submitted);
  if (grid.length !== want[0]!.length || grid.some((row) => row.length !== want.length)) return false;
  const transposed = transposeGrid(grid);
  const comparison = compareEntries(transposed, want, tolerance);
  // A symmetric answer is its own transpose; it is right, not transposed.
  return comparison.correct === comparison.total && !isSymmetric(want);
}

function isSymmetric(matrix: number[][]): boolean {
  return matrix.length === matrix[0]!.length && matrix.every((row, i) => row.every((value, j) => value === matrix[j]![i]));
}

/** Compares a submitted value with a reference value under the question's tolerance. */
function agreement(submitted: ReadValue, reference: Value, tolerance: Tolerance): Agreement {
  if (reference.kind === "count") {
    const grid = submittedGrid(submitted);
    const full = grid.length === 1 && grid[0]!.length === 1 && countMatches(grid[0]![0]!, reference.value);
    return { full, cells: full ? new Set(["0,0"]) : new Set() };
  }

  const shape = matchShape(submitted, reference);
  if (shape.kind !== "same") return { full: false, cells: new Set() };
  const comparison = compareEntries(shape.grid, shape.expected, tolerance);
  const wrong = new Set(comparison.wrongCells.map(([i, j]) => `${i},${j}`));
  const cells = new Set<string>();
  shape.expected.forEach((row, i) => row.forEach((_, j) => {
    if (!wrong.has(`${i},${j}`)) cells.add(`${i},${j}`);
  }));
  return { full: comparison.correct === comparison.total, cells };
}
