import { closeSync, openSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import { NngradeError } from "../errors.js";
import { stringifyJson } from "../grading/json.js";
import { JsonByteWriter } from "../grading/jsonBytes.js";
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
  private readonly entries = new ResultsEntries();

  constructor(folder: string, assignment: string, maxPoints: number) {
    this.file = new TextFileWriter(join(folder, "results.json"));
    const head = stringifyJson({ assignment, max_points: maxPoints, students: [] });
    // Everything before the empty list's closing bracket, so that students can follow.
    this.file.write(head.slice(0, head.lastIndexOf("[]") + 1));
  }

  /** Appends one student. */
  add(student: StudentResult): void {
    this.entries.add(student);
    this.addEntries(this.entries.take());
  }

  /** Appends students as ResultsEntries writes them. */
  addEntries(entries: Uint8Array): void {
    if (entries.length === 0) return;
    if (!this.empty) this.file.write(",");
    this.file.writeBytes(entries);
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

/**
 * Writes students' entries of results.json as UTF-8, each as JSON indented to its place in the
 * list: one field per line, and each question and note on a line of its own. The file is then
 * about 60% of the size of JSON indented throughout, and a changed grade of a question is one
 * changed line in a diff. Entries taken together follow the opening of the list, or a comma after
 * the entries before them.
 */
export class ResultsEntries {
  private readonly json = new JsonByteWriter();
  private empty = true;

  /** Appends one student. */
  add(student: StudentResult): void {
    const json = this.json;
    json.ascii(this.empty ? ENTRY_START : `,${ENTRY_START}`);
    this.empty = false;
    json.ascii("{");
    let firstField = true;
    for (const key of Object.keys(student) as (keyof StudentResult)[]) {
      const value = student[key];
      // Left out, as JSON.stringify leaves out undefined fields.
      if (value === undefined) continue;
      json.ascii(firstField ? FIELD_START : `,${FIELD_START}`);
      firstField = false;
      json.value(key);
      json.ascii(": ");
      if (Array.isArray(value) && value.length > 0) this.itemLines(value);
      else json.value(value);
    }
    json.ascii(`${ENTRY_START}}`);
  }

  /** Returns the entries added since the last call, in a buffer of their own. */
  take(): Uint8Array {
    this.empty = true;
    return this.json.take();
  }

  /** Writes a list with each item as compact JSON on a line of its own. */
  private itemLines(items: readonly unknown[]): void {
    const json = this.json;
    json.ascii("[");
    items.forEach((item, index) => {
      json.ascii(index === 0 ? ITEM_START : `,${ITEM_START}`);
      json.value(item);
    });
    json.ascii(`${FIELD_START}]`);
  }
}

// Students are two levels deep (file, list of students), their fields three levels and the items
// of their lists four levels.
const ENTRY_START = "\n    ";
const FIELD_START = "\n      ";
const ITEM_START = "\n        ";

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
