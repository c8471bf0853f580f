import type { ClassResults, QuestionResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";

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

/** Builds the key of a question, unique across the assignment because problem ids are unique. */
export function columnKey(problem: string, question: string): string {
  return JSON.stringify([problem, question]);
}

// Every per-question figure looks up each student's results, so each list is indexed only once.
const indexes = new WeakMap<readonly QuestionResult[], Map<string, QuestionResult>>();

/** Indexes a student's results by `columnKey`. */
export function indexQuestions(questions: readonly QuestionResult[]): Map<string, QuestionResult> {
  let index = indexes.get(questions);
  if (!index) {
    index = new Map(questions.map((result) => [columnKey(result.problem, result.question), result]));
    indexes.set(questions, index);
  }
  return index;
}
