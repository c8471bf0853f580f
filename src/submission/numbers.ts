import type { FormatError, ReadNumber } from "./types.js";

/** Options for reading numbers. */
export interface NumberOptions {
  /** Read a single comma as a decimal comma (`1,5` = 1.5) instead of a thousands separator. */
  decimalComma?: boolean;
}

/** Code for text that is not a number at all (a symbol, an expression), as opposed to a typo. */
export const NOT_A_NUMBER = "submission.notANumber";

/** A decimal read digit by digit, so that its value and integer part stay exact. */
interface Decimal {
  negative: boolean;
  /** Every digit as typed, integer and fraction part together, without separators. */
  digits: string;
  /** How many of `digits` come after the decimal point. */
  fractionLength: number;
  /** The power of ten from scientific notation, 0 when there is none. */
  exponent: number;
  significantDigits: number;
}

type Parsed = Decimal | FormatError;

/** Tells a FormatError from a successfully read value. */
export function isFormatError(value: unknown): value is FormatError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/**
 * Reads one number as a student typed it, strictly: integers (exact in `integer`), decimals,
 * `1.2e-3`, `1.2 \times 10^{-3}`, `\frac{3}{4}`, `3/4`, a Unicode minus, and thousands
 * separators (`669,706`, `669\,706`, `669 706`). Nothing is guessed, so `0.08.2` is an error.
 *
 * Significant digits count from the first non-zero digit and include trailing zeros after a
 * decimal point ("0.0820" has 3). An integer counts all its digits ("1200" has 4), because
 * counts are typed exactly; fractions and bare powers of ten are exact and count Infinity.
 *
 * Returns a FormatError with code `submission.notANumber` when the text is not a number at all,
 * `submission.invalidNumber` when it looks like one but is malformed,
 * `submission.notFinite` when its value overflows (`1e999`, `10^{999}`), and
 * `submission.ambiguousDecimalComma` for `1,5` unless `decimalComma` is set.
 *
 * @example parseNumber("2.50e-3") // { value: 0.0025, integer: null, significantDigits: 3, … }
 */
export function parseNumber(text: string, options: NumberOptions = {}): ReadNumber | FormatError {
  const plain = parsePlainDecimal(text);
  if (plain !== null) return plain;

  const cleaned = stripWrappers(normaliseSymbols(text));
  let body = cleaned;
  let negative = false;
  if (body.startsWith("-") || body.startsWith("+")) {
    negative = body.startsWith("-");
    body = body.slice(1).trimStart();
  }

  const fraction = parseFraction(body, text, options);
  if (fraction !== null) return isFormatError(fraction) ? fraction : finiteOnly(withSign(fraction, negative));

  const parsed = parseScientific(body, text, options);
  if (isFormatError(parsed)) return parsed;
  parsed.negative = negative !== parsed.negative;
  return finiteOnly(toReadNumber(parsed, text));
}

/**
 * Reads a number written as an optional minus, digits, and an optional point with more digits
 * (`-0.25`, `669706`), which most matrix entries are, in one pass over its characters. The
 * general steps leave such text unchanged, because it has no spaces, symbols, wrappers, slash,
 * exponent or separators, and they end in plainDecimal and toReadNumber, which give the same
 * result. Returns null for any other text.
 */
export function parsePlainDecimal(text: string): ReadNumber | FormatError | null {
  const length = text.length;
  const negative = text.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  // Significant digits start at the first digit that is not a leading zero.
  let firstSignificant = -1;
  let significantDigits = 0;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    if (firstSignificant < 0 && code !== DIGIT_0) firstSignificant = i;
    if (firstSignificant >= 0) significantDigits += 1;
  }
  const integerEnd = i;
  if (integerEnd === (negative ? 1 : 0)) return null;

  let fractionLength = 0;
  let fractionIsZero = true;
  if (i < length) {
    if (text.charCodeAt(i) !== POINT) return null;
    for (i += 1; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < DIGIT_0 || code > DIGIT_9) return null;
      if (code !== DIGIT_0) fractionIsZero = false;
      if (firstSignificant < 0 && code !== DIGIT_0) firstSignificant = i;
      if (firstSignificant >= 0) significantDigits += 1;
    }
    fractionLength = i - integerEnd - 1;
    if (fractionLength === 0) return null;
  }
  if (firstSignificant < 0) significantDigits = Math.max(1, fractionLength);

  // Number() rounds a decimal correctly, so the text gives the same double as the `digits e
  // scale` form that toReadNumber builds. Adding 0 turns -0 into 0, as toReadNumber does.
  const value = Number(text) + 0;
  let integer: bigint | null = null;
  if (fractionLength === 0) integer = BigInt(text);
  else if (fractionIsZero) integer = BigInt(text.slice(0, integerEnd));
  return finiteOnly({ value, integer, text, significantDigits });
}

