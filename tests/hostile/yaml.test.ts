import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ProblemError, RubricError } from "../../src/errors.js";
import { parseRubric } from "../../src/grading/rubric.js";
import { parseProblem } from "../../src/problem/load.js";
import type { Problem } from "../../src/problem/types.js";
import { readSubmission, SubmissionError } from "../../src/submission/read.js";
import { solveChecked } from "../../src/commands/solving.js";

const P2 = readFileSync("problems/p2-linear.yaml", "utf8");
const P4 = readFileSync("problems/p4-mlp-size.yaml", "utf8");
const PROBLEMS: Problem[] = [parseProblem(P2, "p2-linear.yaml"), parseProblem(P4, "p4-mlp-size.yaml")];

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
const ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]"]
  .concat(
    "bcdefghi".split("").map((name, i) => {
      const previous = "abcdefghi"[i];
      return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`;
    }),
  )
  .join("\n");

/** Nesting far deeper than the stack allows, in flow and block style. */
const DEEP_FLOW = "[".repeat(100_000) + "]".repeat(100_000);
const DEEP_BLOCK = Array.from({ length: 3_000 }, (_, depth) => `${" ".repeat(depth)}- `).join("\n") + "1";
const DEEP_MAP = "{a: ".repeat(5_000) + "1" + "}".repeat(5_000);

function read(text: string, file: string) {
  return readSubmission({ bytes: Buffer.from(text), file }, PROBLEMS);
}

/** Runs `parse`, returning the coded error it throws, or null when it returns. */
function codeOf(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    if (error instanceof ProblemError || error instanceof RubricError || error instanceof SubmissionError) return error.code;
    throw error;
  }
}

function expectNoPollution(): void {
  const empty = {} as Record<string, unknown>;
  expect(empty.polluted).toBeUndefined();
  expect(empty.isAdmin).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(typeof empty.toString).toBe("function");
}

describe("YAML alias bombs", () => {
  it("rejects one in a problem", () => {
    const started = performance.now();
    expect(codeOf(() => parseProblem(ALIAS_BOMB, "bomb.yaml"))).toBe("problem.invalidYaml");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("rejects one in a rubric", () => {
    expect(codeOf(() => parseRubric(ALIAS_BOMB, "bomb.yaml"))).toBe("rubric.invalidYaml");
  });

  it("never expands one in answers", () => {
    const text = `${ALIAS_BOMB}\nanswers:\n  p2-linear: {dW1: *i, dW2: *i, S2: *h}\n`;
    const started = performance.now();
    const submission = read(text, "bomb.yaml");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(submission.answers.every((answer) => answer.value === null)).toBe(true);
  });

  it("never expands one in a notebook", () => {
    const text = `${ALIAS_BOMB}\ncells: *i\n`;
    expect(codeOf(() => read(text, "bomb.ipynb"))).toMatch(/^submission\.|null/);
  });

  it("never expands one in front matter", () => {
    const submission = read(`---\n${ALIAS_BOMB}\nstudent: *i\n---\n## Problem 2\nw_1 = 25\n`, "bomb.md");
    expect(submission.student).toBe("");
  });
});

