import type { FlopConvention, Problem, Question } from "../problem/types.js";
import type { BackwardVariant } from "../solver/backward.js";
import { countFlops, countMacs, countParameters } from "../solver/counts.js";
import { SolverError } from "../solver/errors.js";
import { forwardPass } from "../solver/forward.js";
import { solveWith } from "../solver/solve.js";
import type { Solution, Value } from "../solver/types.js";

/**
 * A common mistake, computed by running the solver with that mistake made: what each question's
 * value becomes, and a short explanation for the student.
 */
export interface Mistake {
  /** Stable code written to results.json as `misconception`, such as `flipped_error_sign`. */
  code: string;
  /** Explanation of what the student probably did, in one or two sentences addressed to them. */
  explanation: string;
  /** The value each affected question takes under the mistake, keyed by question id. */
  values: Map<string, Value>;
  /**
   * Questions the mistake would change in a typical problem; where one of them keeps its correct
   * value, this problem cannot reveal the mistake there. Defaults to the keys of `values`.
   */
  scope?: Set<string>;
}

/** The codes of every mistake nngrade can recognise, with a title for reports. */
export const MISTAKE_TITLES: Record<string, string> = {
  transposed: "transposed matrix",
  flipped_error_sign: "error sign flipped (t − y for y − t)",
  missing_activation_derivative: "activation derivative left out",
  relu_derivative_at_zero: "ReLU derivative at 0 taken as 1",
  dropped_half: "½ of the loss dropped",
  mean_as_sum: "mean taken as a sum",
  update_for_gradient: "updated weights given for the gradient",
  gradient_for_update: "gradient given for the updated weights",
  update_sign_flipped: "update added instead of subtracted",
  learning_rate_left_out: "learning rate left out of the update",
  wrong_layer_weights: "weights of the wrong layer used in backpropagation",
  pre_activation_as_input: "pre-activation used where the activation belongs",
  biases_left_out: "biases left out of the count",
  macs_for_flops: "multiply-accumulates given for FLOPs",
  other_flop_convention: "FLOPs counted with another convention",
  input_side_for_size: "image side (28) used for the input size (784)",
};

/**
 * Lists the mistakes that can be made on a problem, each with the values it produces. A mistake
 * that gives the same values as the correct solution for every question is left out, because no
 * answer could reveal it.
 */
export function mistakeCatalogue(problem: Problem, solution: Solution): Mistake[] {
  return possibleMistakes(problem)
    .map((mistake) => ({ ...mistake, values: changedValues(mistake.values, solution) }))
    .filter((mistake) => mistake.values.size > 0);
}

/**
 * Lists every mistake that applies to a problem with the values it gives for the questions it can
 * affect, including values that happen to equal the correct ones.
 */
export function possibleMistakes(problem: Problem): Mistake[] {
  const mistakes = problem.network ? networkMistakes(problem) : [];
  mistakes.push(...countMistakes(problem));
  return mistakes;
}

/** Returns true when two values agree to within floating-point noise. */
export function sameValue(a: Value, b: Value): boolean {
  const scale = 1e-9;
  if (a.kind === "count" || b.kind === "count") {
    return a.kind === "count" && b.kind === "count" && a.value === b.value;
  }
  const flatA = flatten(a);
  const flatB = flatten(b);
  if (flatA.length !== flatB.length) return false;
  return flatA.every((value, i) => Math.abs(value - flatB[i]!) <= scale * Math.max(1, Math.abs(value)));
}

function flatten(value: Exclude<Value, { kind: "count" }>): number[] {
  if (value.kind === "scalar") return [value.value];
  if (value.kind === "vector") return value.values;
  return value.values.flat();
}

