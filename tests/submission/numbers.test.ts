import { describe, expect, it } from "vitest";
import { isFormatError, parseNumber, parsePlainDecimal } from "../../src/submission/numbers.js";

describe("parseNumber", () => {
  it.each([
    // integers, exact beyond 2^53
    ["669706", 669706, 669706n, 6],
    ["25000000000000000000001", 25000000000000000000001, 25000000000000000000001n, 23],
    ["-3", -3, -3n, 1],
    ["\u22125", -5, -5n, 1],
    ["1200", 1200, 1200n, 4],
    ["0", 0, 0n, 1],
    // decimals keep their significant digits as typed
    ["1.0000", 1, 1n, 5],
    ["0.0820", 0.082, null, 3],
    [".5", 0.5, null, 1],
    ["2.", 2, 2n, 1],
    // scientific notation
    ["1.2e-3", 0.0012, null, 2],
    ["2.50E3", 2500, 2500n, 3],
    ["1.2 \\times 10^{-3}", 0.0012, null, 2],
    ["1.2\\cdot10^{-3}", 0.0012, null, 2],
    ["3 \\times 10^4", 30000, 30000n, 1],
    ["1.2\u00d710\u207b\u00b3", 0.0012, null, 2],
    ["10^{-3}", 0.001, null, Infinity],
    // fractions are exact
    ["\\frac{3}{4}", 0.75, null, Infinity],
    ["\\dfrac{3}{4}", 0.75, null, Infinity],
    ["-\\frac{1}{2}", -0.5, null, Infinity],
    ["\\frac{-6}{3}", -2, -2n, Infinity],
    ["3/4", 0.75, null, Infinity],
    // thousands separators
    ["669,706", 669706, 669706n, 6],
    ["1,338,378", 1338378, 1338378n, 7],
    ["669\\,706", 669706, 669706n, 6],
    ["669 706", 669706, 669706n, 6],
    ["669{,}706", 669706, 669706n, 6],
    // wrappers
    ["(-3)", -3, -3n, 1],
    ["{25}", 25, 25n, 2],
    ["$({-25})$", -25, -25n, 2],
    ["{ {25} }", 25, 25n, 2],
    // the largest finite values still read
    ["1.7e308", 1.7e308, 17n * 10n ** 307n, 2],
    ["-1e-999", 0, null, 1],
  ])("reads %s", (text, value, integer, digits) => {
    const number = parseNumber(text);
    if (isFormatError(number)) throw new Error(number.message);
    expect(number.value).toBe(value);
    expect(number.integer).toBe(integer);
    expect(number.significantDigits).toBe(digits);
    expect(number.text).toBe(text);
  });

  it.each([
    // malformed numbers
    ["3E.5", "submission.invalidNumber"],
    ["0.08.2", "submission.invalidNumber"],
    ["1e", "submission.invalidNumber"],
    ["1/0", "submission.invalidNumber"],
    ["12 34", "submission.invalidNumber"],
    ["1,5", "submission.ambiguousDecimalComma"],
    // not numbers at all
    ["x_2", "submission.notANumber"],
    ["?", "submission.notANumber"],
    ["5 - 0", "submission.notANumber"],
    ["2 \\times 3", "submission.notANumber"],
    ["dL/dW", "submission.notANumber"],
    ["", "submission.notANumber"],
    ["{1}{2}", "submission.notANumber"],
    ["(1)(2)", "submission.notANumber"],
    // values beyond the largest double, about 1.8e308
    ["1e999", "submission.notFinite"],
    ["-1e999", "submission.notFinite"],
    ["10^{999}", "submission.notFinite"],
    ["2 \\times 10^{400}", "submission.notFinite"],
    ["\\frac{1e300}{1e-300}", "submission.notFinite"],
  ])("rejects %s", (text, code) => {
    const result = parseNumber(text);
    expect(isFormatError(result)).toBe(true);
    if (isFormatError(result)) expect(result.code).toBe(code);
  });

  it("reads a decimal comma when allowed", () => {
    const number = parseNumber("1,5", { decimalComma: true });
    expect(isFormatError(number) ? number.code : number.value).toBe(1.5);
  });

  it("calls 0,3442 a decimal comma only", () => {
    // Four digits after the comma cannot be a thousands group, so only the decimal reading is left.
    const result = parseNumber("0,3442");
    expect(isFormatError(result)).toBe(true);
    if (!isFormatError(result)) return;
    expect(result.code).toBe("submission.ambiguousDecimalComma");
    expect(result.message).toContain("may be a decimal comma");
    expect(result.message).toContain("Write it with a decimal point: 0.3442.");
    expect(result.message).not.toContain("thousands");
  });

  it.each([
    // text, the same number with a decimal point
    ["-0,5", "-0.5"],
    ["0{,}25", "0.25"],
    ["1,5e-3", "1.5e-3"],
    ["1234,567", "1234.567"],
  ])("rewrites the decimal comma of %s", (text, withPoint) => {
    const result = parseNumber(text);
    expect(isFormatError(result)).toBe(true);
    if (!isFormatError(result)) return;
    expect(result.message).toContain(`Write it with a decimal point: ${withPoint}.`);
    expect(result.message).not.toContain("thousands");
  });

  it("mentions thousands when groups of three fit", () => {
    // "1 234,567" is 1234.567 with a decimal comma, or 1234567 with the comma as a separator.
    const result = parseNumber("1 234,567");
    expect(isFormatError(result)).toBe(true);
    if (!isFormatError(result)) return;
    expect(result.message).toContain("a decimal comma or a thousands separator");
    expect(result.message).toContain("(1 234.567)");
    expect(result.message).toContain("(1234567)");
  });

  it("names the text in errors", () => {
    const result = parseNumber("0.08.2");
    expect(isFormatError(result)).toBe(true);
    if (isFormatError(result)) expect(result.message).toContain('"0.08.2"');
  });

  it("says an overflowing number is too large", () => {
    const result = parseNumber("1e999");
    expect(isFormatError(result)).toBe(true);
    if (isFormatError(result)) expect(result.message).toContain('"1e999" is too large to be a finite number');
  });

  it("unwraps deep braces in linear time", () => {
    // Peeling one pair per pass over the whole text took minutes at this depth.
    const depth = 200_000;
    const started = performance.now();
    const number = parseNumber("{".repeat(depth) + "7" + "}".repeat(depth));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(isFormatError(number) ? number.code : number.value).toBe(7);
  });
});

