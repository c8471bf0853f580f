import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/submission/read.js";
import type { ReadAnswer } from "../../src/submission/types.js";
import { bundledProblems } from "./_bundled.js";

// Random answers, written out in randomly chosen student styles, must read back to the same
// numbers. A number is drawn as an integer count of thousandths, so its exact value is known
// without parsing anything: 1234 thousandths is 1.234.

/** Writes a number of thousandths in one of the styles students use. */
function numberText(thousandths: number, style: number): string {
  const value = thousandths / 1000;
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  switch (style) {
    case 0:
      return String(value);
    case 1:
      return `${sign}${magnitude.toExponential()}`;
    case 2: {
      const [mantissa, exponent] = magnitude.toExponential().split("e");
      return `${sign}${mantissa} \\times 10^{${Number(exponent)}}`;
    }
    case 3:
      return `\\frac{${thousandths}}{1000}`;
    case 4:
      return `${value < 0 ? "\u2212" : ""}${magnitude}`;
    default: {
      const [mantissa, exponent] = magnitude.toExponential().split("e");
      return `${sign}${mantissa}\\cdot10^{${Number(exponent)}}`;
    }
  }
}

/** Writes a matrix in one of the matrix styles. */
function matrixText(rows: string[][], style: number): string {
  switch (style) {
    case 0:
      return `\\begin{bmatrix} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
    case 1:
      return `\\begin{pmatrix} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
    case 2:
      return `\\left[\\begin{array}{${"c".repeat(rows[0].length)}} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{array}\\right]`;
    default:
      return `[${rows.map((r) => `[${r.join(", ")}]`).join(", ")}]`;
  }
}

/** Writes an integer count, with or without thousands separators. */
function countText(count: number, style: number): string {
  const grouped = count.toLocaleString("en-US");
  if (style === 1) return grouped;
  if (style === 2) return grouped.replace(/,/g, "{,}");
  if (style === 3) return grouped.replace(/,/g, "\\,");
  return String(count);
}

const SECTION_STYLES = [
  (n: number) => `## Problem ${n}`,
  (n: number) => `**${n}.**`,
  (n: number) => `Q${n}`,
  (n: number) => `\\section*{Problem ${n}}`,
  (n: number) => `Question ${n}`,
];
const GRADIENT_LABELS = ["W_1", "dW1", "\\frac{\\partial L}{\\partial W_1}", "dL/dW_1", "\\nabla_{W_1} L", "DW_1"];
const PARAMETER_LABELS = ["Number of parameters", "params", "\\text{parameters}", "#params"];
const LOSS_LABELS = ["L", "E", "\\text{loss}", "loss"];

const thousandths = fc.integer({ min: -99_999, max: 99_999 });
const writeUp = fc.record({
  gradient: fc.array(fc.array(thousandths, { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
  count: fc.integer({ min: 0, max: 99_999_999 }),
  loss: fc.integer({ min: 1, max: 99_999 }),
  section: fc.nat(SECTION_STYLES.length - 1),
  gradientLabel: fc.nat(GRADIENT_LABELS.length - 1),
  parameterLabel: fc.nat(PARAMETER_LABELS.length - 1),
  lossLabel: fc.nat(LOSS_LABELS.length - 1),
  numberStyle: fc.nat(5),
  matrixStyle: fc.nat(3),
  countStyle: fc.nat(3),
  display: fc.boolean(),
});

function numbers(answer: ReadAnswer | undefined): number | number[][] | null {
  if (answer === undefined || answer.value === null) return null;
  if (answer.value.kind === "number") return answer.value.number.value;
  return answer.value.rows.map((row) => row.map((n) => n.value));
}

describe("reading random answers back", () => {
  it("returns the numbers written", () => {
    fc.assert(
      fc.property(writeUp, (w) => {
        const section = SECTION_STYLES[w.section];
        const math = (body: string) => (w.display ? `$$${body}$$` : `$${body}$`);
        const rows = w.gradient.map((row) => row.map((t) => numberText(t, w.numberStyle)));
        const text = [
          section(2),
          "",
          math(`${GRADIENT_LABELS[w.gradientLabel]} = ${matrixText(rows, w.matrixStyle)}`),
          "",
          section(4),
          "",
          `${PARAMETER_LABELS[w.parameterLabel]} ${math(`= ${countText(w.count, w.countStyle)}`)}.`,
          "",
          section(5),
          "",
          math(`${LOSS_LABELS[w.lossLabel]} = ${numberText(w.loss, w.numberStyle)}`),
        ].join("\n");
        const file = w.section === 3 ? "random.tex" : "random.md";
        const submission = readSubmission({ bytes: new TextEncoder().encode(text), file }, bundledProblems());
        const find = (problem: string, question: string) =>
          submission.answers.find((a) => a.problem === problem && a.question === question);

        const gradient = numbers(find("p2-linear", "dW1"));
        expect(gradient).not.toBeNull();
        const expected = w.gradient.map((row) => row.map((t) => t / 1000));
        (gradient as number[][]).forEach((row, r) =>
          row.forEach((value, c) => expect(value).toBeCloseTo(expected[r][c], 9)),
        );
        expect(numbers(find("p4-mlp-size", "params"))).toBe(w.count);
        expect(numbers(find("p5-sigmoid", "loss"))).toBeCloseTo(w.loss / 1000, 9);
      }),
      { numRuns: 300 },
    );
  });
});
