import { MISTAKE_TITLES } from "../grading/mistakes.js";
import type { Rubric } from "../grading/rubric.js";
import type { QuestionResult, StudentResult } from "../grading/types.js";
import { isWholeFileNote, notebookPlaceOf } from "../submission/notes.js";
import { describeMisconception } from "./_labels.js";
import { columnKey, indexQuestions } from "./_questions.js";
import { formatPoints } from "./numbers.js";

/** One test of a Gradescope autograder's results.json: here, one question. */
export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  output: string;
  visibility: "visible";
}

/** The results.json a Gradescope autograder writes to /autograder/results/. */
export interface GradescopeResults {
  score: number;
  output: string;
  visibility: "visible";
  tests: GradescopeTest[];
}

/**
 * Builds the Gradescope autograder results of one student: the total score, a summary, and one
 * test per question of the rubric named like "Problem 2 · dW1", with its points and feedback.
 * Expected values never appear, because students see every test's output. A submission that
 * could not be read scores 0 on every question, and the summary gives the reason.
 */
export function buildGradescopeResults(student: StudentResult, rubric: Rubric): GradescopeResults {
  const byQuestion = indexQuestions(student.questions);
  const tests: GradescopeTest[] = [];

  for (const problem of rubric.problems) {
    const bonus = rubric.bonus.has(problem.id);
    for (const question of problem.questions) {
      const result = byQuestion.get(columnKey(problem.id, question.id));
      // Optional work the student skipped is not a failed test; listing it would read as one.
      if (bonus && result?.verdict === "missing") continue;
      const maxScore = result?.max_points ?? rubric.points.get(`${problem.id}.${question.id}`) ?? 0;
      tests.push({
        name: `Problem ${problem.number} · ${question.id}${bonus ? " (extra credit)" : ""}`,
        score: result?.points ?? 0,
        max_score: maxScore,
        output: result === undefined ? notGradedOutput(student) : describeResult(result),
        visibility: "visible",
      });
    }
  }

  return { score: student.points, output: summarise(student, rubric), visibility: "visible", tests };
}

/** Writes the feedback of one question: what was found, the likely mistake, the line and warnings. */
function describeResult(result: QuestionResult): string {
  const lines = [result.feedback];
  if (result.misconception !== undefined) {
    lines.push(`Likely mistake: ${MISTAKE_TITLES[result.misconception] ?? describeMisconception(result.misconception)}.`);
  }
  if (result.line !== null) {
    lines.push(`Read from ${notebookPlaceOf(result.source) ?? `line ${result.line}`} of ${result.file ?? "your file"}.`);
  }
  for (const warning of result.warnings ?? []) {
    lines.push(`Warning: ${warning}`);
  }
  return lines.filter((line) => line !== "").join("\n");
}

function notGradedOutput(student: StudentResult): string {
  return student.status === "unreadable"
    ? "Not graded: your file could not be read (the reason is in the overall output)."
    : "Not graded: no answer was found for this question.";
}

function summarise(student: StudentResult, rubric: Rubric): string {
  if (student.status === "unreadable") {
    const reason = (student.error ?? "no reason was recorded").replace(/\.+$/, "");
    return `Your submission could not be read, so nothing was graded: ${reason}. Fix it and submit again.`;
  }

  const counted = student.questions.filter((result) => result.max_points > 0 && !rubric.bonus.has(result.problem));
  const correct = counted.filter((result) => result.verdict === "correct").length;
  const extra = student.questions
    .filter((result) => rubric.bonus.has(result.problem))
    .reduce((sum, result) => sum + result.points, 0);

  const lines = [
    `${rubric.assignment}: ${formatPoints(student.points)} / ${formatPoints(student.max_points)} points; ${correct} of ${counted.length} graded ${counted.length === 1 ? "answer is" : correct === 1 ? "answers is" : "answers are"} correct.`,
  ];
  if (extra > 0) {
    lines.push(`The score includes ${formatPoints(extra)} extra-credit ${extra === 1 ? "point" : "points"}.`);
  }
  for (const note of student.notes ?? []) {
    const located = !isWholeFileNote(note) && !note.message.startsWith(`line ${note.line}`) && notebookPlaceOf(note.message) === null;
    lines.push(located ? `Note, line ${note.line}: ${note.message}` : `Note: ${note.message}`);
  }
  return lines.join("\n");
}
