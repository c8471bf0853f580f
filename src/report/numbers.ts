/**
 * Number formatting for reports. Plain text (CSV, points) never uses exponent notation. Values on
 * pages keep at most six significant digits and show very large or small numbers as a × 10^b.
 */

/**
 * Formats a number in plain decimal notation with at most `maxDecimals` decimals and no trailing
 * zeros, so 0.1 + 0.2 prints as "0.3" and 1e21 as "1000000000000000000000".
 */
export function formatDecimal(value: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }

  // toFixed switches to exponent notation from 1e21 on; such numbers are integers as doubles.
  let text = Math.abs(value) >= 1e21 ? BigInt(value).toString() : value.toFixed(maxDecimals);
  if (text.includes(".")) {
    text = text.replace(/0+$/, "").replace(/\.$/, "");
  }
  return text === "-0" ? "0" : text;
}

/** Formats a score for pages and grades.csv, rounded to four decimals: 8/3 points is "2.6667". */
export function formatPoints(points: number): string {
  return formatDecimal(points, 4);
}

/** A number as shown on a page: `exponent` is non-null for the a × 10^b form. */
export interface DisplayNumber {
  mantissa: string;
  exponent: number | null;
}

const SIGNIFICANT_DIGITS = 6;

/**
 * Formats a value for display: integers below 10^15 in full, other numbers rounded to six
 * significant digits, and magnitudes below 10^-4 or from 10^6 on (non-integers) as a × 10^b.
 */
export function formatDisplayNumber(value: number): DisplayNumber {
  if (Number.isNaN(value)) {
    return { mantissa: "NaN", exponent: null };
  }
  if (!Number.isFinite(value)) {
    return { mantissa: value > 0 ? "∞" : "−∞", exponent: null };
  }

  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e15) {
    return { mantissa: withMinusSign(String(value === 0 ? 0 : value)), exponent: null };
  }

  if (magnitude < 1e-4 || magnitude >= 1e6) {
    const [mantissa, exponent] = value.toExponential(SIGNIFICANT_DIGITS - 1).split("e");
    return { mantissa: withMinusSign(trimZeros(mantissa)), exponent: Number(exponent) };
  }

  // Between 1e-4 and 1e6, String() of a six-digit rounding never uses exponent notation.
  return { mantissa: withMinusSign(String(Number(value.toPrecision(SIGNIFICANT_DIGITS)))), exponent: null };
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** Uses the typographic minus sign (U+2212), which lines up with the digits in a table. */
function withMinusSign(text: string): string {
  return text.replace(/^-/, "−");
}