const MINUS = 45;
const POINT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** Code for a number whose value overflows a double (beyond about ±1.8e308), such as 1e999. */
export const NOT_FINITE = "submission.notFinite";

/**
 * Turns a number whose float value overflowed into a FormatError, because no tolerance can
 * compare Infinity with a finite expected value.
 */
function finiteOnly(number: ReadNumber): ReadNumber | FormatError {
  if (Number.isFinite(number.value)) return number;
  return {
    code: NOT_FINITE,
    message:
      `"${number.text}" is too large to be a finite number (the largest is about 1.8e308). ` +
      `Check its exponent.`,
  };
}

/** Any character outside ASCII; every symbol that normaliseSymbols rewrites is one. */
const NON_ASCII = /[^\x00-\x7f]/;

function normaliseSymbols(text: string): string {
  let result = text.trim();
  if (!NON_ASCII.test(result)) return result;
  result = result.replace(/\u2212/g, "-");
  result = result.replace(/\u00d7/g, "\\times ").replace(/[\u00b7\u22c5]/g, "\\cdot ");
  result = result.replace(/[\u207a\u207b\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+/g, (run) => {
    return "^{" + [...run].map((c) => SUPERSCRIPTS[c] ?? c).join("") + "}";
  });
  return result;
}

const SUPERSCRIPTS: Record<string, string> = {
  "\u207a": "+",
  "\u207b": "-",
  "\u2070": "0",
  "\u00b9": "1",
  "\u00b2": "2",
  "\u00b3": "3",
  "\u2074": "4",
  "\u2075": "5",
  "\u2076": "6",
  "\u2077": "7",
  "\u2078": "8",
  "\u2079": "9",
};

/**
 * Removes `$…$`, outer braces and outer parentheses around a whole number, such as `(-3)` or
 * `{{25}}`. Brackets are matched once for the whole text, so deep wrapping stays linear.
 */
function stripWrappers(text: string): string {
  // Matched on first use: most numbers have no wrapper at all.
  let closingBraces: Int32Array | null = null;
  let closingParentheses: Int32Array | null = null;
  let start = 0;
  let end = text.length;
  const trim = (): void => {
    while (start < end && WHITESPACE.test(text[start])) start += 1;
    while (end > start && WHITESPACE.test(text[end - 1])) end -= 1;
  };

  trim();
  for (;;) {
    const length = end - start;
    if (length >= 2 && text[start] === "$" && text[end - 1] === "$") {
      while (start < end && text[start] === "$") start += 1;
      while (end > start && text[end - 1] === "$") end -= 1;
      trim();
    }

    // A pair is a wrapper only when the first character's match is the last character.
    let closes: Int32Array | null = null;
    if (text[start] === "{") closes = closingBraces ??= matchingCloses(text, "{", "}");
    else if (text[start] === "(") closes = closingParentheses ??= matchingCloses(text, "(", ")");
    if (closes !== null && end - start >= 2 && closes[start] === end - 1) {
      start += 1;
      end -= 1;
      trim();
    }
    if (end - start === length) return text.slice(start, end);
  }
}

/**
 * Returns, for every `open` character, the index of the `close` that matches it (-1 when it
 * never closes), in one pass. Only these two characters count, so `{(}` still matches its braces.
 */
function matchingCloses(text: string, open: string, close: string): Int32Array {
  const closes = new Int32Array(text.length).fill(-1);
  const openings: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === open) openings.push(i);
    else if (text[i] === close && openings.length > 0) closes[openings.pop()!] = i;
  }
  return closes;
}

const LATEX_FRACTION = /^\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}$/;
const LATEX_DIGIT_FRACTION = /^\\[dt]?frac\s*(\d)\s*(\d)$/;

