import type { JsonValue } from "../grading/types.js";
import type { Layout } from "../problem/types.js";
import { escapeHtml, SafeHtml } from "./html.js";
import { formatDifference, formatDisplayNumber, withMinusSign } from "./numbers.js";

// Values are rendered once per answer of every student, so this module builds its markup as plain
// strings: numbers it formats itself need no escaping, and only text that can come from a
// submission goes through escapeHtml.

/** How to mark a submitted value against the expected one. */
export interface ValueMarks {
  /** Cells outside tolerance, as the grader lists them in `wrong_cells`. */
  wrongCells?: [number, number][];
  /** The expected value; when given, each marked entry shows its error, submitted − expected. */
  expected?: JsonValue;
  /** Marks a single number as wrong, since the grader lists wrong cells only for several entries. */
  wrongNumber?: boolean;
}

/**
 * Renders a submitted or expected value: a number, a flat vector as a one-row grid, a matrix as a
 * grid between square brackets, and a string as code. Wrong cells are highlighted and, when the
 * expected value has the same entries, show their error beneath ("+1.00").
 */
export function renderAnswerValue(value: JsonValue, marks: ValueMarks = {}): SafeHtml {
  return new SafeHtml(answerValueMarkup(value, marks));
}

/** Renders a value as `renderAnswerValue` does, as a markup string. */
export function answerValueMarkup(value: JsonValue, marks: ValueMarks = {}): string {
  const wrongCells = marks.wrongCells ?? [];
  if (value === null) {
    return '<span class="no-answer">no answer</span>';
  }
  if (typeof value === "string") {
    return `<code class="value-text">${escapeHtml(value)}</code>`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    if (wrongCells.length === 0 && !marks.wrongNumber) {
      return `<span class="value-number">${numberMarkup(value)}</span>`;
    }
    const expected = typeof marks.expected === "number" || typeof marks.expected === "bigint" ? marks.expected : undefined;
    const error = expected === undefined ? "" : errorMarkup(value, expected, "delta-inline");
    return `<span class="value-number cell-wrong">${numberMarkup(value)}</span>${error}`;
  }

  const isMatrix = value.every(Array.isArray);
  const rows: number[][] = isMatrix ? (value as number[][]) : [value as number[]];
  // Most answers have no wrong cell, and then the expected value plays no part.
  const wrong = wrongCells.length === 0 ? null : wrongCellKeys(wrongCells, rows);
  const expected = wrong === null ? null : alignExpected(rows, marks.expected);
  let markup = '<div class="bracket"><table class="matrix"><tbody>';
  for (let r = 0; r < rows.length; r++) {
    markup += "<tr>";
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      markup += wrong?.has(`${r},${c}`) ? wrongCellMarkup(row[c], expected?.[r]?.[c]) : `<td>${numberMarkup(row[c])}</td>`;
    }
    markup += "</tr>";
  }
  return markup + "</tbody></table></div>";
}

function wrongCellMarkup(cell: number, reference: number | undefined): string {
  const error = reference === undefined ? "" : errorMarkup(cell, reference, "delta");
  return `<td class="cell-wrong" title="outside tolerance">${numberMarkup(cell)}${error}</td>`;
}

/**
 * Tells whether two values have the same shape and entries, compared with `Object.is`, so that
 * they render to the same markup.
 */
export function isSameValue(a: JsonValue, b: JsonValue): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    return Object.is(a, b);
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (!isSameValue(a[i] as JsonValue, b[i] as JsonValue)) return false;
  }
  return true;
}

/**
 * Keys "row,column" of the wrong cells in the submitted rows. The grader gives positions in the
 * expected value's shape, and a vector matches in either orientation, so for a vector answer the
 * position [0, k] or [k, 0] marks entry k of the vector as the student wrote it.
 */
function wrongCellKeys(wrongCells: [number, number][], rows: unknown[][]): Set<string> {
  const isColumn = rows.length > 1 && rows.every((row) => row.length === 1);
  const isVector = rows.length === 1 || isColumn;
  return new Set(
    wrongCells.map(([row, column]) => {
      if (!isVector) return `${row},${column}`;
      const entry = row + column;
      return isColumn ? `${entry},0` : `0,${entry}`;
    }),
  );
}

