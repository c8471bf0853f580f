/** Stable codes of the requests the solver rejects. */
export type SolverErrorCode =
  | "solver.missingNetwork"
  | "solver.missingModel"
  | "solver.missingLayer"
  | "solver.unknownLayer"
  | "solver.missingBias"
  | "solver.missingLearningRate"
  | "solver.shapeMismatch"
  | "solver.invalidSize"
  | "solver.nonIntegerConvention"
  | "solver.logOfNonPositive"
  | "solver.variantNotApplicable";

/**
 * A request the solver cannot answer, such as an update question on a network without a
 * learning rate. Callers branch on `code`; the message names the layer or question and a fix.
 */
export class SolverError extends Error {
  readonly code: SolverErrorCode;

  constructor(code: SolverErrorCode, message: string) {
    super(message);
    this.name = "SolverError";
    this.code = code;
  }
}
