import { describe, expect, it } from "vitest";
import { closestQuestions, editDistance } from "../../src/submission/_suggest.js";
import { bundledProblems } from "./_bundled.js";

const relu = () => bundledProblems().find((problem) => problem.id === "p3-relu")!;

describe("editDistance", () => {
  it.each([
    // Counted by hand: one insertion, one substitution, and a whole word against nothing.
    ["patial", "partial", 1],
    ["dw2", "dw1", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["same", "same", 0],
  ])("%s to %s", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closestQuestions", () => {
  it("puts the alias one letter off first", () => {
    const found = closestQuestions("\\frac{\\partial L}{\\patial W_2}", [relu()]);

    expect(found[0].question).toBe("dW2");
    expect(found[0].spelling).toBe("\\frac{\\partial L}{\\partial W_2}");
  });

  it("lists at most three questions", () => {
    expect(closestQuestions("\\delta_2", [relu()])).toHaveLength(3);
  });

  it("compares normalised keys", () => {
    // As written, "fracdldw3" is six or more edits from every name. Its key w3 is one edit from
    // the derivative keys w1 and w2, but two from S3, whose key s3 names no derivative. dW1 comes
    // before dW2 because the problem file lists it first.
    const found = closestQuestions("\\frac{dL}{dW_3}", [relu()]);

    expect(found.map((suggestion) => suggestion.question).slice(0, 2)).toEqual(["dW1", "dW2"]);
  });
});
