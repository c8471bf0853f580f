import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../src/grading/json.js";

describe("stringifyJson", () => {
  it("matches JSON.stringify on plain data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (value, indent) => {
        expect(stringifyJson(value, indent)).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it("writes every digit of a bigint", () => {
    expect(stringifyJson({ count: 9007199254740993n }, 0)).toBe('{"count":9007199254740993}');
  });

  it("lays out nested bigints like numbers", () => {
    const withBigints = stringifyJson({ counts: [[1n, -20n], [3]], total: 2n ** 64n });
    const withNumbers = JSON.stringify({ counts: [[1, -20], [3]], total: 18446744073709551616 }, null, 2);
    expect(withBigints).toBe(withNumbers.replace("18446744073709552000", "18446744073709551616"));
  });

  it("matches an oracle with bigints at any depth", () => {
    // The oracle writes each bigint as a string marked with U+0001, which fc.string() never
    // generates, then swaps the quoted string for its digits.
    const oracle = (value: unknown, margin: string): string =>
      JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `\u0001${item}` : item), 2)
        .replace(/"\\u0001(-?\d+)"/g, "$1")
        .replace(/\n/g, `\n${margin}`);
    const withBigints = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.bigInt(),
        fc.integer(),
        fc.string(),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(withBigints, fc.constantFrom(0, 1, 2, 3), (value, depth) => {
        expect(stringifyJson(value, 2, depth)).toBe(oracle(value, " ".repeat(2 * depth)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("indents without a gap at any depth", () => {
    expect(stringifyJson({ a: [1, 2n] }, 0, 2)).toBe('{"a":[1,2]}');
  });

  it("keeps the digits of integers beyond 2^53 at depth 2", () => {
    expect(stringifyJson({ n: -(2n ** 70n) }, 2, 2)).toBe('{\n      "n": -1180591620717411303424\n    }');
  });

  it("leaves a student's look-alike string alone", () => {
    const text = "\u0000bigint:123";
    expect(JSON.parse(stringifyJson({ source: text }))).toEqual({ source: text });
  });

  it("writes non-finite numbers as null", () => {
    expect(stringifyJson([Infinity, NaN, -0], 0)).toBe("[null,null,0]");
  });

  it("skips undefined fields", () => {
    expect(stringifyJson({ a: undefined, b: 1 }, 0)).toBe('{"b":1}');
  });
});
