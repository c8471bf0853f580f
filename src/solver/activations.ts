import type { ActivationName } from "../problem/types.js";

/** The part of a layer that decides its activation; a `Layer` fits it. */
export interface ActivationSpec {
  activation: ActivationName;
  /** Slope for negative inputs of `leaky_relu`; other activations ignore it. */
  alpha: number;
}

function sigmoid(s: number): number {
  // Two forms keep exp() from overflowing for large |s|.
  if (s >= 0) return 1 / (1 + Math.exp(-s));
  const e = Math.exp(s);
  return e / (1 + e);
}

function softmax(s: number[]): number[] {
  // Subtracting the maximum leaves the result unchanged and keeps exp() finite.
  const max = Math.max(...s);
  const exps = s.map((value) => Math.exp(value - max));
  const total = exps.reduce((acc, value) => acc + value, 0);
  return exps.map((value) => value / total);
}

/** Computes Y = f(S) for one layer. */
export function activate(spec: ActivationSpec, preActivation: number[]): number[] {
  switch (spec.activation) {
    case "identity":
      return [...preActivation];
    case "relu":
      return preActivation.map((s) => (s > 0 ? s : 0));
    case "leaky_relu":
      return preActivation.map((s) => (s > 0 ? s : spec.alpha * s));
    case "sigmoid":
      return preActivation.map(sigmoid);
    case "tanh":
      return preActivation.map(Math.tanh);
    case "softmax":
      return softmax(preActivation);
  }
}

/**
 * Returns f′ at one unit of an element-wise activation. ReLU and leaky ReLU read the
 * pre-activation `s`. Sigmoid and tanh read the output `y`, as y(1 − y) and 1 − y², because
 * students write them that way, so follow-through values give the derivative a student would use.
 * `reluDerivativeAtZero` is the slope taken at s = 0: 0 by convention, 1 for the common mistake
 * of treating the kink as the positive side (leaky ReLU then takes 1 instead of alpha).
 */
export function elementwiseDerivative(
  spec: ActivationSpec,
  s: number,
  y: number,
  reluDerivativeAtZero: 0 | 1 = 0,
): number {
  switch (spec.activation) {
    case "identity":
      return 1;
    case "relu":
      if (s === 0) return reluDerivativeAtZero;
      return s > 0 ? 1 : 0;
    case "leaky_relu":
      if (s === 0) return reluDerivativeAtZero === 1 ? 1 : spec.alpha;
      return s > 0 ? 1 : spec.alpha;
    case "sigmoid":
      return y * (1 - y);
    case "tanh":
      return 1 - y * y;
    case "softmax":
      throw new Error("softmax has no element-wise derivative; use backpropagateActivation");
  }
}

/**
 * Turns dL/dY of a layer into dL/dS (the layer's delta). Element-wise activations multiply by
 * f′. Softmax applies its full Jacobian, dL/dS_j = y_j · (dL/dY_j − Σ_k dL/dY_k · y_k), so
 * it is right with any loss, not only with cross-entropy.
 */
export function backpropagateActivation(
  spec: ActivationSpec,
  preActivation: number[],
  output: number[],
  outputGradient: number[],
  reluDerivativeAtZero: 0 | 1 = 0,
): number[] {
  if (spec.activation === "softmax") {
    const weighted = outputGradient.reduce((acc, g, k) => acc + g * output[k], 0);
    return output.map((y, j) => y * (outputGradient[j] - weighted));
  }
  return outputGradient.map(
    (g, j) => g * elementwiseDerivative(spec, preActivation[j], output[j], reluDerivativeAtZero),
  );
}