describe("deep nesting", () => {
  it.each([
    ["flow", DEEP_FLOW],
    ["block", DEEP_BLOCK],
    ["mapping", DEEP_MAP],
  ])("rejects %s nesting in a problem", (_style, text) => {
    let error: unknown;
    try {
      parseProblem(text, "deep.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).code).toBe("problem.invalidYaml");
    expect((error as ProblemError).message).toContain("deep.yaml:");
  });

  it.each([["flow", DEEP_FLOW], ["block", DEEP_BLOCK], ["mapping", DEEP_MAP]])(
    "rejects %s nesting in a rubric",
    (_style, text) => {
      expect(codeOf(() => parseRubric(text, "deep.yaml"))).toBe("rubric.invalidYaml");
    },
  );

  it("says the nesting is too deep", () => {
    expect(() => parseProblem(DEEP_FLOW, "deep.yaml")).toThrow(/nesting is deeper than \d+ levels/);
  });

  it("rejects nesting beyond the limit", () => {
    const text = P2.replace("input: [1, 2]", `input: ${"[".repeat(70)}1${"]".repeat(70)}`);
    expect(() => parseProblem(text, "deep.yaml")).toThrow(/nesting is deeper than/);
  });

  it.each([
    ["answers YAML", `answers: {p2-linear: {dW1: ${DEEP_FLOW}}}`, "deep.yaml"],
    ["answers JSON", `{"answers": {"p2-linear": {"dW1": ${DEEP_FLOW}}}}`, "deep.json"],
    ["answers mapping", `answers: ${DEEP_MAP}`, "deep.yaml"],
    ["notebook", `{"cells": ${DEEP_FLOW}}`, "deep.ipynb"],
  ])("reads deep %s as a coded error or nothing", (_what, text, file) => {
    const code = codeOf(() => read(text, file));
    expect(code === null || code.startsWith("submission.")).toBe(true);
  });
});

describe("deep flow nesting in many files", () => {
  it("rejects each of twenty deep JSON answers files", () => {
    // A parse that overflows the stack could end the process with a fatal V8 error instead of
    // throwing, after a few such files in a row, so no file may reach the parser.
    const deep = (depth: number) => `{"answers": {"p2-linear": {"S2": ${"[".repeat(depth)}1${"]".repeat(depth)}}}}`;
    for (let i = 0; i < 20; i++) {
      expect(codeOf(() => read(deep(1_000 + 100 * i), `s${i}.json`))).toBe("submission.nestingTooDeep");
    }
  });
});

describe("__proto__ and constructor keys", () => {
  afterEach(expectNoPollution);

  it("rejects them in a problem", () => {
    const proto = P2.replace("number: 2", "number: 2\n__proto__: {polluted: true}");
    expect(codeOf(() => parseProblem(proto, "p.yaml"))).toBe("problem.schema");
    const constructor = P2.replace("number: 2", "number: 2\nconstructor: {prototype: {polluted: true}}");
    expect(codeOf(() => parseProblem(constructor, "p.yaml"))).toBe("problem.schema");
    const nested = P2.replace("  loss: half_sse", "  loss: half_sse\n  __proto__: {isAdmin: true}");
    expect(codeOf(() => parseProblem(nested, "p.yaml"))).toBe("problem.schema");
  });

  it("rejects them as rubric misconceptions", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const rubric = parseRubric(`assignment: a\nproblems: [p2-linear]\nmisconceptions: {${key}: 0.5}\n`, "r.yaml");
      expect(rubric.misconceptions[key]).toBe(0.5);
      expect(Object.getPrototypeOf(rubric.misconceptions)).toBe(Object.prototype);
    }
  });

  it("reads a rubric's points keys as data", () => {
    const rubric = parseRubric("assignment: a\nproblems: [p2-linear]\npoints: {__proto__: 3, constructor: 2}\n", "r.yaml");
    expect([...rubric.points.keys()].sort()).toEqual(["__proto__", "constructor"]);
  });

  it.each([
    [
      "YAML answers",
      "pollute.yaml",
      "__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\nanswers:\n  __proto__: {polluted: 1}\n  p2-linear: {__proto__: 1, constructor: 2, dW1: [[25, 25], [50, 50]]}\n",
    ],
    [
      "JSON answers",
      "pollute.json",
      '{"__proto__": {"polluted": 1}, "answers": {"constructor": {"prototype": {"polluted": 1}}, "p2-linear": {"__proto__": {"polluted": 1}, "dW1": [[25, 25], [50, 50]]}}}',
    ],
    [
      "a notebook",
      "pollute.ipynb",
      '{"__proto__": {"polluted": 1}, "cells": [{"cell_type": "markdown", "__proto__": {"polluted": 1}, "source": ["## Problem 2\\n", "w_1 = 25"]}]}',
    ],
    ["front matter", "pollute.md", "---\n__proto__: {polluted: 1}\nstudent: ana\n---\n## Problem 2\nw_1 = 25\n"],
  ])("reads %s without pollution", (_what, file, text) => {
    const submission = read(text, file);
    expect(submission.answers.length).toBeGreaterThan(0);
  });
});

