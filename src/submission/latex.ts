import {
  closingBrace,
  containsCommand,
  replaceCommands,
  splitAtTopLevel,
  tokenize,
  topLevelTokens,
  type Span,
  type TokenMarks,
} from "./_scan.js";
import { isFormatError, NOT_A_NUMBER, parseNumber, type NumberOptions } from "./numbers.js";
import type { FormatError, ReadNumber, ReadValue } from "./types.js";

/** Result of reading a piece of text: a value, a malformed value, or no value at all. */
export type ValueReading =
  | { kind: "value"; value: ReadValue }
  | { kind: "error"; error: FormatError }
  | { kind: "none" };

const NONE: ValueReading = { kind: "none" };

/** LaTeX environments whose rows (`\\`) and columns (`&`) form a matrix. */
const MATRIX_ENVIRONMENTS = new Set([
  "matrix",
  "bmatrix",
  "pmatrix",
  "vmatrix",
  "Bmatrix",
  "Vmatrix",
  "smallmatrix",
  "array",
]);

/**
 * Commands whose content is struck out, commentary, an equation's label or tag, or a color's name
 * (`\color{red}` and `\textcolor{red}` lose only their first argument), and so no part of a value.
 */
const DROPPED_COMMANDS = ["cancelto", "cancel", "bcancel", "xcancel", "sout", "text", "textrm", "mbox", "label", "tag", "color", "textcolor"];

/** Commands that only change how their content looks. */
const UNWRAPPED_COMMANDS = ["boxed", "mathbf", "mathrm", "textbf", "bm", "boldsymbol", "mathit", "underline"];

/** A numpy or torch call around a value, such as `np.array([1, 2])`. */
const ARRAY_CALL = /^(?:np\.)?(?:array|tensor|matrix)\(([\s\S]*)\)$/;

/** The dropped and the unwrapped commands, for a test whether a value contains any of them. */
const VALUE_COMMANDS = [...DROPPED_COMMANDS, ...UNWRAPPED_COMMANDS];

/**
 * Spacing and numbering commands, the control space `\ ` (not the row break `\\` before a space)
 * and the tie `~`, which never change a value. `\,` is kept: it can group thousands.
 */
const SPACING = /\\(?:quad|qquad|displaystyle|textstyle|[;:!>]|hline|nonumber|notag)(?![A-Za-z])|(?<!\\)\\ |~/g;

/**
 * Reads the final value of a result: a number, or a matrix written as a LaTeX matrix
 * environment, `\left[ … \right]`, `[[1, 2], [3, 4]]`, a MATLAB `[1 2; 3 4]` or a numpy
 * printout `[[1. 2.]\n [3. 4.]]`. Cancelled parts (`\cancel{…}`) and `\text{…}` are dropped
 * first, and so are trailing words (`669706 parameters`).
 *
 * Text that is not a number or numeric matrix (symbols, `?`, an expression) gives `none`.
 * Text that looks numeric but is malformed, such as a ragged matrix, gives an `error`.
 *
 * Readings are cached by text, so callers share them and must not change them.
 */
export function readValue(text: string, options: NumberOptions = {}): ValueReading {
  if (text.length > MAX_CACHED_VALUE_TEXT) return readValueText(text, options);
  // NOTE: decimalComma is the only option, so one map per setting keys a reading by its text.
  // An option added to NumberOptions needs its own maps here.
  const cache = options.decimalComma ? commaReadings : pointReadings;
  let reading = cache.get(text);
  if (reading === undefined) {
    reading = readValueText(text, options);
    if (cache.size >= MAX_CACHED_READINGS) cache.clear();
    cache.set(detachedCopy(text), reading);
  }
  return reading;
}

// A class writes the same final values again and again (every right answer is the same
// matrix), so each value text is read once and its reading reused for the rest of the process.
// A map is emptied when full, which keeps memory bounded for any class size.
const pointReadings = new Map<string, ValueReading>();
const commaReadings = new Map<string, ValueReading>();
const MAX_CACHED_READINGS = 4096;
/** Maximum length of a cached value text. Longer texts are derivations, which rarely repeat. */
const MAX_CACHED_VALUE_TEXT = 500;