function networkMistakes(problem: Problem): Mistake[] {
  const network = problem.network!;
  const mistakes: Mistake[] = [];
  const tryVariant = (
    code: string,
    explanation: string,
    variant: BackwardVariant,
    scope: Set<string>,
    onUpdates: UpdateExplanation | null = null,
  ): void => {
    let values: Map<string, Value>;
    try {
      values = solveWith(problem, { variant });
    } catch (error) {
      // A variant that does not apply to this network (weights of different shapes) is skipped.
      if (!(error instanceof SolverError)) throw error;
      return;
    }
    const mistake = { code, explanation, values, scope };
    mistakes.push(...(onUpdates ? splitUpdates(problem, mistake, onUpdates) : [mistake]));
  };

  // Negating the gradient makes the step W − η·(−g) = W + η·g, which is the update-sign mistake
  // whatever the numbers, so update questions get that code and an explanation true for both.
  tryVariant(
    "flipped_error_sign",
    "Every nonzero entry has the opposite sign: the derivative of the loss with respect to the output is y − t, not t − y.",
    { flipErrorSign: true },
    backwardScope(problem, () => true),
    {
      code: "update_sign_flipped",
      explanation:
        "These weights are W + η·dL/dW, a step uphill, but gradient descent steps downhill to W − η·dL/dW. Subtracting a gradient of the wrong sign (t − y in place of y − t) gives the same weights.",
    },
  );

  network.layers.forEach((layer, index) => {
    if (layer.activation === "identity") return;
    tryVariant(
      "missing_activation_derivative",
      `This is what you get when the derivative of the ${layer.activation} of layer "${layer.name}" is left out of the chain rule: δ = dL/dY ⊙ f′(S), not dL/dY.`,
      { skipActivationDerivative: new Set([index]) },
      backwardScope(problem, (layerIndex) => layerIndex <= index),
    );
  });

  const forward = forwardPass(network);
  const hasKink = network.layers.some(
    (layer, index) =>
      (layer.activation === "relu" || layer.activation === "leaky_relu") &&
      forward.preActivations[index]!.some((value) => value === 0),
  );
  if (hasKink) {
    tryVariant(
      "relu_derivative_at_zero",
      "At a pre-activation of exactly 0 the ReLU derivative is taken as 0 in this course, not 1.",
      { reluDerivativeAtZero: 1 },
      backwardScope(problem, () => true),
    );
  }

  if (network.loss === "half_sse") {
    const reason = "the ½ in L = ½Σ(t − y)² cancels the 2 from the square, so dL/dy = y − t.";
    tryVariant(
      "dropped_half",
      `Every entry is twice the right value: ${reason}`,
      { lossScale: 2 },
      backwardScope(problem, () => true),
      { code: "dropped_half", explanation: `The step is twice as long as it should be, W − 2η·dL/dW, because ${reason}` },
    );
  }
  if (network.loss === "mse" && network.target.length > 1) {
    const outputs = network.target.length;
    const reason = `the mean squared error divides by the ${outputs} outputs.`;
    tryVariant(
      "mean_as_sum",
      `Every entry is ${outputs} times the right value: ${reason}`,
      { lossScale: outputs },
      backwardScope(problem, () => true),
      { code: "mean_as_sum", explanation: `The step is ${outputs} times as long as it should be, W − ${outputs}η·dL/dW, because ${reason}` },
    );
  }

  tryVariant(
    "wrong_layer_weights",
    "The error was propagated back through the weights of the wrong layer: δ of a layer goes back through that layer's own weights, δ_prev = δ Wᵀ.",
    { wrongLayerWeights: true },
    backwardScope(problem, (layerIndex) => layerIndex < network.layers.length - 1),
  );
  tryVariant(
    "pre_activation_as_input",
    "The pre-activation S of the previous layer was used where its output Y belongs: dL/dW = Y_prevᵀ δ.",
    { usePreActivationAsInput: true },
    backwardScope(
      problem,
      (layerIndex, kind) =>
        layerIndex > 0 &&
        network.layers[layerIndex - 1]!.activation !== "identity" &&
        (kind === "gradient" || kind === "updated_weights"),
    ),
  );

  mistakes.push(...forwardMistakes(problem, forward.preActivations));
  mistakes.push(...updateMistakes(problem));
  return mistakes;
}

const BACKWARD_KINDS: readonly Question["kind"][] = ["gradient", "bias_gradient", "updated_weights", "updated_bias", "delta"];

/** The code and explanation a backward-pass mistake takes on updated weights and biases. */
interface UpdateExplanation {
  code: string;
  explanation: string;
}

/**
 * Splits a backward-pass mistake into its gradient questions and its update questions, because an
 * explanation of a gradient ("every entry is twice the right value") is false for W − η·g.
 */
