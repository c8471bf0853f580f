import type { Problem, Question } from "../problem/types.js";
import type { GivenForwardValues } from "../solver/forward.js";
import { solveWith } from "../solver/solve.js";
import type { Solution, Value } from "../solver/types.js";
import { notebookPlaceOf } from "../submission/notes.js";
import { stringifyJson } from "./json.js";
import { mistakeCatalogue } from "./mistakes.js";
import type { ReadAnswer, ReadNumber, Submission } from "../submission/types.js";
import { compareEntries, countMatches, describeShape, matchShape, submittedGrid, type EntryComparison, wrongEntriesPhrase } from "./compare.js";
import { diagnose, type FollowThrough, type QuestionMistake } from "./diagnose.js";
import { maxPoints, questionPoints, type Rubric } from "./rubric.js";
import { describeTolerance, resolveTolerance, roundToSignificant, type Tolerance } from "./tolerance.js";
import type { JsonValue, QuestionResult, StudentResult, Verdict } from "./types.js";

/** The solutions of every problem of a rubric, keyed by problem id. */
export type Solutions = Map<string, Solution>;

/** Everything needed to grade one question, gathered by gradeSubmission. */
export interface QuestionContext {
  problem: Problem;
  question: Question;
  expected: Value;
  points: number;
  tolerance: Tolerance;
  partialCredit: Rubric["partialCredit"];
  bonus: boolean;
  /** Catalogue mistakes that change this question's value, with their credit. */
  mistakes: QuestionMistake[];
  /** Share of the points a transposed matrix earns. */
  transposedCredit: number;
  /** The tolerance in plain words, from `describeTolerance`. */
  toleranceText?: string;
}

/** Everything prepared once per run for grading any number of students. */
export interface GradingPlan {
  rubric: Rubric;
  contexts: QuestionContext[];
  maxPoints: number;
}

/**
 * Prepares grading: resolves each question's points and tolerance and computes the catalogue of
 * mistakes from the solutions, once for the whole class.
 */
export function planGrading(rubric: Rubric, solutions: Solutions): GradingPlan {
  return { rubric, contexts: questionContexts(rubric, solutions), maxPoints: maxPoints(rubric) };
}

/**
 * Grades one student's submission against every question of the rubric. Never throws for a
 * wrong or unreadable answer: those become verdicts with feedback.
 */
export function gradeSubmission(submission: Submission, plan: GradingPlan): StudentResult {
  const byQuestion = new Map<string, ReadAnswer[]>();
  for (const answer of submission.answers) {
    const key = `${answer.problem}.${answer.question}`;
    const list = byQuestion.get(key) ?? [];
    list.push(answer);
    byQuestion.set(key, list);
  }
  const answersTo = (context: QuestionContext): ReadAnswer[] =>
    byQuestion.get(`${context.problem.id}.${context.question.id}`) ?? [];

  const questions: QuestionResult[] = [];
  for (const problem of plan.rubric.problems) {
    const contexts = plan.contexts.filter((context) => context.problem === problem);

    // Forward values come first: their answers decide the follow-through values of the rest.
    const forwardResults = new Map<QuestionContext, QuestionResult>();
    for (const context of contexts) {
      if (FORWARD_KINDS.includes(context.question.kind)) {
        forwardResults.set(context, gradeQuestion(answersTo(context), context));
      }
    }
    const followValues = followThroughValues(problem, forwardResults, answersTo, plan.rubric.followThrough);

    for (const context of contexts) {
      const graded = forwardResults.get(context) ?? gradeQuestion(answersTo(context), context, followValues?.(context) ?? null);
      const isMissing = graded.verdict === "missing" && !context.bonus;
      questions.push(isMissing && submission.notes.length > 0 ? missingResultWithNotes(context) : graded);
    }
  }

  const points = roundPoints(questions.reduce((sum, result) => sum + result.points, 0));
  const result: StudentResult = {
    student: submission.student,
    file: submission.file,
    status: "graded",
    points,
    max_points: plan.maxPoints,
    questions,
  };
  if (submission.notes.length > 0) {
    // The line is a field of its own; every place that shows a note prints it once from there.
    result.notes = submission.notes.map((note) => ({ ...note, message: note.message.replace(/^line \d+:\s*/, "") }));
  }
  return result;
}

