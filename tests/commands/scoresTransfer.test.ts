import { describe, expect, it } from "vitest";
import { summarise } from "../../src/commands/_resultsWriter.js";
import { packScores, unpackScores } from "../../src/commands/_scoresTransfer.js";
import type { StudentResult } from "../../src/grading/types.js";

const graded: StudentResult = {
  student: "ana",
  file: "ana.md",
  status: "graded",
  points: 16.5,
  max_points: 24,
  questions: [
    { problem: "p2-linear", question: "dW1", verdict: "correct", points: 4, max_points: 4, submitted: [[25, 25], [50, 50]], expected: [[25, 25], [50, 50]], feedback: "Correct.", line: 8 },
    { problem: "p2-linear", question: "dW2", verdict: "partial", points: 0.5, max_points: 4, submitted: [[10, 15], [20, 30]], expected: [[10, 20], [15, 30]], feedback: "Transposed.", line: 9, misconception: "transposed" },
    { problem: "p5-sigmoid", question: "loss", verdict: "missing", points: 0, max_points: 0, submitted: null, expected: 0.08, feedback: "Not answered.", line: null },
  ],
  notes: [{ line: 3, code: "submission.unknownLabel", message: "z_2 matches no question" }],
};

const unreadable: StudentResult = { student: "ben", file: "ben.md", status: "unreadable", error: "ben.md is empty", points: 0, max_points: 24, questions: [] };
const missing: StudentResult = { student: "cy", file: null, status: "missing", points: 0, max_points: 24, questions: [] };

describe("scores transfer from grading threads", () => {
  it("keeps every student's scores", () => {
    const scores = [graded, unreadable, missing].map(summarise);
    const packed: unknown[] = [];
    for (const student of scores) packScores(student, packed);

    const back = unpackScores(structuredClone(packed), scores.length);
    expect(back).toStrictEqual(scores);
    expect(back.map((student) => JSON.stringify(student))).toEqual(scores.map((student) => JSON.stringify(student)));
  });

  it("keeps the misconception and note count", () => {
    const packed: unknown[] = [];
    packScores(summarise(graded), packed);
    const [back] = unpackScores(packed, 1);

    expect(back!.questions[1]!.misconception).toBe("transposed");
    expect("misconception" in back!.questions[0]!).toBe(false);
    expect(back!.noteCount).toBe(1);
  });
});
