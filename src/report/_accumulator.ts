import type { ClassResults, StudentStatus } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import { gradesCsvHeader, gradesCsvRow } from "./csv.js";
import { QuestionTally, TotalTally, type QuestionStats } from "./_questionStats.js";
import { columnKey, indexQuestions, listQuestionColumns, resultsInColumnOrder, type QuestionColumn, type StudentScores } from "./_questions.js";

/** A student's row of the class page's student table. */
export interface StudentRow {
  student: string;
  file: string | null;
  status: StudentStatus;
  points: number;
  max_points: number;
  /** Reason the file could not be read, when status is `unreadable`. */
  error?: string;
  /** File name of the student's page in `students/`, when one was written. */
  page?: string;
  /** Notes from reading the file, such as a label that matched no question; left out when none. */
  notes?: number;
}

/** The class as the class page shows it: one row per student and the figures of each question. */
export interface ClassSummary {
  max_points: number;
  /** Students in the order they were added. */
  students: StudentRow[];
  /** Questions in the order of the rubric, then any question found only in the results. */
  questions: { column: QuestionColumn; stats: QuestionStats }[];
}

/**
 * Collects the figures of each question, one student at a time, so that grading a class keeps a
 * few sums per question rather than every result. Each student's grades.csv row goes to
 * `writeCsv` as soon as the student is added, after the header, which the constructor writes.
 * The row of the class page's student table is returned, for the caller to keep.
 */
export class ClassAccumulator {
  private readonly totals = new TotalTally();
  private readonly tallies = new Map<string, QuestionTally>();
  private readonly csvColumns: QuestionColumn[];

  /**
   * `columns` are the questions of grades.csv, by default those of `problems`. A question that a
   * result names but `columns` lacks still gets class page figures, but no grades.csv column,
   * because the header is already written.
   */
  constructor(
    problems: readonly Problem[],
    private readonly writeCsv: (text: string) => void = () => {},
    columns: QuestionColumn[] = listQuestionColumns({ assignment: "", max_points: 0, students: [] }, problems),
  ) {
    this.csvColumns = columns;
    for (const column of columns) this.tallies.set(columnKey(column.problem, column.question), new QuestionTally(column));
    this.writeCsv(gradesCsvHeader(columns));
  }

  /** Adds one student's result: their scores and their grades.csv row. Returns their row. */
  add(student: StudentScores): StudentRow {
    const row: StudentRow = {
      student: student.student,
      file: student.file,
      status: student.status,
      points: student.points,
      max_points: student.max_points,
    };
    if (student.error !== undefined) row.error = student.error;
    if (student.noteCount !== undefined) row.notes = student.noteCount;
    this.writeCsv(gradesCsvRow(student, this.csvColumns));

    // A student with a result for exactly the known questions, in their order, the usual case,
    // adds no question and is tallied by position.
    const inOrder = this.tallies.size === this.csvColumns.length ? resultsInColumnOrder(student.questions, this.csvColumns) : null;
    if (inOrder !== null) {
      if (student.status !== "graded") return row;
      const shiftedTotal = this.totals.add(student.points);
      let index = 0;
      for (const tally of this.tallies.values()) tally.add(inOrder[index++], shiftedTotal);
      return row;
    }

    const results = indexQuestions(student.questions);
    for (const [key, result] of results) {
      // A question no earlier result named: the graded students before count as missing it.
      if (!this.tallies.has(key)) this.tallies.set(key, new QuestionTally({ problem: result.problem, question: result.question }));
    }
    if (student.status !== "graded") return row;

    const shiftedTotal = this.totals.add(student.points);
    for (const [key, tally] of this.tallies) tally.add(results.get(key), shiftedTotal);
    return row;
  }

  /** Returns the figures of each question over the students added so far. */
  questions(): ClassSummary["questions"] {
    return [...this.tallies.values()].map((tally) => ({ column: tally.column, stats: tally.stats(this.totals) }));
  }
}

/** Summarises a whole class at once, with the question columns `renderGradesCsv` would use. */
export function summariseClass(results: ClassResults, problems: readonly Problem[]): ClassSummary {
  const accumulator = new ClassAccumulator(problems, undefined, listQuestionColumns(results, problems));
  const students = results.students.map((student) => {
    const noteCount = student.notes?.length ?? 0;
    return accumulator.add(noteCount > 0 ? { ...student, noteCount } : student);
  });
  return { max_points: results.max_points, students, questions: accumulator.questions() };
}
