import type { Problem, Question, QuestionKind } from "../problem/types.js";
import { firstWord as firstWordOf } from "./_statements.js";
import { isLabelLike, labelCandidates, normaliseLabel, type LabelKey } from "./labels.js";

// Matches labels to the questions and cells a problem names. labels.ts reduces each label to the
// key compared here.

/** Target of a label: a whole question, or one cell [row, column] of a matrix question. */
export interface LabelTarget {
  question: Question;
  cell: [number, number] | null;
}

const GRADIENT_KINDS: readonly QuestionKind[] = ["gradient", "bias_gradient", "delta"];
const UPDATE_KINDS: readonly QuestionKind[] = ["updated_weights", "updated_bias"];

/** One name a problem gives to a question or to one of its cells. */
interface Name {
  label: LabelKey;
  question: Question;
  cell: [number, number] | null;
}

const nameIndexes = new WeakMap<Problem, Name[]>();

function namesOf(problem: Problem): Name[] {
  const cached = nameIndexes.get(problem);
  if (cached !== undefined) return cached;

  const names: Name[] = [];
  for (const question of problem.questions) {
    for (const text of [question.id, ...question.aliases]) {
      const label = normaliseLabel(text);
      if (label !== null) names.push({ label, question, cell: null });
    }
    for (const [r, row] of (question.cells ?? []).entries()) {
      for (const [c, cellName] of row.entries()) {
        const label = normaliseLabel(cellName);
        if (label !== null) names.push({ label, question, cell: [r, c] });
      }
    }
  }
  // A bare `\delta` or "loss" names the problem's only question of that kind.
  for (const [kind, key] of GENERIC_NAMES) {
    const ofKind = problem.questions.filter((question) => question.kind === kind);
    const alreadyNamed = names.some((name) => name.label.key === key);
    if (ofKind.length === 1 && !alreadyNamed) {
      names.push({ label: { key, derivative: false, updated: false }, question: ofKind[0], cell: null });
    }
  }
  nameIndexes.set(problem, names);
  return names;
}

/** Names that fit any problem with exactly one question of the kind. */
const GENERIC_NAMES: [QuestionKind, string][] = [
  ["delta", "delta"],
  ["loss", "loss"],
];

/**
 * Finds what a label names in a problem. A number named like a cell (`w_5 = 10`) fills that
 * cell; a matrix, or a number that names no cell, answers the question itself. When several
 * questions share the name, a derivative picks a gradient and an update mark an updated value.
 */
export function matchLabel(
  problem: Problem,
  raw: string,
  valueKind: "number" | "matrix",
): LabelTarget | null {
  // Write-ups repeat their labels, and each lookup runs a dozen regular expressions.
  let caches = matchCaches.get(problem);
  if (caches === undefined || caches.number.size + caches.matrix.size > MAX_CACHED_LABELS) {
    caches = { number: new Map(), matrix: new Map() };
    matchCaches.set(problem, caches);
  }
  // One map per value kind keys each by the label alone, without building a combined key.
  const cache = caches[valueKind];
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;

  const target = findTarget(problem, raw, valueKind);
  cache.set(raw, target);
  return target;
}

const matchCaches = new WeakMap<
  Problem,
  Record<"number" | "matrix", Map<string, LabelTarget | null>>
>();

/** Labels remembered per problem; the cache starts over beyond this, keeping memory bounded. */
const MAX_CACHED_LABELS = 10_000;

function findTarget(problem: Problem, raw: string, valueKind: "number" | "matrix"): LabelTarget | null {
  for (const candidate of labelCandidates(raw)) {
    const label = normaliseLabel(candidate);
    if (label === null) continue;

    const names = namesOf(problem).filter((name) => isCompatible(name, label));
    const cells = names.filter((name) => name.cell !== null);
    const questions = names.filter((name) => name.cell === null);
    const pool = valueKind === "number" && cells.length > 0 ? cells : questions;
    const best = bestName(pool, label);
    if (best !== null) return { question: best.question, cell: best.cell };
  }
  return null;
}

/**
 * True when the name is the label's, a derivative label does not land on a plain value, and a
 * plain label does not land on a derivative: `S_3` is no `dL/dS_3`.
 */
function isCompatible(name: Name, label: LabelKey): boolean {
  if (name.label.key !== label.key) return false;
  if (label.derivative && !name.label.derivative) return GRADIENT_KINDS.includes(name.question.kind);
  if (!label.derivative && name.label.derivative) return false;
  return true;
}

