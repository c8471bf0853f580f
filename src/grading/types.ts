/** The judgement on one question. */
export type Verdict = "correct" | "partial" | "incorrect" | "missing";

/** JSON form of a value: a number, a vector, a matrix; integers beyond 2^53 are written as bigint. */
export type JsonValue = number | bigint | number[] | number[][] | string | null;

/** The graded result of one question, one entry of `questions` in results.json. */
export interface QuestionResult {
  problem: string;
  question: string;
  verdict: Verdict;
  points: number;
  max_points: number;
  /** The student's value in the problem's layout, or null when missing or unreadable. */
  submitted: JsonValue;
  expected: JsonValue;
  /** Plain-language feedback for the student. */
  feedback: string;
  /** Line in the submission where the value was read, or null. */
  line: number | null;
  /** A recognised mistake, such as `transposed`. */
  misconception?: string;
  /** Cells outside tolerance, as [row, column] pairs (0-based), for matrix and vector answers. */
  wrong_cells?: [number, number][];
  /** Warnings that do not change the verdict, such as too few digits. */
  warnings?: string[];
  /** The text the value was read from. */
  source?: string;
  /** The file `line` is in, when the student handed in several files. */
  file?: string;
  /** The tolerance in plain words, such as "within 1% of the expected value". */
  tolerance?: string;
}

/** Outcome of one student's submission. */
export type StudentStatus = "graded" | "unreadable" | "missing";

/** The results of one student, one entry of `students` in results.json. */
export interface StudentResult {
  student: string;
  file: string | null;
  status: StudentStatus;
  /** Reason the file could not be read, when status is `unreadable`. */
  error?: string;
  points: number;
  max_points: number;
  questions: QuestionResult[];
  /** Notes from reading the file (labels that matched no question, ambiguous numbers). */
  notes?: { line: number; code: string; message: string }[];
}

/** The whole of results.json. */
export interface ClassResults {
  assignment: string;
  max_points: number;
  students: StudentResult[];
}