/** Reads `\frac{a}{b}` or `a/b`; returns null when the text is not written as a fraction. */
function parseFraction(
  body: string,
  original: string,
  options: NumberOptions,
): ReadNumber | FormatError | null {
  let parts = LATEX_FRACTION.exec(body) ?? LATEX_DIGIT_FRACTION.exec(body);
  if (parts === null) {
    const slash = body.indexOf("/");
    if (slash < 0 || body.indexOf("/", slash + 1) >= 0) return null;
    parts = ["", body.slice(0, slash), body.slice(slash + 1)] as unknown as RegExpExecArray;
  }

  const numerator = parseSignedDecimal(parts[1], original, options);
  const denominator = parseSignedDecimal(parts[2], original, options);
  if (isFormatError(numerator)) return numerator.code === NOT_A_NUMBER ? null : numerator;
  if (isFormatError(denominator)) return denominator.code === NOT_A_NUMBER ? null : denominator;

  const top = toReadNumber(numerator, parts[1]);
  const bottom = toReadNumber(denominator, parts[2]);
  if (bottom.value === 0) {
    return invalid(original, "its denominator is zero");
  }

  let integer: bigint | null = null;
  if (top.integer !== null && bottom.integer !== null && top.integer % bottom.integer === 0n) {
    integer = top.integer / bottom.integer;
  }
  const exact = top.integer !== null && bottom.integer !== null;
  return {
    value: top.value / bottom.value,
    integer,
    text: original.trim(),
    significantDigits: exact ? Infinity : Math.min(top.significantDigits, bottom.significantDigits),
  };
}

function parseSignedDecimal(text: string, original: string, options: NumberOptions): Parsed {
  let body = stripWrappers(text.trim());
  let negative = false;
  if (body.startsWith("-") || body.startsWith("+")) {
    negative = body.startsWith("-");
    body = body.slice(1).trimStart();
  }
  const parsed = parseScientific(body, original, options);
  if (!isFormatError(parsed)) parsed.negative = negative !== parsed.negative;
  return parsed;
}

const POWER_OF_TEN = /^10\s*\^\s*(?:\{\s*([+-]?\d+)\s*\}|([+-]?\d))$/;

/** Reads a decimal with an optional exponent: `1.2e-3`, `1.2 \times 10^{-3}`, `10^{3}`. */
function parseScientific(body: string, original: string, options: NumberOptions): Parsed {
  const power = POWER_OF_TEN.exec(body);
  if (power !== null) {
    const exponent = Number(power[1] ?? power[2]);
    return { negative: false, digits: "1", fractionLength: 0, exponent, significantDigits: Infinity };
  }

  const times = lastIndexOfAny(body, ["\\times", "\\cdot", "*"]);
  if (times !== null) {
    const tenPower = POWER_OF_TEN.exec(body.slice(times.end).trim());
    if (tenPower === null) return notANumber(original);
    const mantissa = parseDecimal(body.slice(0, times.start).trim(), original, options);
    if (isFormatError(mantissa)) return mantissa;
    mantissa.exponent = Number(tenPower[1] ?? tenPower[2]);
    return mantissa;
  }

  if (!/^[0-9.,eE+\-\u2009\u202f\u00a0 ~{}\\]*$/.test(body) || !/\d/.test(body)) {
    return notANumber(original);
  }
  const e = body.search(/[eE]/);
  if (e < 0) return parseDecimal(body, original, options);

  const exponentText = body.slice(e + 1);
  if (!/^[+-]?\d+$/.test(exponentText)) {
    return invalid(original, "the exponent after 'e' must be a whole number, as in 2.5e-3");
  }
  const mantissa = parseDecimal(body.slice(0, e), original, options);
  if (isFormatError(mantissa)) return mantissa;
  mantissa.exponent = Number(exponentText);
  return mantissa;
}

function lastIndexOfAny(text: string, needles: string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const needle of needles) {
    const start = text.lastIndexOf(needle);
    if (start >= 0 && (best === null || start > best.start)) {
      best = { start, end: start + needle.length };
    }
  }
  return best;
}

const THIN_GROUPED = /^\d{1,3}(?:\u2009\d{3})+(?:[.,]\d+)?$/;
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Reads unsigned digits with at most one decimal separator and optional thousands groups. */
function parseDecimal(text: string, original: string, options: NumberOptions): Parsed {
  // `{,}` is the LaTeX spelling of a comma inside a number, `\,` and `~` are thin spaces.
  const body = text
    .replace(/\{,\}/g, ",")
    .replace(/\\,|\\ |~|[\u202f\u00a0 ]/g, "\u2009")
    .replace(/\u2009+/g, "\u2009");

  if (!/^[0-9.,\u2009]*$/.test(body) || !/\d/.test(body)) return notANumber(original);

  if (body.includes("\u2009")) {
    if (!THIN_GROUPED.test(body)) {
      return invalid(original, "spaces inside a number must separate groups of three digits");
    }
    const ungrouped = body.replace(/\u2009/g, "");
    if (ungrouped.includes(",") && !options.decimalComma) return ambiguousComma(original, body);
    return plainDecimal(ungrouped.replace(",", "."), original);
  }

  const commas = body.split(",").length - 1;
  if (commas === 0) return plainDecimal(body, original);

  if (COMMA_GROUPED.test(body) && (commas > 1 || body.includes(".") || !options.decimalComma)) {
    return plainDecimal(body.replace(/,/g, ""), original);
  }
  if (commas === 1 && !body.includes(".")) {
    if (options.decimalComma) return plainDecimal(body.replace(",", "."), original);
    return ambiguousComma(original, body);
  }
  return invalid(original, "its commas and points do not form one number");
}

