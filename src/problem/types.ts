/** A dense matrix stored as rows of numbers. */
export type Matrix = number[][];

/** How a problem writes a layer: `row` is S = Y_prev · W (inputs × units), `column` is S = W · Y_prev. */
export type Layout = "row" | "column";

export const ACTIVATIONS = ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "softmax"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const LOSSES = ["half_sse", "sse", "mse", "cross_entropy"] as const;
export type LossName = (typeof LOSSES)[number];

export const QUESTION_KINDS = [
  "gradient",
  "bias_gradient",
  "updated_weights",
  "updated_bias",
  "pre_activation",
  "activation",
  "delta",
  "loss",
  "parameter_count",
  "mac_count",
  "flop_count",
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Question kinds answered by an integer count and compared exactly. */
export const COUNT_KINDS: readonly QuestionKind[] = ["parameter_count", "mac_count", "flop_count"];

/**
 * A layer of a concrete network, always stored in the row layout (weights are inputs × units),
 * whatever layout the problem file uses.
 */
export interface Layer {
  name: string;
  weights: Matrix;
  /** One bias per unit, one bias shared by every unit, or none. */
  bias: number[] | number | null;
  activation: ActivationName;
  /** Slope for negative inputs of `leaky_relu`. */
  alpha: number;
}

/** A network with numbers, as forward/backward problems give it. */
export interface Network {
  /** The layout the problem file was written in; answers are read and shown in it. */
  layout: Layout;
  input: number[];
  layers: Layer[];
  loss: LossName;
  target: number[];
  /** The learning rate η of `updated_weights` and `updated_bias` questions. */
  learningRate: number | null;
}

/** One layer of an architecture problem, described by size only. */
export interface ArchitectureLayer {
  name: string;
  units: number;
  activation: ActivationName;
  bias: boolean;
}

/** A network described by its layer sizes, as counting problems give it. */
export interface Architecture {
  input: number;
  layers: ArchitectureLayer[];
}

/** How many FLOPs one multiply-accumulate, one bias add and one activation cost. */
export interface FlopConvention {
  perMac: number;
  biasAdd: number;
  activation: number;
}

export const DEFAULT_FLOP_CONVENTION: FlopConvention = { perMac: 2, biasAdd: 1, activation: 0 };

/** Tolerance settings; an unset field falls back to the enclosing level (question, problem, rubric). */
export interface ToleranceSpec {
  rtol?: number;
  atol?: number;
  digits?: number;
}

/** One asked quantity of a problem. */
export interface Question {
  id: string;
  kind: QuestionKind;
  /** The layer the question is about; null for `loss` and whole-network counts. */
  layer: string | null;
  /** Other names write-ups use for the quantity ("W_1", "dL/dW_1"). */
  aliases: string[];
  /** Names the statement gives single entries, in the problem's layout; null when none. */
  cells: string[][] | null;
  /** The value the instructor wrote down, checked against the solver by `verify`. */
  expected: unknown;
  /** Line of the question in its problem file, for messages. */
  line: number;
  tolerance: ToleranceSpec;
  convention: FlopConvention;
}

/** A problem as loaded from its YAML file. */
export interface Problem {
  id: string;
  number: number;
  aliases: string[];
  title: string;
  statement: string;
  /** Path of the YAML file, as given to the loader. */
  file: string;
  network: Network | null;
  architecture: Architecture | null;
  questions: Question[];
  tolerance: ToleranceSpec;
}
