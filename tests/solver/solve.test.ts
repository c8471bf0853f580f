import { describe, expect, it } from "vitest";
import type { Network } from "../../src/problem/types.js";
import { solveProblem } from "../../src/solver/solve.js";
import { layer, network, p2Network, p3Network, problem, question } from "./_helpers.js";

const p2Questions = [
  question("S2", "pre_activation", "hidden"),
  question("Y3", "activation", "output"),
  question("L", "loss"),
  question("delta2", "delta", "hidden"),
  question("dW1", "gradient", "hidden"),
  question("dW2", "gradient", "output"),
];

describe("solveProblem", () => {
  it("p2 in the row layout", () => {
    const { answers } = solveProblem(problem(p2Questions, { network: p2Network() }));

    expect([...answers.keys()]).toEqual(["S2", "Y3", "L", "delta2", "dW1", "dW2"]);
    expect(answers.get("S2")).toEqual({ kind: "vector", values: [2, 3] });
    expect(answers.get("Y3")).toEqual({ kind: "vector", values: [5, 10] });
    expect(answers.get("L")).toEqual({ kind: "scalar", value: 62.5 });
    expect(answers.get("delta2")).toEqual({ kind: "vector", values: [25, 25] });
    expect(answers.get("dW1")).toEqual({ kind: "matrix", values: [[25, 25], [50, 50]] });
    expect(answers.get("dW2")).toEqual({ kind: "matrix", values: [[10, 20], [15, 30]] });
  });

  it("p2 in the column layout", () => {
    const { answers } = solveProblem(problem(p2Questions, { network: p2Network("column") }));

    // In S = W · x form every gradient is the transpose of the row-layout one
    expect(answers.get("dW1")).toEqual({ kind: "matrix", values: [[25, 50], [25, 50]] });
    expect(answers.get("dW2")).toEqual({ kind: "matrix", values: [[10, 15], [20, 30]] });
    expect(answers.get("S2")).toEqual({ kind: "vector", values: [2, 3] });
  });

  it("p3 gradients", () => {
    const questions = [
      question("dW1", "gradient", "hidden"),
      question("dW2", "gradient", "output"),
    ];
    const { answers } = solveProblem(problem(questions, { network: p3Network() }));

    expect(answers.get("dW1")).toEqual({ kind: "matrix", values: [[8, 0], [16, 0]] });
    expect(answers.get("dW2")).toEqual({ kind: "matrix", values: [[0, 8], [0, 0]] });
  });

  it("updated weights and biases", () => {
    const net: Network = network(
      [1, 2],
      [
        layer("hidden", [[2, 1], [0, 1]], "identity", [0, 0]),
        layer("output", [[1, 2], [1, 2]], "identity", 1),
      ],
      "half_sse",
      [0, 0],
      { learningRate: 0.1, layout: "column" },
    );
    const questions = [
      question("W1new", "updated_weights", "hidden"),
      question("b1new", "updated_bias", "hidden"),
      question("b2new", "updated_bias", "output"),
      question("db2", "bias_gradient", "output"),
    ];
    const { answers } = solveProblem(problem(questions, { network: net }));

    // S3 = [5, 10] + 1 = [6, 11] = δ3; δ2 = [6 + 22, 6 + 22] = [28, 28]; dW1 = [[28, 28], [56, 56]]
    // W1 − 0.1 dW1 = [[2 − 2.8, 1 − 2.8], [0 − 5.6, 1 − 5.6]], shown transposed (column layout)
    const updated = answers.get("W1new");
    if (updated?.kind !== "matrix") throw new Error("expected a matrix");
    const expected = [[-0.8, -5.6], [-1.8, -4.6]];
    updated.values.forEach((row, r) =>
      row.forEach((value, c) => expect(value).toBeCloseTo(expected[r][c], 12)),
    );
    // b1 − 0.1 δ2 = [−2.8, −2.8]; the shared b2 collects 6 + 11 = 17, so 1 − 1.7 = −0.7
    expect(answers.get("db2")).toEqual({ kind: "scalar", value: 17 });
    const b1 = answers.get("b1new");
    if (b1?.kind !== "vector") throw new Error("expected a vector");
    expect(b1.values[0]).toBeCloseTo(-2.8, 12);
    expect(b1.values[1]).toBeCloseTo(-2.8, 12);
    const b2 = answers.get("b2new");
    if (b2?.kind !== "scalar") throw new Error("expected a scalar");
    expect(b2.value).toBeCloseTo(-0.7, 12);
  });

  it("counts from an architecture", () => {
    const architecture = {
      input: 784,
      layers: [
        { name: "fc1", units: 512, activation: "relu" as const, bias: true },
        { name: "fc2", units: 512, activation: "relu" as const, bias: true },
        { name: "out", units: 10, activation: "softmax" as const, bias: true },
      ],
    };
    const questions = [
      question("params", "parameter_count"),
      question("macs", "mac_count"),
      question("flops", "flop_count"),
    ];
    const { answers, steps } = solveProblem(problem(questions, { architecture }));

    expect(answers.get("params")).toEqual({ kind: "count", value: 669706n });
    expect(answers.get("macs")).toEqual({ kind: "count", value: 668672n });
    expect(answers.get("flops")).toEqual({ kind: "count", value: 1338378n });
    expect(steps.map((step) => step.question)).toEqual(["params", "macs", "flops"]);
    expect(steps[0].latex).toContain("784 \\cdot 512");
  });

  it("steps link their questions", () => {
    const { steps } = solveProblem(problem(p2Questions, { network: p2Network() }));
    const linked = steps.filter((step) => step.question !== null);
    const byQuestion = new Map(linked.map((step) => [step.question, step]));

    expect([...byQuestion.keys()].sort()).toEqual(["L", "S2", "Y3", "delta2", "dW1", "dW2"].sort());
    const dW1 = "\\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}";
    expect(byQuestion.get("dW1")?.latex).toContain(dW1);
    expect(byQuestion.get("S2")?.latex).toContain("S_{2} = x W_{1}");
  });

  it("rejects an update without learning rate", () => {
    const questions = [question("W1new", "updated_weights", "hidden", { line: 12 })];
    const call = () => solveProblem(problem(questions, { network: p2Network() }));

    expect(call).toThrow(expect.objectContaining({ code: "solver.missingLearningRate" }));
    expect(call).toThrow(/line 12/);
  });

  it("rejects an unknown layer", () => {
    const questions = [question("dW", "gradient", "hiden")];
    const call = () => solveProblem(problem(questions, { network: p2Network() }));

    expect(call).toThrow(expect.objectContaining({ code: "solver.unknownLayer" }));
  });

  it("rejects a missing layer name", () => {
    const questions = [question("dW", "gradient")];
    const call = () => solveProblem(problem(questions, { network: p2Network() }));

    expect(call).toThrow(expect.objectContaining({ code: "solver.missingLayer" }));
  });

  it("rejects a bias question without bias", () => {
    const questions = [question("db", "bias_gradient", "hidden")];
    const call = () => solveProblem(problem(questions, { network: p2Network() }));

    expect(call).toThrow(expect.objectContaining({ code: "solver.missingBias" }));
  });

  it("rejects a gradient of an architecture", () => {
    const architecture = {
      input: 2,
      layers: [{ name: "a", units: 1, activation: "relu" as const, bias: true }],
    };
    const call = () => solveProblem(problem([question("dW", "gradient", "a")], { architecture }));

    expect(call).toThrow(expect.objectContaining({ code: "solver.missingNetwork" }));
  });
});
