import { describe, expect, it } from "vitest";
import { backwardFrom, backwardPass } from "../../src/solver/backward.js";
import { forwardPass } from "../../src/solver/forward.js";
import type { Network } from "../../src/problem/types.js";
import { layer, network, p2Network, p3Network } from "./_helpers.js";

function gradients(net: Network, variant = {}) {
  return backwardPass(net, forwardPass(net), variant);
}

describe("backwardPass", () => {
  it("p2 identity layers", () => {
    const [hidden, output] = gradients(p2Network());

    // δ3 = Y3 − T = [5, 10]
    expect(output.delta).toEqual([5, 10]);
    // dW2 = Y2ᵀ δ3 = [2, 3]ᵀ [5, 10] = [[10, 20], [15, 30]]
    expect(output.weightGradient).toEqual([[10, 20], [15, 30]]);
    // δ2 = δ3 · W2ᵀ = [5·1 + 10·2, 5·1 + 10·2] = [25, 25]
    expect(hidden.delta).toEqual([25, 25]);
    // dW1 = xᵀ δ2 = [1, 2]ᵀ [25, 25] = [[25, 25], [50, 50]]
    expect(hidden.weightGradient).toEqual([[25, 25], [50, 50]]);
  });

  it("p3 relu layers", () => {
    const [hidden, output] = gradients(p3Network());

    // dL/dY3 = Y3 − T = [0, 4]; relu′(S3 = [-2, 4]) = [0, 1]; δ3 = [0, 4]
    expect(output.delta).toEqual([0, 4]);
    // dW2 = Y2ᵀ δ3 = [2, 0]ᵀ [0, 4] = [[0, 8], [0, 0]]
    expect(output.weightGradient).toEqual([[0, 8], [0, 0]]);
    // dL/dY2 = δ3 · W2ᵀ = [0·(-1) + 4·2, 0·1 + 4·2] = [8, 8]; relu′(S2 = [2, -1]) = [1, 0]
    expect(hidden.outputGradient).toEqual([8, 8]);
    expect(hidden.delta).toEqual([8, 0]);
    // dW1 = [1, 2]ᵀ [8, 0] = [[8, 0], [16, 0]]
    expect(hidden.weightGradient).toEqual([[8, 0], [16, 0]]);
  });

  it("bias gradients per unit, shared and none", () => {
    const perUnit = network([1], [layer("only", [[1, 2]], "identity", [0, 0])], "half_sse", [0, 0]);
    const shared = network([1], [layer("only", [[1, 2]], "identity", 0)], "half_sse", [0, 0]);
    const none = network([1], [layer("only", [[1, 2]])], "half_sse", [0, 0]);

    // δ = Y − T = [1, 2]; a shared bias collects 1 + 2 = 3
    expect(gradients(perUnit)[0].biasGradient).toEqual([1, 2]);
    expect(gradients(shared)[0].biasGradient).toBe(3);
    expect(gradients(none)[0].biasGradient).toBeNull();
  });

  it("sigmoid hidden layer", () => {
    const net = network(
      [1],
      [layer("hidden", [[0, 0]], "sigmoid"), layer("output", [[1], [1]])],
      "half_sse",
      [0],
    );
    const [hidden, output] = gradients(net);

    // Y1 = [0.5, 0.5], y = 1, δ2 = y − t = 1, dW2 = [[0.5], [0.5]]
    expect(output.weightGradient).toEqual([[0.5], [0.5]]);
    // dL/dY1 = [1, 1]; σ′ = 0.5 · (1 − 0.5) = 0.25; δ1 = [0.25, 0.25]; dW1 = [1]ᵀ δ1
    expect(hidden.delta).toEqual([0.25, 0.25]);
    expect(hidden.weightGradient).toEqual([[0.25, 0.25]]);
  });

  it("sigmoid with binary cross-entropy", () => {
    // S = 2 · 0 = 0, y = 0.5, t = 1: dL/dy = −1/0.5 = −2, σ′ = 0.25, δ = −0.5 = y − t
    const net = network([2], [layer("only", [[0]], "sigmoid")], "cross_entropy", [1]);
    const [only] = gradients(net);

    expect(only.outputGradient).toEqual([-2]);
    expect(only.delta).toEqual([-0.5]);
    expect(only.weightGradient).toEqual([[-1]]);
  });

  it("softmax with cross-entropy", () => {
    // y = [1/4, 3/4], t = [0, 1]: dL/dy = [0, −4/3]; Σ g·y = −1;
    // δ = y ⊙ (g + 1) = [1/4, 3/4 · (−1/3)] = [1/4, −1/4], which is y − t
    const softmaxLayer = layer("output", [[0, Math.log(3)]], "softmax");
    const net = network([1], [softmaxLayer], "cross_entropy", [0, 1]);
    const [output] = gradients(net);

    expect(output.delta[0]).toBeCloseTo(0.25, 15);
    expect(output.delta[1]).toBeCloseTo(-0.25, 15);
    expect(output.weightGradient[0][0]).toBeCloseTo(0.25, 15);
  });

  it("softmax with half_sse", () => {
    // y = [1/4, 3/4], t = [1, 0]: g = y − t = [−3/4, 3/4]; Σ g·y = −3/16 + 9/16 = 3/8;
    // δ = [1/4 · (−3/4 − 3/8), 3/4 · (3/4 − 3/8)] = [−9/32, 9/32]
    const net = network([1], [layer("output", [[0, Math.log(3)]], "softmax")], "half_sse", [1, 0]);
    const [output] = gradients(net);

    expect(output.delta[0]).toBeCloseTo(-9 / 32, 15);
    expect(output.delta[1]).toBeCloseTo(9 / 32, 15);
  });

  it("rejects forward values of the wrong shape", () => {
    const forward = { preActivations: [[2, 3]], activations: [[2, 3]] };
    const call = () => backwardPass(p2Network(), forward);

    expect(call).toThrow(expect.objectContaining({ code: "solver.shapeMismatch" }));
  });
});

