import type { Matrix, Network } from "../problem/types.js";
import { backpropagateActivation } from "./activations.js";
import { SolverError } from "./errors.js";
import {
  checkNetworkShapes,
  followThrough,
  type ForwardResult,
  type ForwardValues,
  type GivenForwardValues,
} from "./forward.js";
import { multiplyVectorTransposed, outer, sum, withoutNegativeZero } from "./_linalg.js";
import { lossGradient } from "./losses.js";

/**
 * Mistakes a student can make in backpropagation. Every field is optional and its default is
 * the correct math, so `{}` gives the true gradients.
 */
export interface BackwardVariant {
  /** Use t − y where y − t belongs, which negates every gradient. */
  flipErrorSign?: boolean;
  /** Layer indexes whose activation derivative is left out (delta = dL/dY). */
  skipActivationDerivative?: ReadonlySet<number>;
  /** The ReLU slope taken at a pre-activation of exactly 0; the correct value is 0. */
  reluDerivativeAtZero?: 0 | 1;
  /**
   * A factor on dL/dY at the output: 2 when the ½ of half_sse is dropped, or the number of
   * outputs when mse is summed instead of averaged.
   */
  lossScale?: number;
  /** Use the previous layer's S instead of its Y as the input in dL/dW. */
  usePreActivationAsInput?: boolean;
  /**
   * Propagate a delta back through the weights of the layer below instead of its own, which
   * only has a meaning when both matrices have the same shape.
   */
  wrongLayerWeights?: boolean;
}

/** The gradients of one layer; matrices are in the row layout (inputs × units). */
export interface LayerGradient {
  /** dL/dY of the layer's output. */
  outputGradient: number[];
  /** dL/dS, the layer's delta. */
  delta: number[];
  weightGradient: Matrix;
  /** A vector for per-unit biases, the sum of the delta for a shared bias, null without bias. */
  biasGradient: number[] | number | null;
}

function checkForwardShapes(network: Network, forward: ForwardValues): void {
  checkNetworkShapes(network);
  network.layers.forEach((layer, i) => {
    const units = layer.weights[0].length;
    const s = forward.preActivations[i];
    const y = forward.activations[i];
    if (s?.length !== units || y?.length !== units) {
      throw new SolverError(
        "solver.shapeMismatch",
        `the forward values of layer "${layer.name}" need ${units} entries in S and in Y ` +
          `(hint: pass one S and one Y per layer, or use backwardFrom to fill in missing ones)`,
      );
    }
  });
}

// The matrix that carries the delta of layer `index` back to the layer below it.
function backpropagationWeights(network: Network, index: number, variant: BackwardVariant): Matrix {
  const own = network.layers[index].weights;
  if (!variant.wrongLayerWeights) return own;

  const below = network.layers[index - 1];
  const sameShape =
    below.weights.length === own.length && below.weights[0].length === own[0].length;
  if (!sameShape) {
    throw new SolverError(
      "solver.variantNotApplicable",
      `wrongLayerWeights needs layers "${below.name}" and "${network.layers[index].name}" ` +
        `to have weights of the same shape`,
    );
  }
  return below.weights;
}

/**
 * Backpropagates through `network` from the forward values given, which may be a student's own,
 * and returns the gradients of every layer in layer order. It runs the chain rule on whatever
 * values it gets, without checking that they are consistent with each other.
 */
export function backwardPass(
  network: Network,
  forward: ForwardValues,
  variant: BackwardVariant = {},
): LayerGradient[] {
  const { layers } = network;
  const last = layers.length - 1;
  const reluDerivativeAtZero = variant.reluDerivativeAtZero ?? 0;
  const gradients: LayerGradient[] = new Array(layers.length);
  checkForwardShapes(network, forward);

  // dL/dY at the output, with the sign and scale mistakes applied once here.
  const scale = (variant.lossScale ?? 1) * (variant.flipErrorSign ? -1 : 1);
  const outputs = forward.activations[last];
  let outputGradient = lossGradient(network.loss, outputs, network.target, layers[last].activation)
    .map((g) => g * scale);

  for (let i = last; i >= 0; i--) {
    const layer = layers[i];
    const delta = variant.skipActivationDerivative?.has(i)
      ? [...outputGradient]
      : backpropagateActivation(
          layer,
          forward.preActivations[i],
          forward.activations[i],
          outputGradient,
          reluDerivativeAtZero,
        );

    let input = network.input;
    if (i > 0 && variant.usePreActivationAsInput) input = forward.preActivations[i - 1];
    else if (i > 0) input = forward.activations[i - 1];

    withoutNegativeZero(outputGradient);
    withoutNegativeZero(delta);
    const weightGradient = outer(input, delta).map(withoutNegativeZero);

    let biasGradient: number[] | number | null = null;
    if (Array.isArray(layer.bias)) biasGradient = [...delta];
    else if (typeof layer.bias === "number") biasGradient = sum(delta);

    gradients[i] = { outputGradient, delta, weightGradient, biasGradient };

    if (i > 0) {
      const weights = backpropagationWeights(network, i, variant);
      outputGradient = multiplyVectorTransposed(delta, weights);
    }
  }

  return gradients;
}

/**
 * Completes the given forward values by follow-through (see `followThrough`) and backpropagates
 * from them, so a grader can credit gradients that are right for a student's own forward pass.
 */
export function backwardFrom(
  network: Network,
  given: GivenForwardValues,
  variant: BackwardVariant = {},
): { forward: ForwardResult; layers: LayerGradient[] } {
  const forward = followThrough(network, given);
  return { forward, layers: backwardPass(network, forward, variant) };
}
