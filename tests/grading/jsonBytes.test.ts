import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonByteWriter } from "../../src/grading/jsonBytes.js";

const decoder = new TextDecoder();

function written(...values: unknown[]): string {
  const writer = new JsonByteWriter();
  values.forEach((value, index) => {
    if (index > 0) writer.ascii("\n");
    writer.value(value);
  });
  return decoder.decode(writer.take());
}

/** JSON.stringify, with each bigint written as its digits; U+0001 marks a bigint, so test strings leave it out. */
function oracle(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `\u0001${item}` : item)).replace(/"\\u0001(-?\d+)"/g, "$1");
}

describe("JsonByteWriter", () => {
  it("matches JSON.stringify on plain data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("writes the same bytes for a string seen before", () => {
    // The second and third copies come from the remembered bytes.
    const feedback = "Correct: δ₃ is within 1% of −2.5 👍";
    expect(written(feedback, feedback, { feedback })).toBe([JSON.stringify(feedback), JSON.stringify(feedback), JSON.stringify({ feedback })].join("\n"));
  });

  it("writes bigints as every digit, at any depth", () => {
    const withBigints = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.bigInt(),
        fc.double(),
        fc.string({ unit: "binary" }).filter((text) => !text.includes("\u0001")),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(withBigints, (value) => {
        expect(written(value)).toBe(oracle(value));
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it("writes non-JSON values like JSON.stringify", () => {
    const value = { gone: undefined, kept: [undefined, NaN, -Infinity, -0, 7.5e-7], f: () => 1, lone: "\ud800x" };
    expect(written(value)).toBe('{"kept":[null,null,null,0,7.5e-7],"lone":"\\ud800x"}');
  });

  it("grows past its first buffer", () => {
    // 5,000 different strings and 300 KB of text in one take, beyond the strings remembered and the first buffer.
    const many = Array.from({ length: 5000 }, (_, index) => `answer ${index} ${"é".repeat(index % 40)}`);
    const long = "x".repeat(300_000);
    expect(written(many, long, many)).toBe([JSON.stringify(many), JSON.stringify(long), JSON.stringify(many)].join("\n"));
  });

  it("rewrites strings after memory fills", () => {
    // 3,000 strings of 190 two-byte characters, and 200 control characters that JSON escapes as
    // six bytes each: more than the megabyte of remembered bytes, before the count of strings fills.
    const wide = Array.from({ length: 3000 }, (_, index) => `${index}${"é".repeat(190)}`);
    const escaped = "\u0001".repeat(200);
    const text = written(wide, escaped, wide, escaped);
    expect(text).toBe([JSON.stringify(wide), JSON.stringify(escaped), JSON.stringify(wide), JSON.stringify(escaped)].join("\n"));
  });

  it("rewrites changed arrays, reuses frozen ones", () => {
    const writer = new JsonByteWriter();
    const open = [[1, 2], [3, 4]];
    const frozen = Object.freeze([Object.freeze([5, 6]), Object.freeze([7, 8])]);
    writer.value([open, frozen]);
    open[1]![0] = 9;
    writer.ascii("\n");
    writer.value([open, frozen]);
    expect(decoder.decode(writer.take())).toBe("[[[1,2],[3,4]],[[5,6],[7,8]]]\n[[[1,2],[9,4]],[[5,6],[7,8]]]");
  });

  it("rewrites changed objects, reuses frozen ones", () => {
    const writer = new JsonByteWriter();
    const values = [1, 2];
    // Frozen, but holding an array that can change, so it is written afresh each time.
    const holdsOpen = Object.freeze({ verdict: "missing", submitted: values });
    const closed = Object.freeze({ verdict: "missing", expected: Object.freeze([3, 4]), line: null });
    writer.value([holdsOpen, closed]);
    values[0] = 9;
    writer.ascii("\n");
    writer.value([holdsOpen, closed]);
    writer.ascii("\n");
    writer.value([closed]);

    expect(decoder.decode(writer.take())).toBe(
      '[{"verdict":"missing","submitted":[1,2]},{"verdict":"missing","expected":[3,4],"line":null}]\n' +
        '[{"verdict":"missing","submitted":[9,2]},{"verdict":"missing","expected":[3,4],"line":null}]\n' +
        '[{"verdict":"missing","expected":[3,4],"line":null}]',
    );
  });

  it("starts empty after each take", () => {
    const writer = new JsonByteWriter();
    writer.value([1, 2]);
    expect(decoder.decode(writer.take())).toBe("[1,2]");
    writer.value("b");
    expect(decoder.decode(writer.take())).toBe('"b"');
  });
});