/**
 * Returns a copy of text that does not keep the text it was sliced from alive. V8 (Node 20)
 * makes a slice a view of its parent string, so a cached slice would keep a whole submission in
 * memory. Prefixing a character makes a new string, and the slice is a view of that one.
 */
export function detachedCopy(text: string): string {
  return (" " + text).slice(1);
}

/** Reads a value's text; readValue adds the cache. */
function readValueText(text: string, options: NumberOptions): ValueReading {
  const cleaned = cleanValueText(text);
  if (cleaned === "") return NONE;

  // Only `\begin` and `\left` start a LaTeX matrix, so text without a backslash skips the search.
  const matrix = cleaned.startsWith("\\") ? unwrapMatrixDelimiters(cleaned, options) : null;
  if (matrix !== null) return matrix;

  if (cleaned.startsWith("[") && cleaned.endsWith("]")) return readBracketList(cleaned, options);
  if (cleaned.startsWith("(") && cleaned.endsWith(")") && cleaned.includes(",")) {
    return readBracketList("[" + cleaned.slice(1, -1) + "]", options);
  }

  // `[-0.06196, -0.03736]^T` or `\begin{bmatrix}…\end{bmatrix}^\top`: the value transposed.
  const transpose = cleaned.includes("^") ? TRANSPOSE_MARK.exec(cleaned) : null;
  if (transpose !== null && transpose.index > 0) return transposed(readValueText(cleaned.slice(0, transpose.index), options));

  const arrayCall = cleaned.endsWith(")") ? ARRAY_CALL.exec(cleaned) : null;
  if (arrayCall !== null) return readValueText(arrayCall[1], options);

  const scaled = SCALED_NUMBER.exec(cleaned);
  const exponent = scaled === null ? 0 : SCALE_EXPONENTS[(scaled[2] ?? scaled[3]!).toLowerCase()]!;
  const number = parseNumber(scaled === null ? cleaned : `${scaled[1]} \\times 10^{${exponent}}`, options);
  if (isFormatError(number)) {
    return number.code === NOT_A_NUMBER ? NONE : { kind: "error", error: number };
  }
  // Feedback quotes the number as the student wrote it, "1.34M", rather than as it was parsed.
  if (scaled !== null) number.text = cleaned;
  return { kind: "value", value: { kind: "number", number } };
}

/** A transpose mark at the end of a value after a closing bracket: `^T`, `^{T}`, `^\top`, `^\intercal`. */
const TRANSPOSE_MARK = /(?<=[\])}])\s*\^\s*(?:\{\s*(?:T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\})\s*\}|T|\\top|\\intercal)$/;

/** Returns a reading with its matrix transposed; other readings as they are. */
function transposed(reading: ValueReading): ValueReading {
  if (reading.kind !== "value" || reading.value.kind !== "matrix") return reading;
  const rows = reading.value.rows;
  return { kind: "value", value: { kind: "matrix", rows: rows[0]!.map((_, column) => rows.map((row) => row[column]!)) } };
}

/**
 * Reads a cleaned value that is wholly a matrix environment, `\left[ … \right]` or
 * `\left( … \right)`. Returns null for any other value.
 */
function unwrapMatrixDelimiters(value: string, options: NumberOptions): ValueReading | null {
  const environment = wholeEnvironment(value);
  if (environment !== null && MATRIX_ENVIRONMENTS.has(environment.name)) {
    return readLatexMatrix(environment.body, environment.name, options);
  }

  const left = /^\\left\s*(\[|\(|\\\{)([\s\S]*)\\right\s*(\]|\)|\\\})$/.exec(value);
  if (left === null) return null;
  const inner = left[2].trim();
  const innerEnvironment = wholeEnvironment(inner);
  if (innerEnvironment !== null && MATRIX_ENVIRONMENTS.has(innerEnvironment.name)) {
    return readLatexMatrix(innerEnvironment.body, innerEnvironment.name, options);
  }
  const hasRows =
    hasRowMarks(inner) &&
    topLevelTokens(inner, 0, inner.length, ROW_MARKS).some(
      (t) => t.name === "&" || t.name === "\\",
    );
  if (hasRows) return readLatexMatrix(inner, "matrix", options);
  return readBracketList("[" + inner + "]", options);
}

