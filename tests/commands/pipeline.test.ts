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

describe("pipeline on a file with no answers", () => {
  const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

  /** Writes the files into a new folder and returns its one entry, a file or a student's folder. */
  function writeClass(name: string, files: Record<string, string>) {
    const folder = join(scratch, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(folder, file, ".."), { recursive: true });
      writeFileSync(join(folder, file), text);
    }
    return listSubmissions(folder)[0]!;
  }

  /** Writes the files into a new folder and reads its one entry. */
  function readClass(name: string, files: Record<string, string>) {
    return readForGrading(writeClass(name, files), plan);
  }

  it("notes a write-up of plain prose", () => {
    const read = readClass("prose", { "rita.txt": "I did it on paper and will bring it to class.\n" });
    expect(read.result).toBeUndefined();
    const notes = read.submission!.notes;
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.noAnswers", 1]]);
    // The first problem of the bundled rubric is number 2, and its first question is S2.
    expect(notes[0]!.message).toContain("No labelled answer was found in this file");
    expect(notes[0]!.message).toContain('"## Problem 2"');
    expect(notes[0]!.message).toContain('"S2 = [1.5, -3]"');
  });

  it("notes an answers file with only unknown problems", () => {
    const read = readClass("unknown-problem", { "tom.yaml": "answers:\n  p9:\n    x: 1\n" });
    const notes = read.submission!.notes;
    // The note on the unknown problem says why nothing was graded, so no second note repeats it.
    expect(notes.map((note) => note.code)).toEqual(["submission.unknownProblem"]);
  });

  it("notes an answers file without answers", () => {
    const read = readClass("no-answers", { "tom.yaml": "student: tom\nanswers: {}\n" });
    const notes = read.submission!.notes;
    expect(notes.map((note) => note.code)).toEqual(["submission.noAnswers"]);
    expect(notes[0]!.message).toContain("answers: {p2-linear: {S2: [1.5, -3]}}");
  });

  it("points missing answers to the notes", () => {
    // S_3 is read with a remark whose math may hold the value, so it gets a note, not a grade.
    const result = gradeEntry(writeClass("noted", { "noah.md": "## Problem 2\n\n$S_2 = [2, 3]$\n\n$S_3 = [5, 10]$ (using $Y_2 = [2, 3]$)\n" }), plan);
    const dW1 = result.questions.find((question) => question.problem === "p2-linear" && question.question === "dW1")!;

    expect(result.notes?.map((note) => note.code)).toEqual(["submission.textAfterValue"]);
    expect(dW1.verdict).toBe("missing");
    expect(dW1.feedback).toContain("If you did answer it, see the notes from reading this file, which say what could not be read and why.");
  });

  it("keeps missing feedback plain without notes", () => {
    const result = gradeEntry(writeClass("plain", { "ana.md": "## Problem 2\n\n$S_2 = [2, 3]$\n" }), plan);
    const dW1 = result.questions.find((question) => question.problem === "p2-linear" && question.question === "dW1")!;

    expect(dW1.feedback).not.toContain("notes from reading");
  });

  it("adds no note to a file with an answer", () => {
    const read = readClass("one-answer", { "ana.md": "2. $S_2 = [2, 3]$\n" });
    expect(read.submission!.notes).toEqual([]);
  });

  it("keeps an empty file unreadable", () => {
    const read = readClass("empty", { "quinn.md": "\n" });
    expect(read.result?.status).toBe("unreadable");
    expect(read.result?.error).toContain("quinn.md is empty");
  });

  it("names the file without answers in a folder", () => {
    const read = readClass("folder", { "olga/a.md": "2. $S_2 = [2, 3]$\n", "olga/notes.txt": "See the scan.\n" });
    const notes = read.submission!.notes;
    expect(notes.map((note) => note.code)).toEqual(["submission.noAnswers"]);
    expect(notes[0]!.message).toMatch(/^olga\/notes\.txt: No labelled answer was found in this file/);
  });
});

