import { closeSync, openSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import { NngradeError } from "../errors.js";
import { stringifyJson } from "../grading/json.js";
import type { StudentResult } from "../grading/types.js";
import type { QuestionScore, StudentScores } from "../report/index.js";

/**
 * Writes results.json one student at a time, so a class of any size never has to be held in
 * memory as a whole. The file and each student are indented, and each question and note of a
 * student is one line.
 */
export class ResultsWriter {
  private readonly file: TextFileWriter;
  private empty = true;

  constructor(folder: string, assignment: string, maxPoints: number) {
    this.file = new TextFileWriter(join(folder, "results.json"));
    const head = stringifyJson({ assignment, max_points: maxPoints, students: [] });
    // Everything before the empty list's closing bracket, so that students can follow.
    this.file.write(head.slice(0, head.lastIndexOf("[]") + 1));
  }

  /** Appends one student. */
  add(student: StudentResult): void {
    this.addEntries(joinEntries([resultsEntry(student)]));
  }

  /** Appends students given as `joinEntries` makes them, as text or as its UTF-8 bytes. */
  addEntries(entries: string | Uint8Array): void {
    if (entries.length === 0) return;
    if (!this.empty) this.file.write(",");
    if (typeof entries === "string") this.file.write(entries);
    else this.file.writeBytes(entries);
    this.empty = false;
  }

  /** Closes the list and the file. */
  finish(): void {
    this.file.write(this.empty ? "]\n}\n" : "\n  ]\n}\n");
    this.file.close();
  }
}

/** Characters collected before they are written, so that small appends cost few system calls. */
const FLUSH_SIZE = 1 << 16;

/**
 * Writes a text file in appended pieces, holding at most about FLUSH_SIZE characters at a time. A
 * write that fails, such as on a full disk, raises an error that names the file and what to do.
 */
export class TextFileWriter {
  private readonly file: number;
  private pending = "";

  constructor(private readonly path: string) {
    this.file = this.attempt(() => openSync(path, "w"));
  }

  /** Appends text to the file. */
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_SIZE) this.flush();
  }

  /** Appends bytes to the file, after the text appended before them. */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.attempt(() => writeSync(this.file, bytes));
  }

  /** Writes what is pending and closes the file. */
  close(): void {
    this.flush();
    this.attempt(() => closeSync(this.file));
  }

  private flush(): void {
    const text = this.pending;
    this.pending = "";
    if (text !== "") this.attempt(() => writeSync(this.file, text));
  }

  private attempt<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      throw writeFailed(basename(this.path), error);
    }
  }
}

/**
 * Makes the error for a report file (or folder, with `verb` "create") that could not be written,
 * with what to check before grading again.
 */
export function writeFailed(file: string, error: unknown, verb = "write"): NngradeError {
  const reason = error instanceof Error ? error.message : String(error);
  return new NngradeError(
    "report.writeFailed",
    `could not ${verb} ${file} (${reason}). Check that the disk has room and that the reports folder can be written to, then grade again.`,
  );
}

/** Joins students' entries into the text that follows the opening of the list of results.json. */
export function joinEntries(entries: readonly string[]): string {
  let text = "";
  for (const entry of entries) text += text === "" ? `\n    ${entry}` : `,\n    ${entry}`;
  return text;
}

/**
 * Writes a student as JSON indented to its place in the list of results.json: one field per line,
 * and each question and note on a line of its own. The file is then about 60% of the size of JSON
 * indented throughout, and a changed grade of a question is one changed line in a diff.
 */
export function resultsEntry(student: StudentResult): string {
  let text = "{";
  for (const [key, value] of Object.entries(student)) {
    // Left out, as JSON.stringify leaves out undefined fields.
    if (value === undefined) continue;
    text += text === "{" ? FIELD_START : `,${FIELD_START}`;
    text += `${JSON.stringify(key)}: ${Array.isArray(value) && value.length > 0 ? itemLines(value) : stringifyJson(value, 0)}`;
  }
  return `${text}\n    }`;
}

// A student's fields are three levels deep (file, list of students, student), and the items of
// their lists four levels.
const FIELD_START = "\n      ";
const ITEM_START = "\n        ";

/** Writes a list with each item as compact JSON on a line of its own. */
function itemLines(items: readonly unknown[]): string {
  let text = "[";
  for (const item of items) text += text === "[" ? `${ITEM_START}${stringifyJson(item, 0)}` : `,${ITEM_START}${stringifyJson(item, 0)}`;
  return `${text}\n      ]`;
}

/**
 * Keeps what the class page and grades.csv need of a student, dropping the submitted and
 * expected values, the feedback and the notes, which only the student's own page shows.
 */
export function summarise(student: StudentResult): StudentScores {
  const questions = student.questions.map((question): QuestionScore => {
    const summary: QuestionScore = {
      problem: question.problem,
      question: question.question,
      verdict: question.verdict,
      points: question.points,
      max_points: question.max_points,
    };
    if (question.misconception !== undefined) summary.misconception = question.misconception;
    return summary;
  });
  const summary: StudentScores = {
    student: student.student,
    file: student.file,
    status: student.status,
    points: student.points,
    max_points: student.max_points,
    questions,
  };
  if (student.error !== undefined) summary.error = student.error;
  if (student.notes !== undefined && student.notes.length > 0) summary.noteCount = student.notes.length;
  return summary;
}