describe("special numbers in problems", () => {
  it.each([
    ["NaN input", "input: [1, 2]", "input: [.nan, 2]", 18],
    ["infinite weight", "weights: [[2, 1], [0, 1]]", "weights: [[2, .inf], [0, 1]]", 21],
    ["overflowing target", "target: [0, 0]", "target: [0, 1e999]", 27],
    ["NaN number", "number: 2", "number: .nan", 3],
  ])("rejects a %s", (_what, from, to, line) => {
    let error: unknown;
    try {
      parseProblem(P2.replace(from, to), "p2.yaml");
    } catch (caught) {
      error = caught;
    }
    expect((error as ProblemError).code).toBe("problem.notFinite");
    expect((error as ProblemError).location?.line).toBe(line);
  });

  it.each([
    ["rtol: .nan", "problem.notFinite"],
    ["atol: .inf", "problem.notFinite"],
    ["rtol: -0.01", "problem.schema"],
    ["atol: '0.1'", "problem.schema"],
  ])("rejects the tolerance %s", (tolerance, code) => {
    const text = P2.replace("number: 2", `number: 2\ntolerance: {${tolerance}}`);
    expect(codeOf(() => parseProblem(text, "p2.yaml"))).toBe(code);
  });

  it("solves -0 as 0", () => {
    const negativeZero = parseProblem(P2.replace("target: [0, 0]", "target: [-0, -0.0]"), "p2.yaml");
    expect(solveChecked(negativeZero)).toEqual(solveChecked(PROBLEMS[0]!));
  });

  it("solves huge integers without crashing", () => {
    const text = P2.replace("input: [1, 2]", "input: [123456789012345678901234567890, 2]");
    const code = codeOf(() => solveChecked(parseProblem(text, "p2.yaml")));
    expect(code === null || code.startsWith("problem.") || code.startsWith("solver.")).toBe(true);
  });

  it("rejects values that overflow in the solver", () => {
    // Inputs near the float limit square to infinity in the loss.
    const text = P2.replace("input: [1, 2]", "input: [1e300, 1e300]");
    expect(() => solveChecked(parseProblem(text, "p2.yaml"))).toThrow(ProblemError);
  });
});

describe("special numbers in rubrics", () => {
  it.each([
    ["points: {p2-linear.dW1: .inf}", "rubric.notFinite"],
    ["points: {p2-linear.dW1: .nan}", "rubric.notFinite"],
    ["tolerance: {atol: .inf}", "rubric.notFinite"],
    ["tolerance: {rtol: -1}", "rubric.schema"],
    ["follow_through: .nan", "rubric.notFinite"],
  ])("rejects %s", (line, code) => {
    expect(codeOf(() => parseRubric(`assignment: a\nproblems: [p2-linear]\n${line}\n`, "r.yaml"))).toBe(code);
  });
});

describe("special numbers in answers", () => {
  const answer = (text: string, file = "a.yaml") => {
    const submission = read(text, file);
    return submission.answers.find((entry) => entry.question === "dW1" || entry.question === "params")!;
  };

  it.each([
    ["YAML .nan", "dW1: [[.nan, 25], [50, 50]]"],
    ["YAML .inf", "dW1: [[.inf, 25], [50, 50]]"],
    ["YAML -.inf", "dW1: [[-.inf, 25], [50, 50]]"],
    ["string NaN", 'dW1: "NaN"'],
    ["string Infinity", 'dW1: "Infinity"'],
    ["LaTeX infinity", 'dW1: "\\\\infty"'],
  ])("reads %s as a format error", (_what, line) => {
    const found = answer(`answers:\n  p2-linear:\n    ${line}\n`);
    expect(found.value).toBeNull();
    expect(found.error?.code).toMatch(/^submission\./);
  });

  it.each([["dW1: [[1e999, 25], [50, 50]]"], ['dW1: "10^{999}"'], ['dW1: "-1e999"']])("reads %s as a format error", (line) => {
    const found = answer(`answers:\n  p2-linear:\n    ${line}\n`);
    expect(found.value).toBeNull();
  });

  it.each([["NaN"], ["Infinity"], ["-Infinity"]])("rejects JSON's %s", (word) => {
    const code = codeOf(() => answer(`{"answers": {"p2-linear": {"dW1": [[${word}, 25], [50, 50]]}}}`, "a.json"));
    if (code === null) {
      const found = answer(`{"answers": {"p2-linear": {"dW1": [[${word}, 25], [50, 50]]}}}`, "a.json");
      expect(found.value).toBeNull();
    } else {
      expect(code).toBe("submission.invalidYaml");
    }
  });

  it("reads -0 as zero", () => {
    const found = answer("answers:\n  p2-linear:\n    dW1: [[-0, 25], [50, -0.0]]\n");
    expect(found.value?.kind).toBe("matrix");
    if (found.value?.kind === "matrix") expect(Math.abs(found.value.rows[0]![0]!.value)).toBe(0);
  });

  it("keeps a huge integer exact", () => {
    const found = answer("answers:\n  p4-mlp-size:\n    params: 123456789012345678901234567890\n");
    expect(found.value?.kind).toBe("number");
    if (found.value?.kind === "number") expect(found.value.number.integer).toBe(123456789012345678901234567890n);
  });

  it("reads a huge quoted integer exactly", () => {
    const found = answer('answers:\n  p4-mlp-size:\n    params: "999999999999999999999999999999999999"\n');
    if (found.value?.kind === "number") expect(found.value.number.integer).toBe(999999999999999999999999999999999999n);
  });
});
