import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { gradeSubmission, planGrading, type GradingPlan, type Solutions } from "../grading/grade.js";
import { maxPoints, type Rubric } from "../grading/rubric.js";
import { findExpectedMismatches, type ExpectedMismatch } from "../grading/verify.js";
import type { StudentResult } from "../grading/types.js";
import { withoutLinePrefix } from "../submission/notes.js";
import { noAnswersNote, readSubmission, SubmissionError } from "../submission/read.js";
import type { Submission } from "../submission/types.js";
import { describeContent, type SubmissionEntry } from "./files.js";
import { foldIdCase } from "../report/studentIds.js";
import { solveChecked } from "./solving.js";

/**
 * Largest submission file read. A typed write-up is well under 1 MB even with notebook outputs, so
 * anything above this is almost surely a data dump or embedded media, and reading it would only
 * slow the class down.
 */
export const MAX_SUBMISSION_BYTES = 20 * 1024 * 1024;

/** A grading plan, with the problem files' `expected` values that disagree with the solver. */
export interface PreparedGrading extends GradingPlan {
  /**
   * Disagreements that grading goes on past, because answers are compared with the solver's
   * values. The command prints them, so a TA learns that `verify` would fail the file.
   */
  expectedMismatches: ExpectedMismatch[];
}

/** Solves every problem of the rubric and prepares the grading of any number of students. */
export function prepareGrading(rubric: Rubric): PreparedGrading {
  const solutions = solveAll(rubric);
  const expectedMismatches = rubric.problems.flatMap((problem) => findExpectedMismatches(problem, solutions.get(problem.id)!));
  return { ...planGrading(rubric, solutions), expectedMismatches };
}

/**
 * Formats the warning for an `expected` value that disagrees with the solver. `showValues` false
 * leaves both values out, for `check`, which never prints an expected value.
 */
export function formatExpectedMismatch(mismatch: ExpectedMismatch, showValues: boolean): string {
  const where = `${mismatch.file}:${mismatch.line} question "${mismatch.question}"`;
  const disagreement = showValues ? mismatch.detail : "the expected value written in the file disagrees with the solver";
  const next = showValues ? "Run `nngrade verify` to check every problem file." : "Run `nngrade verify` to see both values.";
  return `Warning: ${where}: ${disagreement}. Answers are graded against the solver's value. ${next}\n`;
}

/** Solves every problem of the rubric once, for all students. */
function solveAll(rubric: Rubric): Solutions {
  const solutions: Solutions = new Map();
  for (const problem of rubric.problems) solutions.set(problem.id, solveChecked(problem));
  return solutions;
}

/**
 * Reads and grades one student's files. A file that cannot be read makes the student
 * `unreadable` with the reason; it never stops the rest of the class.
 */
export function gradeEntry(entry: SubmissionEntry, plan: GradingPlan): StudentResult {
  const read = readForGrading(entry, plan);
  return read.result ?? gradeSubmission(read.submission, plan);
}

/** A student's files read for grading: the merged submission, or the unreadable student's result. */
export type ReadForGrading = { submission: Submission; result?: undefined } | { result: StudentResult; submission?: undefined };

/**
 * Reads one student's files, the part of `gradeEntry` before grading. A file that cannot be read
 * gives the student's `unreadable` result instead of a submission.
 */
export function readForGrading(entry: SubmissionEntry, plan: GradingPlan): ReadForGrading {
  const rubric = plan.rubric;
  const file = entry.files.join(", ");
  if (entry.problem) return { result: unreadable(entry.student, file, `${file}: ${entry.problem}`, rubric) };

  try {
    return { submission: readEntry(entry, rubric) };
  } catch (error) {
    return { result: unreadable(entry.student, file, describeReadError(error, entry), rubric) };
  }
}

/**
 * Reads every file of one student and merges their answers. Empty files are skipped when another
 * file has content. Notes are added for a file in which no answer was found
 * (`submission.noAnswers`) and for each file of the folder that nngrade does not read
 * (`submission.skippedFile`), so that a TA sees both. Throws a SubmissionError when a file is too
 * large, empty (and the only kind there), or cannot be read as text; a file that disappeared or
 * cannot be opened throws the error of `fs`.
 */