/** Removes what is never part of a value: struck-out text, remarks, spacing, trailing words. */
export function cleanValueText(text: string): string {
  let result = text;
  // Every command and spacing mark starts with a backslash, and most values have none but the
  // ones of a matrix environment, so the passes that look for them run only when one is there.
  if (containsCommand(result, VALUE_COMMANDS)) {
    result = replaceCommands(result, DROPPED_COMMANDS, () => " ");
    result = replaceCommands(result, UNWRAPPED_COMMANDS, (content) => " " + content + " ");
  }
  if (result.includes("\\") || result.includes("~")) result = result.replace(SPACING, " ");
  // Math delimiters: `$`, and LaTeX's inline `\(` and `\)`; Markdown's bold, as in `**669706**`.
  if (result.includes("$")) result = result.replace(DOLLARS, " ");
  if (result.includes("**") || result.includes("__")) result = result.replace(BOLD_MARKS, " ");
  if (result.includes("\\(") || result.includes("\\)")) result = result.replace(INLINE_MATH_MARKS, " ");

  // Alignment marks and line breaks outside any matrix only lay out a derivation.
  if (hasRowMarks(result)) {
    let flat = "";
    let last = 0;
    for (const token of topLevelTokens(result, 0, result.length, ROW_MARKS)) {
      if (token.name === "&" || token.name === "\\") {
        flat += result.slice(last, token.start) + " ";
        last = token.end;
      }
    }
    result = flat + result.slice(last);
  }
  result = result.trim();
  // Braces left around a whole value, as by `{\color{blue} [5, 10]}` once the color is dropped.
  // A few pairs at most: each test scans the value, and deeper nesting is no value anyway.
  for (let pairs = 0; pairs < MAX_BRACE_PAIRS && result.startsWith("{") && closingBrace(result, 0) === result.length; pairs++) {
    result = result.slice(1, -1).trim();
  }
  // An ellipsis after a number, as in `2.1532\ldots`, means that more digits follow.
  if (result.endsWith("dots")) result = result.replace(/(?<=\d)\s*\\[lc]?dots$/, "");

  // Sentence punctuation and trailing words such as units ("parameters", "FLOPs").
  for (;;) {
    const before = result;
    result = trimTrailingPunctuation(result);
    // "1.34 million" keeps its scale for readValueText, because without it 1.34 would be read.
    if (SCALED_NUMBER.test(result)) return result;
    const lastSpace = lastWhitespace(result);
    if (lastSpace > 0 && TRAILING_WORD.test(result.slice(lastSpace + 1))) {
      result = result.slice(0, lastSpace);
    }
    if (result === before) break;
  }
  return result.trim();
}

/**
 * Returns the index of the last space, tab or line feed, or -1. It scans back from the end, so a
 * loop that takes words off a long text one at a time stays linear. Three lastIndexOf calls would
 * each search the whole text for a character it lacks.
 */
function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === " " || c === "\n" || c === "\t") return i;
  }
  return -1;
}

/** Brace pairs taken off a whole value, such as the braces of `{\color{blue} [5, 10]}`. */
const MAX_BRACE_PAIRS = 3;

/** Top-level tokens that separate a matrix's entries and rows: `&`, `\&` and `\\`. */
const ROW_MARKS: TokenMarks = { characters: "&", commands: new Set(["&", "\\"]), braces: false };

/**
 * Tells whether text may contain a token named `&` or `\\`, the column and row marks. Text
 * without either substring contains neither, so callers skip tokenizing it.
 */
