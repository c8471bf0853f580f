import { describe, expect, it } from "vitest";
import type {
  ActivationName,
  Layer,
  Layout,
  LossName,
  Matrix,
  Network,
} from "../../src/problem/types.js";
import { backwardPass } from "../../src/solver/backward.js";
import { forwardPass } from "../../src/solver/forward.js";
import { solveProblem } from "../../src/solver/solve.js";
import { mulberry32, problem, question, transposed } from "./_helpers.js";

const ELEMENTWISE: ActivationName[] = ["identity", "relu", "leaky_relu", "sigmoid", "tanh"];
const LOSSES: LossName[] = ["half_sse", "sse", "mse", "cross_entropy"];
const NETWORK_COUNT = 300;
const STEP = 1e-6;
// Estimate: rounding in a central difference is about 1e-16 · |L| / h ≈ 1e-10 · |L| with h = 1e-6,
// and the truncation error is about h² ≈ 1e-12, both far inside these tolerances.
const RTOL = 1e-5;
const ATOL = 1e-7;

/** A random network, with its weights both as written in `layout` and in the row layout. */
interface Case {
  layout: Layout;
  /** Weights as the problem file would write them, in `layout`. */
  problemWeights: Matrix[];
  network: Network;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

function randomTarget(
  random: () => number,
  units: number,
  output: ActivationName,
  loss: LossName,
): number[] {
  if (loss !== "cross_entropy") return Array.from({ length: units }, () => uniform(random, -1, 1));

  const oneHot = random() < 0.5;
  if (output === "softmax") {
    if (oneHot) {
      const hot = Math.floor(random() * units);
      return Array.from({ length: units }, (_, j) => (j === hot ? 1 : 0));
    }
    const weights = Array.from({ length: units }, () => uniform(random, 0.05, 1));
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / total);
  }
  // Sigmoid outputs: independent targets, either 0/1 labels or values inside (0, 1).
  return Array.from({ length: units }, () => {
    if (oneHot) return random() < 0.5 ? 0 : 1;
    return uniform(random, 0.05, 0.95);
  });
}

function toRowLayout(weights: Matrix, layout: Layout): Matrix {
  return layout === "row" ? weights : transposed(weights);
}

function buildNetwork(c: Omit<Case, "network">, template: Network): Network {
  return {
    ...template,
    layers: template.layers.map((layer, i) => ({
      ...layer,
      weights: toRowLayout(c.problemWeights[i], c.layout),
    })),
  };
}

function randomCase(random: () => number): Case {
  const layout: Layout = random() < 0.5 ? "row" : "column";
  const layerCount = 1 + Math.floor(random() * 4);
  const loss = pick(random, LOSSES);
  const inputSize = 1 + Math.floor(random() * 5);
  const input = Array.from({ length: inputSize }, () => uniform(random, -2, 2));

  const layers: Layer[] = [];
  const problemWeights: Matrix[] = [];
  let inputs = inputSize;
  for (let i = 0; i < layerCount; i++) {
    const last = i === layerCount - 1;
    let activation = pick(random, last ? [...ELEMENTWISE, "softmax" as const] : ELEMENTWISE);
    if (last && loss === "cross_entropy") activation = random() < 0.5 ? "softmax" : "sigmoid";
    // Softmax needs at least 2 units to be more than a constant 1.
    const units =
      activation === "softmax" ? 2 + Math.floor(random() * 4) : 1 + Math.floor(random() * 5);

    const rowWeights = Array.from({ length: inputs }, () =>
      Array.from({ length: units }, () => uniform(random, -1.5, 1.5)),
    );
    problemWeights.push(layout === "row" ? rowWeights : transposed(rowWeights));

    const biasKind = pick(random, ["vector", "shared", "none"] as const);
    let bias: Layer["bias"] = null;
    if (biasKind === "vector") bias = Array.from({ length: units }, () => uniform(random, -1, 1));
    if (biasKind === "shared") bias = uniform(random, -1, 1);

    const alpha = uniform(random, 0.01, 0.3);
    layers.push({ name: `layer${i + 1}`, weights: rowWeights, bias, activation, alpha });
    inputs = units;
  }

  const target = randomTarget(random, inputs, layers[layerCount - 1].activation, loss);
  const network: Network = { layout, input, layers, loss, target, learningRate: null };
  return { layout, problemWeights, network };
}

// ReLU and leaky ReLU are not differentiable at 0, so a difference quotient there means nothing.
function nearKink(network: Network): boolean {
  const { preActivations } = forwardPass(network);
  return network.layers.some(
    (layer, i) =>
      (layer.activation === "relu" || layer.activation === "leaky_relu") &&
      preActivations[i].some((s) => Math.abs(s) < 1e-3),
  );
}

