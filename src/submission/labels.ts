import type { Problem, Question, QuestionKind } from "../problem/types.js";
import { replaceCommands, topLevelTokens } from "./_scan.js";

/** A label reduced to what identifies a quantity, so that `w_{1,\text{new}}` compares to `w1`. */
export interface LabelKey {
  /** Lower-case name without braces, `_`, spaces, commas or wrappers, such as "w1". */
  key: string;
  /** Written as a derivative of the loss: `\frac{\partial L}{\partial X}`, `dL/dX`, `∂L/∂X`. */
  derivative: boolean;
  /** Marked as an updated value: `new`, `^{+}`, `'`, `^{(new)}`, `^{(t+1)}`. */
  updated: boolean;
}

/** Target of a label: a whole question, or one cell [row, column] of a matrix question. */
export interface LabelTarget {
  question: Question;
  cell: [number, number] | null;
}

/** Commands that only style a name; their content is kept. */
const STYLE_COMMANDS = [
  "text",
  "textrm",
  "textit",
  "textbf",
  "mathrm",
  "mathbf",
  "mathit",
  "mathsf",
  "mathcal",
  "boldsymbol",
  "bm",
  "operatorname",
  "hat",
  "tilde",
  "bar",
  "vec",
];

const UNICODE_NAMES: Record<string, string> = {
  "\u2202": "\\partial ",
  "\u2207": "\\nabla ",
  "\u2032": "'",
  "\u2212": "-",
  "\u207a": "^+",
  α: "\\alpha ",
  β: "\\beta ",
  γ: "\\gamma ",
  δ: "\\delta ",
  Δ: "\\Delta ",
  ε: "\\epsilon ",
  η: "\\eta ",
  θ: "\\theta ",
  λ: "\\lambda ",
  μ: "\\mu ",
  σ: "\\sigma ",
  φ: "\\phi ",
};

/** Names of the loss in derivatives such as `\frac{\partial E}{\partial w}`. */
const LOSS_NAMES = new Set(["l", "e", "j", "c", "loss", "ell"]);

const GRADIENT_KINDS: readonly QuestionKind[] = ["gradient", "bias_gradient", "delta"];
const UPDATE_KINDS: readonly QuestionKind[] = ["updated_weights", "updated_bias"];

/** Rewrites Unicode math (subscript digits, `∂`, Greek letters) in its LaTeX spelling. */
function latexFromUnicode(text: string): string {
  let result = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x2080 && code <= 0x2089) result += "_" + String(code - 0x2080);
    else result += UNICODE_NAMES[c] ?? c;
  }
  return result;
}

// Students write the same few labels again and again, so the text and key of each label are
// kept for reuse. A cache is cleared when full, which keeps memory flat for any class size.
const CACHE_ENTRIES = 4096;
const plainTexts = new Map<string, string>();
const labelKeys = new Map<string, LabelKey | null>();
const labelLike = new Map<string, boolean>();

function remember<Value>(cache: Map<string, Value>, raw: string, value: Value): Value {
  if (raw.length > MAX_LABEL_SOURCE) return value;
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(raw, value);
  return value;
}

/** Removes styling and layout from a label and keeps its text: `\text{Number of parameters : }`. */
function plainLabelText(raw: string): string {
  return plainTexts.get(raw) ?? remember(plainTexts, raw, readPlainLabelText(raw));
}