export function readEntry(entry: SubmissionEntry, rubric: Rubric): Submission {
  const merged: Submission = { student: entry.student, file: entry.files.join(", "), answers: [], notes: [] };
  const empty: string[] = [];
  // The file whose `student` field gave the id, if one did.
  let idFrom: string | null = null;
  const skipped = (entry.skipped ?? []).map(({ file, reason }) => `${file} was not read: ${reason}`);
  // Line 1 because a note needs a line, and these are about whole files.
  for (const message of skipped) merged.notes.push({ line: 1, code: "submission.skippedFile", message: `${message}.` });

  entry.paths.forEach((path, index) => {
    const file = entry.files[index]!;
    const bytes = readRegularFile(path, file);
    if (isBlank(bytes)) {
      empty.push(file);
      return;
    }

    let submission: Submission;
    try {
      submission = readSubmission({ bytes, file }, rubric.problems, { decimalComma: rubric.decimalComma });
    } catch (error) {
      throw withContentKind(error, bytes);
    }
    if (submission.student) {
      merged.student = submission.student;
      idFrom = file;
    }
    // A file whose values the reader noted but could not grade has its notes to say why.
    if (submission.answers.length === 0 && submission.notes.length === 0) submission.notes.unshift(noAnswersNote(file, rubric.problems));
    // With several files, a line number means nothing without the file it is in.
    const several = entry.paths.length > 1;
    // Beside notes on files that were not read, each note names the file it is about.
    const nameInNotes = several || skipped.length > 0;
    // Loops rather than push(...list): a file can hold more answers than a call takes arguments.
    for (const answer of submission.answers) merged.answers.push(several ? { ...answer, file } : answer);
    // The note's own "line N:" goes, because every place that shows a note names its line.
    for (const note of submission.notes) {
      merged.notes.push(nameInNotes ? { ...note, message: `${file}: ${withoutLinePrefix(note.message)}` } : note);
    }
  });

  if (empty.length === entry.paths.length && empty.length > 0) {
    const what = empty.length === 1 ? `${empty[0]} is empty` : `${empty.join(", ")} are all empty`;
    const others = skipped.map((message) => `. ${message}`).join("");
    throw new SubmissionError("submission.empty", empty[0]!, null, `${what}; hand in the file with your answers in it${others}`);
  }
  // An answers file copied from another student keeps that student's id, and would then be graded
  // under it, so a TA handing out pages by file name would give it to the wrong student.
  if (idFrom !== null && foldIdCase(merged.student) !== foldIdCase(entry.student)) {
    const place = entry.files[0]!.includes("/") ? "folder" : "file";
    // JSON quoting escapes the quotes and line breaks an id may have, which would otherwise end the
    // quotation early or start a line of the terminal's output that looks like nngrade's own.
    const quotedFieldId = JSON.stringify(merged.student);
    const quotedNameId = JSON.stringify(entry.student);
    merged.notes.unshift({
      line: 1,
      code: "submission.studentMismatch",
      message:
        `${idFrom} gives the student id ${quotedFieldId}, but its ${place} is named ${quotedNameId}, so it is graded as ${quotedFieldId}. ` +
        `If the field names the wrong student, correct it and grade again. If it is right, nothing needs changing.`,
    });
  }
  return merged;
}

/**
 * Opens a file that the listing found to be a regular file and reads it. Throws SubmissionError
 * when it is too large or no longer a regular file.
 * The file may have been swapped since the listing. A symbolic link is not followed, so a file
 * cannot point outside the folder. A named pipe is opened without waiting for a writer, and
 * anything but a regular file is rejected, so reading never blocks.
 */
function readRegularFile(path: string, file: string): Buffer {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      const kind = stats.isDirectory() ? "a folder" : "not a regular file";
      throw new SubmissionError("submission.notAFile", file, null, `${file} is ${kind}, so it was not read; hand in a write-up or answers file`);
    }
    if (stats.size > MAX_SUBMISSION_BYTES) {
      throw new SubmissionError(
        "submission.tooLarge",
        file,
        null,
        `${file} is ${formatMegabytes(stats.size)}, more than the ${formatMegabytes(MAX_SUBMISSION_BYTES)} a submission may be; hand in the write-up or answers file alone, without embedded images or data`,
      );
    }
    return readOpenFile(descriptor, stats.size);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Reads the `size` bytes of an open regular file, or fewer if it shrank since it was looked at.
 * readFileSync would look at the file's size again.
 */
function readOpenFile(descriptor: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const count = readSync(descriptor, bytes, read, size - read, null);
    if (count === 0) break;
    read += count;
  }
  return read === size ? bytes : bytes.subarray(0, read);
}

/** True for a file with no bytes, or only white space, which contains no answer to grade. */
function isBlank(bytes: Uint8Array): boolean {
  // Only small files are checked: a larger file of nothing but white space is read as a write-up
  // with no answers, which is reported question by question anyway.
  if (bytes.length > 4096) return false;
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

/**
 * Adds what a file that is not text looks like ("it looks like a PDF") to the reader's error,
 * because "binary data" alone does not tell a TA that a student handed in a scan.
 */
function withContentKind(error: unknown, bytes: Uint8Array): unknown {
  if (!(error instanceof SubmissionError)) return error;
  if (!["submission.binary", "submission.notUtf8", "submission.notUtf16"].includes(error.code)) return error;
  const kind = describeContent(bytes.subarray(0, 16));
  if (kind === null) return error;
  return new SubmissionError(
    error.code,
    error.file,
    null,
    `${error.file}: it looks like ${kind}, not a text write-up or answers file. Hand in Markdown, LaTeX, plain text, a notebook, YAML or JSON.`,
  );
}

function unreadable(student: string, file: string, error: string, rubric: Rubric): StudentResult {
  return { student, file, status: "unreadable", error, points: 0, max_points: maxPoints(rubric), questions: [] };
}

function describeReadError(error: unknown, entry: SubmissionEntry): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path } = error as NodeJS.ErrnoException;
  const index = path === undefined ? -1 : entry.paths.indexOf(path);
  const file = index >= 0 ? entry.files[index]! : entry.files.join(", ");

  if (code === "ENOENT") return `${file} disappeared before it could be read; grade again once the submissions folder is complete`;
  if (code === "EACCES" || code === "EPERM") return `${file} cannot be read (permission denied); give the grader read access to it`;
  if (code === "EISDIR") return `${file} is a folder, not a file`;
  // O_NOFOLLOW fails with ELOOP on a symbolic link.
  if (code === "ELOOP") return `${file} is a symbolic link, which nngrade does not follow; hand in the file itself`;
  return error.message;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