const FORWARD_KINDS: readonly Question["kind"][] = ["pre_activation", "activation"];

/**
 * Builds the follow-through values of a problem: when a student's forward values are wrong, the
 * solver is run again from them, so later answers that are right for those values can earn
 * credit. Returns null when the forward values are all right or missing, so blank parts never
 * change anything.
 */
function followThroughValues(
  problem: Problem,
  forwardResults: Map<QuestionContext, QuestionResult>,
  answersTo: (context: QuestionContext) => ReadAnswer[],
  credit: number,
): ((context: QuestionContext) => FollowThrough | null) | null {
  const network = problem.network;
  if (!network || credit <= 0) return null;

  const given: GivenForwardValues = { preActivations: [], activations: [] };
  let firstError: { order: number; origin: string } | null = null;
  for (const [context, result] of forwardResults) {
    if (result.verdict === "correct" || result.verdict === "missing") continue;
    const answer = answersTo(context).at(-1);
    const values = answer?.value ? flatValues(answer.value) : null;
    const layer = network.layers.findIndex((candidate) => candidate.name === context.question.layer);
    if (!values || layer < 0 || values.length !== network.layers[layer]!.weights[0]!.length) continue;

    if (context.question.kind === "pre_activation") given.preActivations![layer] = values;
    else given.activations![layer] = values;
    // Within a layer S comes before Y, so an error in S is where a wrong Y came from.
    const order = layer * 2 + (context.question.kind === "pre_activation" ? 0 : 1);
    if (!firstError || order < firstError.order) {
      firstError = { order, origin: `your ${context.question.id} on ${notebookPlaceOf(result.source) ?? `line ${result.line}`}` };
    }
  }
  if (!firstError) return null;

  let values: Map<string, Value>;
  try {
    values = solveWith(problem, { given });
  } catch {
    // The student's values cannot be carried on (a log of a non-positive probability, say).
    return null;
  }
  const origin = firstError.origin;
  return (context) => {
    const value = values.get(context.question.id);
    return value ? { value, credit, origin } : null;
  };
}

function flatValues(value: NonNullable<ReadAnswer["value"]>): number[] | null {
  if (value.kind === "number") return [value.number.value];
  const rows = value.rows;
  if (rows.length === 1) return rows[0]!.map((entry) => entry.value);
  if (rows.every((row) => row.length === 1)) return rows.map((row) => row[0]!.value);
  return null;
}

/** Lists every question of the rubric with its expected value, points, tolerance and mistakes. */
export function questionContexts(rubric: Rubric, solutions: Solutions): QuestionContext[] {
  const contexts: QuestionContext[] = [];
  for (const problem of rubric.problems) {
    const solution = solutions.get(problem.id);
    if (!solution) throw new Error(`no solution for problem "${problem.id}"`);
    const catalogue = mistakeCatalogue(problem, solution);

    for (const question of problem.questions) {
      const expected = solution.answers.get(question.id);
      if (!expected) throw new Error(`the solution of "${problem.id}" has no value for "${question.id}"`);
      const levels = [question.tolerance, problem.tolerance, rubric.tolerance];
      const tolerance: Tolerance =
        expected.kind === "count" ? { mode: "exact" } : resolveTolerance(levels, largestMagnitude(expected));
      const mistakes: QuestionMistake[] = [];
      for (const mistake of catalogue) {
        const value = mistake.values.get(question.id);
        if (!value) continue;
        mistakes.push({
          code: mistake.code,
          explanation: mistake.explanation,
          value,
          credit: rubric.misconceptionCredit[mistake.code] ?? 0,
        });
      }
      contexts.push({
        problem,
        question,
        expected,
        points: questionPoints(rubric, problem.id, question.id),
        tolerance,
        partialCredit: rubric.partialCredit,
        bonus: rubric.bonus.has(problem.id),
        mistakes,
        transposedCredit: rubric.misconceptionCredit.transposed ?? 0,
        toleranceText: describeTolerance(tolerance),
      });
    }
  }
  return contexts;
}

