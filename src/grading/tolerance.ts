import type { ToleranceSpec } from "../problem/types.js";

/** The resolved comparison rule of one question. */
export type Tolerance =
  | { mode: "relative"; rtol: number; atol: number }
  | { mode: "digits"; digits: number }
  | { mode: "exact" };

/**
 * Relative tolerance used when neither rubric, problem nor question sets one: 1%, as
 * PrairieLearn's number and matrix inputs default to. Hand-computed backprop answers are
 * usually rounded to three or four significant digits, and 1% accepts those while still telling
 * a missing factor (½, η, an activation derivative) from a right answer.
 */
export const DEFAULT_RTOL = 0.01;

/**
 * The default absolute tolerance is this fraction of the largest |expected| of the question, so
 * it scales with the question: entries that are exactly 0 beside non-zero ones accept
 * floating-point noise, while a question whose values are all tiny still needs relative accuracy.
 */
export const DEFAULT_ATOL_SCALE = 1e-6;

/**
 * Absolute tolerance for a question whose expected values are all exactly zero, where there is
 * no scale to take a fraction of: it accepts computed noise such as 1e-17 and nothing a student
 * would type on purpose.
 */
export const ZERO_QUESTION_ATOL = 1e-12;

// Binary floating point puts 0.303 − 0.3 a few ulps above 0.003, while 0.3 − 0.297 lands a few
// ulps below it. Widening the bound by this relative amount lets answers at the same decimal
// distance on either side of the expected value get the same verdict.
const BOUNDARY_SLACK = 1e-9;

/**
 * Resolves the tolerance of a question from its own settings, its problem's and the rubric's,
 * the most specific first. A field that is set to 0 stays 0.
 */
export function resolveTolerance(levels: ToleranceSpec[], expectedScale: number): Tolerance {
  const pick = <K extends keyof ToleranceSpec>(key: K): ToleranceSpec[K] =>
    levels.find((level) => level[key] !== undefined)?.[key];

  const digits = pick("digits");
  const rtol = pick("rtol");
  const atol = pick("atol");
  // A digits setting applies unless a more specific level sets rtol or atol instead.
  const digitsLevel = levels.findIndex((level) => level.digits !== undefined);
  const relativeLevel = levels.findIndex((level) => level.rtol !== undefined || level.atol !== undefined);
  if (digits !== undefined && (relativeLevel < 0 || digitsLevel <= relativeLevel)) {
    return { mode: "digits", digits };
  }

  const defaultAtol = expectedScale > 0 ? DEFAULT_ATOL_SCALE * expectedScale : ZERO_QUESTION_ATOL;
  return { mode: "relative", rtol: rtol ?? DEFAULT_RTOL, atol: atol ?? defaultAtol };
}

/** Returns true when `submitted` is close enough to `expected` under the tolerance. */
export function withinTolerance(submitted: number, expected: number, tolerance: Tolerance): boolean {
  if (!Number.isFinite(submitted) || !Number.isFinite(expected)) return false;
  const difference = Math.abs(submitted - expected);

  switch (tolerance.mode) {
    case "exact":
      return difference === 0;
    case "relative": {
      const bound = tolerance.atol + tolerance.rtol * Math.abs(expected);
      return difference <= bound * (1 + BOUNDARY_SLACK);
    }
    case "digits":
      return difference <= digitsBand(expected, tolerance.digits) * (1 + BOUNDARY_SLACK);
  }
}

/**
 * Returns the accepted distance for a significant-figures comparison: 0.51 of a unit in the last
 * asked digit, so an answer rounded either way at exactly half a unit is accepted (as
 * PrairieLearn does).
 */
export function digitsBand(expected: number, digits: number): number {
  if (expected === 0) return ZERO_QUESTION_ATOL;
  const exponent = Math.floor(Math.log10(Math.abs(expected)));
  return 0.51 * 10 ** (exponent - digits + 1);
}

/** Describes a tolerance in plain words for students, such as "within 1% of the expected value". */
export function describeTolerance(tolerance: Tolerance): string {
  switch (tolerance.mode) {
    case "exact":
      return "exactly: counts are whole numbers";
    case "digits":
      return `to ${tolerance.digits} significant ${tolerance.digits === 1 ? "figure" : "figures"}`;
    case "relative": {
      if (tolerance.rtol === 0) return `within ${formatPlain(tolerance.atol)} of the expected value`;
      const percent = formatPlain(tolerance.rtol * 100);
      return `within ${percent}% of the expected value`;
    }
  }
}

/** Rounds a number to `digits` significant digits. */
export function roundToSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(Math.min(Math.max(digits, 1), 100)));
}

function formatPlain(value: number): string {
  return String(Number(value.toPrecision(6)));
}
