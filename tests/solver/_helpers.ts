import {
  DEFAULT_FLOP_CONVENTION,
  type ActivationName,
  type Architecture,
  type Layer,
  type Layout,
  type LossName,
  type Matrix,
  type Network,
  type Problem,
  type Question,
  type QuestionKind,
} from "../../src/problem/types.js";

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1), so random tests repeat exactly. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Transposes without the solver's helpers, so layout tests do not lean on the code under test. */
export function transposed(matrix: Matrix): Matrix {
  return matrix[0].map((_, j) => matrix.map((row) => row[j]));
}

/** Builds a row-layout layer, with defaults for the fields a test does not care about. */
export function layer(
  name: string,
  weights: Matrix,
  activation: ActivationName = "identity",
  bias: Layer["bias"] = null,
): Layer {
  return { name, weights, bias, activation, alpha: 0.1 };
}

export function network(
  input: number[],
  layers: Layer[],
  loss: LossName,
  target: number[],
  extra: Partial<Network> = {},
): Network {
  return { layout: "row", input, layers, loss, target, learningRate: null, ...extra };
}

export function question(
  id: string,
  kind: QuestionKind,
  layerName: string | null = null,
  extra: Partial<Question> = {},
): Question {
  return {
    id,
    kind,
    layer: layerName,
    aliases: [],
    cells: null,
    expected: undefined,
    line: 1,
    tolerance: {},
    convention: DEFAULT_FLOP_CONVENTION,
    ...extra,
  };
}

export function problem(
  questions: Question[],
  model: { network?: Network; architecture?: Architecture },
): Problem {
  return {
    id: "test-problem",
    number: 1,
    aliases: [],
    title: "test",
    statement: "",
    file: "problems/test-problem.yaml",
    network: model.network ?? null,
    architecture: model.architecture ?? null,
    questions,
    tolerance: {},
  };
}

/**
 * Problem 2 of the sample assignment: x = [1, 2], two identity layers, half_sse against [0, 0].
 * The weights are in the row layout, as the loader stores them. `layout` only sets the layout
 * of the matrices that solveProblem returns.
 */
export function p2Network(layout: Layout = "row"): Network {
  const w1 = [[2, 1], [0, 1]];
  const w2 = [[1, 2], [1, 2]];
  return network([1, 2], [layer("hidden", w1), layer("output", w2)], "half_sse", [0, 0], {
    layout,
  });
}

/** Problem 3: p2 with ReLU on both layers and other weights. */
export function p3Network(w1: Matrix = [[2, 1], [0, -1]]): Network {
  const w2 = [[-1, 2], [1, 2]];
  return network([1, 2], [layer("hidden", w1, "relu"), layer("output", w2, "relu")], "half_sse", [
    0, 0,
  ]);
}