/** Tells whether a value is a vector: a flat list, a one-row matrix or a one-column matrix. */
export function isVectorValue(value: JsonValue): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  if (!value.some(Array.isArray)) return true;
  const rows = value as unknown[][];
  return rows.every(Array.isArray) && (rows.length === 1 || rows.every((row) => row.length === 1));
}

/**
 * Lays a flat vector out as a column for a problem in the column layout, where S = W · x makes
 * every vector a column. Matrices, numbers and vectors of the row layout are returned as they are.
 */
export function orientVector(value: JsonValue, layout: Layout): JsonValue {
  if (layout !== "column" || !Array.isArray(value) || value.some(Array.isArray)) {
    return value;
  }
  return (value as number[]).map((entry) => [entry]);
}

/**
 * Lays the expected value out like the submitted rows, or returns null when their entries do not
 * correspond one to one. A vector matches a row or a column of the same length, because the
 * grader accepts either orientation. A transposed matrix gets no errors, because its entries are
 * not where the expected ones are.
 */
function alignExpected(rows: number[][], expected: JsonValue | undefined): number[][] | null {
  if (!Array.isArray(expected)) {
    return null;
  }
  const grid: unknown[][] = expected.every(Array.isArray) ? (expected as unknown[][]) : [expected as unknown[]];
  const sameShape = grid.length === rows.length && grid.every((row, r) => row.length === rows[r].length);
  if (sameShape) {
    return grid.every((row) => row.every((cell) => typeof cell === "number")) ? (grid as number[][]) : null;
  }

  const flatExpected = grid.flat();
  const flatSubmitted = rows.flat();
  const isVector = (shape: unknown[][]) => shape.length === 1 || shape.every((row) => row.length === 1);
  if (!isVector(grid) || !isVector(rows) || flatExpected.length !== flatSubmitted.length) {
    return null;
  }
  if (!flatExpected.every((cell) => typeof cell === "number")) {
    return null;
  }
  let index = 0;
  return rows.map((row) => row.map(() => flatExpected[index++] as number));
}

/** Renders submitted − expected with its sign, or nothing when either is not a finite number. */
function errorMarkup(submitted: number | bigint, expected: number | bigint, className: string): string {
  const isWhole = (value: number | bigint) => typeof value === "bigint" || Number.isInteger(value);
  if ((typeof submitted === "bigint" || typeof expected === "bigint") && isWhole(submitted) && isWhole(expected)) {
    // Counts beyond 2^53 subtract exactly as integers.
    const difference = BigInt(submitted) - BigInt(expected);
    const text = difference < 0n ? `−${(-difference).toString()}` : `+${difference.toString()}`;
    return `<span class="${className}">${text}</span>`;
  }
  const formatted = formatDifference(Number(submitted) - Number(expected));
  if (formatted === null) {
    return "";
  }
  const power = formatted.exponent === null ? "" : powerOfTenMarkup(formatted.exponent);
  return `<span class="${className}" title="submitted − expected">${formatted.mantissa}${power}</span>`;
}

/** Renders one number, writing a × 10^b with a superscript. */
function numberMarkup(value: number | bigint): string {
  if (typeof value !== "number" && typeof value !== "bigint") {
    // Malformed results (a nested list inside a vector) are shown as they are rather than as a
    // number. JSON.stringify returns undefined for undefined, which shows as nothing.
    const text: string | undefined = JSON.stringify(value);
    return text === undefined ? "" : escapeHtml(text);
  }
  if (typeof value === "bigint") {
    return withMinusSign(value.toString());
  }
  const { mantissa, exponent } = formatDisplayNumber(value);
  return exponent === null ? mantissa : `${mantissa}${powerOfTenMarkup(exponent)}`;
}

function powerOfTenMarkup(exponent: number): string {
  return `<span class="times">×</span>10<sup>${withMinusSign(String(exponent))}</sup>`;
}

/** Tells whether a value is drawn as a grid rather than inline. */
export function isGridValue(value: JsonValue): boolean {
  return Array.isArray(value);
}