/** Grades the answers a submission gave to one question (none, one, or several). */
export function gradeQuestion(
  answers: ReadAnswer[],
  context: QuestionContext,
  followThrough: FollowThrough | null = null,
): QuestionResult {
  if (answers.length === 0) return missingResult(context);

  const { problem, question, expected, points, tolerance } = context;
  const base = {
    problem: problem.id,
    question: question.id,
    max_points: points,
    expected: expectedJsonOf(context),
    tolerance: context.toleranceText ?? describeTolerance(tolerance),
  };

  // Students revise as they go, so the last answer is the one graded; disagreeing earlier ones
  // are reported so the TA can look.
  const answer = answers[answers.length - 1]!;
  const warnings = disagreementWarnings(answers, answer);
  const located: Pick<QuestionResult, "line" | "source" | "file"> = { line: answer.line, source: answer.source };
  if (answer.file !== undefined) located.file = answer.file;

  if (!answer.value) {
    const reason = (answer.error?.message ?? "the value is not a number or a matrix").replace(/\.$/, "");
    const feedback = `The answer on ${placeOf(answer)} could not be read: ${reason}.`;
    return finish({ ...base, ...located, verdict: "incorrect", points: 0, submitted: null, feedback }, warnings);
  }

  const submitted = readValueToJson(answer.value);
  if (expected.kind === "count") {
    const counted = gradeCount(answer, expected.value, points, question.kind);
    // Spelled out rather than spread, which was slow here; the fields keep the order of results.json.
    const result = {
      problem: base.problem,
      question: base.question,
      max_points: base.max_points,
      expected: base.expected,
      tolerance: base.tolerance,
      line: answer.line,
      source: answer.source,
    } as QuestionResult;
    if (answer.file !== undefined) result.file = answer.file;
    result.submitted = submitted;
    result.verdict = counted.verdict;
    result.points = counted.points;
    result.feedback = counted.feedback;
    if (result.verdict !== "correct") {
      const transposed = { credit: 0, feedback: "" };
      diagnose(result, answer.value, expected, tolerance, context.mistakes, followThrough, transposed);
    }
    return finish(result, warnings);
  }

  const shape = matchShape(answer.value, expected);
  if (shape.kind === "mismatch") {
    const feedback = `Expected ${shape.expectedShape} but read ${shape.submittedShape} on ${placeOf(answer)}. Check which quantity this is and its shape.`;
    return finish({ ...base, ...located, verdict: "incorrect", points: 0, submitted, feedback }, warnings);
  }

  const transposed = { credit: context.transposedCredit, feedback: `This is the transpose of the right matrix. ${layoutHint(problem)}` };
  if (shape.kind === "transposed") {
    const feedback = `Expected ${describeShape(shape.expected.length, shape.expected[0]!.length)} but read ${describeShape(shape.grid.length, shape.grid[0]!.length)} on ${placeOf(answer)}, the transposed shape. ${layoutHint(problem)}`;
    const result: QuestionResult = { ...base, ...located, verdict: "incorrect", points: 0, submitted, feedback };
    diagnose(result, answer.value, expected, tolerance, context.mistakes, followThrough, transposed);
    return finish(result, warnings);
  }

  const comparison = compareEntries(shape.grid, shape.expected, tolerance);
  const result = scoreEntries(comparison, context);
  result.submitted = submitted;
  result.line = answer.line;
  result.source = answer.source;
  if (answer.file !== undefined) result.file = answer.file;
  if (result.verdict !== "correct") {
    diagnose(result, answer.value, expected, tolerance, context.mistakes, followThrough, transposed);
  }

  warnings.push(...digitWarnings(shape.grid, shape.expected, comparison));
  return finish(result, warnings);
}

