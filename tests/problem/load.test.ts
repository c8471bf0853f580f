import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../../src/errors.js";
import { checkProblemText, parseProblem } from "../../src/problem/load.js";

const p2Text = readFileSync(new URL("../../problems/p2-linear.yaml", import.meta.url), "utf8");

/** Parses text expected to fail and returns the ProblemError it throws. */
function problemError(text: string): ProblemError {
  try {
    parseProblem(text, "broken.yaml");
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error("the problem loaded without an error");
}

/** Returns the 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

describe("parseProblem", () => {
  it("loads the bundled p2 problem", () => {
    const problem = parseProblem(p2Text, "p2.yaml");
    expect(problem.id).toBe("p2-linear");
    expect(problem.number).toBe(2);
    expect(problem.network?.layers.map((layer) => layer.name)).toEqual(["hidden", "output"]);
    expect(problem.questions.find((question) => question.id === "dW1")?.cells).toEqual([
      ["w1", "w3"],
      ["w2", "w4"],
    ]);
  });

  it("transposes column-layout weights to rows", () => {
    // In the column layout W is units × inputs: 3 units over 2 inputs is 3×2, stored as 2×3.
    const text = p2Text
      .replace("layout: row", "layout: column")
      .replace("weights: [[1, 2], [1, 2]]", "weights: [[1, 2], [3, 4], [5, 6]]")
      .replace("target: [0, 0]", "target: [0, 0, 0]")
      .replace(/    cells: \[\[w5, w7\], \[w6, w8\]\]\n/, "")
      .replace(/    expected: \[\[10, 20\], \[15, 30\]\]\n/, "");
    const problem = parseProblem(text, "column.yaml");
    expect(problem.network?.layers[1]?.weights).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });

  it("rejects an unknown activation with its line", () => {
    const text = p2Text.replace("activation: identity", "activation: swish");
    const error = problemError(text);
    expect(error.code).toBe("problem.schema");
    expect(error.location?.line).toBe(lineOf(text, "swish"));
    expect(error.message).toContain("relu");
  });

  it("rejects weights that do not chain", () => {
    const text = p2Text.replace("weights: [[1, 2], [1, 2]]", "weights: [[1, 2], [1, 2], [1, 2]]");
    const error = problemError(text);
    expect(error.code).toBe("problem.shapeMismatch");
    expect(error.location?.line).toBe(lineOf(text, "[[1, 2], [1, 2], [1, 2]]"));
    expect(error.message).toContain("inputs × units");
  });

  it("rejects a ragged matrix naming the row", () => {
    const error = problemError(p2Text.replace("weights: [[2, 1], [0, 1]]", "weights: [[2, 1], [0]]"));
    expect(error.code).toBe("problem.raggedMatrix");
    expect(error.message).toContain("row 2");
  });

  it("rejects a question about a missing layer", () => {
    const text = p2Text.replace("layer: output\n    aliases: [\"S_3\"]", "layer: outptu\n    aliases: [\"S_3\"]");
    const error = problemError(text);
    expect(error.code).toBe("problem.unknownLayer");
    expect(error.location?.line).toBe(lineOf(text, "outptu"));
    expect(error.message).toContain("hidden, output");
  });

  it("rejects an unknown field", () => {
    const error = problemError(p2Text.replace("loss: half_sse", "loss: half_sse\n  momentum: 0.9"));
    expect(error.message).toContain('unknown field "momentum"');
  });

  it("rejects YAML syntax errors with a line", () => {
    const error = problemError("id: p\nnumber: [1,\n");
    expect(error.code).toBe("problem.invalidYaml");
    expect(error.location?.line).toBeGreaterThan(0);
  });

  it("rejects an update question without a learning rate", () => {
    const text = p2Text.replace("ask: gradient\n    layer: hidden", "ask: updated_weights\n    layer: hidden");
    expect(problemError(text).code).toBe("problem.missingLearningRate");
  });

  it("rejects cells that do not fit the matrix", () => {
    const error = problemError(p2Text.replace("cells: [[w1, w3], [w2, w4]]", "cells: [[w1, w3, w5], [w2, w4, w6]]"));
    expect(error.code).toBe("problem.shapeMismatch");
  });

  it("rejects a YAML alias bomb", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
    ].join("\n");
    expect(problemError(bomb).code).toBe("problem.invalidYaml");
  });
});

describe("checkProblemText", () => {
  it("lists every schema error in file order", () => {
    const text = p2Text
      .replace("activation: identity", "activation: tahn")
      .replace("loss: half_sse", "loss: hinge")
      .replace("questions:", "quesitons:");
    const { problem, errors } = checkProblemText(text, "three.yaml");
    expect(problem).toBeNull();
    const messages = errors.map((error) => error.message).join("\n");
    expect(messages).toContain('did you mean "tanh"?');
    expect(messages).toContain('"network.loss" must be one of');
    expect(messages).toContain('did you mean "questions"?');
    const lines = errors.map((error) => error.location?.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("reports a misspelt field once", () => {
    const { errors } = checkProblemText(p2Text.replace("questions:", "quesitons:"), "p2.yaml");
    const messages = errors.map((error) => error.message);

    expect(messages.filter((message) => message.includes("quesitons"))).toHaveLength(1);
    expect(messages.filter((message) => message.includes('missing the field "questions"'))).toEqual([]);
  });

  it("keeps a missing field without close match", () => {
    const { errors } = checkProblemText(p2Text.replace("questions:", "asks:"), "p2.yaml");
    const messages = errors.map((error) => error.message).join("\n");

    expect(messages).toContain('missing the field "questions"');
    expect(messages).toContain('unknown field "asks"');
  });

  it("returns the problem when there is no error", () => {
    const { problem, errors } = checkProblemText(p2Text, "p2.yaml");
    expect(errors).toEqual([]);
    expect(problem?.id).toBe("p2-linear");
  });
});