function splitUpdates(problem: Problem, mistake: Mistake, onUpdates: UpdateExplanation): Mistake[] {
  const values = [...mistake.values];
  const scope = [...(mistake.scope ?? mistake.values.keys())];
  const forUpdate = (id: string): boolean => isUpdate(problem, id);

  const gradientPart: Mistake = {
    ...mistake,
    values: new Map(values.filter(([id]) => !forUpdate(id))),
    scope: new Set(scope.filter((id) => !forUpdate(id))),
  };
  const updatePart: Mistake = {
    ...onUpdates,
    values: new Map(values.filter(([id]) => forUpdate(id))),
    scope: new Set(scope.filter(forUpdate)),
  };
  return [gradientPart, updatePart];
}

/** Lists the backward-pass questions whose layer (by index) and kind pass `test`. */
function backwardScope(problem: Problem, test: (layerIndex: number, kind: Question["kind"]) => boolean): Set<string> {
  const layers = problem.network!.layers;
  const scope = new Set<string>();
  for (const question of problem.questions) {
    if (!BACKWARD_KINDS.includes(question.kind)) continue;
    const index = layers.findIndex((layer) => layer.name === question.layer);
    if (index >= 0 && test(index, question.kind)) scope.add(question.id);
  }
  return scope;
}

function forwardMistakes(problem: Problem, preActivations: number[][]): Mistake[] {
  const network = problem.network!;
  const values = new Map<string, Value>();
  for (const question of problem.questions) {
    if (question.kind !== "activation") continue;
    const index = network.layers.findIndex((layer) => layer.name === question.layer);
    if (network.layers[index]?.activation === "identity") continue;
    values.set(question.id, { kind: "vector", values: preActivations[index]! });
  }
  return [
    {
      code: "pre_activation_as_input",
      explanation: "This is the pre-activation S; the activation Y = f(S) applies the layer's activation function to it.",
      values,
    },
  ];
}

/** Mistakes that mix up a gradient and an update, computed from the correct values. */
function updateMistakes(problem: Problem): Mistake[] {
  const network = problem.network!;
  const rate = network.learningRate;
  if (rate === null) return [];
  const correct = solveWith(problem, {});

  const swaps = new Map<string, Value>();
  const noRate = new Map<string, Value>();
  for (const question of problem.questions) {
    const partner = partnerQuestion(problem, question);
    if (!partner) continue;
    const gradient = correct.get(question.kind.startsWith("updated") ? partner.id : question.id)!;
    const updated = correct.get(question.kind.startsWith("updated") ? question.id : partner.id)!;
    if (question.kind === "gradient" || question.kind === "bias_gradient") {
      swaps.set(question.id, updated);
    } else {
      swaps.set(question.id, gradient);
      // W − η·g is the update, so W − g is the update plus (η − 1)·g. The update-sign mistake,
      // W + η·g, comes with the flipped error sign, which gives the same value.
      noRate.set(question.id, combine(updated, gradient, rate - 1));
    }
  }

  return [
    {
      code: "update_for_gradient",
      explanation: "These are the updated weights W − η·dL/dW; the question asks for the gradient dL/dW itself.",
      values: new Map([...swaps].filter(([id]) => !isUpdate(problem, id))),
    },
    {
      code: "gradient_for_update",
      explanation: "This is the gradient dL/dW; the question asks for the weights after the step, W − η·dL/dW.",
      values: new Map([...swaps].filter(([id]) => isUpdate(problem, id))),
    },
    {
      code: "learning_rate_left_out",
      explanation: "The learning rate η is missing from the step: W − η·dL/dW.",
      values: noRate,
    },
  ];
}

/** Finds the gradient question for an update question of the same layer, or the reverse. */
function partnerQuestion(problem: Problem, question: Question): Question | undefined {
  const partners: Record<string, string> = {
    gradient: "updated_weights",
    updated_weights: "gradient",
    bias_gradient: "updated_bias",
    updated_bias: "bias_gradient",
  };
  const kind = partners[question.kind];
  if (!kind) return undefined;
  return problem.questions.find((other) => other.kind === kind && other.layer === question.layer);
}

function isUpdate(problem: Problem, questionId: string): boolean {
  return problem.questions.find((question) => question.id === questionId)!.kind.startsWith("updated");
}

