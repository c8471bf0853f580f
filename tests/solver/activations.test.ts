import { describe, expect, it } from "vitest";
import { activate, backpropagateActivation } from "../../src/solver/activations.js";

describe("activate", () => {
  it.each([
    ["identity", [-2, 0, 3], [-2, 0, 3]],
    ["relu", [-2, 0, 3], [0, 0, 3]],
    ["leaky_relu", [-2, 0, 3], [-0.2, 0, 3]], // alpha 0.1
  ] as const)("%s", (activation, s, expected) => {
    const y = activate({ activation, alpha: 0.1 }, [...s]);

    y.forEach((value, j) => expect(value).toBeCloseTo(expected[j], 15));
  });

  it("sigmoid far from 0", () => {
    // σ(±800) would overflow exp() in the naive form 1 / (1 + e^{−s})
    expect(activate({ activation: "sigmoid", alpha: 0 }, [800, -800, 0])).toEqual([1, 0, 0.5]);
  });

  it("softmax of large inputs", () => {
    // Shifting by the maximum keeps exp() finite: softmax([1000, 1000]) = [0.5, 0.5]
    expect(activate({ activation: "softmax", alpha: 0 }, [1000, 1000])).toEqual([0.5, 0.5]);
  });
});

describe("backpropagateActivation", () => {
  it("relu derivative at 0", () => {
    const spec = { activation: "relu" as const, alpha: 0 };

    // relu′(0) is 0 by convention, 1 when a student takes the right-hand slope
    expect(backpropagateActivation(spec, [0, 1], [0, 1], [5, 5])).toEqual([0, 5]);
    expect(backpropagateActivation(spec, [0, 1], [0, 1], [5, 5], 1)).toEqual([5, 5]);
  });

  it("tanh uses its output", () => {
    // tanh′ = 1 − y², with y = 0.5: 0.75
    const spec = { activation: "tanh" as const, alpha: 0 };

    expect(backpropagateActivation(spec, [Math.atanh(0.5)], [0.5], [2])).toEqual([1.5]);
  });
});
