import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSubmission, type ReadOptions } from "../../src/submission/read.js";
import type { ReadAnswer } from "../../src/submission/types.js";
import { bundledProblems } from "./_bundled.js";

/**
 * Each write-up in tests/fixtures/writeups/ has a `<stem>.expected.json` beside it, written by
 * hand: the values it must yield (or the error code when a value must not be read), their lines,
 * and the notes the reader must record. `about` describes what the write-up exercises.
 */
interface Expected {
  about: string;
  options?: ReadOptions;
  student: string;
  answers: {
    problem: string;
    question: string;
    value?: number | number[][];
    error?: string;
    line: number;
    assembled?: boolean;
  }[];
  notes: { code: string; line: number }[];
}

const FOLDER = new URL("../fixtures/writeups/", import.meta.url);
const WRITE_UPS = readdirSync(FOLDER)
  .filter((file) => !file.endsWith(".expected.json"))
  .sort();

/** Plain numbers of an answer's value, so expectations stay short. */
function plain(answer: ReadAnswer): number | number[][] | null {
  if (answer.value === null) return null;
  if (answer.value.kind === "number") return answer.value.number.value;
  return answer.value.rows.map((row) => row.map((n) => n.value));
}

describe("write-up corpus", () => {
  it("holds at least 30 write-ups", () => {
    expect(WRITE_UPS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(WRITE_UPS)("reads %s", (file) => {
    const stem = file.slice(0, file.lastIndexOf("."));
    const expected = JSON.parse(readFileSync(new URL(`${stem}.expected.json`, FOLDER), "utf8")) as Expected;
    const bytes = readFileSync(new URL(file, FOLDER));
    const submission = readSubmission({ bytes, file }, bundledProblems(), expected.options ?? {});

    const got = submission.answers.map((answer) => ({
      problem: answer.problem,
      question: answer.question,
      ...(answer.error === null ? { value: plain(answer) } : { error: answer.error.code }),
      line: answer.line,
      ...(answer.assembled ? { assembled: true } : {}),
    }));
    // Answers come in the problem file's question order, which the fixtures need not follow.
    const order = (a: { problem: string; question: string; line: number }) => `${a.problem} ${a.question} ${a.line}`;
    const sorted = <T extends { problem: string; question: string; line: number }>(list: T[]) =>
      [...list].sort((a, b) => order(a).localeCompare(order(b)));
    expect(sorted(got)).toEqual(sorted(expected.answers));
    expect(submission.notes.map((note) => ({ code: note.code, line: note.line }))).toEqual(expected.notes);
    expect(submission.student).toBe(expected.student);
  });
});
