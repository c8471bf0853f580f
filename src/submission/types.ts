/** A number as a student typed it, with what is needed to judge its precision. */
export interface ReadNumber {
  value: number;
  /** The exact integer when the text is a whole number (for counts beyond 2^53), else null. */
  integer: bigint | null;
  /** The text the number was read from, such as "1.0000" or "\\frac{3}{4}". */
  text: string;
  /** Significant digits as typed: "1.0000" has 5; exact forms such as fractions count as Infinity. */
  significantDigits: number;
}

/** A value read for one question: a single number, or a matrix (a vector is one row or column). */
export type ReadValue =
  | { kind: "number"; number: ReadNumber }
  | { kind: "matrix"; rows: ReadNumber[][] };

/** A problem in the submission that cannot be read as a value; the answer is then not gradable. */
export interface FormatError {
  /** Stable code such as `submission.raggedMatrix`. */
  code: string;
  /** Message saying what is wrong and what the student can do, in plain words. */
  message: string;
}

/** One answer found in a submission. */
export interface ReadAnswer {
  problem: string;
  question: string;
  /** The value, or null when the text could not be read (see `error`). */
  value: ReadValue | null;
  error: FormatError | null;
  /** 1-based line in the submission file where the value starts. */
  line: number;
  /** The label as written ("w_{1,\\text{new}}"), or the answers-file key. */
  label: string;
  /** The source text the value came from, trimmed to at most a few hundred characters. */
  source: string;
  /** True when the matrix was assembled from single-cell answers such as `w_5 = …`. */
  assembled: boolean;
  /** The file the answer was read from, set when a student handed in several files. */
  file?: string;
}

/** Something the reader noticed that the student or TA should know, not tied to a graded value. */
export interface ReadNote {
  line: number;
  code: string;
  message: string;
}

/** Everything read from one submission file. */
export interface Submission {
  student: string;
  /** File path relative to the submissions folder. */
  file: string;
  answers: ReadAnswer[];
  notes: ReadNote[];
}