function hasRowMarks(text: string): boolean {
  return text.includes("&") || text.includes("\\\\");
}

/**
 * Drops trailing spaces, `\,`, `,;:` and a sentence's full stop (what remains of `$= 669706$.`,
 * or the stop in `\end{bmatrix}.`), with a loop rather than a regex anchored at the end. A point
 * right after a digit stays, because `3.` is a number, unless the number already has a decimal
 * point, an exponent or groups of thousands, as in `0.08.`, `8e-2.` and `1,338,378.`.
 */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  for (;;) {
    if (end >= 2 && text[end - 2] === "\\" && text[end - 1] === ",") end -= 2;
    else if (end >= 1 && SPACE_OR_SEPARATOR.test(text[end - 1])) end -= 1;
    else if (end >= 2 && text[end - 1] === "." && !DIGIT_OR_BACKSLASH.test(text[end - 2])) end -= 1;
    else if (end >= 2 && text[end - 1] === "." && NUMBER_WITH_POINT_OR_EXPONENT.test(text.slice(0, end - 1))) end -= 1;
    else return text.slice(0, end);
  }
}

/**
 * The end of a number that cannot take another point: `0.08`, `.5`, `8e-2`, a power such as
 * `10^6`, or one with groups of thousands such as `1,338,378` or `1{,}338{,}378`.
 */
const NUMBER_WITH_POINT_OR_EXPONENT = /(?:\.\d+|\d[eE][+-]?\d+|\^-?\d+|\d(?:,|\{,\}|\\,)\d{3})$/;

/** Returns the environment's name and body when `\begin{…}…\end{…}` spans the whole text. */
function wholeEnvironment(text: string): { name: string; body: string } | null {
  const open = ENVIRONMENT_OPENING.exec(text);
  if (open === null) return null;
  const name = open[1];
  const closing = `\\end{${name}}`;
  if (!text.endsWith(closing)) return null;

  let bodyStart = open[0].length;
  if (name === "array") {
    // The column specification, such as {cc} or {c|c}, is layout and no part of the matrix.
    const spec = /^\s*\{[^{}]*\}/.exec(text.slice(bodyStart));
    if (spec !== null) bodyStart += spec[0].length;
  }
  const body = text.slice(bodyStart, text.length - closing.length);

  // The environment must not close early, as in two matrices side by side (a product). Only
  // `\begin`, `\end`, `\left` and `\right` make such tokens, so a body without them is whole.
  if (!NESTING_COMMAND.test(body)) return { name, body };
  let openEnvironments = 0;
  for (const token of tokenize(body)) {
    if (token.kind === "open" && token.name !== "{") openEnvironments += 1;
    if (token.kind === "close" && token.name !== "}") openEnvironments -= 1;
    if (openEnvironments < 0) return null;
  }
  return { name, body };
}

/** Reads rows separated by `\\` and entries separated by `&`. */
function readLatexMatrix(body: string, environment: string, options: NumberOptions): ValueReading {
  const plainRows = splitPlainMatrix(body);
  if (plainRows !== null) return readRows(dropEmptyRows(plainRows), environment, options);

  const tokens = topLevelTokens(body, 0, body.length, ROW_MARKS);
  const span: Span = { start: 0, end: body.length };
  const rowSpans = splitAtTopLevel(tokens, span, (t) => t.kind === "command" && t.name === "\\");

  const rows: string[][] = [];
  let first = 0;
  for (const rowSpan of rowSpans) {
    // Tokens are in text order and do not overlap, so each row's tokens are one run of them.
    while (first < tokens.length && tokens[first].start < rowSpan.start) first += 1;
    let last = first;
    while (last < tokens.length && tokens[last].end <= rowSpan.end) last += 1;
    const rowTokens = tokens.slice(first, last);
    const cells = splitAtTopLevel(rowTokens, rowSpan, (t) => t.kind === "char" && t.name === "&");
    rows.push(cells.map((cell) => body.slice(cell.start, cell.end).trim()));
  }
  return readRows(dropEmptyRows(rows), environment, options);
}

