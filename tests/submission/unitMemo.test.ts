import { afterEach, describe, expect, it } from "vitest";
import { readSubmission } from "../../src/submission/read.js";
import type { Submission } from "../../src/submission/types.js";
import { checkRememberedUnits, compareReadings, UnitStore, type UnitReading } from "../../src/submission/_unitMemo.js";
import type { Finding } from "../../src/submission/_recorder.js";
import { bundledProblems } from "./_bundled.js";

// Every test reads with the same problem list, so units read by one write-up are remembered for
// the next, as when a class is graded.
function read(text: string): Submission {
  return readSubmission({ bytes: new TextEncoder().encode(text), file: "a.md" }, bundledProblems());
}

/** Problem, question, first entry and line of each answer. */
function found(submission: Submission): [string, string, number | null, number][] {
  return submission.answers.map((answer) => [answer.problem, answer.question, firstEntry(answer.value), answer.line]);
}

function firstEntry(value: Submission["answers"][number]["value"]): number | null {
  if (value === null) return null;
  if (value.kind === "number") return value.number.value;
  return value.rows[0]![0]!.value;
}

afterEach(() => checkRememberedUnits(false));

describe("units read again", () => {
  it("keeps the line of each place", () => {
    const display = "$$S_2 = x W_1 = \\begin{bmatrix} 2 & 3 \\end{bmatrix}$$";

    const first = read(`## Problem 2\n\n${display}\n`);
    const second = read(`## Problem 2\n\nForward pass.\n\nMore words.\n\n${display}\n`);

    expect(found(first)).toEqual([["p2-linear", "S2", 2, 3]]);
    expect(found(second)).toEqual([["p2-linear", "S2", 2, 7]]);
  });

  it("files a unit under its own section", () => {
    const display = "$$S_2 = \\begin{bmatrix} 2 & -1 \\end{bmatrix}$$";

    const second = read(`## Problem 2\n\n${display}\n`);
    const third = read(`## Problem 3\n\n${display}\n`);

    expect(found(second)).toEqual([["p2-linear", "S2", 2, 3]]);
    expect(found(third)).toEqual([["p3-relu", "S2", 2, 3]]);
  });

  it("continues the labels of the unit before", () => {
    // A display starting with `=` gives its value to the label before it, which differs here.
    const value = "$$= \\begin{bmatrix} 2 & 3 \\end{bmatrix}$$";

    const withS2 = read(`## Problem 2\n\n$$S_2 = x W_1$$\n\n${value}\n`);
    const withY2 = read(`## Problem 2\n\n$$Y_2 = \\operatorname{id}(S_2)$$\n\n${value}\n`);

    expect(found(withS2)).toEqual([["p2-linear", "S2", 2, 5]]);
    expect(found(withY2)).toEqual([["p2-linear", "Y2", 2, 5]]);
  });

  it("gives a bare value to a heading's question only", () => {
    const value = "$$\\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}$$";

    const underHeading = read(`## Problem 2\n\n### dW2\n\n${value}\n`);
    const alone = read(`## Problem 2\n\n${value}\n`);

    expect(found(underHeading)).toEqual([["p2-linear", "dW2", 10, 5]]);
    expect(found(alone)).toEqual([]);
  });

  it("notes an unknown label each time", () => {
    const line = "$$Q_7 = 12$$";

    const first = read(`## Problem 2\n\n${line}\n`);
    const second = read(`## Problem 2\n\nWords.\n\n${line}\n`);

    expect(first.notes.map((note) => [note.code, note.line])).toEqual([["submission.unknownLabel", 3]]);
    expect(second.notes.map((note) => [note.code, note.line])).toEqual([["submission.unknownLabel", 5]]);
  });

  it("notes an unknown label after an ambiguous one", () => {
    // Outside any problem section `S_2` names questions of two problems, and its ambiguousLabel
    // note keeps the unknown label on the same line from getting a note of its own.
    const display = "$$Q_8 = [1, 2]$$";

    const afterAmbiguous = read(`S_2 = [2, 3] ${display}\n`);
    const alone = read(`${display}\n`);

    const codes = (submission: Submission): [string, number][] =>
      submission.notes.map((note) => [note.code, note.line]);
    expect(codes(afterAmbiguous)).toEqual([["submission.ambiguousLabel", 1]]);
    expect(codes(alone)).toEqual([["submission.unknownLabel", 1]]);
  });

  it("reads the same with checking on", () => {
    const text = "## Problem 2\n\n$$S_2 = \\begin{bmatrix} 2 & 3 \\end{bmatrix}$$\n\nHidden error: $\\delta_2 = [25, 25]$.\n";
    const before = found(read(text));

    checkRememberedUnits(true);
    const checked = found(read(text));

    expect(checked).toEqual(before);
    expect(before).toEqual([["p2-linear", "S2", 2, 3]]);
  });
});

describe("compareReadings", () => {
  const problem = bundledProblems()[0]!;
  const question = problem.questions[0]!;
  const finding = (label: string): Finding => ({
    problem,
    target: { question, cell: null },
    value: null,
    error: null,
    line: 3,
    label,
    source: "S_2 = 2",
  });
  const reading = (label: string, lineOffset: number): UnitReading => ({
    findings: [{ finding: finding(label), lineOffset }],
    labelsAfter: null,
  });

  it("accepts equal readings", () => {
    expect(() => compareReadings(reading("S_2", 0), reading("S_2", 0), "S_2 = 2")).not.toThrow();
  });

  it("rejects another line", () => {
    expect(() => compareReadings(reading("S_2", 0), reading("S_2", 1), "S_2 = 2")).toThrow(/read differently/);
  });

  it("rejects another label", () => {
    expect(() => compareReadings(reading("S_2", 0), reading("Y_2", 0), "S_2 = 2")).toThrow(/read differently/);
  });

  it("rejects added notes", () => {
    expect(() => compareReadings(reading("S_2", 0), reading("S_2", 0), "S_2 = 2", 1)).toThrow(/added 1 notes/);
  });
});

describe("UnitStore", () => {
  const empty: UnitReading = { findings: [], labelsAfter: null };

  it("keeps a unit that repeats among many read once", () => {
    const store = new UnitStore();
    const repeated: UnitReading = { findings: [], labelsAfter: ["S_2"] };
    store.set(1, "repeated", repeated);
    for (let i = 0; i < 50_000; i++) {
      store.set(1, `once ${i}`, empty);
      if (i % 1000 === 0) expect(store.get(1, "repeated")).toBe(repeated);
    }

    expect(store.get(1, "repeated")).toBe(repeated);
    expect(store.get(1, "once 0")).toBeUndefined();
  });

  it("keeps contexts apart", () => {
    const store = new UnitStore();
    store.set(1, "text", empty);

    expect(store.get(2, "text")).toBeUndefined();
    expect(store.get(1, "text")).toBe(empty);
  });
});