describe("pipeline on a folder with files it skips", () => {
  const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));
  const PDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

  /** Writes one student's folder `olga/` into a new class folder and lists the class. */
  function listStudent(name: string, files: Record<string, string>) {
    const folder = join(scratch, name);
    mkdirSync(join(folder, "olga"), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, "olga", file), text);
    return listSubmissions(folder)[0]!;
  }

  it("lists a scan beside two write-ups", () => {
    const entry = listStudent("scan", { "a.md": "2. $S_2 = [2, 3]$\n", "b.md": "2. $Y_2 = [2, 3]$\n", "scan.pdf": PDF });
    expect(entry.files).toEqual(["olga/a.md", "olga/b.md"]);
    expect(entry.skipped?.map((skipped) => skipped.file)).toEqual(["olga/scan.pdf"]);
    expect(entry.skipped?.[0]!.reason).toContain("it looks like a PDF; .pdf is not a format nngrade reads");
  });

  it("notes the scan it did not read", () => {
    const entry = listStudent("scan-note", { "a.md": "2. $S_2 = [2, 3]$\n", "scan.pdf": PDF });
    const notes = readForGrading(entry, plan).submission!.notes;
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.skippedFile", 1]]);
    expect(notes[0]!.message).toMatch(/^olga\/scan\.pdf was not read: it looks like a PDF; /);
  });

  it("names the write-up in its own note beside a scan", () => {
    const entry = listStudent("scan-and-prose", { "a.md": "I did it on paper.\n", "scan.pdf": PDF });
    const notes = readForGrading(entry, plan).submission!.notes;
    expect(notes.map((note) => note.code)).toEqual(["submission.skippedFile", "submission.noAnswers"]);
    expect(notes[1]!.message).toMatch(/^olga\/a\.md: No labelled answer was found in this file\./);
  });

  it("notes a folder inside the student's folder", () => {
    listStudent("nested", { "a.md": "2. $S_2 = [2, 3]$\n" });
    mkdirSync(join(scratch, "nested", "olga", "extra"));
    const entry = listSubmissions(join(scratch, "nested"))[0]!;
    expect(entry.skipped?.map((skipped) => skipped.file)).toEqual(["olga/extra"]);
    expect(entry.skipped?.[0]!.reason).toContain("a folder inside the student's folder");
  });

  it("lists no skipped file when all are read", () => {
    const entry = listStudent("all-read", { "a.md": "2. $S_2 = [2, 3]$\n", "answers.yaml": "answers: {2: {Y2: [2, 3]}}\n" });
    expect(entry.skipped).toBeUndefined();
    expect(readForGrading(entry, plan).submission!.notes).toEqual([]);
  });

  it("names the scan when the write-up is empty", () => {
    const entry = listStudent("empty-beside-scan", { "a.md": "", "scan.pdf": PDF });
    const result = readForGrading(entry, plan).result!;
    expect(result.status).toBe("unreadable");
    expect(result.error).toContain("olga/a.md is empty");
    expect(result.error).toContain("olga/scan.pdf was not read: it looks like a PDF");
  });
});

describe("listSubmissions", () => {
  it("skips hidden entries and a Mac archive's __MACOSX folder", () => {
    const folder = join(scratch, "unzipped");
    mkdirSync(join(folder, "__MACOSX"), { recursive: true });
    mkdirSync(join(folder, "ben"));
    writeFileSync(join(folder, "__MACOSX", "._ana.md"), "");
    writeFileSync(join(folder, ".DS_Store"), "");
    writeFileSync(join(folder, "ana.md"), "## Problem 2\n");
    writeFileSync(join(folder, "ben", "hw.md"), "## Problem 2\n");
    writeFileSync(join(folder, "ben", ".hw.md.swp"), "");

    const entries = listSubmissions(folder);

    expect(entries.map((entry) => entry.student)).toEqual(["ana", "ben"]);
    expect(entries[1]!.files).toEqual(["ben/hw.md"]);
  });
});

describe("notes of a student with several files", () => {
  it("name the file, and the line only once", () => {
    const folder = join(scratch, "several", "jo");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "a.md"), "## Problem 2\n\n$$Q_7 = [1, 2]$$\n");
    writeFileSync(join(folder, "b.yaml"), "answers:\n  p2-linear:\n    S2: [2, 3]\n");
    const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

    const read = readForGrading(listSubmissions(join(scratch, "several"))[0]!, plan);
    const note = read.submission!.notes.find((candidate) => candidate.code === "submission.unknownLabel")!;

    expect(note.line).toBe(3);
    expect(note.message).toMatch(/^jo\/a\.md: the label "Q_7"/);
  });
});

describe("an answers file naming another student", () => {
  const plan = prepareGrading(loadRubric(findRubricPath("rubrics/backprop-hw.yaml")));

  it.each([
    ["in a folder", "ana-lopez/answers.yaml", 'its folder is named "ana-lopez"'],
    ["as a file", "ana-lopez.yaml", 'its file is named "ana-lopez"'],
  ])("gets a note %s", (_case, name, words) => {
    const folder = join(scratch, `mismatch-${name.includes("/") ? "folder" : "file"}`);
    mkdirSync(join(folder, name, ".."), { recursive: true });
    writeFileSync(join(folder, name), "student: eli-novak\nanswers:\n  p2-linear:\n    S2: [2, 3]\n");

    const read = readForGrading(listSubmissions(folder)[0]!, plan);

    expect(read.submission!.student).toBe("eli-novak");
    expect(read.submission!.notes.map((note) => note.code)).toEqual(["submission.studentMismatch"]);
    expect(read.submission!.notes[0]!.message).toContain(words);
  });

  it("quotes an id with a line break", () => {
    const folder = join(scratch, "mismatch-line-break");
    mkdirSync(folder);
    const field = 'student: "eve\\nWarning: \\"all\\" graded"\n';
    writeFileSync(join(folder, "eve.yaml"), `${field}answers:\n  p2-linear:\n    S2: [2, 3]\n`);

    const message = readForGrading(listSubmissions(folder)[0]!, plan).submission!.notes[0]!.message;

    expect(message).not.toContain("\n");
    expect(message).toContain('gives the student id "eve\\nWarning: \\"all\\" graded"');
    expect(message).toContain('its file is named "eve"');
  });

  it("gets no note for its own id in other letter case", () => {
    const folder = join(scratch, "mismatch-case");
    mkdirSync(folder);
    writeFileSync(join(folder, "Ana-Lopez.yaml"), "student: ana-lopez\nanswers:\n  p2-linear:\n    S2: [2, 3]\n");

    expect(readForGrading(listSubmissions(folder)[0]!, plan).submission!.notes).toEqual([]);
  });
});
