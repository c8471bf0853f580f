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

  it("draws one circle per unit", () => {
    expect(markup.match(/<circle /g)).toHaveLength(2 + 2 + 1);
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

  it("skips a layer wider than eight", () => {
    const wide: Network = { ...reluNetwork, input: new Array(9).fill(1), layers: [{ ...reluNetwork.layers[0], weights: new Array(9).fill([1, 1]) }] };
    expect(renderNetwork(wide, undefined).markup).toBe("");
  });
});
