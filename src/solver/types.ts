import type { Matrix } from "../problem/types.js";

/**
 * A value the solver computes for one question. Vectors and matrices keep the problem's layout;
 * counts are exact integers so that they compare exactly however large they are.
 */
export type Value =
  | { kind: "scalar"; value: number }
  | { kind: "vector"; values: number[] }
  | { kind: "matrix"; values: Matrix }
  | { kind: "count"; value: bigint };

/** One line of a worked solution: what was computed, the formula, and the result. */
export interface Step {
  question: string | null;
  /** A short heading such as "hidden: pre-activation". */
  title: string;
  /** The formula in LaTeX, with the numbers substituted where that helps. */
  latex: string;
  value: Value;
}

/** The answer key of one problem. */
export interface Solution {
  problem: string;
  /** The value of each question, keyed by question id, in the order of the problem file. */
  answers: Map<string, Value>;
  steps: Step[];
}
