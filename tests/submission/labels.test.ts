import { describe, expect, it } from "vitest";
import { matchLabel } from "../../src/submission/labelMatch.js";
import { normaliseLabel } from "../../src/submission/labels.js";
import { assignmentProblems } from "./_problems.js";

describe("normaliseLabel", () => {
  it.each([
    ["S_2", "s2", false, false],
    ["w_{1,\\text{new}}", "w1", false, true],
    ["w_{2\\text{new}}", "w2", false, true],
    ["w_5^{+}", "w5", false, true],
    ["w'_5", "w5", false, true],
    ["W_1^{(new)}", "w1", false, true],
    ["\\frac{\\partial L}{\\partial w_1}", "w1", true, false],
    ["\\dfrac{\\partial E}{\\partial W_2}", "w2", true, false],
    ["dL/dW_1", "w1", true, false],
    ["\u2202L/\u2202w\u2085", "w5", true, false],
    ["\\nabla_{W_1} L", "w1", true, false],
    ["\\text{Number of parameters : }", "numberofparameters", false, false],
    ["\\mathrm{FLOPs}", "flops", false, false],
  ])("normalises %s", (raw, key, derivative, updated) => {
    expect(normaliseLabel(raw)).toEqual({ key, derivative, updated });
  });

  it("keeps a derivative of something else apart", () => {
    expect(normaliseLabel("\\frac{\\partial y_{31}}{\\partial w_4}")?.derivative).toBe(false);
  });
});

describe("matchLabel", () => {
  const p2 = assignmentProblems()[0];

  it("sends a number named like a cell to the cell", () => {
    const target = matchLabel(p2, "w_{3\\text{new}}", "number");
    expect(target?.question.id).toBe("dW1");
    expect(target?.cell).toEqual([0, 1]);
  });

  it("sends a matrix named like a cell to the question", () => {
    const target = matchLabel(p2, "w_1", "matrix");
    expect(target?.question.id).toBe("dW1");
    expect(target?.cell).toBeNull();
  });

  it("finds a question after words of prose", () => {
    const p4 = assignmentProblems()[2];
    expect(matchLabel(p4, "The total number of parameters", "number")?.question.id).toBe("params");
  });

  it("keeps a derivative off a forward value", () => {
    expect(matchLabel(p2, "\\frac{\\partial L}{\\partial S_2}", "matrix")).toBeNull();
  });

  it("prefers the updated question for a new label", () => {
    const problem = assignmentProblems()[0];
    const updated = { ...problem.questions[4], id: "W1new", kind: "updated_weights" as const, aliases: ["W_1^{new}"] };
    problem.questions.push(updated);
    expect(matchLabel(problem, "w_{1}^{new}", "matrix")?.question.id).toBe("W1new");
    expect(matchLabel(problem, "\\frac{\\partial L}{\\partial W_1}", "matrix")?.question.id).toBe("dW1");
    expect(matchLabel(problem, "w_{1,\\text{new}}", "number")?.question.id).toBe("W1new");
    expect(matchLabel(problem, "dL/dw_1", "number")?.question.id).toBe("dW1");
  });
});