function lossWithWeight(
  c: Case,
  layerIndex: number,
  r: number,
  col: number,
  delta: number,
): number {
  const weights = c.problemWeights.map((m) => m.map((row) => [...row]));
  weights[layerIndex][r][col] += delta;
  return forwardPass(buildNetwork({ layout: c.layout, problemWeights: weights }, c.network)).loss;
}

function lossWithBias(c: Case, layerIndex: number, unit: number | null, delta: number): number {
  const layers = c.network.layers.map((layer, i) => {
    if (i !== layerIndex) return layer;
    if (typeof layer.bias === "number") return { ...layer, bias: layer.bias + delta };
    const bias = [...(layer.bias as number[])];
    bias[unit as number] += delta;
    return { ...layer, bias };
  });
  return forwardPass({ ...c.network, layers }).loss;
}

function centralDifference(loss: (delta: number) => number): number {
  return (loss(STEP) - loss(-STEP)) / (2 * STEP);
}

function expectClose(analytic: number, numeric: number, where: string): void {
  const error = Math.abs(analytic - numeric);
  expect(error, `${where}: analytic ${analytic}, numeric ${numeric}`).toBeLessThanOrEqual(
    ATOL + RTOL * Math.abs(numeric),
  );
}

function randomCases(seed: number): Case[] {
  const random = mulberry32(seed);
  const cases: Case[] = [];
  while (cases.length < NETWORK_COUNT) {
    const c = randomCase(random);
    if (!nearKink(c.network)) cases.push(c);
  }
  return cases;
}

describe("gradients against finite differences", () => {
  const cases = randomCases(20240601);

  it("covers every activation, loss and bias kind", () => {
    const activations = new Set(cases.flatMap((c) => c.network.layers.map((l) => l.activation)));
    const losses = new Set(cases.map((c) => c.network.loss));
    const biasKinds = new Set(
      cases.flatMap((c) => c.network.layers.map((l) => (l.bias === null ? "none" : typeof l.bias))),
    );
    const layouts = new Set(cases.map((c) => c.layout));

    expect(activations.size).toBe(6);
    expect(losses.size).toBe(4);
    expect(biasKinds.size).toBe(3);
    expect(layouts.size).toBe(2);
  });

  it.each(cases.map((c, i) => [i, c] as const))("network %i", (_, c) => {
    const questions = c.network.layers.flatMap((layer) => [
      question(`dW-${layer.name}`, "gradient", layer.name),
      ...(layer.bias === null ? [] : [question(`db-${layer.name}`, "bias_gradient", layer.name)]),
    ]);
    const { answers } = solveProblem(problem(questions, { network: c.network }));

    c.network.layers.forEach((layer, i) => {
      // Weight gradients come back in the problem's layout, matching the problem's weights.
      const gradient = answers.get(`dW-${layer.name}`);
      if (gradient?.kind !== "matrix") throw new Error("expected a matrix answer");
      c.problemWeights[i].forEach((row, r) =>
        row.forEach((_, col) => {
          const numeric = centralDifference((d) => lossWithWeight(c, i, r, col, d));
          expectClose(gradient.values[r][col], numeric, `${layer.name} W[${r}][${col}]`);
        }),
      );

      const biasAnswer = answers.get(`db-${layer.name}`);
      if (biasAnswer?.kind === "scalar") {
        const numeric = centralDifference((d) => lossWithBias(c, i, null, d));
        expectClose(biasAnswer.value, numeric, `${layer.name} b`);
      } else if (biasAnswer?.kind === "vector") {
        biasAnswer.values.forEach((value, unit) => {
          const numeric = centralDifference((d) => lossWithBias(c, i, unit, d));
          expectClose(value, numeric, `${layer.name} b[${unit}]`);
        });
      }
    });
  });
});

describe("output delta shortcut", () => {
  // Softmax with cross-entropy (targets summing to 1) and sigmoid with binary cross-entropy both
  // give dL/dS = y − t at the output. The solver goes through the Jacobian instead, so this
  // shortcut is an independent second method.
  const cases = randomCases(7).filter((c) => c.network.loss === "cross_entropy");

  it.each(cases.map((c, i) => [i, c] as const))("cross-entropy network %i", (_, c) => {
    const forward = forwardPass(c.network);
    const gradients = backwardPass(c.network, forward);
    const last = c.network.layers.length - 1;
    const output = forward.activations[last];

    gradients[last].delta.forEach((delta, j) => {
      expectClose(delta, output[j] - c.network.target[j], `output ${j}`);
    });
  });
});
