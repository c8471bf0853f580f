import { describe, expect, it } from "vitest";

import { isSameValue, isVectorValue, orientVector, renderAnswerValue } from "../../src/report/values.js";

/** Returns the text of each marked cell, with tags turned into spaces. */
function markedCells(markup: string): string[] {
  return [...markup.matchAll(/<td class="cell-wrong"[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
}

describe("renderAnswerValue", () => {
  it("shows the error under wrong cells", () => {
    const markup = renderAnswerValue([[25, 25], [50, 51.5]], { wrongCells: [[1, 1]], expected: [[25, 25], [50, 50]] }).markup;
    // 51.5 − 50 = 1.5, to three significant digits.
    expect(markedCells(markup)).toEqual(["51.5 +1.50"]);
  });

  it("writes whole errors without decimals", () => {
    const markup = renderAnswerValue([[-25, 25]], { wrongCells: [[0, 0]], expected: [[25, 25]] }).markup;
    expect(markedCells(markup)).toEqual(["−25 −50"]);
  });

  it("lines up a vector in either orientation", () => {
    // A row [2, 4] against the expected column [[2], [3]]: entry 2 is 4 − 3 = +1.
    const markup = renderAnswerValue([2, 4], { wrongCells: [[1, 0]], expected: [[2], [3]] }).markup;
    expect(markedCells(markup)).toEqual(["4 +1"]);
  });

  it("marks a wrong entry of a column answer", () => {
    // The grader gives entry 2 of a column answer at its place in the flat expected vector,
    // [0, 1]. The column [1; 0.25] against [1, 1.25]: entry 2 is 0.25 − 1.25 = −1.
    const markup = renderAnswerValue([[1], [0.25]], { wrongCells: [[0, 1]], expected: [1, 1.25] }).markup;
    expect(markedCells(markup)).toEqual(["0.25 −1"]);
    expect(markup).toContain("<tr><td>1</td></tr>");
  });

  it("marks a wrong entry of a one-row answer", () => {
    // The row [[3, 5]] against the expected column [[3], [4]], entry 2 given as [1, 0]: 5 − 4 = +1.
    const markup = renderAnswerValue([[3, 5]], { wrongCells: [[1, 0]], expected: [[3], [4]] }).markup;
    expect(markedCells(markup)).toEqual(["5 +1"]);
  });

  it("gives no error for a transpose", () => {
    const markup = renderAnswerValue([[1, 2, 3], [4, 5, 6]], { wrongCells: [[0, 1]], expected: [[1, 4], [2, 5], [3, 6]] }).markup;
    expect(markedCells(markup)).toEqual(["2"]);
  });

  it("marks a wrong number", () => {
    // 0.1 − 0.125 = −0.025, written −0.0250 with three significant digits.
    const markup = renderAnswerValue(0.1, { wrongNumber: true, expected: 0.125 }).markup;
    expect(markup).toBe('<span class="value-number cell-wrong">0.1</span><span class="delta-inline" title="submitted − expected">−0.0250</span>');
  });

  it("subtracts large counts exactly", () => {
    // 2^60 + 1 − 2^60 = 1, which doubles would round to 0.
    const markup = renderAnswerValue(2n ** 60n + 1n, { wrongNumber: true, expected: 2n ** 60n }).markup;
    expect(markup).toContain('<span class="delta-inline">+1</span>');
  });

  it("writes large and small numbers with a power of ten", () => {
    // 8e9 is a whole number below 10^15, so it is written in full. 1.5e-7 is below 10^-4, and
    // −2500000.5 is not whole and from 10^6 on, so both take a power of ten.
    expect(renderAnswerValue(8e9).markup).toBe('<span class="value-number">8000000000</span>');
    expect(renderAnswerValue(1.5e-7).markup).toBe('<span class="value-number">1.5<span class="times">×</span>10<sup>−7</sup></span>');
    expect(renderAnswerValue(-2500000.5).markup).toBe('<span class="value-number">−2.5<span class="times">×</span>10<sup>6</sup></span>');
  });

  it("escapes a text value", () => {
    expect(renderAnswerValue("<b>&").markup).toBe('<code class="value-text">&lt;b&gt;&amp;</code>');
  });

  it("leaves right numbers plain", () => {
    expect(renderAnswerValue(3, { expected: 3 }).markup).toBe('<span class="value-number">3</span>');
  });
});

describe("isSameValue", () => {
  it("compares numbers with Object.is", () => {
    expect(isSameValue(1, 1)).toBe(true);
    expect(isSameValue(NaN, NaN)).toBe(true);
    expect(isSameValue(0, -0)).toBe(false);
    expect(isSameValue(1, 1n)).toBe(false);
    expect(isSameValue(2n ** 60n, 2n ** 60n)).toBe(true);
  });

  it("compares shapes and entries", () => {
    expect(isSameValue([[1, 2], [3, 4]], [[1, 2], [3, 4]])).toBe(true);
    expect(isSameValue([[1, 2], [3, 4]], [[1, 2], [3, 5]])).toBe(false);
    expect(isSameValue([1, 2], [[1, 2]])).toBe(false);
    expect(isSameValue([[1], [2]], [1, 2])).toBe(false);
    expect(isSameValue([1, 2], [1, 2, 3])).toBe(false);
  });

  it("compares text and no answer", () => {
    expect(isSameValue("a", "a")).toBe(true);
    expect(isSameValue(null, null)).toBe(true);
    expect(isSameValue(null, 0)).toBe(false);
  });
});

describe("isVectorValue", () => {
  it.each([
    // Vectors: flat, one row, one column.
    [[1, 2], true],
    [[[1, 2]], true],
    [[[1], [2]], true],
    // Not vectors.
    [[[1, 2], [3, 4]], false],
    [3, false],
    [null, false],
    ["1, 2", false],
    [[], false],
  ] as const)("tells %j: %s", (value, expected) => {
    expect(isVectorValue(value as never)).toBe(expected);
  });
});

describe("orientVector", () => {
  it("lays a flat vector out as a column", () => {
    expect(orientVector([1, 1.25], "column")).toEqual([[1], [1.25]]);
  });

  it("leaves the row layout as it is", () => {
    expect(orientVector([1, 1.25], "row")).toEqual([1, 1.25]);
  });

  it("leaves matrices and numbers as they are", () => {
    expect(orientVector([[1, -1]], "column")).toEqual([[1, -1]]);
    expect(orientVector(0.5, "column")).toBe(0.5);
    expect(orientVector(null, "column")).toBeNull();
  });
});
