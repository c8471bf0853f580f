import { describe, expect, it } from "vitest";

import { formatDecimal, formatDifference, formatDisplayNumber, formatPoints, formatShortNumber } from "../../src/report/numbers.js";

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

describe("formatShortNumber", () => {
  it.each([
    [0.7310585786, "0.731"],
    [12, "12"],
    [-1.25, "−1.25"],
    [1234.5, "1230"],
    [0.0000123, "1.23e−5"],
    [123456.7, "1.23e5"],
    [0, "0"],
  ])("formats %d as %s", (value, text) => {
    expect(formatShortNumber(value)).toBe(text);
  });
});

describe("formatDifference", () => {
  it.each([
    [1, "+1", null],
    [-50, "−50", null],
    [1.5, "+1.50", null],
    [-0.025, "−0.0250", null],
    [1234.4, "+1234", null],
    [0.00001234, "+1.23", -5],
    [-25000, "−2.50", 4],
  ])("formats %d", (value, mantissa, exponent) => {
    expect(formatDifference(value)).toEqual({ mantissa, exponent });
  });

  it("rejects non-finite differences", () => {
    expect(formatDifference(Number.NaN)).toBeNull();
  });
});