const BACKSLASH = 92;
const AMPERSAND = 38;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Splits a matrix body into rows at `\\` and entries at `&`, as readLatexMatrix does, when
 * the body has no braces and no backslash but those of `\\`, which most matrices of numbers
 * are. Such a body has no groups, so every `&` and `\\` is at the top level. Returns null
 * for any other body, which then needs the tokenizer.
 */
function splitPlainMatrix(body: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let cellStart = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === AMPERSAND) {
      row.push(body.slice(cellStart, i).trim());
      cellStart = i + 1;
    } else if (code === BACKSLASH) {
      if (body.charCodeAt(i + 1) !== BACKSLASH) return null;
      row.push(body.slice(cellStart, i).trim());
      rows.push(row);
      row = [];
      i += 1;
      cellStart = i + 1;
    } else if (code === OPEN_BRACE || code === CLOSE_BRACE) {
      return null;
    }
  }
  row.push(body.slice(cellStart).trim());
  rows.push(row);
  return rows;
}

/** Reads `[1, 2]`, `[[1, 2], [3, 4]]`, `[1 2; 3 4]` and numpy's `[[1. 2.]\n [3. 4.]]`. */
function readBracketList(text: string, options: NumberOptions): ValueReading {
  const inner = text.slice(1, -1).trim();
  if (inner === "") return NONE;

  let rowTexts: string[];
  if (inner.includes("[")) {
    const groups = bracketGroups(inner);
    if (groups === null) return NONE;
    rowTexts = groups;
  } else {
    rowTexts = inner.split(";");
  }

  // `[0,75, 0,77]` is two decimals with decimal commas or four integers, so it is an error.
  if (!options.decimalComma && rowTexts.some(hasAmbiguousComma)) {
    const listText = text.length > 60 ? text.slice(0, 57) + "..." : text;
    return {
      kind: "error",
      error: {
        code: "submission.ambiguousDecimalComma",
        message:
          `the list "${listText}" has commas both with and without a space after them, so they ` +
          `could be decimal commas or separators. Write decimal points (0.75) and separate ` +
          `entries with ", ".`,
      },
    };
  }
  const rows = rowTexts.map((row) => splitEntries(row, options));
  return readRows(dropEmptyRows(rows), "matrix", options);
}

/** Splits `[1, 2], [3, 4]` into its bracketed groups; null when anything else is between them. */
function bracketGroups(text: string): string[] | null {
  const groups: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) return null;
      const group = text.slice(i + 1, close);
      if (group.includes("[")) return null;
      groups.push(group);
      i = close + 1;
    } else if (/[\s,;]/.test(c)) {
      i += 1;
    } else {
      return null;
    }
  }
  return groups;
}

/** True when a row has a comma and a space between entries and also `0,75` without a point. */
function hasAmbiguousComma(row: string): boolean {
  return /,\s/.test(row) && /(?:^|[^\d.])\d+,\d+(?![\d.])/.test(row);
}

/**
 * Splits one row at commas when it has any, else at whitespace (numpy and MATLAB style). With
 * decimal commas, only a comma followed by a space separates entries (`0,75, 0,77`), and a row
 * without one is split at whitespace (`0,75 0,77`).
 */
function splitEntries(row: string, options: NumberOptions): string[] {
  const trimmed = row.trim();
  if (trimmed === "") return [];
  if (options.decimalComma) {
    if (/,\s/.test(trimmed)) return trimmed.split(/,\s+/).map((entry) => entry.trim());
    return trimmed.split(/\s+/);
  }
  if (trimmed.includes(",")) return trimmed.split(",").map((entry) => entry.trim());
  return trimmed.split(/\s+/);
}

function dropEmptyRows(rows: string[][]): string[][] {
  return rows.filter((row) => row.some((cell) => cell !== ""));
}

/**
 * Turns rows of entry texts into a matrix; `matrixName` ("bmatrix", "table") names it in errors. A symbolic entry makes the whole text `none`, because
 * it is a formula rather than a result. An empty or malformed entry, or a ragged matrix, is an error.
 */
