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
  // Most points and values are small integers, which print the same way without rounding.
  if (Number.isSafeInteger(value)) {
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

/**
 * Replaces a leading hyphen-minus with the typographic minus sign (U+2212), which lines up with
 * the digits in a table.
 */
export function withMinusSign(text: string): string {
  return text.charCodeAt(0) === 0x2d ? `−${text.slice(1)}` : text;
}

/**
 * Formats a number in at most three significant digits for tight spots such as the units of a
 * network drawing: 0.731059 is "0.731", 12 is "12", and magnitudes below 10^-3 or from 10^5 on
 * use e-notation ("1.2e−5"). Integers below 10^5 are written in full.
 */
export function formatShortNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return formatDisplayNumber(value).mantissa;
  }
  const magnitude = Math.abs(value);
  if (magnitude === 0) {
    return "0";
  }
  if (Number.isInteger(value) && magnitude < 1e5) {
    return withMinusSign(String(value));
  }
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = value.toExponential(2).split("e");
    return `${trimZeros(mantissa)}e${Number(exponent)}`.replace(/-/g, "−");
  }
  return withMinusSign(String(Number(value.toPrecision(3))));
}

/**
 * Formats the error of an entry, submitted minus expected, always with its sign: whole numbers in
 * full ("+1", "−50") and others to three significant digits ("−0.0500"). Magnitudes
 * below 10^-4 or from 10^4 on are split into a mantissa and a power of ten, as in
 * `formatDisplayNumber`. Returns null for a non-finite difference.
 */
export function formatDifference(difference: number): DisplayNumber | null {
  if (!Number.isFinite(difference)) {
    return null;
  }
  const sign = difference < 0 ? "−" : "+";
  const magnitude = Math.abs(difference);
  if (magnitude === 0) {
    return { mantissa: "±0", exponent: null };
  }
  if (magnitude < 1e-4 || magnitude >= 1e4) {
    const [mantissa, exponent] = magnitude.toExponential(2).split("e");
    return { mantissa: `${sign}${mantissa}`, exponent: Number(exponent) };
  }
  // A whole difference between whole answers is exact, so it needs no decimals; toPrecision(3)
  // would also switch to e-notation from 1000 on, where whole units are precise enough.
  const whole = Number.isInteger(magnitude) || magnitude >= 100;
  const digits = whole ? String(Math.round(magnitude)) : magnitude.toPrecision(3);
  return { mantissa: `${sign}${digits}`, exponent: null };
}
