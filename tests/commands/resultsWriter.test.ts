import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ResultsEntries, ResultsWriter, TextFileWriter } from "../../src/commands/_resultsWriter.js";
import { NngradeError } from "../../src/errors.js";
import type { QuestionResult, StudentResult } from "../../src/grading/types.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-results-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function question(name: string, fields: Partial<QuestionResult> = {}): QuestionResult {
  return {
    problem: "p2-linear",
    question: name,
    verdict: "correct",
    points: 4,
    max_points: 4,
    submitted: [[25, 25], [50, 50]],
    expected: [[25, 25], [50, 50]],
    feedback: "Correct.",
    line: 34,
    ...fields,
  };
}

/** Writes students one at a time through a ResultsWriter and returns the file's text. */
function write(students: StudentResult[], name: string): string {
  const folder = join(scratch, name);
  mkdirSync(folder);
  const writer = new ResultsWriter(folder, "backprop-hw", 24);
  students.forEach((student) => writer.add(student));
  writer.finish();
  return readFileSync(join(folder, "results.json"), "utf8");
}

describe("ResultsWriter", () => {
  it("puts each question on one line", () => {
    const student: StudentResult = {
      student: "ana",
      file: "ana.md",
      status: "graded",
      points: 4,
      max_points: 24,
      questions: [question("dW1"), question("dW2", { verdict: "missing", points: 0, submitted: null, feedback: "Not found." })],
    };
    // Written out by hand: fields indented, each question compact on a line of its own.
    const expected = [
      "{",
      '  "assignment": "backprop-hw",',
      '  "max_points": 24,',
      '  "students": [',
      "    {",
      '      "student": "ana",',
      '      "file": "ana.md",',
      '      "status": "graded",',
      '      "points": 4,',
      '      "max_points": 24,',
      '      "questions": [',
      '        {"problem":"p2-linear","question":"dW1","verdict":"correct","points":4,"max_points":4,"submitted":[[25,25],[50,50]],"expected":[[25,25],[50,50]],"feedback":"Correct.","line":34},',
      '        {"problem":"p2-linear","question":"dW2","verdict":"missing","points":0,"max_points":4,"submitted":null,"expected":[[25,25],[50,50]],"feedback":"Not found.","line":34}',
      "      ]",
      "    }",
      "  ]",
      "}",
      "",
    ].join("\n");
    expect(write([student], "one")).toBe(expected);
  });

  it("keeps students of every status", () => {
    const students: StudentResult[] = [
      {
        student: "ben",
        file: "ben.md",
        status: "graded",
        points: 0,
        max_points: 24,
        // A line break, a quote, "},{" and a character beyond the Basic Multilingual Plane in a
        // student's source must not split or end the line of their question.
        questions: [question("flops", { submitted: 2n ** 64n, expected: 7, source: 'x = "},{"\n\u{1D465} − 1' })],
        notes: [{ line: 3, code: "label.unknown", message: "“Z_9” matches no question" }],
      },
      { student: "cleo", file: "cleo.tex", status: "unreadable", error: "cleo.tex: not UTF-8", points: 0, max_points: 24, questions: [] },
      { student: "dev", file: null, status: "missing", points: 0, max_points: 24, questions: [], notes: undefined },
    ];
    const text = write(students, "all");

    const parsed = JSON.parse(text) as { students: unknown[] };
    expect(parsed.students).toEqual([
      // JSON.parse reads 2^64 as the nearest double; the digits in the text are checked below.
      { ...students[0], questions: [{ ...students[0]!.questions[0], submitted: 18446744073709551616 }] },
      students[1],
      { student: "dev", file: null, status: "missing", points: 0, max_points: 24, questions: [] },
    ]);
    expect(text).toContain('"submitted":18446744073709551616,');
    // Each question and note is one line, so lines of the file map to them one to one.
    const lines = text.split("\n");
    expect(lines.filter((line) => line.startsWith('        {"problem"'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('        {"line":3'))).toHaveLength(1);
    expect(lines).toContain('      "questions": []');
    expect(lines).toContain('      "error": "cleo.tex: not UTF-8",');
  });

  it("writes an empty class as an empty list", () => {
    expect(JSON.parse(write([], "empty"))).toEqual({ assignment: "backprop-hw", max_points: 24, students: [] });
  });

  it("writes batches like single students", () => {
    const students = ["eve", "finn", "gus"].map(
      (name): StudentResult => ({ student: name, file: `${name}.md`, status: "graded", points: 4, max_points: 24, questions: [question("dW1")] }),
    );
    const folder = join(scratch, "batches");
    mkdirSync(folder);
    const writer = new ResultsWriter(folder, "backprop-hw", 24);
    const entries = new ResultsEntries();
    entries.add(students[0]!);
    writer.addEntries(entries.take());
    writer.addEntries(entries.take());
    entries.add(students[1]!);
    entries.add(students[2]!);
    writer.addEntries(entries.take());
    writer.finish();
    expect(readFileSync(join(folder, "results.json"), "utf8")).toBe(write(students, "singles"));
  });
});

describe("TextFileWriter", () => {
  it("names a file it cannot open", () => {
    const open = () => new TextFileWriter(join(scratch, "no-such-folder", "grades.csv"));

    expect(open).toThrow(NngradeError);
    expect(open).toThrow(/^could not write grades\.csv \(ENOENT.*Check that the disk has room/);
  });

  // Every write to /dev/full fails with ENOSPC, as on a full disk.
  it.skipIf(!existsSync("/dev/full"))("names a file on a full disk", () => {
    const writer = new TextFileWriter("/dev/full");

    // More than a flush's worth, so the text is written at once.
    expect(() => writer.write("x".repeat(1 << 17))).toThrow(NngradeError);
  });

  it.skipIf(!existsSync("/dev/full"))("reports a full disk with its reason", () => {
    const writer = new TextFileWriter("/dev/full");

    expect(() => writer.writeBytes(new Uint8Array(10))).toThrow(/could not write full \(ENOSPC/);
  });
});
