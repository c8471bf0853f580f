import type { Problem, Question } from "../problem/types.js";
import { forwardPass } from "../solver/forward.js";
import type { Solution, Value } from "../solver/types.js";
import { MISTAKE_TITLES, possibleMistakes, sameValue } from "./mistakes.js";
import { expectedGrid } from "./compare.js";
import { toJson } from "./grade.js";
import { stringifyJson } from "./json.js";
import { describeTolerance, resolveTolerance, withinTolerance, type Tolerance } from "./tolerance.js";

/** A question whose `expected` value in its problem file disagrees with the solver. */
export interface ExpectedMismatch {
  /** Path of the problem file, as given to the loader. */
  file: string;
  /** Line of the question in the problem file. */
  line: number;
  question: string;
  /** The disagreement, naming the file's value and the solver's: "the file expects … but …". */
  detail: string;
}

/**
 * Compares each question's `expected` value, where the problem file gives one, with the solver.
 * Returns one mismatch per disagreement; an empty list means the file agrees with the solver.
 */
export function findExpectedMismatches(problem: Problem, solution: Solution): ExpectedMismatch[] {
  const mismatches: ExpectedMismatch[] = [];
  for (const question of problem.questions) {
    if (question.expected === undefined || question.expected === null) continue;
    const computed = solution.answers.get(question.id)!;
    const detail = compareExpected(question, computed, problem);
    if (detail) mismatches.push({ file: problem.file, line: question.line, question: question.id, detail });
  }
  return mismatches;
}

/** Returns one message per `expected` value that disagrees with the solver, for `verify`. */
export function checkExpectedValues(problem: Problem, solution: Solution): string[] {
  return findExpectedMismatches(problem, solution).map(
    (mismatch) => `${mismatch.file}:${mismatch.line} question "${mismatch.question}": ${mismatch.detail}`,
  );
}

function compareExpected(question: Question, computed: Value, problem: Problem): string | null {
  // The solver's value in its results.json form, so a loss prints as a number and not as [[…]].
  const solverText = stringifyJson(toJson(computed), 0);
  const written = toGrid(question.expected);
  if (!written) return `expected must be a number or a list of numbers, not ${JSON.stringify(question.expected)}`;

  if (computed.kind === "count") {
    const value = written.flat();
    return value.length === 1 && BigInt(Math.round(value[0]!)) === computed.value && Number.isInteger(value[0])
      ? null
      : `the file expects ${JSON.stringify(question.expected)} but the solver counts ${computed.value}`;
  }

  const want = expectedGrid(computed);
  const flatWritten = written.flat();
  const flatWant = want.flat();
  if (flatWritten.length !== flatWant.length) {
    return `the file expects ${flatWritten.length} values but the solver computes ${flatWant.length}: ${solverText}`;
  }
  const sameShape = written.length === want.length || written.length === 1 || want.length === 1;
  if (!sameShape) return `the file expects a ${written.length}-row value but the solver computes ${solverText}`;

  const scale = Math.max(0, ...flatWant.map(Math.abs));
  const tolerance = resolveTolerance([question.tolerance, problem.tolerance], scale);
  const off = flatWant.findIndex((value, index) => !withinTolerance(flatWritten[index]!, value, tolerance));
  if (off < 0) return null;
  return `the file expects ${JSON.stringify(question.expected)} but the solver computes ${solverText} (compared ${describeTolerance(tolerance)}); fix the weights or the expected value`;
}

/**
 * Finds what makes a problem a poor test of understanding: a pre-activation exactly at a ReLU
 * kink (the derivative there is a convention), a gradient that equals its transpose (a
 * transposed answer cannot be distinguished), and mistakes the numbers hide or confuse.
 */
export function lintProblem(problem: Problem, solution: Solution): string[] {
  const warnings: string[] = [];
  const network = problem.network;

  if (network) {
    const forward = forwardPass(network);
    network.layers.forEach((layer, index) => {
      if (layer.activation !== "relu" && layer.activation !== "leaky_relu") return;
      forward.preActivations[index]!.forEach((value, unit) => {
        if (value === 0) {
          warnings.push(
            `layer "${layer.name}" unit ${unit + 1} has a pre-activation of exactly 0, where the ${layer.activation} derivative is a convention (nngrade takes 0); change a weight or state the convention in the statement`,
          );
        }
      });
    });
  }

  warnings.push(...mistakeWarnings(problem, solution));
  warnings.push(...toleranceWarnings(problem));

  for (const question of problem.questions) {
    const value = solution.answers.get(question.id);
    if (value?.kind !== "matrix" || value.values.length < 2 || value.values.length !== value.values[0]!.length) continue;
    const symmetric = value.values.every((row, i) => row.every((entry, j) => entry === value.values[j]![i]));
    if (symmetric) {
      warnings.push(`question "${question.id}": the answer equals its transpose, so a transposed answer cannot be detected`);
    }
  }
  return warnings;
}

