import type { Problem } from "../problem/types.js";

/** The pre-activations S and activations Y of every layer, index i for `network.layers[i]`. */
export interface ForwardValues {
  preActivations: number[][];
  activations: number[][];
}

/** The data a page needs besides the results themselves. */
export interface ReportContext {
  /** The assignment name shown in titles, usually the rubric's `assignment`. */
  assignment: string;
  /** The assignment's problems in rubric order; they give titles, statements and question order. */
  problems: Problem[];
  /** The total points of the assignment. */
  maxPoints: number;
  /** `pageKey(student)` → file name of the student's page in `students/`, from `assignPageNames`. */
  pageNames: Map<string, string>;
  /**
   * Problem id → the forward pass of its network, drawn beside the units on student pages. A
   * problem without an entry is drawn with its weights only. The report never runs the solver.
   */
  forwardValues?: Map<string, ForwardValues>;
  /** Ids of the extra-credit problems; none when absent. */
  bonus?: Set<string>;
  /** Student ids of the roster, or null (the default) when grading ran without one. */
  roster?: Set<string> | null;
  /** Student id → name from the roster, shown beside the id. */
  names?: Map<string, string>;
}
