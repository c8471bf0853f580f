import { describe, expect, it } from "vitest";
import { SolverError } from "../../src/solver/errors.js";
import { followThrough, forwardPass } from "../../src/solver/forward.js";
import { layer, network, p2Network, p3Network } from "./_helpers.js";

describe("forwardPass", () => {
  it("p2 identity layers", () => {
    const result = forwardPass(p2Network());

    // S2 = [1, 2] · [[2, 1], [0, 1]] = [1·2 + 2·0, 1·1 + 2·1] = [2, 3]
    expect(result.preActivations[0]).toEqual([2, 3]);
    expect(result.activations[0]).toEqual([2, 3]);
    // S3 = [2, 3] · [[1, 2], [1, 2]] = [2 + 3, 4 + 6] = [5, 10]
    expect(result.preActivations[1]).toEqual([5, 10]);
    // L = ½ (5² + 10²) = 62.5
    expect(result.loss).toBe(62.5);
  });

  it("p3 relu layers", () => {
    const result = forwardPass(p3Network());

    // S2 = [1, 2] · [[2, 1], [0, -1]] = [2, 1 - 2] = [2, -1], Y2 = relu(S2) = [2, 0]
    expect(result.preActivations[0]).toEqual([2, -1]);
    expect(result.activations[0]).toEqual([2, 0]);
    // S3 = [2, 0] · [[-1, 2], [1, 2]] = [-2, 4], Y3 = [0, 4]
    expect(result.preActivations[1]).toEqual([-2, 4]);
    expect(result.activations[1]).toEqual([0, 4]);
    // L = ½ (0² + 4²) = 8
    expect(result.loss).toBe(8);
  });

  it("biases per unit and shared", () => {
    const perUnit = network([1], [layer("only", [[1, 2]], "identity", [10, 20])], "sse", [0, 0]);
    const shared = network([1], [layer("only", [[1, 2]], "identity", 10)], "sse", [0, 0]);

    // [1] · [[1, 2]] + [10, 20] = [11, 22]; with a shared bias of 10: [11, 12]
    expect(forwardPass(perUnit).preActivations[0]).toEqual([11, 22]);
    expect(forwardPass(shared).preActivations[0]).toEqual([11, 12]);
    // sse = 11² + 12² = 121 + 144 = 265
    expect(forwardPass(shared).loss).toBe(265);
  });

  it("sigmoid hidden layer", () => {
    // S = [1] · [[0, 0]] = [0, 0], so Y = [σ(0), σ(0)] = [0.5, 0.5]; then y = 0.5 + 0.5 = 1
    const net = network(
      [1],
      [layer("hidden", [[0, 0]], "sigmoid"), layer("output", [[1], [1]])],
      "half_sse",
      [0],
    );
    const result = forwardPass(net);

    expect(result.activations[0]).toEqual([0.5, 0.5]);
    expect(result.activations[1]).toEqual([1]);
    expect(result.loss).toBe(0.5);
  });

  it("softmax with cross-entropy", () => {
    // S = [0, ln 3], softmax = [1, 3] / 4, L = −ln(3/4) = ln(4/3)
    const output = layer("output", [[0, Math.log(3)]], "softmax");
    const net = network([1], [output], "cross_entropy", [0, 1]);
    const result = forwardPass(net);

    expect(result.activations[0][0]).toBeCloseTo(0.25, 15);
    expect(result.activations[0][1]).toBeCloseTo(0.75, 15);
    expect(result.loss).toBeCloseTo(Math.log(4 / 3), 15);
  });

  it("rejects mismatched weights", () => {
    const net = network([1, 2, 3], [layer("hidden", [[1], [2]])], "sse", [0]);

    const call = () => forwardPass(net);

    expect(call).toThrow(SolverError);
    expect(call).toThrow(expect.objectContaining({ code: "solver.shapeMismatch" }));
  });

  it("rejects a target of the wrong length", () => {
    const net = network([1], [layer("only", [[1, 2]])], "sse", [0]);
    const call = () => forwardPass(net);

    expect(call).toThrow(expect.objectContaining({ code: "solver.shapeMismatch" }));
  });
});

describe("followThrough", () => {
  it("p2 from a wrong S2", () => {
    // Y2 = S2 = [2, 4] (identity); S3 = [2 + 4, 4 + 8] = [6, 12]; L = ½ (36 + 144) = 90
    const result = followThrough(p2Network(), { preActivations: [[2, 4]] });

    expect(result.activations[0]).toEqual([2, 4]);
    expect(result.preActivations[1]).toEqual([6, 12]);
    expect(result.loss).toBe(90);
  });

  it("keeps a given Y over f(S)", () => {
    // The student wrote Y2 = [2, -1], forgetting the ReLU; S3 = [2, -1] · W2 = [-3, 2]
    const result = followThrough(p3Network(), { activations: [[2, -1]] });

    expect(result.preActivations[0]).toEqual([2, -1]);
    expect(result.preActivations[1]).toEqual([-3, 2]);
    expect(result.activations[1]).toEqual([0, 2]);
  });

  it("rejects a given value of the wrong length", () => {
    const call = () => followThrough(p2Network(), { preActivations: [[1, 2, 3]] });

    expect(call).toThrow(expect.objectContaining({ code: "solver.shapeMismatch" }));
  });
});
