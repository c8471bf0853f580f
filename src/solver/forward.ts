import type { Layer, Network } from "../problem/types.js";
import { activate } from "./activations.js";
import { SolverError } from "./errors.js";
import { isRectangular, multiplyVectorMatrix } from "./_linalg.js";
import { computeLoss } from "./losses.js";

/** S and Y of every layer, index i for `network.layers[i]`; the input is not included. */
export interface ForwardValues {
  preActivations: number[][];
  activations: number[][];
}

/** A forward pass: S and Y of every layer and the loss of the last Y against the target. */
export interface ForwardResult extends ForwardValues {
  loss: number;
}

/**
 * Forward values someone else computed, such as a student; null or missing entries are
 * unknown and get computed from the values before them.
 */
export interface GivenForwardValues {
  preActivations?: (number[] | null | undefined)[];
  activations?: (number[] | null | undefined)[];
}

function shapeError(message: string): SolverError {
  return new SolverError("solver.shapeMismatch", message);
}

/**
 * Throws `solver.shapeMismatch` unless every matrix, bias and the target fit the layer sizes.
 * The weights are in the row layout (inputs × units), whatever the problem's layout is.
 */
export function checkNetworkShapes(network: Network): void {
  if (network.layers.length === 0) throw shapeError("the network has no layers");

  let inputs = network.input.length;
  let previous = "the input";

  for (const layer of network.layers) {
    const { weights } = layer;
    if (weights.length === 0 || weights[0].length === 0 || !isRectangular(weights)) {
      throw shapeError(
        `layer "${layer.name}" has empty or ragged weights (hint: every row needs the same length)`,
      );
    }
    if (weights.length !== inputs) {
      throw shapeError(
        `layer "${layer.name}" has weights with ${weights.length} inputs but ${previous} has ` +
          `${inputs} values (hint: in the row layout weights are inputs × units)`,
      );
    }
    const units = weights[0].length;
    if (Array.isArray(layer.bias) && layer.bias.length !== units) {
      throw shapeError(`layer "${layer.name}" has ${units} units but ${layer.bias.length} biases`);
    }
    inputs = units;
    previous = `layer "${layer.name}"`;
  }

  if (network.target.length !== inputs) {
    throw shapeError(
      `the target has ${network.target.length} values but the output layer has ${inputs} units`,
    );
  }
}

/** Computes S = Y_prev · W + b for one layer in the row layout. */
export function computePreActivation(layer: Layer, previousOutput: number[]): number[] {
  const product = multiplyVectorMatrix(previousOutput, layer.weights);
  const { bias } = layer;
  if (bias === null) return product;
  if (typeof bias === "number") return product.map((s) => s + bias);
  return product.map((s, j) => s + bias[j]);
}

function checkGivenLength(
  values: number[],
  units: number,
  quantity: string,
  layer: Layer,
): number[] {
  if (values.length !== units) {
    throw shapeError(
      `the given ${quantity} of layer "${layer.name}" has ${values.length} values, ` +
        `expected ${units}`,
    );
  }
  return values;
}

/**
 * Completes a forward pass from the values given, so that later quantities follow through from
 * earlier (possibly wrong) ones: a missing S comes from the previous Y, a missing Y from this S,
 * and the loss from the last Y. With nothing given it is the exact forward pass.
 */
export function followThrough(network: Network, given: GivenForwardValues): ForwardResult {
  checkNetworkShapes(network);

  const preActivations: number[][] = [];
  const activations: number[][] = [];
  let previousOutput = network.input;

  network.layers.forEach((layer, i) => {
    const units = layer.weights[0].length;
    const givenS = given.preActivations?.[i];
    const givenY = given.activations?.[i];
    const s = givenS
      ? checkGivenLength(givenS, units, "pre-activation", layer)
      : computePreActivation(layer, previousOutput);
    const y = givenY ? checkGivenLength(givenY, units, "activation", layer) : activate(layer, s);
    preActivations.push(s);
    activations.push(y);
    previousOutput = y;
  });

  const outputLayer = network.layers[network.layers.length - 1];
  const loss = computeLoss(network.loss, previousOutput, network.target, outputLayer.activation);
  return { preActivations, activations, loss };
}

/** Runs the network on its input and returns S and Y of every layer and the loss. */
export function forwardPass(network: Network): ForwardResult {
  return followThrough(network, {});
}