function plainDecimal(body: string, original: string): Parsed {
  const point = body.indexOf(".");
  if (point >= 0 && body.indexOf(".", point + 1) >= 0) {
    return invalid(original, "it has more than one decimal point");
  }
  if (!/^\d*\.?\d*$/.test(body) || !/\d/.test(body)) {
    return invalid(original, "it mixes digits with other characters");
  }

  const integerPart = point >= 0 ? body.slice(0, point) : body;
  const fractionPart = point >= 0 ? body.slice(point + 1) : "";
  const digits = integerPart + fractionPart;
  const significant = digits.replace(/^0+/, "");

  let significantDigits: number;
  if (significant === "") significantDigits = Math.max(1, fractionPart.length);
  else significantDigits = significant.length;

  return {
    negative: false,
    digits,
    fractionLength: fractionPart.length,
    exponent: 0,
    significantDigits,
  };
}

/** Largest power of ten turned into an exact BigInt; larger exponents only get a float value. */
const MAX_EXACT_EXPONENT = 400;

function toReadNumber(decimal: Decimal, text: string): ReadNumber {
  const scale = decimal.exponent - decimal.fractionLength;
  const sign = decimal.negative ? "-" : "";
  const value = Number(`${sign}${decimal.digits}e${scale}`) + 0;

  let integer: bigint | null = null;
  if (scale === 0) {
    integer = BigInt(decimal.digits);
  } else if (scale > 0 && scale <= MAX_EXACT_EXPONENT) {
    integer = BigInt(decimal.digits) * 10n ** BigInt(scale);
  } else if (scale < 0 && -scale <= decimal.digits.length && decimal.digits.endsWith("0".repeat(-scale))) {
    integer = BigInt(decimal.digits.slice(0, decimal.digits.length + scale) || "0");
  }
  if (integer !== null && decimal.negative) integer = -integer;

  return { value, integer, text: text.trim(), significantDigits: decimal.significantDigits };
}

function withSign(number: ReadNumber, negative: boolean): ReadNumber {
  if (!negative) return number;
  return {
    ...number,
    value: -number.value + 0,
    integer: number.integer === null ? null : -number.integer,
  };
}

function notANumber(text: string): FormatError {
  return {
    code: NOT_A_NUMBER,
    message:
      `"${text.trim()}" is not a number. Write the value as a number, ` +
      `such as 0.25, 1/4, 2.5e-3 or 2.5 \\times 10^{-3}.`,
  };
}

function invalid(text: string, reason: string): FormatError {
  return {
    code: "submission.invalidNumber",
    message:
      `"${text.trim()}" looks like a number but cannot be read: ${reason}. ` +
      `Write it as, for example, 0.082, 8.2e-2 or 8.2 \\times 10^{-2}.`,
  };
}

/**
 * Builds the error for a comma that may be a decimal comma while decimal commas are off. `body` is the number
 * as parseDecimal reads it, with thin spaces as U+2009. The comma is called a possible thousands
 * separator only when the digits fit groups of three, so "0,3442" gets only the decimal advice.
 */
function ambiguousComma(text: string, body: string): FormatError {
  const typed = text.trim();
  // Every comma in the text, but not the thin space `\,`, becomes a point: "-0{,}5" is "-0.5".
  const withPoint = typed.replace(/\{,\}|(?<!\\),/g, ".");
  const offNote = "decimal commas are not turned on for this assignment";
  if (!COMMA_GROUPED.test(body.replace(/\u2009/g, ","))) {
    return {
      code: "submission.ambiguousDecimalComma",
      message: `"${typed}" has a comma that may be a decimal comma, but ${offNote}. Write it with a decimal point: ${withPoint}.`,
    };
  }
  return {
    code: "submission.ambiguousDecimalComma",
    message:
      `"${typed}" has a comma that may be a decimal comma or a thousands separator, and ${offNote}. ` +
      `Write a decimal point (${withPoint}) or leave the separators out (${body.replace(/[\u2009,]/g, "")}).`,
  };
}

/** Made once, because a regular expression literal in a function makes an object per call. */
const WHITESPACE = /\s/;