/** Returns `base + factor · other`, entry by entry, for values of the same shape. */
function combine(base: Value, other: Value, factor: number): Value {
  if (base.kind === "scalar" && other.kind === "scalar") return { kind: "scalar", value: base.value + factor * other.value };
  if (base.kind === "vector" && other.kind === "vector") {
    return { kind: "vector", values: base.values.map((value, i) => value + factor * other.values[i]!) };
  }
  if (base.kind === "matrix" && other.kind === "matrix") {
    return { kind: "matrix", values: base.values.map((row, i) => row.map((value, j) => value + factor * other.values[i]![j]!)) };
  }
  return base;
}

function countMistakes(problem: Problem): Mistake[] {
  const model = problem.architecture ?? problem.network;
  const countQuestions = problem.questions.filter((question) => question.kind.endsWith("_count"));
  if (!model || countQuestions.length === 0) return [];

  const noBias = new Map<string, Value>();
  const macs = new Map<string, Value>();
  const otherConventions: Map<string, Value>[] = [];
  const sideForSize = new Map<string, Value>();
  // Leaving out the bias adds, or counting MACs alone, are mistakes of their own above.
  // The last is each bias addition counted as a multiply-add, which gives twice the parameters.
  const alternatives: FlopConvention[] = [
    { perMac: 1, biasAdd: 1, activation: 0 },
    { perMac: 2, biasAdd: 1, activation: 1 },
    { perMac: 2, biasAdd: 2, activation: 0 },
  ];
  alternatives.forEach(() => otherConventions.push(new Map()));

  // An input of 784 = 28·28 read as 28: the side of the image instead of its pixel count.
  const side = problem.architecture ? Math.round(Math.sqrt(problem.architecture.input)) : 0;
  const squareInput = problem.architecture !== null && side > 1 && side * side === problem.architecture.input;
  const sideModel = squareInput ? { ...problem.architecture!, input: side } : null;

  for (const question of countQuestions) {
    const count = (kind: Question["kind"], convention: FlopConvention, target = model): bigint => {
      if (kind === "parameter_count") return countParameters(target, question.layer);
      if (kind === "mac_count") return countMacs(target, question.layer);
      return countFlops(target, convention, question.layer);
    };

    if (question.kind === "parameter_count") {
      noBias.set(question.id, { kind: "count", value: countMacs(model, question.layer) });
    }
    if (question.kind === "flop_count") {
      const withoutBias = { ...question.convention, biasAdd: 0 };
      noBias.set(question.id, { kind: "count", value: countFlops(model, withoutBias, question.layer) });
      macs.set(question.id, { kind: "count", value: countMacs(model, question.layer) });
      alternatives.forEach((convention, index) => {
        otherConventions[index]!.set(question.id, { kind: "count", value: count(question.kind, convention) });
      });
    }
    if (sideModel) sideForSize.set(question.id, { kind: "count", value: count(question.kind, question.convention, sideModel) });
  }

  const mistakes: Mistake[] = [
    {
      code: "biases_left_out",
      explanation: "The biases are missing from this count: each unit with a bias adds one parameter and one addition.",
      values: noBias,
    },
    {
      code: "macs_for_flops",
      explanation: "This is the number of multiply-accumulates; each one is a multiplication and an addition, 2 FLOPs.",
      values: macs,
    },
    ...otherConventions.map((values) => ({
      code: "other_flop_convention",
      explanation: "This count follows another FLOP convention than the problem states; reread how it counts a multiply-accumulate, a bias addition and an activation.",
      values,
    })),
  ];
  if (sideModel) {
    mistakes.push({
      code: "input_side_for_size",
      explanation: `The input has ${problem.architecture!.input} values (${side}×${side} pixels flattened), not ${side}.`,
      values: sideForSize,
    });
  }
  return mistakes;
}

/** Keeps only the questions whose value under the mistake differs from the correct one. */
function changedValues(values: Map<string, Value>, solution: Solution): Map<string, Value> {
  const changed = new Map<string, Value>();
  for (const [question, value] of values) {
    const correct = solution.answers.get(question);
    if (correct && !sameValue(correct, value)) changed.set(question, value);
  }
  return changed;
}