// A blank question gets the same result in every submission, so it is built once per question
// and shared. It is frozen, because a change made for one student would show for all of them.
const missingResults = new WeakMap<QuestionContext, QuestionResult>();

function missingResult(context: QuestionContext): QuestionResult {
  let result = missingResults.get(context);
  if (result === undefined) {
    const { problem, question } = context;
    result = Object.freeze({
      problem: problem.id,
      question: question.id,
      max_points: context.points,
      expected: expectedJsonOf(context),
      tolerance: context.toleranceText ?? describeTolerance(context.tolerance),
      verdict: "missing" as const,
      points: 0,
      submitted: null,
      feedback: context.bonus ? "Not answered. It is extra credit, so leaving it out costs no points." : missingFeedback(problem, question),
      line: null,
    });
    missingResults.set(context, result);
  }
  return result;
}

const missingResultsWithNotes = new WeakMap<QuestionContext, QuestionResult>();

/**
 * Returns the result of a question without an answer in a submission with notes from reading.
 * Its feedback points to the notes, because a value the student meant as this answer may be among
 * them.
 */
function missingResultWithNotes(context: QuestionContext): QuestionResult {
  let result = missingResultsWithNotes.get(context);
  if (result === undefined) {
    const missing = missingResult(context);
    result = Object.freeze({
      ...missing,
      feedback: `${missing.feedback} If you did answer it, see the notes from reading this file, which say what could not be read and why.`,
    });
    missingResultsWithNotes.set(context, result);
  }
  return result;
}

function missingFeedback(problem: Problem, question: Question): string {
  // A gradient's bare weight name (`W_1`) is read, but suggested it would invite writing the
  // weights themselves under it.
  const aliases = question.kind === "gradient" ? question.aliases.filter((alias) => !BARE_WEIGHT_ALIAS.test(alias)) : question.aliases;
  const names = [question.id, ...aliases.slice(0, 2)].map((name) => `"${name}"`).join(" or ");
  return `No answer was found for this question. In a write-up, label the result ${names} in the section of problem ${problem.number}; in an answers file, use the key ${question.id} under ${problem.id}.`;
}

/** A weight matrix's bare name, such as `W_1` or `W_{2}`. */
const BARE_WEIGHT_ALIAS = /^W_?\{?\d+\}?$/;

