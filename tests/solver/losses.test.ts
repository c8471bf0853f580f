import { describe, expect, it } from "vitest";
import { computeLoss, lossGradient } from "../../src/solver/losses.js";

// y = [1, 3], t = [0, 1]: errors y − t = [1, 2], squared [1, 4], sum 5.
const y = [1, 3];
const t = [0, 1];

describe("computeLoss", () => {
  it.each([
    ["half_sse", 2.5], // ½ · 5
    ["sse", 5],
    ["mse", 2.5], // 5 / 2 outputs
  ] as const)("%s", (loss, expected) => {
    expect(computeLoss(loss, y, t, "identity")).toBe(expected);
  });

  it("categorical cross-entropy", () => {
    // −(0 · log 0.2 + 1 · log 0.8) = −log 0.8
    const loss = computeLoss("cross_entropy", [0.2, 0.8], [0, 1], "softmax");

    expect(loss).toBeCloseTo(-Math.log(0.8), 15);
  });

  it("binary cross-entropy after sigmoid", () => {
    // −[1 · log 0.8 + 0] − [0 + 1 · log(1 − 0.2)] = −2 log 0.8
    const loss = computeLoss("cross_entropy", [0.8, 0.2], [1, 0], "sigmoid");

    expect(loss).toBeCloseTo(-2 * Math.log(0.8), 15);
  });

  it("ignores zero targets at y = 0", () => {
    // 0 · log 0 counts as 0, so a one-hot target only looks at its own output
    expect(computeLoss("cross_entropy", [0, 1], [0, 1], "relu")).toBe(0);
  });

  it("rejects log of a non-positive output", () => {
    const call = () => computeLoss("cross_entropy", [1, 0], [0, 1], "relu");

    expect(call).toThrow(expect.objectContaining({ code: "solver.logOfNonPositive" }));
  });
});

describe("lossGradient", () => {
  it.each([
    ["half_sse", [1, 2]], // y − t
    ["sse", [2, 4]], // 2 (y − t)
    ["mse", [1, 2]], // 2 (y − t) / 2
  ] as const)("%s", (loss, expected) => {
    expect(lossGradient(loss, y, t, "identity")).toEqual(expected);
  });

  it("categorical cross-entropy", () => {
    // −t / y = [0, −1 / 0.8]
    expect(lossGradient("cross_entropy", [0.2, 0.8], [0, 1], "softmax")).toEqual([0, -1.25]);
  });

  it("binary cross-entropy after sigmoid", () => {
    // −t / y + (1 − t) / (1 − y): [−1 / 0.8, 1 / 0.8]
    expect(lossGradient("cross_entropy", [0.8, 0.2], [1, 0], "sigmoid")).toEqual([-1.25, 1.25]);
  });
});