function bestName(names: Name[], label: LabelKey): Name | null {
  let best: Name | null = null;
  let bestScore = -1;
  for (const name of names) {
    let score = 0;
    if (name.label.derivative === label.derivative && name.label.updated === label.updated) score += 4;
    if (label.derivative && GRADIENT_KINDS.includes(name.question.kind)) score += 2;
    if (label.updated && UPDATE_KINDS.includes(name.question.kind)) score += 2;
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Tells whether the whole of a label, not only its last words, is the name of a question of the
 * problem: "number of parameters" is, and "number of bias parameters", whose last word matches,
 * is not.
 */
export function isWholeName(problem: Problem, raw: string): boolean {
  const label = normaliseLabel(raw.trim());
  return label !== null && namesOf(problem).some((name) => name.cell === null && name.label.key === label.key);
}

/**
 * Finds the question a heading or list item names, such as `## dW1`, `(b) Compute …` or
 * `- **S_2**:`, by its id or an alias. With `literalOnly`, only a first word spelled exactly
 * like an id or alias (`A2.`) counts. Returns null when it names none.
 */
export function questionNamedBy(
  problem: Problem,
  heading: string,
  literalOnly = false,
): Question | null {
  const text = heading.replace(BOLD, "").trim();
  // Both are the first element of a split at the pattern, found without splitting the rest.
  const firstWord = firstWordOf(text);
  // questionOfLine passes the first word of every prose line here, so that case is one lookup.
  if (literalOnly) return questionsByLiteralName(problem).get(literalName(firstWord)) ?? null;
  const colon = text.search(/[:=]/);
  const beforeColon = (colon < 0 ? text : text.slice(0, colon)).trim();
  // The heading's side of each comparison is the same for every name, so it is read once.
  const literalWord = literalName(firstWord);
  const beforeColonKey = literalOnly ? null : labelKeyOf(beforeColon);
  const firstWordKey = literalOnly ? null : labelKeyOf(firstWord);

  for (const question of problem.questions) {
    const literal = literalWord !== "" && literalNamesOf(question).includes(literalWord);
    const named = namesOfQuestion(question).some(
      (name) => sameKey(name, beforeColonKey) || sameKey(name, firstWordKey),
    );
    if (literal || named) return question;
  }
  return null;
}

// Made once, because questionNamedBy runs for most lines of prose and a regular expression
// literal in a function makes a new object each time it runs.
const BOLD = /\*\*|__/g;
const TRAILING_POINTS_AND_COLONS = /[.:]+$/;

const literalIndexes = new WeakMap<Problem, Map<string, Question>>();

/**
 * Returns, for each literal name of a problem's questions, the first question in problem order
 * with that name, made once per problem.
 */
function questionsByLiteralName(problem: Problem): Map<string, Question> {
  let index = literalIndexes.get(problem);
  if (index === undefined) {
    index = new Map();
    for (const question of problem.questions) {
      for (const name of literalNamesOf(question)) if (!index.has(name)) index.set(name, question);
    }
    literalIndexes.set(problem, index);
  }
  return index;
}

/** Lower-cases a name and drops its surrounding spaces and trailing `.` or `:`, as in `A2.`. */
function literalName(text: string): string {
  return text.trim().toLowerCase().replace(TRAILING_POINTS_AND_COLONS, "");
}

const questionNames = new WeakMap<Question, { names: string[]; literalNames: string[] }>();

/** Returns a question's id and aliases, made once per question. */
function namesOfQuestion(question: Question): string[] {
  return questionNamesOf(question).names;
}

/** Returns the literal names of a question's id and aliases, leaving out empty ones. */
function literalNamesOf(question: Question): string[] {
  return questionNamesOf(question).literalNames;
}

function questionNamesOf(question: Question): { names: string[]; literalNames: string[] } {
  let entry = questionNames.get(question);
  if (entry === undefined) {
    const names = [question.id, ...question.aliases];
    const literalNames = names.map(literalName).filter((name) => name !== "");
    entry = { names, literalNames };
    questionNames.set(question, entry);
  }
  return entry;
}

/** Returns the key of text that can be a label, or null when it cannot be one. */
function labelKeyOf(text: string): LabelKey | null {
  return isLabelLike(text) ? normaliseLabel(text) : null;
}

function sameKey(name: string, key: LabelKey | null): boolean {
  if (key === null) return false;
  const label = normaliseLabel(name);
  return label !== null && label.key === key.key && label.derivative === key.derivative;
}
