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
  // A hyphen between letters joins a word, as in "cross-entropy", and is no minus sign.
  const words = text.replace(/(?<=[A-Za-z])-(?=[A-Za-z])/g, "");
  return !/[+\-=*[\]<>?|()/]|\\(?:times|cdot|frac|dfrac|begin|sum|prod|sqrt|partial)(?![A-Za-z])/.test(
    words,
  );
}

/**
 * Lists the texts a statement's first part may be labelled with, longest first: the whole, then
 * without each leading word of prose, so "The number of parameters" also tries "parameters" and
 * "Output-layer gradient: dW_2" tries "dW_2".
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
    // Words of prose, such as "Output-layer", "(b)," or "Step 2 -", may come before the label.
    // A word with math in it, such as `W_1` or `\frac{…}`, or a single letter other than "I" and
    // "a", such as the x of `x W_1`, is part of the label, so no shorter text is tried.
    const word = words[first];
    if (/[\\_^{}$=]/.test(word) || (/^[A-Za-z]$/.test(word) && !/^[IaA]$/.test(word))) break;
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
