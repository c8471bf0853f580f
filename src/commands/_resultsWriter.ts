import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { stringifyJson } from "../grading/json.js";
import type { QuestionResult, StudentResult } from "../grading/types.js";

/**
 * Writes results.json one student at a time, so a class of any size never has to be held in
 * memory as a whole. The bytes are the same as `stringifyJson(results)` of the whole class.
 */
export class ResultsWriter {
  private readonly file: number;
  private count = 0;

  constructor(folder: string, assignment: string, maxPoints: number) {
    this.file = openSync(join(folder, "results.json"), "w");
    const head = stringifyJson({ assignment, max_points: maxPoints, students: [] });
    // Everything before the empty list's closing bracket, so that students can follow.
    writeSync(this.file, head.slice(0, head.lastIndexOf("[]") + 1));
  }

  /** Appends one student, given as the JSON text `stringifyJson(student)` makes. */
  add(studentJson: string): void {
    const indented = studentJson.replace(/\n/g, "\n    ");
    writeSync(this.file, `${this.count === 0 ? "" : ","}\n    ${indented}`);
    this.count++;
  }

  /** Closes the list and the file. */
  finish(): void {
    writeSync(this.file, this.count === 0 ? "]\n}\n" : "\n  ]\n}\n");
    closeSync(this.file);
  }
}

/**
 * Keeps what the class page and grades.csv need of a student, dropping the submitted and
 * expected values and the feedback, which only the student's own page shows.
 */
export function summarise(student: StudentResult): StudentResult {
  const questions = student.questions.map((question): QuestionResult => {
    const summary: QuestionResult = {
      problem: question.problem,
      question: question.question,
      verdict: question.verdict,
      points: question.points,
      max_points: question.max_points,
      submitted: null,
      expected: null,
      feedback: "",
      line: null,
    };
    if (question.misconception) summary.misconception = question.misconception;
    return summary;
  });
  const summary: StudentResult = { ...student, questions };
  delete summary.notes;
  return summary;
}
