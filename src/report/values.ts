import type { JsonValue } from "../grading/types.js";
import { html, type SafeHtml } from "./html.js";
import { formatDisplayNumber } from "./numbers.js";

/**
 * Renders a submitted or expected value: a number, a vector as a one-row grid, a matrix as a grid
 * between square brackets, and a string as code. Cells listed in `wrongCells` are highlighted.
 */
export function renderAnswerValue(value: JsonValue, wrongCells: [number, number][] = []): SafeHtml {
  if (value === null) {
    return html`<span class="no-answer">no answer</span>`;
  }
  if (typeof value === "string") {
    return html`<code class="value-text">${value}</code>`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    const wrong = wrongCells.length > 0;
    return html`<span class="${wrong ? "value-number cell-wrong" : "value-number"}">${renderNumber(value)}</span>`;
  }

  const rows: number[][] = value.every(Array.isArray) ? (value as number[][]) : [value as number[]];
  const wrong = wrongCellKeys(wrongCells, value.every(Array.isArray));
  const body = rows.map(
    (row, r) =>
      html`<tr>${row.map((cell, c) => {
        const isWrong = wrong.has(`${r},${c}`);
        return html`<td${isWrong ? html` class="cell-wrong" title="outside tolerance"` : ""}>${renderNumber(cell)}</td>`;
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