describe("backwardPass variants", () => {
  it("flipErrorSign negates p2", () => {
    const [hidden, output] = gradients(p2Network(), { flipErrorSign: true });

    // δ3 = T − Y3 = [−5, −10], so every gradient changes sign
    expect(output.weightGradient).toEqual([[-10, -20], [-15, -30]]);
    expect(hidden.weightGradient).toEqual([[-25, -25], [-50, -50]]);
  });

  it("lossScale 2 doubles p2", () => {
    const [hidden, output] = gradients(p2Network(), { lossScale: 2 });

    // Dropping the ½ of half_sse: δ3 = 2 (Y3 − T) = [10, 20]
    expect(output.weightGradient).toEqual([[20, 40], [30, 60]]);
    expect(hidden.weightGradient).toEqual([[50, 50], [100, 100]]);
  });

  it("skipActivationDerivative keeps p3 hidden", () => {
    const [hidden, output] = gradients(p3Network(), { skipActivationDerivative: new Set([0]) });

    // δ2 = dL/dY2 = [8, 8] without relu′, so dW1 = [1, 2]ᵀ [8, 8]
    expect(hidden.weightGradient).toEqual([[8, 8], [16, 16]]);
    expect(output.weightGradient).toEqual([[0, 8], [0, 0]]);
  });

  it("skipActivationDerivative at output", () => {
    // Make S3 negative where Y3 − T is not zero: target [1, 0] gives dL/dY3 = [−1, 4];
    // correct δ3 = [0, 4], skipped δ3 = [−1, 4]
    const net = p3Network();
    net.target = [1, 0];

    expect(gradients(net)[1].delta).toEqual([0, 4]);
    expect(gradients(net, { skipActivationDerivative: new Set([1]) })[1].delta).toEqual([-1, 4]);
  });

  it("reluDerivativeAtZero 1 at a kink", () => {
    // W1 = [[2, 1], [0, -0.5]] gives S2 = [2, 1 − 1] = [2, 0];
    // Y2, S3 and dL/dY2 = [8, 8] are as in p3
    const net = p3Network([[2, 1], [0, -0.5]]);

    // relu′(0) = 0: δ2 = [8, 0]; relu′(0) = 1: δ2 = [8, 8]
    expect(gradients(net)[0].weightGradient).toEqual([[8, 0], [16, 0]]);
    const mistaken = gradients(net, { reluDerivativeAtZero: 1 });
    expect(mistaken[0].weightGradient).toEqual([[8, 8], [16, 16]]);
  });

  it("usePreActivationAsInput in p3", () => {
    const [, output] = gradients(p3Network(), { usePreActivationAsInput: true });

    // dW2 = S2ᵀ δ3 = [2, -1]ᵀ [0, 4] = [[0, 8], [0, -4]] instead of Y2ᵀ δ3 = [[0, 8], [0, 0]]
    expect(output.weightGradient).toEqual([[0, 8], [0, -4]]);
  });

  it("wrongLayerWeights in p2", () => {
    const [hidden, output] = gradients(p2Network(), { wrongLayerWeights: true });

    // dL/dY2 = δ3 · W1ᵀ = [5·2 + 10·1, 5·0 + 10·1] = [20, 10]; dW1 = [1, 2]ᵀ [20, 10]
    expect(hidden.weightGradient).toEqual([[20, 10], [40, 20]]);
    expect(output.weightGradient).toEqual([[10, 20], [15, 30]]);
  });

  it("wrongLayerWeights needs equal shapes", () => {
    const net = network([1], [layer("hidden", [[1, 1]]), layer("output", [[1], [1]])], "sse", [0]);

    expect(() => gradients(net, { wrongLayerWeights: true })).toThrow(
      expect.objectContaining({ code: "solver.variantNotApplicable" }),
    );
  });
});

describe("backwardFrom", () => {
  it("p2 from a wrong S2", () => {
    const { forward, layers } = backwardFrom(p2Network(), { preActivations: [[2, 4]] });

    // Y2 = [2, 4], S3 = [6, 12] = δ3; dW2 = [2, 4]ᵀ [6, 12]
    expect(forward.loss).toBe(90);
    expect(layers[1].weightGradient).toEqual([[12, 24], [24, 48]]);
    // dL/dY2 = [6 + 24, 6 + 24] = [30, 30]; dW1 = [1, 2]ᵀ [30, 30]
    expect(layers[0].weightGradient).toEqual([[30, 30], [60, 60]]);
  });

  it("matches backwardPass with nothing given", () => {
    const net = p3Network();

    expect(backwardFrom(net, {}).layers).toEqual(gradients(net));
  });
});
