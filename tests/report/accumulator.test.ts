import { describe, expect, it } from "vitest";

import type { ClassResults, StudentResult } from "../../src/grading/types.js";
import { ClassAccumulator, summariseClass } from "../../src/report/_accumulator.js";
import { pointBiserial } from "../../src/report/_questionStats.js";
import { renderGradesCsv } from "../../src/report/csv.js";
import { listQuestionColumns, resultsInColumnOrder } from "../../src/report/_questions.js";
import { classResults, linearProblem, partialStudent, sizeProblem } from "./_fixtures.js";

const dW1 = partialStudent.questions[0];

function student(name: string, points: number, dW1Points: number | null): StudentResult {
  const questions = dW1Points === null ? [] : [{ ...dW1, points: dW1Points, verdict: dW1Points === 4 ? ("correct" as const) : ("partial" as const) }];
  return { ...partialStudent, student: name, points, questions };
}

describe("ClassAccumulator", () => {
  it("streams grades.csv row by row", () => {
    const pieces: string[] = [];
    const accumulator = new ClassAccumulator([linearProblem, sizeProblem], (text) => pieces.push(text));
    expect(pieces).toHaveLength(1);
    for (const result of classResults.students) accumulator.add(result);

    expect(pieces).toHaveLength(1 + classResults.students.length);
    expect(pieces.join("")).toBe(renderGradesCsv(classResults, [linearProblem, sizeProblem]));
  });

  it("tallies results in any order alike", () => {
    // Results in the rubric's order are tallied by position, others through an index.
    const problems = [linearProblem, sizeProblem];
    const reversed: ClassResults = { ...classResults, students: classResults.students.map((result) => ({ ...result, questions: [...result.questions].reverse() })) };
    const columns = listQuestionColumns(classResults, problems);
    expect(classResults.students.some((result) => resultsInColumnOrder(result.questions, columns) !== null)).toBe(true);
    const inOrder = summariseClass(classResults, problems);
    const outOfOrder = summariseClass(reversed, problems);

    expect(outOfOrder.questions).toEqual(inOrder.questions);
    expect(renderGradesCsv(reversed, problems)).toBe(renderGradesCsv(classResults, problems));
  });

  it("keeps one row per student", () => {
    const summary = summariseClass(classResults, [linearProblem, sizeProblem]);
    expect(summary.students.map((row) => row.student)).toEqual(classResults.students.map((result) => result.student));
    expect(summary.students[0]).not.toHaveProperty("questions");
  });

  it("matches pointBiserial on arrays", () => {
    // Item scores are points / 4; pointBiserial works from deviations of the full arrays.
    const cases: [number, number | null][] = [
      [17, 4],
      [12.5, 3],
      [3, 1],
      [9, null],
      [14, 2],
      [20, 4],
    ];
    const results: ClassResults = { assignment: "hw", max_points: 20, students: cases.map(([points, item], i) => student(`s${i}`, points, item)) };
    const stats = summariseClass(results, [linearProblem]).questions[0]!.stats;

    const expected = pointBiserial(
      cases.map(([, item]) => (item ?? 0) / 4),
      cases.map(([points]) => points),
    );
    expect(stats.discrimination).toBeCloseTo(expected!, 12);
  });

  it("counts earlier students as missing a late question", () => {
    const late = { ...dW1, problem: "extra", question: "q9", verdict: "correct" as const };
    const results: ClassResults = {
      assignment: "hw",
      max_points: 10,
      students: [student("a", 7, 3), { ...student("b", 9, 4), questions: [late] }],
    };
    const summary = summariseClass(results, []);
    const q9 = summary.questions.find((question) => question.column.question === "q9")!;

    expect(summary.questions.map((question) => question.column.question)).toEqual(["dW1", "q9"]);
    expect(q9.stats.verdicts).toEqual({ correct: 1, partial: 0, incorrect: 0, missing: 1 });
    // Items [0, 1] against totals [7, 9]: two points always correlate perfectly.
    expect(q9.stats.discrimination).toBeCloseTo(1, 12);
  });

  it("leaves discrimination undefined for equal totals", () => {
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [student("a", 8 / 3, 3), student("b", 8 / 3, 4)] };
    expect(summariseClass(results, [linearProblem]).questions[0]!.stats.discrimination).toBeNull();
  });
});