describe("parsePlainDecimal", () => {
  it.each([
    // text, value, exact integer or null, significant digits: worked out by hand
    ["669706", 669706, 669706n, 6],
    ["-3", -3, -3n, 1],
    ["0", 0, 0n, 1],
    ["-0", 0, 0n, 1],
    ["007", 7, 7n, 1],
    ["25.0", 25, 25n, 3],
    ["-0.25", -0.25, null, 2],
    ["0.0820", 0.082, null, 3],
    ["0.000", 0, 0n, 3],
    ["25000000000000000000001", 25000000000000000000001, 25000000000000000000001n, 23],
  ])("reads %s", (text, value, integer, significantDigits) => {
    const number = parsePlainDecimal(text);
    if (number === null || isFormatError(number)) throw new Error(`${text} was not read`);
    expect(number.value).toBe(value);
    expect(number.integer).toBe(integer);
    expect(number.significantDigits).toBe(significantDigits);
    expect(number.text).toBe(text);
  });

  it.each(["669706", "-3", "-0", "007", "25.0", "-0.25", "0.0820", "0.000", "1".repeat(400)])(
    "agrees with the general parser for %s",
    (text) => {
      // A leading space does not match the plain form, so parseNumber reads it the general way.
      expect(parsePlainDecimal(" " + text)).toBeNull();
      expect(parsePlainDecimal(text)).toEqual(parseNumber(" " + text));
    },
  );

  const otherForms = ["+3", " 3", "3 ", ".5", "2.", "1,5", "669,706", "1e3", "1.2.3", "--3"];
  it.each([...otherForms, "\u22123", "-", ""])("leaves %j to the general parser", (text) => {
    expect(parsePlainDecimal(text)).toBeNull();
  });
});
