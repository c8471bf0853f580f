import { formatLocation, RubricError, type Location } from "../errors.js";
import { checkRubricSchema } from "../problem/schema.js";
import { closestName } from "../problem/suggest.js";
import { findNonFiniteNumber, isYamlSyntaxError, parseLocatedYaml, type LocatedYaml } from "../problem/yaml.js";
import type { Problem, ToleranceSpec } from "../problem/types.js";

/** Rule by which a question with several entries earns points. */
export type PartialCredit = "per_element" | "all_or_nothing";

/** A problem named by a rubric, before its file is found. */
export interface ProblemReference {
  /** A problem id (looked up in problems/) or a path relative to the rubric. */
  reference: string;
  bonus: boolean;
  location: Location;
}

/** A rubric file as parsed, before the problems it names are loaded. */
export interface RubricFile {
  file: string;
  assignment: string;
  problems: ProblemReference[];
  tolerance: ToleranceSpec;
  points: Map<string, { points: number; location: Location }>;
  partialCredit: PartialCredit;
  decimalComma: boolean;
  /** Credit shares per mistake code that the rubric overrides. */
  misconceptions: Record<string, number>;
  /** Location of each `misconceptions` entry, for errors found once problems are loaded. */
  misconceptionLocations: Map<string, Location>;
  followThrough: number;
}

/** An assignment ready to grade: the rubric with its problems loaded. */
export interface Rubric {
  file: string;
  assignment: string;
  problems: Problem[];
  /** Ids of the extra-credit problems. */
  bonus: Set<string>;
  tolerance: ToleranceSpec;
  /** Points per question, keyed `problem.question`; a question not listed is worth 0. */
  points: Map<string, number>;
  partialCredit: PartialCredit;
  decimalComma: boolean;
  /** Share of the points an answer matching a recognised mistake earns, by mistake code. */
  misconceptionCredit: Record<string, number>;
  /** Share of the points an answer that is right for the student's own earlier values earns. */
  followThrough: number;
}

/**
 * Default shares of a question's points for an answer that matches a recognised mistake exactly.
 * Slips of notation, sign or scale, where the method is right, earn half; an answer showing a
 * step of the method is missing or misunderstood earns a quarter; a mistake that is only a
 * convention at a kink earns three quarters. A rubric's `misconceptions` overrides any of them.
 */
export const DEFAULT_MISCONCEPTION_CREDIT: Record<string, number> = {
  transposed: 0.5,
  flipped_error_sign: 0.5,
  dropped_half: 0.5,
  mean_as_sum: 0.5,
  update_sign_flipped: 0.5,
  learning_rate_left_out: 0.5,
  biases_left_out: 0.5,
  macs_for_flops: 0.5,
  other_flop_convention: 0.5,
  relu_derivative_at_zero: 0.75,
  missing_activation_derivative: 0.25,
  wrong_layer_weights: 0.25,
  pre_activation_as_input: 0.25,
  update_for_gradient: 0.25,
  gradient_for_update: 0.25,
  input_side_for_size: 0.25,
};

/** Default share of the points for work that is right given the student's own earlier values. */
export const DEFAULT_FOLLOW_THROUGH = 0.5;

interface RawRubric {
  assignment: string;
  problems: string[];
  bonus?: string[];
  tolerance?: ToleranceSpec;
  points?: Record<string, number>;
  partial_credit?: PartialCredit;
  decimal_comma?: boolean;
  misconceptions?: Record<string, number>;
  follow_through?: number;
}

/** Parses and checks the text of a rubric file; throws a RubricError naming file and line. */
export function parseRubric(text: string, file: string): RubricFile {
  const parsed = parseLocatedYaml(text, file);
  if (isYamlSyntaxError(parsed)) {
    throw new RubricError("rubric.invalidYaml", `${parsed.message} (fix the YAML syntax)`, parsed.location);
  }

  // The schema's "number" accepts NaN and infinities; infinite points or tolerances break scores.
  const nonFinite = findNonFiniteNumber(parsed.data);
  if (nonFinite) {
    throw new RubricError(
      "rubric.notFinite",
      `"${nonFinite.path.join(".")}" is ${nonFinite.value}; every number in a rubric must be finite, so replace it with an ordinary number`,
      parsed.locate(nonFinite.path),
    );
  }

  // Every schema error at once, in file order, so that a rubric is fixed in one pass.
  const issues = checkRubricSchema(parsed.data)
    .map((issue, index) => ({ message: issue.message, location: parsed.locate(issue.path), index }))
    .sort((a, b) => a.location.line - b.location.line || a.index - b.index);
  if (issues.length > 0) {
    const [first, ...others] = issues;
    const more = others.map((issue) => `\n${formatLocation(issue.location)} ${issue.message}`).join("");
    throw new RubricError("rubric.schema", `${first!.message}${more}`, first!.location);
  }

  const raw = parsed.data as RawRubric;
  const references = [
    ...raw.problems.map((reference, index) => toReference(reference, false, parsed, ["problems", index])),
    ...(raw.bonus ?? []).map((reference, index) => toReference(reference, true, parsed, ["bonus", index])),
  ];

  const seen = new Set<string>();
  for (const reference of references) {
    if (seen.has(reference.reference)) {
      throw new RubricError(
        "rubric.duplicateProblem",
        `problem "${reference.reference}" is listed twice; list each problem once`,
        reference.location,
      );
    }
    seen.add(reference.reference);
  }

  const points = new Map<string, { points: number; location: Location }>();
  for (const [key, value] of Object.entries(raw.points ?? {})) {
    points.set(key, { points: value, location: parsed.locate(["points", key]) });
  }

  return {
    file,
    assignment: raw.assignment,
    problems: references,
    tolerance: raw.tolerance ?? {},
    points,
    partialCredit: raw.partial_credit ?? "per_element",
    decimalComma: raw.decimal_comma ?? false,
    misconceptions: raw.misconceptions ?? {},
    misconceptionLocations: new Map(
      Object.keys(raw.misconceptions ?? {}).map((code) => [code, parsed.locate(["misconceptions", code])]),
    ),
    followThrough: raw.follow_through ?? DEFAULT_FOLLOW_THROUGH,
  };
}

