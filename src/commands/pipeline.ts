import { readFileSync, statSync } from "node:fs";
import { gradeSubmission, planGrading, type GradingPlan, type Solutions } from "../grading/grade.js";
import { maxPoints, type Rubric } from "../grading/rubric.js";
import type { StudentResult } from "../grading/types.js";
import { readSubmission } from "../submission/read.js";
import type { Submission } from "../submission/types.js";
import type { SubmissionEntry } from "./files.js";
import { solveChecked } from "./solving.js";

/**
 * Largest submission file read. A typed write-up is well under 1 MB even with notebook outputs, so
 * anything above this is almost surely a data dump or embedded media, and reading it would only
 * slow the class down.
 */
export const MAX_SUBMISSION_BYTES = 20 * 1024 * 1024;

/** Solves every problem of the rubric and prepares the grading of any number of students. */
export function prepareGrading(rubric: Rubric): GradingPlan {
  return planGrading(rubric, solveAll(rubric));
}

/** Solves every problem of the rubric once, for all students. */
export function solveAll(rubric: Rubric): Solutions {
  const solutions: Solutions = new Map();
  for (const problem of rubric.problems) solutions.set(problem.id, solveChecked(problem));
  return solutions;
}



/**
 * Reads and grades one student's files. A file that cannot be read makes the student
 * `unreadable` with the reason; it never stops the rest of the class.
 */
export function gradeEntry(entry: SubmissionEntry, plan: GradingPlan): StudentResult {
  const rubric = plan.rubric;
  const file = entry.files.join(", ");
  if (entry.problem) return unreadable(entry.student, file, `${file}: ${entry.problem}`, rubric);

  let merged: Submission;
  try {
    merged = readEntry(entry, rubric);
  } catch (error) {
    return unreadable(entry.student, file, describeReadError(error, file), rubric);
  }

  return gradeSubmission(merged, plan);
}

/** Reads every file of one student and merges their answers; throws when a file is unreadable. */
export function readEntry(entry: SubmissionEntry, rubric: Rubric): Submission {
  const merged: Submission = { student: entry.student, file: entry.files.join(", "), answers: [], notes: [] };
  entry.paths.forEach((path, index) => {
    const size = statSync(path).size;
    if (size > MAX_SUBMISSION_BYTES) {
      throw new Error(
        `${entry.files[index]} is ${formatMegabytes(size)}, more than the ${formatMegabytes(MAX_SUBMISSION_BYTES)} a submission may be; hand in the write-up or answers file alone, without embedded images or data`,
      );
    }
    const bytes = readFileSync(path);
    const submission = readSubmission({ bytes, file: entry.files[index]! }, rubric.problems, {
      decimalComma: rubric.decimalComma,
    });
    if (submission.student) merged.student = submission.student;
    merged.answers.push(...submission.answers);
    merged.notes.push(...submission.notes);
  });
  return merged;
}

function unreadable(student: string, file: string, error: string, rubric: Rubric): StudentResult {
  return { student, file, status: "unreadable", error, points: 0, max_points: maxPoints(rubric), questions: [] };
}

function describeReadError(error: unknown, file: string): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `${file} disappeared before it could be read`;
    if (code === "EACCES") return `${file} cannot be read (permission denied)`;
    if (code === "EISDIR") return `${file} is a folder, not a file`;
    return error.message;
  }
  return String(error);
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
