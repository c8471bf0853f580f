import { ProblemError } from "../errors.js";
import type { Problem } from "../problem/types.js";
import { SolverError } from "../solver/errors.js";
import { solveProblem } from "../solver/solve.js";
import type { Solution, Value } from "../solver/types.js";

/** Solves a problem, turning a request the solver rejects into a ProblemError naming the file. */
export function solveChecked(problem: Problem): Solution {
  let solution: Solution;
  try {
    solution = solveProblem(problem);
  } catch (error) {
    if (error instanceof SolverError) {
      throw new ProblemError(error.code, error.message, { file: problem.file, line: 0, column: 0 });
    }
    throw error;
  }

  for (const [questionId, value] of solution.answers) {
    if (isFiniteValue(value)) continue;
    const question = problem.questions.find((candidate) => candidate.id === questionId)!;
    throw new ProblemError(
      "problem.notFinite",
      `question "${questionId}" has an answer that overflows to infinity or is not a number; use smaller weights or inputs`,
      { file: problem.file, line: question.line, column: 0 },
    );
  }
  return solution;
}

function isFiniteValue(value: Value): boolean {
  switch (value.kind) {
    case "count":
      return true;
    case "scalar":
      return Number.isFinite(value.value);
    case "vector":
      return value.values.every(Number.isFinite);
    case "matrix":
      return value.values.every((row) => row.every(Number.isFinite));
  }
}