export function readRows(rows: string[][], matrixName: string, options: NumberOptions): ValueReading {
  if (rows.length === 0) return NONE;

  const numbers: ReadNumber[][] = [];
  let firstError: FormatError | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const numberRow: ReadNumber[] = [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell === "") {
        firstError ??= {
          code: "submission.emptyEntry",
          message: `${entryPlace(r, c, matrixName)} is empty. Write a number in every entry.`,
        };
        continue;
      }
      if (mayBeEllipsis(cell) && ELLIPSIS.test(cell)) {
        firstError ??= {
          code: "submission.elidedEntries",
          message: `${entryPlace(r, c, matrixName)} is an ellipsis, which stands for entries left out. Write out every entry, so that the value can be graded.`,
        };
        continue;
      }
      const number = parseNumber(cell, options);
      if (isFormatError(number)) {
        if (number.code === NOT_A_NUMBER) return NONE;
        const message = `${entryPlace(r, c, matrixName)}: ${number.message}`;
        firstError ??= { code: number.code, message };
        continue;
      }
      numberRow.push(number);
    }
    numbers.push(numberRow);
  }
  if (firstError !== null) return { kind: "error", error: firstError };

  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    return {
      kind: "error",
      error: {
        code: "submission.raggedMatrix",
        message:
          `row ${ragged + 1} of the ${matrixName} has ${entries(rows[ragged].length)} but row 1 has ` +
          `${entries(width)}. Give every row the same number of entries.`,
      },
    };
  }
  return { kind: "value", value: { kind: "matrix", rows: numbers } };
}

/**
 * An entry that stands for entries left out: `\ldots`, `\cdots`, `\vdots`, `\ddots`, `\dots`,
 * `...` or `…`. Among numbers it makes the value an error; among symbols, as in
 * `[x_1, \ldots, x_n]`, the value is a formula like any other.
 */
const ELLIPSIS = /^(?:\\(?:[lcvd]?dots|dotsc|dotsb)(?![A-Za-z])\s*|\.{3}|\u2026)$/;

/**
 * Tells whether an entry starts as every ELLIPSIS does, with a backslash, `.` or `…`, so that the
 * expression runs only for the few entries that can match it.
 */
function mayBeEllipsis(cell: string): boolean {
  const code = cell.charCodeAt(0);
  return code === 92 || code === 46 || code === 0x2026;
}

/** Names an entry in a message, such as "row 1, entry 2 of the bmatrix", from 0-based indexes. */
function entryPlace(row: number, column: number, matrixName: string): string {
  return `row ${row + 1}, entry ${column + 1} of the ${matrixName}`;
}

function entries(count: number): string {
  return count === 1 ? "1 entry" : `${count} entries`;
}

// Regular expressions of the steps above that run for every value not read before, made once
// because a literal in a function makes a new object each time it runs. The global ones are only
// used with replace, which starts them from 0.
const DOLLARS = /\$/g;
const BOLD_MARKS = /\*\*|__/g;
const INLINE_MATH_MARKS = /\\[()]/g;
const TRAILING_WORD = /^[A-Za-z][A-Za-z-]+\.?$/;
/** A number with a word for its scale, as in "1.34 million", or an `M` or `k` right after it, as in `1.34M`. */
const SCALED_NUMBER = /^([-+]?\d[\d.,]*)(?:\s*([Tt]housand|[Mm]illion|[Bb]illion)|(?<=\d)([kKM]))$/;
const SCALE_EXPONENTS: Record<string, number> = { thousand: 3, k: 3, million: 6, m: 6, billion: 9 };
const SPACE_OR_SEPARATOR = /[\s,;:]/;
const DIGIT_OR_BACKSLASH = /[\d\\]/;
const ENVIRONMENT_OPENING = /^\\begin\s*\{([A-Za-z*]+)\}/;
const NESTING_COMMAND = /\\(?:begin|end|left|right)/;
