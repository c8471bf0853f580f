import { readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { CheckOptions, Output } from "../cli.js";
import { EXIT } from "../cli.js";
import { stringifyJson } from "../grading/json.js";
import { UsageError } from "../errors.js";
import { SubmissionError } from "../submission/errors.js";
import { MISTAKE_TITLES } from "../grading/mistakes.js";
import type { Rubric } from "../grading/rubric.js";
import type { QuestionResult, StudentResult } from "../grading/types.js";
import { isWholeFileNote, notebookPlaceOf } from "../submission/notes.js";
import { findRubricPath, isSkippedName, isSubmissionFileName, loadRubric, submissionAt } from "./files.js";
import { formatExpectedMismatch, gradeEntry, prepareGrading, readEntry } from "./pipeline.js";
import { formatJsonValue } from "./format.js";
import { formatReading } from "./reading.js";
import { paint, printable, printableLine } from "./terminal.js";

const MARKS = { correct: "✓", partial: "◐", incorrect: "✗", missing: "·" } as const;

/**
 * Runs `nngrade check`: grades one file for the student who wrote it. Prints verdicts, feedback
 * and where each value was read, never an expected value. Exit code 1 when an answer worth points
 * outside extra credit is wrong or missing.
 */
export function checkCommand(file: string, options: CheckOptions, output: Output): number {
  const rubric = loadRubric(findRubricPath(options.rubric));
  rejectClassFolder(file);
  const entry = submissionAt(file);

  if (options.showReading && !entry.problem) {
    try {
      output.out(formatReading(readEntry(entry, rubric), rubric));
      output.out("\n");
    } catch (error) {
      // The grading below reports the same failure as an unreadable file, with the reason.
      if (!(error instanceof SubmissionError) && !(error as NodeJS.ErrnoException).code) throw error;
    }
  }

  const plan = prepareGrading(rubric);
  for (const mismatch of plan.expectedMismatches) output.err(printable(formatExpectedMismatch(mismatch, false)));
  const result = gradeEntry(entry, plan);
  if (result.student === "" || result.student === undefined) {
    result.student = basename(file, extname(file));
  }

  if (options.json) {
    output.out(`${stringifyJson(withoutExpected(result))}\n`);
  } else {
    output.out(formatCheck(result, rubric, output));
  }
  // A file that cannot be read at all is bad input, not a wrong answer.
  if (result.status === "unreadable") return EXIT.badInput;
  return passes(result, rubric) ? EXIT.done : EXIT.checkFailed;
}

/**
 * Returns true when every question that counts is correct. A question counts when it is worth
 * points outside extra credit, so a wrong or missing checkpoint (worth 0) or extra-credit answer
 * shows in the output but does not fail the check.
 */
function passes(result: StudentResult, rubric: Rubric): boolean {
  if (result.status !== "graded") return false;
  return result.questions
    .filter((question) => countsTowardScore(question, rubric))
    .every((question) => question.verdict === "correct");
}

/** Returns true for a question worth points outside extra credit, as the summary line counts them. */
function countsTowardScore(question: QuestionResult, rubric: Rubric): boolean {
  return question.max_points > 0 && !rubric.bonus.has(question.problem);
}

function withoutExpected(result: StudentResult): StudentResult {
  return {
    ...result,
    questions: result.questions.map((question) => {
      const { expected: _expected, ...rest } = question;
      return rest as QuestionResult;
    }),
  };
}

function formatCheck(result: StudentResult, rubric: Rubric, output: Output): string {
  const color = output.interactive && !process.env.NO_COLOR;
  const lines: string[] = [];
  lines.push(`${printableLine(result.file ?? "")}: checked against ${rubric.assignment}`);

  if (result.status === "unreadable") {
    lines.push(paint(color, "red", `Could not read the file: ${printable(result.error ?? "")}`));
    return `${lines.join("\n")}\n`;
  }

  for (const problem of rubric.problems) {
    const questions = result.questions.filter((question) => question.problem === problem.id);
    const bonus = rubric.bonus.has(problem.id);
    lines.push("");
    const heading = `Problem ${problem.number}: ${printable(problem.title)}${bonus ? " (extra credit)" : ""}`;
    if (bonus && questions.every((question) => question.verdict === "missing")) {
      lines.push(paint(color, "dim", `${heading}: not attempted`));
      continue;
    }
    lines.push(paint(color, "bold", heading));

    const skippedCheckpoints: string[] = [];
    for (const question of questions) {
      if (question.verdict === "missing" && (question.max_points === 0 || bonus)) {
        skippedCheckpoints.push(question.question);
        continue;
      }
      lines.push(...formatQuestion(question, color));
    }
    if (skippedCheckpoints.length > 0) {
      const noun = skippedCheckpoints.length === 1 ? "checkpoint" : "checkpoints";
      const what = bonus ? "not answered (extra credit, optional)" : `${noun} not answered (worth no points)`;
      lines.push(paint(color, "dim", `  · ${what}: ${skippedCheckpoints.join(", ")}`));
    }
  }

  for (const note of result.notes ?? []) {
    // A notebook's note names its cell and line itself; its line is the JSON's.
    const placed = note.message.startsWith(`line ${note.line}`) || notebookPlaceOf(note.message) !== null;
    const where = isWholeFileNote(note) || placed ? "note" : `note, line ${note.line}`;
    lines.push(paint(color, "yellow", `${where}: ${printable(note.message)}`));
  }

  // The reader's own note on a file without answers says the same, with the rubric's names.
  const notedNoAnswers = result.notes?.some((note) => note.code === "submission.noAnswers") ?? false;
  if (!notedNoAnswers && result.questions.every((question) => question.verdict === "missing")) {
    lines.push("");
    lines.push(
      "No answers were found in this file. Start each problem with its number (\"## Problem 2\" or \"2.\") and write each result with its label, such as \"dW1 = [[1.5, 2], [0, -3]]\" or \\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} … \\end{bmatrix}.",
    );
  }

  const counted = result.questions.filter((question) => countsTowardScore(question, rubric));
  const right = counted.filter((question) => question.verdict === "correct").length;
  lines.push("");
  lines.push(
    `${right} of ${counted.length} graded ${counted.length === 1 ? "answer is" : right === 1 ? "answers is" : "answers are"} correct; score ${formatPoints(result.points)} / ${formatPoints(result.max_points)}.`,
  );
  lines.push(
    "These are the checks the rubric runs on your answers' values; your working is not graded here, and a TA may still read it.",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Throws when `path` is a folder that contains folders of write-ups or answers files, as a class
 * of student folders does, because check would read all their files as one student's. A student's
 * own folder may contain a folder of figures, which this leaves alone.
 */
function rejectClassFolder(path: string): void {
  let folders: string[];
  try {
    if (!statSync(path).isDirectory()) return;
    folders = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !isSkippedName(entry.name))
      .filter((entry) => readdirSync(join(path, entry.name)).some(isSubmissionFileName))
      .map((entry) => `${entry.name}/`);
  } catch {
    // submissionAt reports a path that cannot be read.
    return;
  }
  if (folders.length === 0) return;
  const listed = folders.length > 3 ? `${folders.slice(0, 3).join(", ")}, …` : folders.join(", ");
  throw new UsageError(
    "usage.classFolder",
    `${path} holds folders (${listed}), as a class does, and check reads one student's file or folder. ` +
      `Check one file or student folder in it, or run "nngrade grade ${path}" to grade the class.`,
  );
}

function formatQuestion(question: QuestionResult, color: boolean): string[] {
  let tint: "green" | "dim" | "red" = "red";
  if (question.verdict === "correct") tint = "green";
  else if (question.verdict === "missing") tint = "dim";
  const worth = question.max_points > 0 ? `${formatPoints(question.points)}/${formatPoints(question.max_points)} pts` : "checkpoint";

  const lines = [`  ${paint(color, tint, `${MARKS[question.verdict]} ${question.question}`)}  ${question.verdict}, ${worth}`];
  if (question.line !== null) {
    const place = notebookPlaceOf(question.source) ?? `line ${question.line}`;
    const where = question.file === undefined ? place : `${place} of ${printableLine(question.file)}`;
    // The feedback on a value that could not be read names its line, but not its file.
    if (question.submitted !== null) lines.push(`      read ${printable(formatSubmitted(question.submitted))} from ${where}`);
    else if (question.file !== undefined) lines.push(`      in ${printableLine(question.file)}`);
  }
  if (question.misconception) {
    lines.push(`      likely mistake: ${MISTAKE_TITLES[question.misconception] ?? question.misconception.replace(/_/g, " ")}`);
  }
  lines.push(`      ${printable(question.feedback)}`);
  for (const warning of question.warnings ?? []) lines.push(paint(color, "yellow", `      warning: ${printable(warning)}`));
  return lines;
}

function formatSubmitted(value: NonNullable<QuestionResult["submitted"]>): string {
  const text = formatJsonValue(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
