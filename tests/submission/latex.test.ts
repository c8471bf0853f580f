import { describe, expect, it } from "vitest";
import { readValue, type ValueReading } from "../../src/submission/latex.js";

/** Plain numbers of a reading, or its kind/code, so expectations stay short. */
function numbers(reading: ValueReading): number | number[][] | string {
  if (reading.kind === "none") return "none";
  if (reading.kind === "error") return reading.error.code;
  if (reading.value.kind === "number") return reading.value.number.value;
  return reading.value.rows.map((row) => row.map((n) => n.value));
}

describe("readValue", () => {
  it.each([
    // LaTeX environments
    ["\\begin{bmatrix} 2 & 3 \\end{bmatrix}", [[2, 3]]],
    ["\\begin{bmatrix} 2 \\\\ -1 \\end{bmatrix}", [[2], [-1]]],
    ["\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\\\ \\end{pmatrix}", [[1, 2], [3, 4]]],
    ["\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}", [[1, 2], [3, 4]]],
    ["\\left[ \\begin{matrix} 1 & 2 \\end{matrix} \\right]", [[1, 2]]],
    ["\\left[ 1 & 2 \\\\ 3 & 4 \\right]", [[1, 2], [3, 4]]],
    ["\\begin{bmatrix} \\frac{1}{2} & 0.25 \\end{bmatrix}", [[0.5, 0.25]]],
    // bracket lists
    ["[[1, 2], [3, 4]]", [[1, 2], [3, 4]]],
    ["[1, 2]", [[1, 2]]],
    ["[1 2; 3 4]", [[1, 2], [3, 4]]],
    ["[[1. 2.]\n [3. 4.]]", [[1, 2], [3, 4]]],
    ["array([[25., 25.],\n       [50., 50.]])", [[25, 25], [50, 50]]],
    // numbers with decoration
    ["\\boxed{25}", 25],
    [" & 1338378 ", 1338378],
    ["669706 parameters", 669706],
    ["669706 \\text{ parameters}", 669706],
    ["25.", 25],
    ["\\mathbf{-2}", -2],
  ])("reads %s", (text, expected) => {
    expect(numbers(readValue(text))).toEqual(expected);
  });

  it.each([
    ["\\begin{bmatrix} 1 & 2 \\end{bmatrix} \\begin{bmatrix} x \\\\ 2 \\end{bmatrix}"],
    ["\\begin{bmatrix} y_{21} & y_{22} \\end{bmatrix}"],
    ["(5 - 0)1.0 + (10 - 0)2.0"],
    ["[(5-0)1.0 + (10-0)2.0]"],
    ["x_2 \\times \\frac{\\partial L}{\\partial y_{21}} \\quad \\text{already calculated}"],
    ["1 \\times \\cancel{x_1}"],
    ["?"],
  ])("finds no value in %s", (text) => {
    expect(numbers(readValue(text))).toBe("none");
  });

  it("reports a ragged matrix by row", () => {
    const reading = readValue("\\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix}");
    expect(reading.kind).toBe("error");
    if (reading.kind !== "error") return;
    expect(reading.error.code).toBe("submission.raggedMatrix");
    expect(reading.error.message).toContain("row 2");
  });

  it("reports a ragged bracket list", () => {
    expect(numbers(readValue("[[1, 2], [3]]"))).toBe("submission.raggedMatrix");
  });

  it("reports an empty entry", () => {
    expect(numbers(readValue("\\begin{bmatrix} 1 & \\\\ 2 & 3 \\end{bmatrix}"))).toBe("submission.emptyEntry");
  });

  it("reports a malformed entry with its place", () => {
    const reading = readValue("\\begin{bmatrix} 1 & 0.08.2 \\end{bmatrix}");
    expect(reading.kind).toBe("error");
    if (reading.kind !== "error") return;
    expect(reading.error.code).toBe("submission.invalidNumber");
    expect(reading.error.message).toContain("row 1, entry 2");
  });

  it.each([
    // body, rows worked out by hand: a final `\\` and blank rows add no row
    ["1 & 2 \\\\ 3 & 4 \\\\", [[1, 2], [3, 4]]],
    ["\\\\ 1 & 2 \\\\ \\\\ 3 & 4", [[1, 2], [3, 4]]],
    ["-0.5 &  7 \\\\\n 25.00 & 1", [[-0.5, 7], [25, 1]]],
  ])("splits the plain matrix body %j", (body, expected) => {
    const plain = readValue(`\\begin{bmatrix} ${body} \\end{bmatrix}`);
    // Braces around the first entry make the reader tokenize the body, which must split it the
    // same way.
    const braced = readValue(`\\begin{bmatrix} ${body.replace(/-?[\d.]+/, "{$&}")} \\end{bmatrix}`);
    expect(numbers(plain)).toEqual(expected);
    expect(numbers(braced)).toEqual(expected);
  });

  it("keeps an entry's text in a plain matrix", () => {
    const reading = readValue("\\begin{bmatrix} 0.0820 & -3 \\end{bmatrix}");
    if (reading.kind !== "value" || reading.value.kind !== "matrix") {
      throw new Error("no matrix read");
    }
    const [first, second] = reading.value.rows[0]!;
    expect(first).toEqual({ value: 0.082, integer: null, text: "0.0820", significantDigits: 3 });
    expect(second).toEqual({ value: -3, integer: -3n, text: "-3", significantDigits: 1 });
  });
});