/**
 * Warns about mistakes the problem cannot reveal: a mistake that gives the correct value of a
 * question it should change, and two mistakes that give the same wrong value, so the feedback
 * could name the wrong one.
 */
function mistakeWarnings(problem: Problem, solution: Solution): string[] {
  const warnings: string[] = [];
  const mistakes = possibleMistakes(problem);

  for (const question of problem.questions) {
    const correct = solution.answers.get(question.id);
    if (!correct || !DIAGNOSED_KINDS.includes(question.kind)) continue;

    const hidden = new Set<string>();
    const tooClose = new Set<string>();
    const tolerance = questionTolerance(problem, question, correct);
    const wrongValues: { code: string; value: Value }[] = [];
    for (const mistake of mistakes) {
      const value = mistake.values.get(question.id);
      if (!value) continue;
      const inScope = mistake.scope ? mistake.scope.has(question.id) : true;
      if (sameValue(value, correct)) {
        if (inScope) hidden.add(mistakeName(mistake.code, mistake.explanation));
        continue;
      }
      if (withinAll(value, correct, tolerance)) tooClose.add(mistakeName(mistake.code, mistake.explanation));
      wrongValues.push({ code: mistake.code, value });
    }
    for (const name of hidden) {
      warnings.push(`question "${question.id}": ${name} gives the correct value, so this problem cannot detect that mistake there`);
    }

    for (const name of tooClose) {
      warnings.push(
        `question "${question.id}": ${name} changes the value by less than the tolerance (${describeTolerance(tolerance)}), so answers cannot show it; tighten this question's tolerance or ask for more digits`,
      );
    }

    const reported = new Set<string>();
    for (let a = 0; a < wrongValues.length; a++) {
      for (let b = a + 1; b < wrongValues.length; b++) {
        const first = wrongValues[a]!;
        const second = wrongValues[b]!;
        const pair = `${first.code}|${second.code}`;
        if (first.code === second.code || reported.has(pair)) continue;
        if (!sameValue(first.value, second.value)) continue;
        reported.add(pair);
        warnings.push(
          `question "${question.id}": ${MISTAKE_TITLES[first.code]} and ${MISTAKE_TITLES[second.code]} give the same value, so the feedback cannot tell them apart`,
        );
      }
    }
  }
  return warnings;
}

const DIAGNOSED_KINDS: readonly Question["kind"][] = [
  "gradient",
  "bias_gradient",
  "updated_weights",
  "updated_bias",
  "activation",
  "delta",
  "parameter_count",
  "flop_count",
];

function questionTolerance(problem: Problem, question: Question, correct: Value): Tolerance {
  if (correct.kind === "count") return { mode: "exact" };
  return resolveTolerance([question.tolerance, problem.tolerance], Math.max(0, ...expectedGrid(correct).flat().map(Math.abs)));
}

function withinAll(value: Value, correct: Value, tolerance: Tolerance): boolean {
  if (value.kind === "count" || correct.kind === "count") return false;
  const got = expectedGrid(value).flat();
  const want = expectedGrid(correct).flat();
  return got.length === want.length && want.every((entry, i) => withinTolerance(got[i]!, entry, tolerance));
}

function mistakeName(code: string, explanation: string): string {
  // The derivative mistake exists once per layer; its explanation names the layer.
  const layer = /layer "([^"]+)"/.exec(explanation)?.[1];
  const title = MISTAKE_TITLES[code] ?? code;
  return layer && code === "missing_activation_derivative" ? `${title} (layer "${layer}")` : title;
}

// Beyond this many significant digits, hand-computed answers are rarely typed in full.
const MAX_REASONABLE_DIGITS = 6;

/** Warns when a tolerance requires more significant digits than students can reasonably give. */
function toleranceWarnings(problem: Problem): string[] {
  const warnings: string[] = [];
  const check = (where: string, rtol: number | undefined): void => {
    if (rtol === undefined || rtol <= 0) return;
    const digits = Math.ceil(-Math.log10(rtol)) + 1;
    if (digits > MAX_REASONABLE_DIGITS) {
      warnings.push(`${where}: rtol ${rtol} needs answers to about ${digits} significant digits; students rarely keep so many, so consider rtol 0.01 or 0.001`);
    }
  };
  check("the problem", problem.tolerance.rtol);
  for (const question of problem.questions) check(`question "${question.id}"`, question.tolerance.rtol);
  return warnings;
}

function toGrid(value: unknown): number[][] | null {
  if (typeof value === "number") return [[value]];
  if (!Array.isArray(value) || value.length === 0) return null;
  if (value.every((entry) => typeof entry === "number")) return [value as number[]];
  if (value.every((row) => Array.isArray(row) && row.length > 0 && row.every((entry) => typeof entry === "number"))) {
    return value as number[][];
  }
  return null;
}
