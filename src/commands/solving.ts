import { ProblemError } from "../errors.js";
import type { Problem } from "../problem/types.js";
import { SolverError } from "../solver/errors.js";
import { solveProblem } from "../solver/solve.js";
import type { Solution } from "../solver/types.js";

/** Solves a problem, turning a request the solver rejects into a ProblemError naming the file. */
export function solveChecked(problem: Problem): Solution {
  try {
    return solveProblem(problem);
  } catch (error) {
    if (error instanceof SolverError) {
      throw new ProblemError(error.code, error.message, { file: problem.file, line: 0, column: 0 });
    }
    throw error;
  }
}
