import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSources, removeCompiled, TimedReader } from "./_isolated.js";

// A pathological 1 MB write-up must be read within a small multiple of the time an ordinary
// 1 MB write-up takes on the same machine at the same moment; quadratic work takes minutes.
const SIZE = 1_000_000;
const FACTOR = 10;

const PROBLEM_TEXTS = ["p2-linear", "p3-relu", "p4-mlp-size"].map((id) => readFileSync(`problems/${id}.yaml`, "utf8"));
const ORDINARY = fill(readFileSync(new URL("../fixtures/samples/student-writeup.md", import.meta.url), "utf8") + "\n\n");

/** Repeats `unit` to exactly SIZE characters. */
function fill(unit: string, prefix = "", suffix = ""): string {
  const body = unit.repeat(Math.ceil(SIZE / unit.length));
  return (prefix + body).slice(0, SIZE - suffix.length) + suffix;
}

const CASES: [string, string, string][] = [
  ["unclosed braces", fill("{", "$$x = "), "w.md"],
  ["a chain of equals signs", fill(" = 1", "$$a", "$$"), "w.md"],
  ["a line of equals signs", fill("="), "w.md"],
  ["unclosed bmatrix environments", fill("\\begin{bmatrix} 1 & ", "$$W_1 = "), "w.md"],
  ["unclosed left delimiters", fill("\\left( ", "$$w_1 = "), "w.md"],
  ["unclosed square brackets", fill("[1, ", "W_1 = "), "w.md"],
  ["a million-digit number", fill("7", "2. w_1 = "), "w.md"],
  ["many labelled lines", fill("w_1 = 1\n"), "w.md"],
  ["many dollar signs", fill("$$a="), "w.md"],
  ["many LaTeX comments", fill("% = 1 \\begin{bmatrix}\n"), "w.tex"],
  ["balanced nested braces", "$$x = " + "{".repeat(SIZE / 2 - 4) + "}".repeat(SIZE / 2 - 4) + "$$", "w.md"],
  ["unclosed boxed commands", fill("\\boxed{", "$$W_1 = "), "w.md"],
  ["nested aligned environments", fill("$$\\begin{aligned}"), "w.md"],
  ["a long table of named rows", fill("| $S_2$ | [2, 3] |\n", "## Problem 2\n\n| q | v |\n|---|---|\n"), "w.md"],
  ["many remarks after a value", fill(" and so on.", "2. S_2 = [2, 3]", " Y_2 = [2, 3]"), "w.md"],
];

let compiled: string;
let reader: TimedReader;

/** Starts a worker and runs the ordinary write-up once, so the reader's code is compiled. */
async function freshReader(): Promise<TimedReader> {
  const timed = new TimedReader(compiled, PROBLEM_TEXTS);
  await timed.time(ORDINARY, "ordinary.md", 60_000);
  return timed;
}

/**
 * Times the ordinary write-up and then `text` in the same worker, with a limit of FACTOR times
 * the ordinary time. Other programs on the machine can slow one run, so a run over the limit is
 * repeated once in a fresh worker before it counts. Returns the ratio, or null when over.
 */
async function timeAgainstOrdinary(text: string, file: string, attempts = 2): Promise<number | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const ordinary = await reader.time(ORDINARY, "ordinary.md", 60_000);
    expect(ordinary?.outcome).toBe("read");
    const run = await reader.time(text, file, FACTOR * ordinary!.milliseconds);
    if (run !== null) {
      expect(run.outcome).not.toMatch(/^crash/);
      return run.milliseconds / ordinary!.milliseconds;
    }
    // The worker was stopped mid-read; the next attempt and later cases need a new one.
    reader = await freshReader();
  }
  return null;
}

beforeAll(async () => {
  compiled = compileSources();
  reader = await freshReader();
}, 120_000);

afterAll(async () => {
  await reader.close();
  removeCompiled(compiled);
});

describe("reading time of 1 MB write-ups", () => {
  it.each(CASES)("reads %s in linear time", async (_name, text, file) => {
    const ratio = await timeAgainstOrdinary(text, file);
    expect(ratio, `more than ${FACTOR} times an ordinary write-up`).not.toBeNull();
  }, 120_000);
});