function readPlainLabelText(raw: string): string {
  let text = latexFromUnicode(raw);
  const unwrap = (content: string): string => replaceCommands(content, STYLE_COMMANDS, unwrap);
  text = unwrap(text);
  text = text.replace(/\\(?:left|right|big|Big|displaystyle)(?![A-Za-z])/g, "");
  text = text.replace(/\\[,;:! ]|[$&~]/g, " ").trim();

  let end = text.length;
  while (end > 0 && /[\s:.=]/.test(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

const FRACTION_DERIVATIVE = /^\\[dt]?frac\{(?:\\partial|d)([A-Za-z\\]+)\}\{(?:\\partial|d)(.+)\}$/;
const SLASH_DERIVATIVE = /^(?:\\partial|d)([A-Za-z\\]+)\/(?:\\partial|d)(.+)$/;
const NABLA_DERIVATIVE = /^\\nabla_(\{[^{}]+\}|[A-Za-z])([A-Za-z\\]*)$/;

/**
 * Normalises a label for comparison. It drops `\text{}`-like wrappers (keeping their text),
 * braces, `_`, `^`, spaces, commas and case, and it recognises derivatives of the loss and update
 * marks. Returns null when nothing is left.
 *
 * @example normaliseLabel("\\frac{\\partial L}{\\partial w_5}") // { key: "w5", derivative: true, updated: false }
 */
export function normaliseLabel(raw: string): LabelKey | null {
  const cached = labelKeys.get(raw);
  if (cached !== undefined) return cached;
  const label = readLabelKey(raw);
  // Frozen, because every caller with the same label shares the object.
  return remember(labelKeys, raw, label === null ? null : Object.freeze(label));
}

function readLabelKey(raw: string): LabelKey | null {
  const compact = plainLabelText(raw).replace(/\s+/g, "");
  if (compact === "") return null;

  const derivative =
    FRACTION_DERIVATIVE.exec(compact) ?? SLASH_DERIVATIVE.exec(compact) ?? nablaParts(compact);
  if (derivative !== null && LOSS_NAMES.has(derivative[1].replace(/\\/g, "").toLowerCase())) {
    const of = normaliseLabel(derivative[2]);
    return of === null ? null : { ...of, derivative: true };
  }

  let key = compact.toLowerCase().replace(/\\prime/g, "'").replace(/\\/g, "");
  key = key.replace(/[{}_\s,^()]/g, "");

  // A prime may sit before the subscript (`w'_5`) as well as after it.
  let updated = key.includes("'");
  key = key.replace(/'/g, "");
  for (const mark of ["new", "t+1", "+"]) {
    if (key.length > mark.length && key.endsWith(mark)) {
      key = key.slice(0, -mark.length);
      updated = true;
      break;
    }
  }
  return key === "" ? null : { key, derivative: false, updated };
}

/** Reads `\nabla_{W_1} L` as [whole, "L", "W_1"] to match the other derivative patterns. */
function nablaParts(compact: string): [string, string, string] | null {
  const match = NABLA_DERIVATIVE.exec(compact);
  if (match === null) return null;
  const of = match[1].startsWith("{") ? match[1].slice(1, -1) : match[1];
  return [compact, match[2] === "" ? "L" : match[2], of];
}

/** Maximum length, in characters, of text read as a label; longer text is prose. */
const MAX_LABEL_SOURCE = 200;

/** Marks of an updated value, removed before judging whether a label has operators in it. */
const UPDATE_MARKS = /\^\s*\{?\s*(?:\+|\(t\s*\+\s*1\)|t\s*\+\s*1|\(new\))\s*\}?|\^\s*\+/g;

/**
 * Tells whether text can be a label: a name such as `w_{1,\text{new}}`, `S_2`, a derivative of
 * the loss, or a few words of text. Expressions (`+`, `\times`, brackets) and numbers cannot.
 */
export function isLabelLike(raw: string): boolean {
  if (raw.length > MAX_LABEL_SOURCE) return false;
  return labelLike.get(raw) ?? remember(labelLike, raw, readIsLabelLike(raw));
}

function readIsLabelLike(raw: string): boolean {
  const text = plainLabelText(raw).replace(UPDATE_MARKS, "");
  if (text === "" || text.length > 80) return false;
  if (!/[A-Za-z\u00c0-\u024f]/.test(text) || /^[0-9]/.test(text)) return false;
  if (text.split(/\s+/).length > 6) return false;

  const label = normaliseLabel(raw);
  if (label?.derivative) return true;
  return !/[+\-=*[\]<>?|()/]|\\(?:times|cdot|frac|dfrac|begin|sum|prod|sqrt|partial)(?![A-Za-z])/.test(
    text,
  );
}

/**
 * Lists the texts a statement's first part may be labelled with, longest first: the whole, then
 * without each leading word of prose, so "The number of parameters" also tries "parameters".
 * The list is frozen, because every caller with the same text shares it.
 */
export function labelCandidates(raw: string): readonly string[] {
  const cached = candidateLists.get(raw);
  if (cached !== undefined) return cached;
  return remember(candidateLists, raw, Object.freeze(readLabelCandidates(raw)));
}

const candidateLists = new Map<string, readonly string[]>();

function readLabelCandidates(raw: string): string[] {
  if (raw.length > MAX_LABEL_SOURCE * 4) return [];
  const words = topLevelWords(raw.trim());
  const candidates: string[] = [];
  for (let first = 0; first < words.length; first++) {
    const candidate = words.slice(first).join(" ");
    if (isLabelLike(candidate)) candidates.push(candidate);
    if (!/^[A-Za-z]{2,}[,:]?$/.test(words[first])) break;
  }
  return candidates;
}

/** Splits text at whitespace outside braces, so `\text{Number of parameters}` stays whole. */
function topLevelWords(text: string): string[] {
  // Only braces and commands nest, so text without them splits at every whitespace character,
  // one UTF-16 unit at a time as the tokenizer reads it.
  const isFlat = !/[\\{}]/.test(text);
  const words: string[] = [];
  let start = 0;
  const cutAt = (position: number): void => {
    if (position > start) words.push(text.slice(start, position));
    start = position + 1;
  };
  if (isFlat) {
    for (let i = 0; i < text.length; i++) if (/\s/.test(text[i])) cutAt(i);
  } else {
    for (const token of topLevelTokens(text)) {
      if (token.kind === "char" && /\s/.test(token.name)) cutAt(token.start);
    }
  }
  if (start < text.length) words.push(text.slice(start));
  return words;
}

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

/** True when the name is the label's, and a derivative label does not land on a plain value. */
function isCompatible(name: Name, label: LabelKey): boolean {
  if (name.label.key !== label.key) return false;
  if (label.derivative && !name.label.derivative) return GRADIENT_KINDS.includes(name.question.kind);
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
 * Finds the question a heading or list item names, such as `## dW1`, `(b) Compute …` or
 * `- **S_2**:`, by its id or an alias. With `literalOnly`, only a first word spelled exactly
 * like an id or alias (`A2.`) counts. Returns null when it names none.
 */
export function questionNamedBy(
  problem: Problem,
  heading: string,
  literalOnly = false,
): Question | null {
  const text = heading.replace(/\*\*|__/g, "").trim();
  // Both are the first element of a split at the pattern, found without splitting the rest.
  const firstWord = /^\S*/.exec(text)![0];
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

/** Lower-cases a name and drops its surrounding spaces and trailing `.` or `:`, as in `A2.`. */
function literalName(text: string): string {
  return text.trim().toLowerCase().replace(/[.:]+$/, "");
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
