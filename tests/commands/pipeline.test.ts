import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRubricPath, listSubmissions, loadRubric, submissionAt } from "../../src/commands/files.js";
import { gradeEntry, prepareGrading, readForGrading } from "../../src/commands/pipeline.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-pipeline-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("pipeline on a file with very many answers", () => {
  // More different answers than a function call takes arguments (a limit set by the stack size),
  // which a spread such as push(...answers) turned into "Maximum call stack size exceeded".
  const count = 150_000;
  const path = join(scratch, "many.md");
  const lines = Array.from({ length: count }, (_, i) => `S2 = [${i}, 3]`);
  writeFileSync(path, `## Problem 2\n${lines.join("\n")}\n`);
  const entry = { student: "many", files: ["many.md"], paths: [path], problem: null };
  const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

  it("reads every answer", () => {
    const read = readForGrading(entry, plan);
    expect(read.result).toBeUndefined();
    const answers = read.submission!.answers.filter((answer) => answer.question === "S2");
    expect(answers.length).toBe(count);
  });

  it("grades the last answer and shortens the warning", () => {
    const result = gradeEntry(entry, plan);
    expect(result.status).toBe("graded");
    const s2 = result.questions.find((question) => question.problem === "p2-linear" && question.question === "S2")!;
    expect(s2.submitted).toEqual([count - 1, 3]);
    expect(s2.warnings?.[0]).toContain(`${count - 1 - 10} more lines`);
  });
});

describe("pipeline on a file swapped after the listing", () => {
  const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

  /** Lists a class of one write-up, then lets `swap` replace the file before it is read. */
  function readSwapped(name: string, swap: (path: string) => void) {
    const folder = join(scratch, name);
    mkdirSync(folder);
    writeFileSync(join(folder, "ana.md"), "2. $S_2 = [2, 3]$\n");
    const [entry] = listSubmissions(folder);
    swap(entry!.paths[0]!);
    return readForGrading(entry!, plan);
  }

  it("rejects a named pipe without waiting", () => {
    const read = readSwapped("fifo", (path) => {
      rmSync(path);
      execFileSync("mkfifo", [path]);
    });
    expect(read.result?.status).toBe("unreadable");
    expect(read.result?.error).toContain("ana.md is not a regular file");
  });

  it("follows a linked command-line file", () => {
    const target = join(scratch, "target.md");
    writeFileSync(target, "2. $S_2 = [2, 3]$\n");
    const link = join(scratch, "my-homework.md");
    symlinkSync(target, link);

    const entry = submissionAt(link);
    expect(entry.files).toEqual(["my-homework.md"]);
    expect(readForGrading(entry, plan).result).toBeUndefined();
    expect(listSubmissions(link)[0]!.problem).toBeNull();
  });

  it("does not follow a symbolic link", () => {
    const outside = join(scratch, "outside.md");
    writeFileSync(outside, "2. $S_2 = [2, 3]$\n");
    const read = readSwapped("link", (path) => {
      rmSync(path);
      symlinkSync(outside, path);
    });
    expect(read.result?.status).toBe("unreadable");
    expect(read.result?.error).toContain("ana.md is a symbolic link");
  });
});
