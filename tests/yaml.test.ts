import { describe, expect, it } from "vitest";
import { flowNestingOffset, positionOf } from "../src/_yaml.js";

describe("flowNestingOffset", () => {
  it("accepts nesting up to the limit", () => {
    expect(flowNestingOffset("[[[1]]]", 3)).toBeNull();
    expect(flowNestingOffset('{"a": {"b": [1, 2]}}', 3)).toBeNull();
  });

  it("finds the first bracket past the limit", () => {
    // Offsets 0 to 2 open levels 1 to 3; the fourth bracket, at offset 3, is level 4.
    expect(flowNestingOffset("[[[[1]]]]", 3)).toBe(3);
    expect(flowNestingOffset("a: {b: [c, {d: [1]}]}", 3)).toBe(15);
  });

  it("counts closed levels down again", () => {
    expect(flowNestingOffset("[[1], [2], [[3]]]", 3)).toBeNull();
  });

  it("skips brackets in quoted scalars", () => {
    expect(flowNestingOffset('["[[[[", "\\"[[[["]', 2)).toBeNull();
    expect(flowNestingOffset("['[[[[', 'it''s']", 2)).toBeNull();
  });

  it("skips brackets in comments", () => {
    expect(flowNestingOffset("a: 1 # [[[[\nb: [2]", 2)).toBeNull();
  });

  it("reads an apostrophe inside a word as text", () => {
    // "it's" opens no quoted scalar, so the brackets after it still count.
    expect(flowNestingOffset("note: it's [[[x]]]", 2)).toBe(13);
  });
});

describe("positionOf", () => {
  it("counts lines and columns from 1", () => {
    // "ab\ncd": offset 0 is a (1:1), 2 the line break (1:3), 4 is d (2:2).
    expect(positionOf("ab\ncd", 0)).toEqual({ line: 1, col: 1 });
    expect(positionOf("ab\ncd", 2)).toEqual({ line: 1, col: 3 });
    expect(positionOf("ab\ncd", 4)).toEqual({ line: 2, col: 2 });
  });
});
