import type { StudentResult, Verdict } from "../grading/types.js";
import { columnKey, indexQuestions, type QuestionColumn, type QuestionScore } from "./_questions.js";

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
 * Running sums of the graded students' total scores, shared by every question's tally. Totals
 * are summed less the first one, so the sums stay small and their differences exact enough.
 */
export class TotalTally {
  graded = 0;
  shift = 0;
  sum = 0;
  sumSquares = 0;
  /** Largest squared total, at least 1, for the threshold below which variation is noise. */
  largestSquare = 1;

  /** Adds one graded student's total and returns it less the shift, for `QuestionTally.add`. */
  add(total: number): number {
    if (this.graded === 0) this.shift = total;
    const shifted = total - this.shift;
    this.graded++;
    this.sum += shifted;
    this.sumSquares += shifted * shifted;
    this.largestSquare = Math.max(this.largestSquare, total * total);
    return shifted;
  }
}

/**
 * Accumulates a question's figures one graded student at a time, keeping only counts and sums.
 * Its score for discrimination is the share of its points earned. A checkpoint (worth 0) scores
 * 1 when correct, ½ when partial and 0 otherwise, so that it still separates the students who
 * got it right. A tally created after some students were added counts them as missing the
 * question, which is what they are.
 */
export class QuestionTally {
  private readonly counts = { correct: 0, partial: 0, incorrect: 0 };
  private readonly mistakeCounts = new Map<string, number>();
  private totalPoints = 0;
  private maxPoints = 0;
  // Sums over students of the item score x and of x times the shifted total.
  private sumItem = 0;
  private sumItemSquares = 0;
  private sumProducts = 0;
  private largestItemSquare = 1;

  constructor(readonly column: QuestionColumn) {}

  /** Adds a graded student's result, or undefined when they have none for this question. */
  add(result: QuestionScore | undefined, shiftedTotal: number): void {
    if (result === undefined) return;
    if (result.verdict !== "missing") this.counts[result.verdict]++;
    this.totalPoints += result.points;
    this.maxPoints = Math.max(this.maxPoints, result.max_points);
    if (result.misconception !== undefined) {
      this.mistakeCounts.set(result.misconception, (this.mistakeCounts.get(result.misconception) ?? 0) + 1);
    }

    const item = itemScore(result);
    this.sumItem += item;
    this.sumItemSquares += item * item;
    this.sumProducts += item * shiftedTotal;
    this.largestItemSquare = Math.max(this.largestItemSquare, item * item);
  }

  /** Computes the figures over the students added to `totals` so far. */
  stats(totals: TotalTally): QuestionStats {
    const graded = totals.graded;
    const mistakes = [...this.mistakeCounts]
      .map(([code, students]) => ({ code, students }))
      .sort((a, b) => b.students - a.students || compareText(a.code, b.code));

    return {
      graded,
      verdicts: { ...this.counts, missing: graded - this.counts.correct - this.counts.partial - this.counts.incorrect },
      meanPoints: graded === 0 ? null : this.totalPoints / graded,
      maxPoints: this.maxPoints,
      mistakes,
      discrimination: this.discrimination(totals),
    };
  }

  /** Computes the point-biserial index from the sums; see `pointBiserial` for its meaning. */
  private discrimination(totals: TotalTally): number | null {
    const n = totals.graded;
    if (n < 2) return null;
    const covariance = this.sumProducts - (this.sumItem * totals.sum) / n;
    const itemVariance = this.sumItemSquares - (this.sumItem * this.sumItem) / n;
    const totalVariance = totals.sumSquares - (totals.sum * totals.sum) / n;
    if (isTiny(itemVariance, this.largestItemSquare, n) || isTiny(totalVariance, totals.largestSquare, n)) {
      return null;
    }
    return covariance / Math.sqrt(itemVariance * totalVariance);
  }
}

/**
 * Computes a question's figures over the graded submissions in one call, with the tallies above.
 */
export function computeQuestionStats(graded: readonly StudentResult[], column: QuestionColumn): QuestionStats {
  const key = columnKey(column.problem, column.question);
  const totals = new TotalTally();
  const tally = new QuestionTally(column);
  for (const student of graded) {
    tally.add(indexQuestions(student.questions).get(key), totals.add(student.points));
  }
  return tally.stats(totals);
}

function itemScore(result: QuestionScore): number {
  if (result.max_points > 0) return result.points / result.max_points;
  if (result.verdict === "correct") return 1;
  if (result.verdict === "partial") return 0.5;
  return 0;
}

/**
 * Tells whether a sum of squared deviations is rounding noise rather than variation: a relative
 * threshold, so that scores such as 8/3 do not count as varying.
 */
function isTiny(variance: number, largestSquare: number, n: number): boolean {
  return variance <= 1e-12 * largestSquare * n;
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

  const largestSquare = (values: readonly number[]) => values.reduce((largest, value) => Math.max(largest, value * value), 1);
  if (isTiny(itemVariance, largestSquare(itemScores), n) || isTiny(totalVariance, largestSquare(totals), n)) {
    return null;
  }
  return covariance / Math.sqrt(itemVariance * totalVariance);
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
