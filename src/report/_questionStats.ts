import type { StudentResult, Verdict } from "../grading/types.js";
import { columnKey, indexQuestions, type QuestionColumn } from "./_questions.js";

/** Class-wide figures for one question, over the graded submissions. */
export interface QuestionStats {
  /** Graded submissions the figures are over. */
  graded: number;
  /** Number of graded submissions with each verdict; no result for the question counts as missing. */
  verdicts: Record<Verdict, number>;
  /** Mean points awarded, or null with no graded submission. */
  meanPoints: number | null;
  /** Points the question is worth, the largest `max_points` found for it (0 for a checkpoint). */
  maxPoints: number;
  /** Misconception codes with the number of students who made each mistake, most frequent first. */
  mistakes: { code: string; students: number }[];
  /** Point-biserial discrimination index, from `pointBiserial`, or null when it is undefined. */
  discrimination: number | null;
}

/**
 * Computes a question's figures over the graded submissions. Its score for discrimination is the
 * share of its points earned. A checkpoint (worth 0) scores 1 when correct, ½ when partial and 0
 * otherwise, so that it still separates the students who got it right.
 */
export function computeQuestionStats(graded: readonly StudentResult[], column: QuestionColumn): QuestionStats {
  const key = columnKey(column.problem, column.question);
  const results = graded.map((student) => indexQuestions(student.questions).get(key));

  const verdicts: Record<Verdict, number> = { correct: 0, partial: 0, incorrect: 0, missing: 0 };
  const mistakeCounts = new Map<string, number>();
  let maxPoints = 0;
  let totalPoints = 0;
  for (const result of results) {
    verdicts[result?.verdict ?? "missing"]++;
    totalPoints += result?.points ?? 0;
    maxPoints = Math.max(maxPoints, result?.max_points ?? 0);
    if (result?.misconception !== undefined) {
      mistakeCounts.set(result.misconception, (mistakeCounts.get(result.misconception) ?? 0) + 1);
    }
  }

  const itemScores = results.map((result) => {
    if (result === undefined) return 0;
    if (result.max_points > 0) return result.points / result.max_points;
    if (result.verdict === "correct") return 1;
    if (result.verdict === "partial") return 0.5;
    return 0;
  });
  const totals = graded.map((student) => student.points);

  const mistakes = [...mistakeCounts]
    .map(([code, students]) => ({ code, students }))
    .sort((a, b) => b.students - a.students || compareText(a.code, b.code));

  return {
    graded: graded.length,
    verdicts,
    meanPoints: graded.length === 0 ? null : totalPoints / graded.length,
    maxPoints,
    mistakes,
    discrimination: pointBiserial(itemScores, totals),
  };
}

/**
 * Computes the point-biserial discrimination index of a question: the Pearson correlation between
 * each student's score on the question and their total score. It equals the point-biserial
 * coefficient when the question is scored right or wrong, and the item-total correlation when it
 * earns partial credit. Near 1, the students who did well overall got the question. Near 0 the
 * question does not separate them, and a negative value often means a wrong key. Returns null for fewer
 * than two students, or when either score is the same for everyone, since the correlation is then
 * undefined.
 *
 * @example pointBiserial([1, 0, 1], [10, 4, 8]) // ≈ 0.945
 */
export function pointBiserial(itemScores: readonly number[], totals: readonly number[]): number | null {
  const n = itemScores.length;
  if (n < 2 || totals.length !== n) {
    return null;
  }
  const meanItem = itemScores.reduce((sum, value) => sum + value, 0) / n;
  const meanTotal = totals.reduce((sum, value) => sum + value, 0) / n;

  let covariance = 0;
  let itemVariance = 0;
  let totalVariance = 0;
  for (let i = 0; i < n; i++) {
    const item = itemScores[i] - meanItem;
    const total = totals[i] - meanTotal;
    covariance += item * total;
    itemVariance += item * item;
    totalVariance += total * total;
  }

  // A relative threshold, so rounding noise in scores such as 8/3 does not count as variation.
  const tiny = (values: readonly number[], variance: number) =>
    variance <= 1e-12 * Math.max(1, ...values.map((value) => value * value)) * n;
  if (tiny(itemScores, itemVariance) || tiny(totals, totalVariance)) {
    return null;
  }
  return covariance / Math.sqrt(itemVariance * totalVariance);
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
