import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRubricPath, loadRubric } from "../../src/commands/files.js";
import { prepareGrading, readForGrading, type ReadForGrading } from "../../src/commands/pipeline.js";
import { packRead, unpackReads } from "../../src/commands/_readTransfer.js";
import type { ReadNumber } from "../../src/submission/types.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-transfer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

/** Packs `reads`, clones the array as postMessage does, and unpacks it. */
function roundTrip(reads: ReadForGrading[]): ReadForGrading[] {
  const packed: unknown[] = [];
  for (const read of reads) packRead(read, packed);
  return unpackReads(structuredClone(packed), reads.length);
}

/** Writes every key in the order JSON.stringify meets it, with bigints and -0 spelled out. */
function layout(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === "bigint") return `bigint ${item}`;
    if (typeof item === "number" && !Number.isFinite(item)) return `number ${item}`;
    if (Object.is(item, -0)) return "minus zero";
    return item;
  });
}

function number(text: string, value: number, integer: bigint | null, significantDigits: number): ReadNumber {
  return { value, integer, text, significantDigits };
}

describe("read transfer to grading threads", () => {
  it("keeps write-ups and answers files as read", () => {
    const writeUp = join(scratch, "ana.md");
    writeFileSync(writeUp, "## Problem 2\n$$S_2 = \\begin{bmatrix} 2.0 & 3 \\end{bmatrix}$$\nY_2 = [[1, 2], [3]]\n\n## Problem 4\nparams: 669706\n");
    const answers = join(scratch, "ben.yaml");
    writeFileSync(answers, "answers:\n  p2-linear:\n    S2: [2, 3]\n    dW1: [[25, 25], [50, 50]]\n");
    const reads = [
      readForGrading({ student: "ana", files: ["ana.md"], paths: [writeUp], problem: null }, plan),
      readForGrading({ student: "ben", files: ["ben.yaml"], paths: [answers], problem: null }, plan),
      readForGrading({ student: "both", files: ["ana.md", "ben.yaml"], paths: [writeUp, answers], problem: null }, plan),
    ];
    // The write-up has a value that cannot be read, so an error travels too.
    expect(reads[0]!.submission!.answers.some((answer) => answer.error !== null)).toBe(true);
    expect(reads[2]!.result?.error).toBe(undefined);
    expect(reads[2]!.submission!.answers[0]!.file).toBe("ana.md");

    const back = roundTrip(reads);
    expect(back).toStrictEqual(reads);
    expect(back.map(layout)).toEqual(reads.map(layout));
  });

  it("keeps numbers JSON cannot hold", () => {
    const cells = [
      number("-0", -0, 0n, 1),
      number("1e999", Infinity, null, 1),
      number("\\frac{3}{4}", 0.75, null, Infinity),
      number("9007199254740993", 9007199254740992, 9007199254740993n, 16),
    ];
    const read: ReadForGrading = {
      submission: {
        student: "cy",
        file: "cy.md",
        answers: [
          { problem: "p2-linear", question: "S2", value: { kind: "matrix", rows: [cells.slice(0, 2), cells.slice(2)] }, error: null, line: 3, label: "S_2", source: "S_2 = …", assembled: true },
          { problem: "p4-mlp-size", question: "params", value: { kind: "number", number: cells[3]! }, error: null, line: 5, label: "params", source: "params = …", assembled: false },
          { problem: "p2-linear", question: "Y2", value: null, error: { code: "submission.raggedMatrix", message: "rows differ" }, line: 4, label: "Y_2", source: "Y_2 = …", assembled: false },
        ],
        notes: [{ line: 7, code: "submission.unknownLabel", message: "Z_9 matches no question" }],
      },
    };
    const [back] = roundTrip([read]);
    expect(back).toStrictEqual(read);
    expect(layout(back)).toBe(layout(read));
    const matrix = back!.submission!.answers[0]!.value;
    expect(matrix?.kind).toBe("matrix");
    expect(Object.is(matrix?.kind === "matrix" ? matrix.rows[0]![0]!.value : null, -0)).toBe(true);
  });

  it("keeps an unreadable student's result", () => {
    const read = readForGrading({ student: "dee", files: ["dee.md"], paths: [join(scratch, "dee.md")], problem: "dee.md is a folder" }, plan);
    expect(read.result?.status).toBe("unreadable");
    const back = roundTrip([read, read]);
    expect(back).toStrictEqual([read, read]);
  });
});