/**
 * Joins a rubric with its loaded problems (in the rubric's order) and checks that every points
 * entry names a question that exists. Throws a RubricError otherwise.
 */
export function buildRubric(rubricFile: RubricFile, problems: Problem[]): Rubric {
  const bonus = new Set<string>();
  const ids = new Map<string, Problem>();
  rubricFile.problems.forEach((reference, index) => {
    const problem = problems[index]!;
    const other = ids.get(problem.id);
    if (other) {
      throw new RubricError(
        "rubric.duplicateProblem",
        `problems "${other.file}" and "${problem.file}" both have the id "${problem.id}"; give each problem its own id`,
        reference.location,
      );
    }
    ids.set(problem.id, problem);
    if (reference.bonus) bonus.add(problem.id);
  });

  for (const code of Object.keys(rubricFile.misconceptions)) {
    // An own-property test, so "constructor" or "__proto__" is not taken for a mistake code.
    if (!Object.hasOwn(DEFAULT_MISCONCEPTION_CREDIT, code)) {
      const codes = Object.keys(DEFAULT_MISCONCEPTION_CREDIT);
      const suggestion = closestName(code, codes);
      const hint = suggestion === null ? "; the codes are" : `; did you mean "${suggestion}"? The codes are`;
      throw new RubricError(
        "rubric.unknownMisconception",
        `misconceptions names "${code}", which nngrade does not recognise${hint} ${codes.join(", ")}`,
        rubricFile.misconceptionLocations.get(code) ?? { file: rubricFile.file, line: 0, column: 0 },
      );
    }
  }

  const points = new Map<string, number>();
  for (const [key, entry] of rubricFile.points) {
    const dot = key.indexOf(".");
    const problemId = dot < 0 ? key : key.slice(0, dot);
    const questionId = dot < 0 ? "" : key.slice(dot + 1);
    const problem = ids.get(problemId);
    if (!problem) {
      const problemIds = [...ids.keys()];
      const suggestion = closestName(problemId, problemIds);
      const hint = suggestion === null ? "" : ` (did you mean ${suggestedKey(ids.get(suggestion)!, questionId)}?)`;
      throw new RubricError(
        "rubric.unknownProblem",
        `points are given for "${key}" but the rubric has no problem "${problemId}"${hint}; the problems are ${problemIds.join(", ")}`,
        entry.location,
      );
    }
    if (dot < 0) {
      const example = problem.questions[0];
      throw new RubricError(
        "rubric.unknownQuestion",
        `points are given for "${key}", which names a problem but no question; give points to each question as PROBLEM.QUESTION, such as "${problemId}.${example?.id ?? "dW1"}"`,
        entry.location,
      );
    }
    if (!problem.questions.some((question) => question.id === questionId)) {
      const questionIds = problem.questions.map((question) => question.id);
      const suggestion = closestName(questionId, questionIds);
      const hint = suggestion === null ? "" : ` (did you mean "${problemId}.${suggestion}"?)`;
      throw new RubricError(
        "rubric.unknownQuestion",
        `points are given for "${key}" but problem "${problemId}" has no question "${questionId}"${hint}; its questions are ${questionIds.join(", ")}`,
        entry.location,
      );
    }
    points.set(key, entry.points);
  }

  return {
    file: rubricFile.file,
    assignment: rubricFile.assignment,
    problems,
    bonus,
    tolerance: rubricFile.tolerance,
    points,
    partialCredit: rubricFile.partialCredit,
    decimalComma: rubricFile.decimalComma,
    misconceptionCredit: { ...DEFAULT_MISCONCEPTION_CREDIT, ...rubricFile.misconceptions },
    followThrough: rubricFile.followThrough,
  };
}

/**
 * Returns the points key to suggest when a key's problem id is misspelt. It pairs the problem with
 * its question closest to `questionId`, so `P2-LINEAR.DW2` gets "p2-linear.dW2". Without a close
 * question it names the problem alone.
 */
function suggestedKey(problem: Problem, questionId: string): string {
  const question = closestName(questionId, problem.questions.map((candidate) => candidate.id));
  return question === null ? `problem "${problem.id}"` : `"${problem.id}.${question}"`;
}

/** Returns the points a question is worth, 0 for a checkpoint the rubric does not list. */
export function questionPoints(rubric: Rubric, problemId: string, questionId: string): number {
  return rubric.points.get(`${problemId}.${questionId}`) ?? 0;
}

/** Returns the maximum score: the points of every question outside the bonus problems. */
export function maxPoints(rubric: Rubric): number {
  let total = 0;
  for (const problem of rubric.problems) {
    if (rubric.bonus.has(problem.id)) continue;
    for (const question of problem.questions) total += questionPoints(rubric, problem.id, question.id);
  }
  return total;
}

function toReference(reference: string, bonus: boolean, parsed: LocatedYaml, path: (string | number)[]): ProblemReference {
  return { reference, bonus, location: parsed.locate(path) };
}
