import type { Problem, Question } from "../../src/problem/types.js";
import type { Value } from "../../src/solver/types.js";
import type { ReadAnswer, ReadNumber, ReadValue } from "../../src/submission/types.js";
import type { QuestionContext } from "../../src/grading/grade.js";
import { resolveTolerance } from "../../src/grading/tolerance.js";
import type { ToleranceSpec } from "../../src/problem/types.js";

/** Builds a ReadNumber from typed text, counting significant digits the simple way. */
export function typed(text: string, value = Number(text)): ReadNumber {
  const digits = text.replace(/^[-+]?0*\.?0*/, "").replace(/e.*$/i, "").replace(".", "").length;
  const integer = /^-?\d+$/.test(text) ? BigInt(text) : null;
  return { value, integer, text, significantDigits: digits };
}

/** Builds a matrix answer from numbers. */
export function matrixValue(rows: (number | string)[][]): ReadValue {
  return { kind: "matrix", rows: rows.map((row) => row.map((entry) => typed(String(entry)))) };
}

/** Builds a single-number answer. */
export function numberValue(text: string, value?: number): ReadValue {
  return { kind: "number", number: typed(text, value) };
}

/** Wraps a value as the one answer a submission gave on a line. */
export function answer(value: ReadValue | null, line = 10): ReadAnswer {
  return { problem: "p", question: "q", value, error: null, line, label: "q", source: "q = …", assembled: false };
}

const problem: Problem = {
  id: "p",
  number: 1,
  aliases: [],
  title: "t",
  statement: "",
  file: "p.yaml",
  network: null,
  architecture: null,
  questions: [],
  tolerance: {},
};

/** Builds the context of one question worth `points`, with tolerance settings from the rubric. */
export function context(expected: Value, points = 4, rubricTolerance: ToleranceSpec = {}): QuestionContext {
  const question: Question = {
    id: "q",
    kind: expected.kind === "count" ? "parameter_count" : "gradient",
    layer: null,
    aliases: [],
    cells: null,
    expected: undefined,
    line: 1,
    tolerance: {},
    convention: { perMac: 2, biasAdd: 1, activation: 0 },
  };
  const scale =
    expected.kind === "matrix"
      ? Math.max(...expected.values.flat().map(Math.abs))
      : expected.kind === "vector"
        ? Math.max(...expected.values.map(Math.abs))
        : expected.kind === "scalar"
          ? Math.abs(expected.value)
          : 0;
  return {
    problem,
    question,
    expected,
    points,
    tolerance: expected.kind === "count" ? { mode: "exact" } : resolveTolerance([rubricTolerance], scale),
    partialCredit: "per_element",
    bonus: false,
    mistakes: [],
    transposedCredit: 0.5,
  };
}
