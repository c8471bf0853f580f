import type { ActivationName, LossName } from "../problem/types.js";
import { SolverError } from "./errors.js";
import { withoutNegativeZero } from "./_linalg.js";

/**
 * Tells which cross-entropy a network uses. After sigmoid outputs it is the binary form summed
 * over the outputs, −Σ [t log y + (1 − t) log(1 − y)]. After any other output activation it is
 * the categorical form −Σ t log y: softmax, but also identity or ReLU when a problem uses
 * them, in which case every output with t ≠ 0 must be positive.
 */
export function isBinaryCrossEntropy(loss: LossName, outputActivation: ActivationName): boolean {
  return loss === "cross_entropy" && outputActivation === "sigmoid";
}

// t · log(y) with 0 · log(0) taken as 0, so one-hot targets ignore the other outputs.
function targetTimesLog(t: number, y: number, index: number, quantity: string): number {
  if (t === 0) return 0;
  if (!(y > 0)) {
    throw new SolverError(
      "solver.logOfNonPositive",
      `cross-entropy needs log(${quantity}) of output ${index + 1}, but ${quantity} = ${y} ` +
        `is not positive (hint: use softmax or sigmoid outputs, or a target of 0 for that output)`,
    );
  }
  return t * Math.log(y);
}

/** Computes the loss of the network's output against the target. */
export function computeLoss(
  loss: LossName,
  output: number[],
  target: number[],
  outputActivation: ActivationName,
): number {
  let total = 0;
  for (let j = 0; j < output.length; j++) {
    const y = output[j];
    const t = target[j];
    switch (loss) {
      case "half_sse":
        total += 0.5 * (t - y) ** 2;
        break;
      case "sse":
        total += (t - y) ** 2;
        break;
      case "mse":
        total += (t - y) ** 2 / output.length;
        break;
      case "cross_entropy":
        total -= targetTimesLog(t, y, j, "y");
        if (isBinaryCrossEntropy(loss, outputActivation)) {
          total -= targetTimesLog(1 - t, 1 - y, j, "1 − y");
        }
        break;
    }
  }
  return total;
}

// t / y with 0 / y taken as 0, matching targetTimesLog.
function targetOver(t: number, y: number, index: number, quantity: string): number {
  if (t === 0) return 0;
  if (!(y > 0)) {
    throw new SolverError(
      "solver.logOfNonPositive",
      `the cross-entropy gradient divides by ${quantity} of output ${index + 1}, but ` +
        `${quantity} = ${y} is not positive (hint: use softmax or sigmoid outputs)`,
    );
  }
  return t / y;
}

/** Computes dL/dY, the gradient of the loss with respect to each network output. */
export function lossGradient(
  loss: LossName,
  output: number[],
  target: number[],
  outputActivation: ActivationName,
): number[] {
  const gradient = output.map((y, j) => {
    const t = target[j];
    switch (loss) {
      case "half_sse":
        return y - t;
      case "sse":
        return 2 * (y - t);
      case "mse":
        return (2 * (y - t)) / output.length;
      case "cross_entropy": {
        const categorical = -targetOver(t, y, j, "y");
        if (!isBinaryCrossEntropy(loss, outputActivation)) return categorical;
        return categorical + targetOver(1 - t, 1 - y, j, "1 − y");
      }
    }
  });
  return withoutNegativeZero(gradient);
}
