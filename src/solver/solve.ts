import {
  COUNT_KINDS,
  type Network,
  type Problem,
  type Question,
  type QuestionKind,
} from "../problem/types.js";
import { backwardPass, type BackwardVariant, type LayerGradient } from "./backward.js";
import { countFlops, countMacs, countParameters } from "./counts.js";
import { SolverError } from "./errors.js";
import { followThrough, forwardPass, type ForwardResult, type GivenForwardValues } from "./forward.js";
import { inLayout, subtractScaled } from "./_linalg.js";
import { workedSteps } from "./steps.js";
import type { Solution, Value } from "./types.js";

const BACKWARD_KINDS: readonly QuestionKind[] = [
  "gradient",
  "bias_gradient",
  "updated_weights",
  "updated_bias",
  "delta",
];

/** The forward pass of a problem's network and, when a question needs them, its gradients. */
export interface NetworkResults {
  network: Network;
  forward: ForwardResult;
  gradients: LayerGradient[] | null;
}

/** Finds the index of the layer a question names, or throws a coded error naming the question. */
export function layerIndex(network: Network, question: Question): number {
  if (question.layer === null) {
    throw new SolverError(
      "solver.missingLayer",
      `question "${question.id}" (line ${question.line}) asks for ${question.kind} but names no ` +
        `layer (hint: add layer: <name>)`,
    );
  }

  const index = network.layers.findIndex((layer) => layer.name === question.layer);
  if (index < 0) {
    const names = network.layers.map((layer) => `"${layer.name}"`).join(", ");
    throw new SolverError(
      "solver.unknownLayer",
      `question "${question.id}" (line ${question.line}) names layer "${question.layer}", which ` +
        `the network does not have (layers: ${names})`,
    );
  }
  return index;
}

function requireLearningRate(network: Network, question: Question): number {
  if (network.learningRate === null) {
    throw new SolverError(
      "solver.missingLearningRate",
      `question "${question.id}" (line ${question.line}) asks for ${question.kind}, which needs ` +
        `a learning rate (hint: add learning_rate to the network)`,
    );
  }
  return network.learningRate;
}

function missingBias(question: Question): SolverError {
  return new SolverError(
    "solver.missingBias",
    `question "${question.id}" (line ${question.line}) asks for ${question.kind} of layer ` +
      `"${question.layer}", which has no bias (hint: give the layer a bias or drop the question)`,
  );
}

function biasValue(bias: number[] | number): Value {
  if (typeof bias === "number") return { kind: "scalar", value: bias };
  return { kind: "vector", values: bias };
}

function answerCount(problem: Problem, question: Question): Value {
  const model = problem.network ?? problem.architecture;
  if (model === null) {
    throw new SolverError(
      "solver.missingModel",
      `question "${question.id}" (line ${question.line}) counts ${question.kind}, but problem ` +
        `"${problem.id}" has neither a network nor an architecture`,
    );
  }

  let count: bigint;
  if (question.kind === "parameter_count") count = countParameters(model, question.layer);
  else if (question.kind === "mac_count") count = countMacs(model, question.layer);
  else count = countFlops(model, question.convention, question.layer);
  return { kind: "count", value: count };
}

function answerNetworkQuestion(results: NetworkResults, question: Question): Value {
  const { network, forward, gradients } = results;
  if (question.kind === "loss") return { kind: "scalar", value: forward.loss };

  const i = layerIndex(network, question);
  const layer = network.layers[i];
  if (question.kind === "pre_activation") {
    return { kind: "vector", values: forward.preActivations[i] };
  }
  if (question.kind === "activation") return { kind: "vector", values: forward.activations[i] };

  // Every remaining kind is in BACKWARD_KINDS, so solveProblem has computed the gradients.
  const gradient = (gradients as LayerGradient[])[i];
  switch (question.kind) {
    case "delta":
      return { kind: "vector", values: gradient.delta };
    case "gradient":
      return { kind: "matrix", values: inLayout(gradient.weightGradient, network.layout) };
    case "bias_gradient":
      if (gradient.biasGradient === null) throw missingBias(question);
      return biasValue(gradient.biasGradient);
    case "updated_weights": {
      const rate = requireLearningRate(network, question);
      const updated = layer.weights.map((row, r) =>
        subtractScaled(row, rate, gradient.weightGradient[r]),
      );
      return { kind: "matrix", values: inLayout(updated, network.layout) };
    }
    case "updated_bias": {
      const rate = requireLearningRate(network, question);
      if (layer.bias === null || gradient.biasGradient === null) throw missingBias(question);
      if (typeof layer.bias === "number") {
        return { kind: "scalar", value: layer.bias - rate * (gradient.biasGradient as number) };
      }
      const updated = subtractScaled(layer.bias, rate, gradient.biasGradient as number[]);
      return { kind: "vector", values: updated };
    }
    default:
      throw new Error(`question kind ${question.kind} is not a network question`);
  }
}

function isCountKind(kind: QuestionKind): boolean {
  return COUNT_KINDS.includes(kind);
}

/** How to depart from the true solution: a student's own forward values, or a mistake. */
export interface SolveOptions {
  /** Forward values to start from, such as a student's; missing ones are computed from them. */
  given?: GivenForwardValues;
  /** A mistake applied in the backward pass. */
  variant?: BackwardVariant;
}

/**
 * Computes the answer key of a problem: one value per question, in question order, and the
 * worked steps behind them. Matrices come back in the problem's layout.
 */
export function solveProblem(problem: Problem): Solution {
  const { answers, results } = computeAnswers(problem, {});
  return { problem: problem.id, answers, steps: workedSteps(problem, results, answers) };
}

/**
 * Computes every question's value as a student would get it from their own forward values or
 * with a mistake in the backward pass, without worked steps. Used to diagnose wrong answers and
 * to give follow-through credit.
 */
export function solveWith(problem: Problem, options: SolveOptions): Map<string, Value> {
  return computeAnswers(problem, options).answers;
}

function computeAnswers(
  problem: Problem,
  options: SolveOptions,
): { answers: Map<string, Value>; results: NetworkResults | null } {
  const needsNetwork = problem.questions.some((question) => !isCountKind(question.kind));
  const needsGradients = problem.questions.some((question) =>
    BACKWARD_KINDS.includes(question.kind),
  );

  let results: NetworkResults | null = null;
  if (needsNetwork) {
    const { network } = problem;
    if (network === null) {
      const question = problem.questions.find(
        (candidate) => !isCountKind(candidate.kind),
      ) as Question;
      throw new SolverError(
        "solver.missingNetwork",
        `question "${question.id}" (line ${question.line}) asks for ${question.kind}, which ` +
          `needs a network with weights, but problem "${problem.id}" gives only an architecture`,
      );
    }
    const forward = options.given ? followThrough(network, options.given) : forwardPass(network);
    const gradients = needsGradients ? backwardPass(network, forward, options.variant) : null;
    results = { network, forward, gradients };
  }

  const answers = new Map<string, Value>();
  for (const question of problem.questions) {
    const value = isCountKind(question.kind)
      ? answerCount(problem, question)
      : answerNetworkQuestion(results as NetworkResults, question);
    answers.set(question.id, value);
  }
  return { answers, results };
}
