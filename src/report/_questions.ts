import type { ClassResults, QuestionResult, StudentResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";

/** The part of a question's result that the class page and grades.csv read. */
export type QuestionScore = Pick<QuestionResult, "problem" | "question" | "verdict" | "points" | "max_points" | "misconception">;

/** A student's result without what only their own page shows: the values, feedback and notes. */
export type StudentScores = Omit<StudentResult, "questions" | "notes"> & {
  questions: QuestionScore[];
  /** Notes from reading the file, which the student's page lists; left out when there are none. */
  noteCount?: number;
};

/** One graded question as a column of the class tables and grades.csv. */
export interface QuestionColumn {
  problem: string;
  question: string;
}

/**
 * Lists the questions in the order of the problems and their questions, then any question found
 * only in the results, in the order it first appears there.
 */
export function listQuestionColumns(results: ClassResults, problems: readonly Problem[]): QuestionColumn[] {
  const columns: QuestionColumn[] = [];
  const seen = new Set<string>();

  const add = (problem: string, question: string) => {
    const key = columnKey(problem, question);
    if (!seen.has(key)) {
      seen.add(key);
      columns.push({ problem, question });
    }
  };

  for (const problem of problems) {
    for (const question of problem.questions) {
      add(problem.id, question.id);
    }
  }
  for (const student of results.students) {
    for (const result of student.questions) {
      add(result.problem, result.question);
    }
  }
  return columns;
}

/**
 * Builds the key of a question, unique across the assignment because problem ids are unique. The
 * length of the problem id comes first, so no other pair of ids joins to the same key.
 */
export function columnKey(problem: string, question: string): string {
  return `${problem.length}:${problem}${question}`;
}

// Every per-question figure looks up each student's results, so each list is indexed only once.
const indexes = new WeakMap<readonly QuestionScore[], Map<string, QuestionScore>>();

/**
 * Returns a student's results when they are exactly `columns`, in that order, as a student graded
 * on the problems of `columns` has them; null otherwise. Looking results up by position then
 * spares indexing them.
 */
export function resultsInColumnOrder<Result extends QuestionScore>(questions: readonly Result[], columns: readonly QuestionColumn[]): readonly Result[] | null {
  if (questions.length !== columns.length) return null;
  for (let index = 0; index < columns.length; index++) {
    const result = questions[index]!;
    const column = columns[index]!;
    if (result.problem !== column.problem || result.question !== column.question) return null;
  }
  return questions;
}

/** Indexes a student's results by `columnKey`. */
export function indexQuestions<Result extends QuestionScore>(questions: readonly Result[]): Map<string, Result> {
  let index = indexes.get(questions);
  if (!index) {
    index = new Map(questions.map((result) => [columnKey(result.problem, result.question), result]));
    indexes.set(questions, index);
  }
  return index as Map<string, Result>;
}
