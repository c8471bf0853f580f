import { describe, expect, it } from "vitest";

import { formatDecimal, formatDisplayNumber, formatPoints } from "../../src/report/numbers.js";

describe("formatDecimal", () => {
  it.each([
    [0.1 + 0.2, 4, "0.3"],
    [8 / 3, 4, "2.6667"],
    [4, 4, "4"],
    [100, 0, "100"],
    [-0.00001, 4, "0"],
    [1e-7, 4, "0"],
    [1e21, 4, "1000000000000000000000"],
    [-2.5, 4, "-2.5"],
  ])("formats %d with %d decimals as %s", (value, decimals, text) => {
    expect(formatDecimal(value, decimals)).toBe(text);
  });
});

describe("formatPoints", () => {
  it("never writes exponents", () => {
    expect(formatPoints(1e-12)).toBe("0");
    expect(formatPoints(3e20)).toBe("300000000000000000000");
  });
});

describe("formatDisplayNumber", () => {
  it.each([
    [25, "25", null],
    [-3, "−3", null],
    [669706, "669706", null],
    [1 / 3, "0.333333", null],
    [0.00125, "0.00125", null],
    [-2.5e-5, "−2.5", -5],
    [12345678.9, "1.23457", 7],
    [Number.NaN, "NaN", null],
    [Number.POSITIVE_INFINITY, "∞", null],
  ])("shows %d as %s × 10^%s", (value, mantissa, exponent) => {
    expect(formatDisplayNumber(value)).toEqual({ mantissa, exponent });
  });
});