describe("readValue with a scale", () => {
  it.each([
    ["1.34 million", 1340000, "1.34 million"],
    ["1.34M", 1340000, "1.34M"],
    ["670k parameters", 670000, "670k"],
    ["2 thousand.", 2000, "2 thousand"],
    ["0.5 billion", 500000000, "0.5 billion"],
    ["1.34 Million dollars", 1340000, "1.34 Million"],
  ])("reads %s", (text, value, typed) => {
    const reading = readValue(text);

    const number = reading.kind === "value" && reading.value.kind === "number" ? reading.value.number : null;

    expect(numbers(reading)).toBe(value);
    expect(number?.text).toBe(typed);
  });

  it.each([
    ["3 km", 3],
    ["12 MB", 12],
  ])("reads no scale in %s", (text, value) => {
    // A unit that starts with k or M is a word of its own, not a scale.
    expect(numbers(readValue(text))).toBe(value);
  });
});

describe("readValue with entries left out", () => {
  it.each([
    ["\\begin{bmatrix} 2 & \\ldots & 3 \\end{bmatrix}"],
    ["[2, \\cdots, 3]"],
    ["[5, ..., 10]"],
    ["[5, \u2026, 10]"],
    ["\\begin{pmatrix} 10 & 20 \\\\ \\vdots & \\vdots \\\\ 15 & 30 \\end{pmatrix}"],
  ])("rejects %s", (text) => {
    expect(numbers(readValue(text))).toBe("submission.elidedEntries");
  });

  it("names the entry", () => {
    const reading = readValue("\\begin{bmatrix} 2 & \\dots & 3 \\end{bmatrix}");

    expect(reading.kind).toBe("error");
    expect(reading.kind === "error" ? reading.error.message : "").toContain("row 1, entry 2 of the bmatrix is an ellipsis");
  });

  it("keeps a formula with an ellipsis", () => {
    // A symbol among the entries makes the text a formula, not a value with entries left out.
    expect(readValue("[x_1, \\ldots, x_n]").kind).toBe("none");
  });

  it("rejects a leading ellipsis", () => {
    expect(numbers(readValue("[\\ldots, 2]"))).toBe("submission.elidedEntries");
  });

  it("keeps an ellipsis word apart", () => {
    // `\ldotsx` is another command, so the text is not a value with entries left out.
    expect(readValue("[2, \\ldotsx, 3]").kind).toBe("none");
  });
});

describe("readValue with layout commands", () => {
  it.each([
    ["\\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix} \\label{eq:dw2}", [[10, 20], [15, 30]]],
    ["\\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix} \\tag{3b}", [[10, 20], [15, 30]]],
    ["[2, -1] \\nonumber", [[2, -1]]],
    ["{\\color{blue} \\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}}", [[10, 20], [15, 30]]],
    ["\\textcolor{red}{[5, 10]}", [[5, 10]]],
    ["\\underline{[5, 10]}", [[5, 10]]],
  ])("reads %s", (text, expected) => {
    expect(numbers(readValue(text))).toEqual(expected);
  });
});

describe("readValue with a transpose mark", () => {
  it.each([
    ["[-0.06196, -0.03736]^T", [[-0.06196], [-0.03736]]],
    ["\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}^\\top", [[1, 3], [2, 4]]],
    ["[[1, 2], [3, 4]]^{T}", [[1, 3], [2, 4]]],
  ])("transposes %s", (text, expected) => {
    expect(numbers(readValue(text))).toEqual(expected);
  });

  it("keeps a power of a number", () => {
    // 10^3 is a power, not a transpose: only a mark after a closing bracket transposes.
    expect(numbers(readValue("10^3"))).toBe(1000);
  });
});
