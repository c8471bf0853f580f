import type { JsonValue } from "../grading/types.js";
import { html, type SafeHtml } from "./html.js";
import { formatDifference, formatDisplayNumber } from "./numbers.js";

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
 * Renders a submitted or expected value: a number, a vector as a one-row grid, a matrix as a grid
 * between square brackets, and a string as code. Wrong cells are highlighted and, when the
 * expected value has the same entries, show their error beneath ("+1.00").
 */
export function renderAnswerValue(value: JsonValue, marks: ValueMarks = {}): SafeHtml {
  const wrongCells = marks.wrongCells ?? [];
  if (value === null) {
    return html`<span class="no-answer">no answer</span>`;
  }
  if (typeof value === "string") {
    return html`<code class="value-text">${value}</code>`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    if (wrongCells.length === 0 && !marks.wrongNumber) {
      return html`<span class="value-number">${renderNumber(value)}</span>`;
    }
    const expected = typeof marks.expected === "number" || typeof marks.expected === "bigint" ? marks.expected : undefined;
    const error = expected === undefined ? "" : renderError(value, expected, "delta-inline");
    return html`<span class="value-number cell-wrong">${renderNumber(value)}</span>${error}`;
  }

  const isMatrix = value.every(Array.isArray);
  const rows: number[][] = isMatrix ? (value as number[][]) : [value as number[]];
  const wrong = wrongCellKeys(wrongCells, isMatrix);
  const expected = alignExpected(rows, marks.expected);
  const body = rows.map(
    (row, r) =>
      html`<tr>${row.map((cell, c) => {
        if (!wrong.has(`${r},${c}`)) {
          return html`<td>${renderNumber(cell)}</td>`;
        }
        const reference = expected?.[r]?.[c];
        const error = reference === undefined ? "" : renderError(cell, reference, "delta");
        return html`<td class="cell-wrong" title="outside tolerance">${renderNumber(cell)}${error}</td>`;
      })}</tr>`,
  );
  return html`<div class="bracket"><table class="matrix"><tbody>${body}</tbody></table></div>`;
}

/**
 * Keys "row,column" of the wrong cells. A vector is drawn as one row, and the grader may give its
 * wrong entries as [0, j] or [j, 0], so both forms mark entry j.
 */
function wrongCellKeys(wrongCells: [number, number][], isMatrix: boolean): Set<string> {
  return new Set(wrongCells.map(([row, column]) => (isMatrix ? `${row},${column}` : `0,${row + column}`)));
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
function renderError(submitted: number | bigint, expected: number | bigint, className: string): SafeHtml | "" {
  const isWhole = (value: number | bigint) => typeof value === "bigint" || Number.isInteger(value);
  if ((typeof submitted === "bigint" || typeof expected === "bigint") && isWhole(submitted) && isWhole(expected)) {
    // Counts beyond 2^53 subtract exactly as integers.
    const difference = BigInt(submitted) - BigInt(expected);
    const text = difference < 0n ? `−${(-difference).toString()}` : `+${difference.toString()}`;
    return html`<span class="${className}">${text}</span>`;
  }
  const formatted = formatDifference(Number(submitted) - Number(expected));
  if (formatted === null) {
    return "";
  }
  const power = formatted.exponent === null ? "" : html`<span class="times">×</span>10<sup>${String(formatted.exponent).replace(/^-/, "−")}</sup>`;
  return html`<span class="${className}" title="submitted − expected">${formatted.mantissa}${power}</span>`;
}

/** Renders one number, writing a × 10^b with a superscript. */
export function renderNumber(value: number | bigint): SafeHtml {
  if (typeof value !== "number" && typeof value !== "bigint") {
    // Malformed results (a nested list inside a vector) are shown as they are rather than as a number.
    return html`${JSON.stringify(value)}`;
  }
  if (typeof value === "bigint") {
    return html`${value.toString().replace(/^-/, "−")}`;
  }
  const { mantissa, exponent } = formatDisplayNumber(value);
  if (exponent === null) {
    return html`${mantissa}`;
  }
  const power = String(exponent).replace(/^-/, "−");
  return html`${mantissa}<span class="times">×</span>10<sup>${power}</sup>`;
}

/** Tells whether a value is drawn as a grid rather than inline. */
export function isGridValue(value: JsonValue): boolean {
  return Array.isArray(value);
}
