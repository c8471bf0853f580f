import { describe, expect, it } from "vitest";
import {
  describeTolerance,
  digitsBand,
  resolveTolerance,
  withinTolerance,
} from "../../src/grading/tolerance.js";

describe("resolveTolerance", () => {
  it("defaults to 1% and a scaled atol", () => {
    const tolerance = resolveTolerance([{}], 50);
    expect(tolerance).toMatchObject({ mode: "relative", rtol: 0.01 });
    expect(tolerance.mode === "relative" && tolerance.atol).toBeCloseTo(50e-6, 15);
  });

  it("keeps rtol 0 as zero", () => {
    const tolerance = resolveTolerance([{ rtol: 0 }], 2);
    expect(tolerance).toMatchObject({ mode: "relative", rtol: 0 });
  });

  it("prefers the most specific level", () => {
    const tolerance = resolveTolerance([{ rtol: 0.05 }, { rtol: 0.001 }, { rtol: 0.2 }], 1);
    expect(tolerance).toMatchObject({ rtol: 0.05 });
  });

  it("uses a fixed atol from the rubric", () => {
    expect(resolveTolerance([{}, { atol: 0.5 }], 1000)).toMatchObject({ atol: 0.5 });
  });

  it("switches to digits when asked", () => {
    expect(resolveTolerance([{ digits: 3 }], 1)).toEqual({ mode: "digits", digits: 3 });
  });
});

describe("withinTolerance", () => {
  const zeroQuestion = resolveTolerance([{}], 0);

  it.each([
    // An exact zero accepts negative zero and floating-point noise.
    [-0, 0],
    [1e-17, 0],
    [-3e-16, 0],
  ])("accepts %s against an expected 0", (submitted, expected) => {
    expect(withinTolerance(submitted, expected, zeroQuestion)).toBe(true);
  });

  it("rejects 0 when every expected value is near 3e-9", () => {
    // atol = 1e-6 · 3e-9 = 3e-15 and rtol · 3e-9 = 3e-11, both far below |0 − 3e-9|.
    const tolerance = resolveTolerance([{}], 3.2e-9);
    expect(withinTolerance(0, 3e-9, tolerance)).toBe(false);
    expect(withinTolerance(0, 3.2e-9, tolerance)).toBe(false);
  });

  it("accepts a tiny value within 1% of a tiny expected value", () => {
    const tolerance = resolveTolerance([{}], 3e-9);
    expect(withinTolerance(3.02e-9, 3e-9, tolerance)).toBe(true);
  });

  it("rejects anything but the exact value when rtol and atol are 0", () => {
    const tolerance = resolveTolerance([{ rtol: 0, atol: 0 }], 2.5);
    expect(withinTolerance(2.5, 2.5, tolerance)).toBe(true);
    expect(withinTolerance(2.5000001, 2.5, tolerance)).toBe(false);
  });

  // Bounds at 1% of each expected value, written out: 0.3 ± 0.003, 2.5 ± 0.025, 0.07 ± 0.0007,
  // 123.4 ± 1.234. In binary, 0.303 − 0.3 and 0.3 − 0.297 differ in the last bits.
  it.each([
    [0.3, "0.303", "0.297", "0.30301", "0.29699"],
    [2.5, "2.525", "2.475", "2.5251", "2.4749"],
    [0.07, "0.0707", "0.0693", "0.07071", "0.06929"],
    [123.4, "124.634", "122.166", "124.635", "122.165"],
  ])("mirrors verdicts around %s", (expected, insideHigh, insideLow, outsideHigh, outsideLow) => {
    const tolerance = resolveTolerance([{ atol: 0 }], expected);
    expect(withinTolerance(Number(insideHigh), expected, tolerance)).toBe(true);
    expect(withinTolerance(Number(insideLow), expected, tolerance)).toBe(true);
    expect(withinTolerance(Number(outsideHigh), expected, tolerance)).toBe(false);
    expect(withinTolerance(Number(outsideLow), expected, tolerance)).toBe(false);
  });

  it.each([Infinity, -Infinity, NaN])("never accepts %s", (submitted) => {
    expect(withinTolerance(submitted, 1, resolveTolerance([{ rtol: 1e6 }], 1))).toBe(false);
  });

  it("accepts half a unit in the last asked digit", () => {
    // Three significant figures of 0.08214 reach 0.0821; the band is 0.51 · 1e-4.
    const tolerance = { mode: "digits" as const, digits: 3 };
    expect(digitsBand(0.08214, 3)).toBeCloseTo(0.51e-4, 12);
    expect(withinTolerance(0.0821, 0.08214, tolerance)).toBe(true);
    expect(withinTolerance(0.0822, 0.08214, tolerance)).toBe(false);
  });
});

describe("describeTolerance", () => {
  it("says 1% in words", () => {
    expect(describeTolerance({ mode: "relative", rtol: 0.01, atol: 1e-6 })).toBe("within 1% of the expected value");
  });

  it("describes exact counts", () => {
    expect(describeTolerance({ mode: "exact" })).toContain("exactly");
  });
});