function gradeCount(answer: ReadAnswer, expected: bigint, points: number, kind: Question["kind"]): Pick<QuestionResult, "verdict" | "points" | "feedback"> {
  const grid = submittedGrid(answer.value!);
  if (grid.length !== 1 || grid[0]!.length !== 1) {
    return { verdict: "incorrect", points: 0, feedback: `Expected a single whole number but read several values on ${placeOf(answer)}.` };
  }
  const entry = grid[0]![0]!;
  if (!Number.isFinite(entry.value)) {
    return { verdict: "incorrect", points: 0, feedback: `"${entry.text}" is not a finite number.` };
  }
  if (countMatches(entry, expected)) {
    return { verdict: "correct", points, feedback: "Correct: counts must match exactly, and this one does." };
  }
  // `1.338 \times 10^6` or `1338000` for 1338378 is the right count rounded, and "recount" would
  // mislead. Only a number written as rounded counts: with a power of ten or a scale, or with three
  // or more trailing zeros, which count as no digits. `669710` for 669706 is more likely a miscount.
  const plain = entry.text.replace(/[\s,']|\\[,;!]/g, "");
  const trailingZeros = /^[-+]?\d*?(0{3,})$/.exec(plain)?.[1]?.length ?? 0;
  const scaled = /[eE^]|times|million|thousand|billion|[kKM]$/.test(entry.text);
  const digits = trailingZeros > 0 ? plain.replace(/^[-+]/, "").length - trailingZeros : scaled ? entry.significantDigits : Infinity;
  const exact = Number(expected);
  if (Number.isFinite(digits) && digits >= 2 && digits < String(expected).replace("-", "").length) {
    const rounded = roundToSignificant(exact, digits);
    if (Math.abs(rounded - entry.value) <= Math.abs(rounded) * 1e-12) {
      return {
        verdict: "incorrect",
        points: 0,
        feedback: `${entry.text} is the right count rounded to ${digits} significant ${digits === 1 ? "digit" : "digits"}, but counts must match exactly. Write the whole number.`,
      };
    }
  }
  return {
    verdict: "incorrect",
    points: 0,
    feedback: `${entry.text} is not the right count; counts must match exactly. ${COUNT_HINTS[kind] ?? COUNT_HINTS.parameter_count}`,
  };
}

/** The hint on what to recount, by the kind of count of the question. */
const COUNT_HINTS: Partial<Record<Question["kind"], string>> = {
  parameter_count: "Recount layer by layer: weights are inputs × units, plus one bias per unit.",
  mac_count: "Recount layer by layer: each layer does inputs × units multiply-accumulates.",
  flop_count: "Recount layer by layer with the problem's convention: the FLOPs of each multiply-accumulate, of each bias added and of each activation.",
};

function scoreEntries(comparison: EntryComparison, context: QuestionContext): QuestionResult {
  const { total, correct, wrongCells, nonFinite } = comparison;
  const fraction = total === 0 ? 0 : correct / total;
  let verdict: Verdict = "incorrect";
  if (correct === total) verdict = "correct";
  else if (correct > 0) verdict = "partial";

  let earned = 0;
  if (context.partialCredit === "per_element") earned = context.points * fraction;
  else if (correct === total) earned = context.points;
  const within = context.toleranceText ?? describeTolerance(context.tolerance);
  let feedback: string;
  if (context.tolerance.mode === "digits") {
    feedback = digitsFeedback(verdict, comparison, within, context.expected.kind === "vector");
  } else if (verdict === "correct") {
    feedback = correctFeedback(context, total, within);
  } else if (total === 1) {
    feedback = `Not ${within}.`;
  } else {
    const entries = wrongEntriesPhrase(wrongCells, context.expected.kind === "vector");
    feedback =
      verdict === "partial"
        ? `${correct} of ${total} entries are right; ${entries} ${wrongCells.length === 1 ? "is" : "are"} not ${within}.`
        : `None of the ${total} entries is ${within}.`;
  }
  if (nonFinite > 0) {
    feedback += ` ${nonFinite === 1 ? "One entry is" : `${nonFinite} entries are`} not a finite number (infinite, too large, or not a number).`;
  }

  const result: QuestionResult = {
    problem: context.problem.id,
    question: context.question.id,
    verdict,
    points: roundPoints(earned),
    max_points: context.points,
    submitted: null,
    expected: expectedJsonOf(context),
    feedback,
    line: null,
    tolerance: within,
  };
  if (total > 1 && wrongCells.length > 0) result.wrong_cells = wrongCells;
  return result;
}

// Most answers are right, so the feedback of a right answer is made once per question and the
// same string is shared. The results writer then finds it in its cache without hashing a new copy.
const correctFeedbacks = new WeakMap<QuestionContext, { total: number; feedback: string }>();

/** Returns the feedback for `total` entries all within a tolerance that is not in digits. */
function correctFeedback(context: QuestionContext, total: number, within: string): string {
  const known = correctFeedbacks.get(context);
  if (known !== undefined && known.total === total) return known.feedback;
  let feedback: string;
  if (total === 1) feedback = `Correct (${within}).`;
  else if (total === 2) feedback = `Correct: both entries are ${within}.`;
  else feedback = `Correct: all ${total} entries are ${within}.`;
  correctFeedbacks.set(context, { total, feedback });
  return feedback;
}

/**
 * Writes the feedback of a significant-figures comparison, where `within` is "to 3 significant
 * figures". Unlike "within 1% of …", "to …" cannot follow "is not", so each sentence names what
 * must match.
 */
function digitsFeedback(verdict: Verdict, comparison: EntryComparison, within: string, isVector: boolean): string {
  const { total, correct, wrongCells } = comparison;
  if (verdict === "correct") {
    if (total === 1) return `Correct (${within}).`;
    if (total === 2) return `Correct: both entries match the expected values ${within}.`;
    return `Correct: all ${total} entries match the expected values ${within}.`;
  }
  if (total === 1) return `Does not match the expected value ${within}.`;
  if (verdict === "incorrect") return `None of the ${total} entries matches the expected values ${within}.`;

  const entries = wrongEntriesPhrase(wrongCells, isVector);
  const wrong = wrongCells.length === 1 ? `${entries} does not match the expected value` : `${entries} do not match the expected values`;
  return `${correct} of ${total} entries are right; ${wrong} ${within}.`;
}

/**
 * Warns about entries that are wrong only because they were rounded too far: the expected value
 * rounded to the digits the student typed gives the student's number.
 */
function digitWarnings(grid: ReadNumber[][], expected: number[][], comparison: EntryComparison): string[] {
  const warnings: string[] = [];
  for (const [i, j] of comparison.wrongCells) {
    const entry = grid[i]![j]!;
    const digits = entry.significantDigits;
    if (!Number.isFinite(digits) || !Number.isFinite(entry.value) || entry.value === 0) continue;
    const rounded = roundToSignificant(expected[i]![j]!, digits);
    if (Math.abs(rounded - entry.value) <= Math.abs(entry.value) * 1e-12) {
      warnings.push(
        `${entry.text} has only ${digits} significant ${digits === 1 ? "digit" : "digits"}, too few to judge against the tolerance; keep more digits in your final answers.`,
      );
      break;
    }
  }
  return warnings;
}

const MAX_LISTED_LINES = 10;

function disagreementWarnings(answers: ReadAnswer[], graded: ReadAnswer): string[] {
  // Most questions are answered once, and one answer cannot disagree.
  if (answers.length === 1) return [];
  // stringifyJson, not JSON.stringify: a count beyond 2^53 is read as a bigint.
  const valueKey = (answer: ReadAnswer): string => stringifyJson(answer.value ? readValueToJson(answer.value) : null, 0);
  const gradedKey = valueKey(graded);
  const differing = answers.filter((answer) => answer !== graded && valueKey(answer) !== gradedKey);
  if (differing.length === 0) return [];

  // A file may repeat an answer thousands of times, so only the first lines are listed.
  const listed = differing.slice(0, MAX_LISTED_LINES);
  const more = differing.length - listed.length;

  // A line number alone cannot tell apart answers read from a student's different files.
  if (differing.some((answer) => answer.file !== graded.file)) {
    const place = (answer: ReadAnswer): string =>
      answer.file === undefined ? `line ${answer.line}` : `line ${answer.line} of ${answer.file}`;
    const places = listed.map(place).join(", ") + (more > 0 ? `, ${more} more lines,` : "");
    return [
      `You gave different answers to this question (${places} and ${place(graded)}); the last one, ${place(graded)}, was graded. ` +
        `Your files are read in the order of their names, so an answer in a later file replaces one in an earlier file. ` +
        `Delete the answers that should not count, or hand in a single file.`,
    ];
  }

  // A notebook's answers all have the JSON's line, so the warning names their cells instead.
  const gradedPlace = notebookPlaceOf(graded.source);
  if (gradedPlace !== null) {
    const places = listed.map(placeOf).join(", ") + (more > 0 ? `, ${more} more places,` : "");
    return [
      `You gave different answers to this question (${places} and ${gradedPlace}); the last one, on ${gradedPlace}, was graded. ` +
        `Delete the answers that should not count.`,
    ];
  }

  // Two values on the graded answer's own line, as in `S_2 = x W_1`, so with x = [1, 2], S_2 = [2, 3]`.
  if (differing.every((answer) => answer.line === graded.line)) {
    return [
      `You gave different values for this question on line ${graded.line}; the last one on the line was graded. ` +
        `If it is not your answer, give the answer last, or on a line of its own.`,
    ];
  }

  const shown = listed.map((answer) => answer.line);
  const lines = more > 0 ? `lines ${shown.join(", ")}, ${more} more lines,` : `${shown.length > 1 ? "lines" : "line"} ${shown.join(", ")}`;
  return [
    `You gave different answers to this question (${lines} and line ${graded.line}); the last one, on line ${graded.line}, was graded. ` +
      `If line ${graded.line} belongs to another problem, start that problem the way the others start, such as with a heading "## Problem N".`,
  ];
}

/** Returns where an answer was read for feedback: "line 5", or "cell 2, line 3" in a notebook. */
function placeOf(answer: ReadAnswer): string {
  return notebookPlaceOf(answer.source) ?? `line ${answer.line}`;
}

function layoutHint(problem: Problem): string {
  if (problem.network?.layout === "column") {
    return "In this problem S = W·Y_prev, so W and its gradient are units × inputs.";
  }
  return "In this problem S = Y_prev·W, so W[i][j] connects input i to unit j, and dL/dW[i][j] = Y_prev[i]·δ[j] has the shape of W (inputs × units).";
}

function finish(result: QuestionResult, warnings: string[]): QuestionResult {
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function largestMagnitude(value: Value): number {
  switch (value.kind) {
    case "scalar":
      return Math.abs(value.value);
    case "count":
      return Math.abs(Number(value.value));
    case "vector":
      return Math.max(0, ...value.values.map(Math.abs));
    case "matrix":
      return Math.max(0, ...value.values.flat().map(Math.abs));
  }
}

// Each question's expected value in its results.json form, made once per thread for every student.
const expectedJson = new WeakMap<QuestionContext, JsonValue>();

/**
 * Returns the expected value of a question in its results.json form, frozen. A frozen value cannot
 * change between students, so a writer may keep what it made of it (JsonByteWriter does).
 */
function expectedJsonOf(context: QuestionContext): JsonValue {
  let json = expectedJson.get(context);
  if (json === undefined) {
    json = frozenCopy(toJson(context.expected));
    expectedJson.set(context, json);
  }
  return json;
}

/** Returns a copy of a JSON value with its arrays frozen. */
function frozenCopy(value: JsonValue): JsonValue {
  if (!Array.isArray(value)) return value;
  return Object.freeze(value.map((item) => (Array.isArray(item) ? Object.freeze([...item]) : item))) as JsonValue;
}

/** Converts a solver value to its results.json form. */
export function toJson(value: Value): JsonValue {
  switch (value.kind) {
    case "scalar":
      return value.value;
    case "count":
      return value.value;
    case "vector":
      return value.values;
    case "matrix":
      return value.values;
  }
}

function readValueToJson(value: NonNullable<ReadAnswer["value"]>): JsonValue {
  const toNumber = (entry: ReadNumber): number =>
    entry.integer !== null && Number.isSafeInteger(Number(entry.integer)) ? Number(entry.integer) : entry.value;
  if (value.kind === "number") {
    const entry = value.number;
    return entry.integer !== null && !Number.isSafeInteger(Number(entry.integer)) ? entry.integer : toNumber(entry);
  }
  if (value.rows.length === 1) return value.rows[0]!.map(toNumber);
  return value.rows.map((row) => row.map(toNumber));
}

/** Rounds points to 6 decimals so that sums of fractions print cleanly and deterministically. */
export function roundPoints(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}
