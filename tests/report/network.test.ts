import { describe, expect, it } from "vitest";

import type { Network } from "../../src/problem/types.js";
import { renderNetwork } from "../../src/report/network.js";
import { linearProblem } from "./_fixtures.js";

function texts(markup: string, className: string): string[] {
  return [...markup.matchAll(new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, "g"))].map((match) => match[1]);
}

const reluNetwork: Network = {
  layout: "row",
  input: [1, 2],
  layers: [
    { name: "hidden", weights: [[2, 1], [0, -1]], bias: [0.5, -0.25], activation: "relu", alpha: 0 },
    { name: "output", weights: [[-1], [2]], bias: 1, activation: "identity", alpha: 0 },
  ],
  loss: "half_sse",
  target: [0],
  learningRate: null,
};

describe("renderNetwork", () => {
  // By hand: S1 = [1, 2]·[[2, 1], [0, −1]] + [0.5, −0.25] = [2.5, −1.25], Y1 = relu = [2.5, 0];
  // S2 = 2.5·(−1) + 0·2 + 1 = −1.5, Y2 = −1.5.
  const forward = { preActivations: [[2.5, -1.25], [-1.5]], activations: [[2.5, 0], [-1.5]] };
  const markup = renderNetwork(reluNetwork, forward).markup;

  it("draws one shape per unit", () => {
    // The output value −1.5 is too wide for a circle on narrow screens, so its unit is a pill.
    expect(markup.match(/<circle /g)).toHaveLength(2 + 2);
    expect(markup.match(/<rect class="unit-pill" /g)).toHaveLength(1);
  });

  it("labels every weight", () => {
    // Row layout: W[i][j] from input i to unit j, listed source by source.
    expect(texts(markup, "weight")).toEqual(["2", "1", "0", "−1", "−1", "2"]);
    expect(markup).toContain("<title>hidden: W[2][2] = -1</title>");
  });

  it("shows activations inside units", () => {
    expect(texts(markup, "unit-value")).toEqual(["1", "2", "2.5", "0", "−1.5"]);
  });

  it("shows S only past a non-identity", () => {
    expect(texts(markup, "unit-note")).toEqual(["S = 2.5", "b = 0.5", "S = −1.25", "b = −0.25", "b = 1"]);
  });

  it("shows the target", () => {
    expect(texts(markup, "target")).toEqual(["t = 0"]);
  });

  it("names column-layout entries as written", () => {
    const column = renderNetwork({ ...reluNetwork, layout: "column" }, forward).markup;
    // In the column layout the same weight is row 1 (unit), column 2 (input) of the matrix.
    expect(column).toContain("<title>hidden: W[1][2] = 0</title>");
  });

  it("draws weights only without forward values", () => {
    const plain = renderNetwork(linearProblem.network!, undefined).markup;
    expect(texts(plain, "unit-value")).toEqual(["1", "2"]);
    expect(texts(plain, "weight")).toHaveLength(8);
  });

  it("rounds a unit's tooltip to six digits", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    const noisy = { preActivations: [[0.1 + 0.2, -1.25], [-1.5]], activations: [[0.1 + 0.2, 0], [-1.5]] };
    const titled = renderNetwork(reluNetwork, noisy).markup;

    expect(titled).toContain("<title>hidden unit 1: Y = 0.3, S = 0.3</title>");
  });

  it("keeps circles for short values", () => {
    const plain = renderNetwork(linearProblem.network!, undefined).markup;
    expect(plain.match(/<circle /g)).toHaveLength(2 + 2 + 2);
    expect(plain).not.toContain("unit-pill");
  });

  it("skips a layer wider than eight", () => {
    const wide: Network = { ...reluNetwork, input: new Array(9).fill(1), layers: [{ ...reluNetwork.layers[0], weights: new Array(9).fill([1, 1]) }] };
    expect(renderNetwork(wide, undefined).markup).toBe("");
  });
});

describe("renderNetwork with long values", () => {
  // A column-layout tanh layer and a linear output, as in a homework problem. By hand:
  // S2 = [[0.5, −0.5], [1, 0.25]] · [1, −1] + [0, 0.5] = [1, 1.25], Y2 = tanh(S2) = [0.761594, 0.848284],
  // y3 = [1, −1] · Y2 = −0.086690, drawn as "0.762", "0.848" and "−0.0867".
  const tanhNetwork: Network = {
    layout: "column",
    input: [1, -1],
    layers: [
      { name: "hidden", weights: [[0.5, 1], [-0.5, 0.25]], bias: [0, 0.5], activation: "tanh", alpha: 0 },
      { name: "output", weights: [[1], [-1]], bias: null, activation: "identity", alpha: 0 },
    ],
    loss: "mse",
    target: [0.5],
    learningRate: null,
  };
  const forward = { preActivations: [[1, 1.25], [-0.08669]], activations: [[0.761594, 0.848284], [-0.08669]] };
  const markup = renderNetwork(tanhNetwork, forward).markup;

  it("widens a column for its longest value", () => {
    // Estimated widths at 15 units per em: "0.762" is 4 × 0.7 + 0.4 = 3.2 em = 48, so half a unit
    // is 48 / 2 + 4 = 28. "−0.0867" is 0.84 + 5 × 0.7 + 0.4 = 4.74 em = 71.1, so 36 + 4 = 40.
    const pills = [...markup.matchAll(/<rect class="unit-pill" x="([^"]*)" y="[^"]*" width="([^"]*)"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    // Centres: input at 40 + 22 = 62, hidden at 62 + 190 = 252, output at 252 + 190 = 442.
    expect(pills).toEqual([
      [252 - 28, 56],
      [252 - 28, 56],
      [442 - 40, 80],
    ]);
  });

  it("keeps short inputs in circles", () => {
    expect(markup.match(/<circle /g)).toHaveLength(2);
  });

  it("moves the target past a pill", () => {
    // The output unit's side is at 442 + 40 = 482, and the target 8 beyond it.
    expect(markup).toContain('<text class="target" x="490" y=');
  });

  it("widens the drawing for a pill", () => {
    // 442 + 40 for the output unit, 40 of margin and 72 for the target.
    expect(markup).toContain('viewBox="0 0 594 ');
  });
});
