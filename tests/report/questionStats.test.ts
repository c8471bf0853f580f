import { describe, expect, it } from "vitest";

import type { StudentResult } from "../../src/grading/types.js";
import { computeQuestionStats, pointBiserial } from "../../src/report/_questionStats.js";
import { partialStudent } from "./_fixtures.js";

describe("pointBiserial", () => {
  it("matches a hand calculation", () => {
    // Items [1, 0, 1], totals [10, 4, 8]: means 2/3 and 22/3; deviations [1/3, −2/3, 1/3] and
    // [8/3, −10/3, 2/3]; covariance sum 30/9, sums of squares 6/9 and 168/9; r = 30/√(6·168) = 0.9449.
    expect(pointBiserial([1, 0, 1], [10, 4, 8])).toBeCloseTo(0.9449, 4);
  });

  it("is negative for a reversed question", () => {
    // The weakest student alone got it: deviations [−1/3, −1/3, 2/3] against [8/3, 2/3, −10/3].
    expect(pointBiserial([0, 0, 1], [10, 8, 4])).toBeCloseTo(-30 / Math.sqrt(6 * 168), 10);
  });

  it("is undefined when everyone scored alike", () => {
    expect(pointBiserial([1, 1, 1], [10, 4, 8])).toBeNull();
    expect(pointBiserial([1, 0, 1], [5, 5, 5])).toBeNull();
  });

  it("is undefined for one student", () => {
    expect(pointBiserial([1], [10])).toBeNull();
  });
});

describe("computeQuestionStats", () => {
  const dW1 = partialStudent.questions[0];
  const students: StudentResult[] = [
    { ...partialStudent, student: "a", points: 7, questions: [{ ...dW1, misconception: "transposed" }] },
    { ...partialStudent, student: "b", points: 9, questions: [{ ...dW1, verdict: "correct", points: 4, misconception: undefined }] },
    { ...partialStudent, student: "c", points: 1, questions: [{ ...dW1, misconception: "transposed" }] },
    { ...partialStudent, student: "d", points: 0, questions: [] },
  ];
  const stats = computeQuestionStats(students, { problem: "p2-linear", question: "dW1" });

  it("counts verdicts with absent as missing", () => {
    expect(stats.verdicts).toEqual({ correct: 1, partial: 2, incorrect: 0, missing: 1 });
  });

  it("averages points over graded", () => {
    // (3 + 4 + 3 + 0) / 4 = 2.5 of 4 points.
    expect(stats.meanPoints).toBe(2.5);
    expect(stats.maxPoints).toBe(4);
  });

  it("counts students per mistake", () => {
    expect(stats.mistakes).toEqual([{ code: "transposed", students: 2 }]);
  });

  it("scores checkpoints by verdict", () => {
    const checkpoint = (verdict: "correct" | "incorrect", points: number): StudentResult => ({
      ...partialStudent,
      points,
      questions: [{ ...dW1, verdict, points: 0, max_points: 0 }],
    });
    // Checkpoint right for the totals 10 and 8, wrong for 4: the items [1, 1, 0] against
    // [10, 8, 4] give deviations [1/3, 1/3, −2/3] and [8/3, 2/3, −10/3]: r = 30/√(6·168).
    const result = computeQuestionStats([checkpoint("correct", 10), checkpoint("correct", 8), checkpoint("incorrect", 4)], {
      problem: "p2-linear",
      question: "dW1",
    });
    expect(result.discrimination).toBeCloseTo(30 / Math.sqrt(6 * 168), 10);
  });
});
