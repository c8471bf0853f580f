import { describe, expect, it } from "vitest";
import type { Architecture } from "../../src/problem/types.js";
import { countFlops, countMacs, countParameters, layerSizes } from "../../src/solver/counts.js";
import { layer, network } from "./_helpers.js";

// Problem 4: a 784-512-512-10 MLP for 28 × 28 images, biases on every layer.
const p4: Architecture = {
  input: 784,
  layers: [
    { name: "fc1", units: 512, activation: "relu", bias: true },
    { name: "fc2", units: 512, activation: "relu", bias: true },
    { name: "out", units: 10, activation: "softmax", bias: true },
  ],
};

describe("counts", () => {
  it("p4 parameters", () => {
    // 784·512 + 512·512 + 512·10 = 401408 + 262144 + 5120 = 668672 weights, + 1034 biases
    expect(countParameters(p4)).toBe(669706n);
  });

  it("p4 MACs", () => {
    expect(countMacs(p4)).toBe(668672n);
  });

  it("p4 FLOPs default convention", () => {
    // 2 · 668672 + 1 · (512 + 512 + 10) + 0 · activations = 1337344 + 1034
    expect(countFlops(p4)).toBe(1338378n);
  });

  it("p4 FLOPs counting activations", () => {
    // Adds 3 · 1034 activated units to the default count: 1338378 + 3102
    expect(countFlops(p4, { perMac: 2, biasAdd: 1, activation: 3 })).toBe(1341480n);
  });

  it("one layer of p4", () => {
    // fc2: 512·512 + 512 = 262656
    expect(countParameters(p4, "fc2")).toBe(262656n);
    expect(countMacs(p4, "out")).toBe(5120n);
    // out: 2 · 5120 + 10 = 10250
    expect(countFlops(p4, undefined, "out")).toBe(10250n);
  });

  it("identity layers cost no activation", () => {
    const linear: Architecture = {
      input: 3,
      layers: [{ name: "only", units: 2, activation: "identity", bias: false }],
    };

    // 1 · 6 MACs, no bias adds, identity is free
    expect(countFlops(linear, { perMac: 1, biasAdd: 1, activation: 5 })).toBe(6n);
  });

  it("network sizes from its weights", () => {
    const net = network(
      [1, 2, 3],
      [
        layer("hidden", [[1, 1], [1, 1], [1, 1]], "relu", [0, 0]),
        layer("output", [[1], [1]], "identity", 0.5),
      ],
      "sse",
      [0],
    );

    // 3·2 + 2 per-unit biases + 2·1 + 1 shared bias = 11
    expect(countParameters(net)).toBe(11n);
    expect(countMacs(net)).toBe(8n);
    // The shared bias is still added to each of the output's units: 2·8 + 1·(2 + 1)
    expect(countFlops(net)).toBe(19n);
    expect(layerSizes(net).map((size) => size.inputs)).toEqual([3n, 2n]);
  });

  it("stays exact beyond 2^53", () => {
    // n = 2^30 + 1, so n² = 2^60 + 2^31 + 1 is odd and beyond the float64 integer range
    const n = 2 ** 30 + 1;
    const huge: Architecture = {
      input: n,
      layers: [
        { name: "a", units: n, activation: "relu", bias: true },
        { name: "b", units: n, activation: "relu", bias: false },
      ],
    };

    expect(countMacs(huge, "a")).toBe(1152921506754330625n);
    expect(countParameters(huge, "a")).toBe(1152921507828072450n);
    // Two n × n layers make 2n² MACs at 2 FLOPs each, plus n bias adds in layer a: 4n² + n
    expect(countFlops(huge)).toBe(4n * 1152921506754330625n + 1073741825n);
  });

  it("rejects an unknown layer", () => {
    const call = () => countParameters(p4, "fc3");

    expect(call).toThrow(expect.objectContaining({ code: "solver.unknownLayer" }));
  });

  it("rejects a fractional size", () => {
    const bad: Architecture = {
      input: 2.5,
      layers: [{ name: "a", units: 1, activation: "relu", bias: true }],
    };

    expect(() => countMacs(bad)).toThrow(expect.objectContaining({ code: "solver.invalidSize" }));
  });

  it("rejects a fractional convention", () => {
    const call = () => countFlops(p4, { perMac: 1.5, biasAdd: 1, activation: 0 });

    expect(call).toThrow(expect.objectContaining({ code: "solver.nonIntegerConvention" }));
  });
});
