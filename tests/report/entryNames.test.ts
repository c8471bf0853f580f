import { describe, expect, it } from "vitest";

import type { QuestionResult } from "../../src/grading/types.js";
import { feedbackWithEntryNumbers } from "../../src/report/_entryNames.js";

function result(fields: Partial<QuestionResult>): QuestionResult {
  return {
    problem: "p1-tanh",
    question: "S2",
    verdict: "partial",
    points: 0,
    max_points: 0,
    submitted: null,
    expected: [1, 1.25],
    feedback: "",
    line: 3,
    ...fields,
  };
}

describe("feedbackWithEntryNumbers", () => {
  it("names one wrong entry of a column", () => {
    const column = result({
      submitted: [[1], [0.25]],
      wrong_cells: [[0, 1]],
      feedback: "1 of 2 entries are right; the entry at (1, 2) is not within 1% of the expected value.",
    });
    expect(feedbackWithEntryNumbers(column)).toBe("1 of 2 entries are right; entry 2 is not within 1% of the expected value.");
  });

  it("names several wrong entries of a row", () => {
    const row = result({
      submitted: [4, 0, 7],
      expected: [[4], [1], [6]],
      wrong_cells: [[1, 0], [2, 0]],
      feedback: "1 of 3 entries are right; the entries at (2, 1), (3, 1) are not within 1% of the expected value.",
    });
    expect(feedbackWithEntryNumbers(row)).toBe("1 of 3 entries are right; entries 2 and 3 are not within 1% of the expected value.");
  });

  it("names entries in a mistake's explanation", () => {
    const explained = result({
      submitted: [[1], [0.25], [3]],
      expected: [1, 1.25, 2],
      wrong_cells: [[0, 1], [0, 2]],
      feedback: "1 of 3 entries are right. The entries at (1, 2), (1, 3) are what you get this way: the bias was left out.",
    });
    expect(feedbackWithEntryNumbers(explained)).toBe("1 of 3 entries are right. Entries 2 and 3 are what you get this way: the bias was left out.");
  });

  it("keeps positions in a matrix answer", () => {
    const feedback = "3 of 4 entries are right; the entry at (2, 1) is not within 1% of the expected value.";
    const matrix = result({ submitted: [[1, 2], [9, 4]], expected: [[1, 2], [3, 4]], wrong_cells: [[1, 0]], feedback });
    expect(feedbackWithEntryNumbers(matrix)).toBe(feedback);
  });

  it("keeps feedback that names no position", () => {
    const feedback = "Your answer follows correctly from your S2 on line 3, which is off.";
    const followed = result({ submitted: [0.0254, 0.008168], wrong_cells: [[0, 0], [0, 1]], feedback });
    expect(feedbackWithEntryNumbers(followed)).toBe(feedback);
  });
});
