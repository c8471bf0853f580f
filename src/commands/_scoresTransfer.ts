import type { StudentStatus, Verdict } from "../grading/types.js";
import type { QuestionScore, StudentScores } from "../report/index.js";

/**
 * Students' scores travel from a grading thread to the main thread as one flat array of
 * primitives. A student's scores are an object per question, and structured cloning writes every
 * key of every object: about 25 µs a student on the benchmark's classes, measured with
 * `v8.serialize` and `v8.deserialize` on Node 20. Packing, cloning and unpacking a flat array takes
 * about half of that.
 */
export type PackedScores = unknown[];

/** Appends `scores` to `packed`, in the order that `unpackScores` takes them back. */
export function packScores(scores: StudentScores, packed: PackedScores): void {
  packed.push(scores.student, scores.file, scores.status, scores.points, scores.max_points, scores.error, scores.noteCount);
  packed.push(scores.questions.length);
  for (const question of scores.questions) {
    packed.push(question.problem, question.question, question.verdict, question.points, question.max_points, question.misconception);
  }
}

/** Takes back the scores of `count` students that `packScores` appended to `packed`, in order. */
export function unpackScores(packed: PackedScores, count: number): StudentScores[] {
  const students: StudentScores[] = [];
  let position = 0;
  const next = (): unknown => packed[position++];
  for (let index = 0; index < count; index++) {
    const student = next() as string;
    const file = next() as string | null;
    const status = next() as StudentStatus;
    const points = next() as number;
    const maxPoints = next() as number;
    const error = next() as string | undefined;
    const noteCount = next() as number | undefined;
    const questions: QuestionScore[] = [];
    for (let left = next() as number; left > 0; left--) {
      const question: QuestionScore = {
        problem: next() as string,
        question: next() as string,
        verdict: next() as Verdict,
        points: next() as number,
        max_points: next() as number,
      };
      const misconception = next() as string | undefined;
      if (misconception !== undefined) question.misconception = misconception;
      questions.push(question);
    }
    // The field order is summarise's, so that the scores are the same objects either way.
    const scores: StudentScores = { student, file, status, points, max_points: maxPoints, questions };
    if (error !== undefined) scores.error = error;
    if (noteCount !== undefined) scores.noteCount = noteCount;
    students.push(scores);
  }
  return students;
}
