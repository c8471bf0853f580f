import type { Problem } from "../problem/types.js";

/** The data a page needs besides the results themselves. */
export interface ReportContext {
  /** The assignment name shown in titles, usually the rubric's `assignment`. */
  assignment: string;
  /** The assignment's problems in rubric order; they give titles, statements and question order. */
  problems: Problem[];
  /** The total points of the assignment. */
  maxPoints: number;
  /** Student id → file name of the student's page in `students/`, from `assignPageNames`. */
  pageNames: Map<string, string>;
}
