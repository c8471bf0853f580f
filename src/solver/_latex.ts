import type { Layout, Matrix } from "../problem/types.js";

/** Formats a number for LaTeX with at most 6 significant digits and no trailing zeros. */
export function latexNumber(value: number): string {
  if (Number.isNaN(value)) return "\\text{NaN}";
  if (!Number.isFinite(value)) return value > 0 ? "\\infty" : "-\\infty";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);

  const text = String(Number(value.toPrecision(6)));
  const [mantissa, exponent] = text.split("e");
  if (exponent === undefined) return mantissa;
  return `${mantissa} \\times 10^{${Number(exponent)}}`;
}

export function latexMatrix(matrix: Matrix): string {
  const rows = matrix.map((row) => row.map(latexNumber).join(" & "));
  return `\\begin{bmatrix} ${rows.join(" \\\\ ")} \\end{bmatrix}`;
}

/** Writes a vector as a row in the row layout and as a column in the column layout. */
export function latexVector(values: number[], layout: Layout): string {
  return latexMatrix(layout === "row" ? [values] : values.map((value) => [value]));
}

/** Writes a matrix stored in the row layout as the problem shows it. */
export function latexWeights(rowLayoutMatrix: Matrix, layout: Layout): string {
  if (layout === "row") return latexMatrix(rowLayoutMatrix);
  return latexMatrix(rowLayoutMatrix[0].map((_, j) => rowLayoutMatrix.map((row) => row[j])));
}

/**
 * Names a layer's symbol as the problems write it, for the 1-based number of a layer of weights.
 * Weights and biases take that number (`W_2`), and the values after them one more, because the
 * input is layer 1: `S_2 = x W_1`, so layer 0's output `Y` is the input `x`. `suffix` is a
 * superscript, such as `\top`.
 */
export function symbol(name: string, layerNumber: number, suffix = ""): string {
  const isParameter = name === "W" || name === "b";
  const base = name === "Y" && layerNumber === 0 ? "x" : `${name}_{${isParameter ? layerNumber : layerNumber + 1}}`;
  return suffix === "" ? base : `${base}^{${suffix}}`;
}
