import type { ClassResults } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import { columnKey, indexQuestions, listQuestionColumns, resultsInColumnOrder, type QuestionColumn, type StudentScores } from "./_questions.js";
import { formatPoints } from "./numbers.js";

/**
 * Renders questions.csv: a header `student,status,points,max_points,<problem>.<question>…` and one
 * row per student, in the order of `results.students`. A question column contains the points
 * awarded, or is empty when the student has no result for that question. Fields follow RFC 4180
 * (CRLF line ends, quotes where needed). Question columns follow `problems`, then any question
 * found only in the results.
 */
export function renderGradesCsv(results: ClassResults, problems: readonly Problem[] = []): string {
  const columns = listQuestionColumns(results, problems);
  let csv = gradesCsvHeader(columns);
  for (const student of results.students) csv += gradesCsvRow(student, columns);
  return csv;
}

/** Renders the header line of questions.csv for the given question columns. */
export function gradesCsvHeader(columns: readonly QuestionColumn[]): string {
  const header = ["student", "status", "points", "max_points"].concat(
    columns.map(({ problem, question }) => `${problem}.${question}`),
  );
  return header.map(textField).join(",") + "\r\n";
}

/** Renders one student's line of questions.csv, with a cell per question column. */
export function gradesCsvRow(student: StudentScores, columns: readonly QuestionColumn[]): string {
  const inOrder = resultsInColumnOrder(student.questions, columns);
  const cells = [
    textField(student.student),
    textField(student.status),
    numberField(student.points),
    numberField(student.max_points),
  ];
  if (inOrder !== null) {
    for (const result of inOrder) cells.push(numberField(result.points));
  } else {
    const byQuestion = indexQuestions(student.questions);
    for (const key of keysOf(columns)) {
      const result = byQuestion.get(key);
      cells.push(result === undefined ? "" : numberField(result.points));
    }
  }
  return cells.join(",") + "\r\n";
}

// A class's rows share one list of columns, so its keys are built once.
const columnKeys = new WeakMap<readonly QuestionColumn[], string[]>();

function keysOf(columns: readonly QuestionColumn[]): string[] {
  let keys = columnKeys.get(columns);
  if (keys === undefined) {
    keys = columns.map(({ problem, question }) => columnKey(problem, question));
    columnKeys.set(columns, keys);
  }
  return keys;
}

/** Characters that make a spreadsheet read a cell as a formula (or strip the cell to one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes a text field. A field that would start a formula gets a leading apostrophe first, so a
 * spreadsheet shows it as text instead of evaluating it.
 */
function textField(text: string): string {
  const neutral = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/**
 * Writes a number in plain decimal notation. Such a field holds only digits, a point and a
 * leading minus sign, which spreadsheets read as a number rather than a formula, so it is left
 * unquoted and without an apostrophe. A non-finite value (never expected from the grader) is
 * left empty rather than written as "NaN".
 */
function numberField(value: number): string {
  return Number.isFinite(value) ? formatPoints(value) : "";
}

/** What grades.csv needs of a roster entry to fill Canvas's identifying columns. */
export interface GradebookIdentity {
  name: string;
  canvasId: string;
  sisUserId: string;
  section: string;
}

/**
 * Renders grades.csv in the layout of a Canvas gradebook import: `Student, ID, SIS User ID,
 * SIS Login ID, Section`, then one column named after the assignment with each student's points.
 * The student id goes into SIS Login ID; names, Canvas ids and sections come from the roster
 * when one was given. A student with no submission, or with a file that could not be read, is left
 * blank rather than given 0. Importing then never overwrites a grade entered by hand. The rows of
 * an id on several rows are blank too, until a TA decides which one counts.
 */
export function renderCanvasCsv(
  assignment: string,
  students: readonly { student: string; status: string; points: number }[],
  roster: ReadonlyMap<string, GradebookIdentity> | null,
): string {
  const rows = new Map<string, number>();
  for (const student of students) rows.set(student.student, (rows.get(student.student) ?? 0) + 1);
  let text = canvasCsvHeader(assignment);
  for (const student of students) text += canvasCsvRow(student, roster, rows.get(student.student)! > 1);
  return text;
}

/** Returns the header line of `renderCanvasCsv`, with its line end. */
export function canvasCsvHeader(assignment: string): string {
  return `${["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment].map(textField).join(",")}\r\n`;
}

/**
 * Returns one student's line of `renderCanvasCsv`, with its line end. `heldBack` leaves the grade
 * empty, as for an id on several rows, whose rows would otherwise give one login two grades.
 */
export function canvasCsvRow(
  student: { student: string; status: string; points: number },
  roster: ReadonlyMap<string, GradebookIdentity> | null,
  heldBack = false,
): string {
  const identity = roster?.get(student.student);
  const points = student.status === "graded" && !heldBack ? numberField(student.points) : "";
  const cells = [identity?.name || student.student, identity?.canvasId ?? "", identity?.sisUserId ?? "", student.student, identity?.section ?? ""];
  return `${[...cells.map(textField), points].join(",")}\r\n`;
}
