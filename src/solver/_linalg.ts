import type { Matrix } from "../problem/types.js";

export function transpose(matrix: Matrix): Matrix {
  if (matrix.length === 0) return [];
  return matrix[0].map((_, j) => matrix.map((row) => row[j]));
}

/** Multiplies the row vector `v` by `matrix` (v · M), so `v.length` must equal the row count. */
export function multiplyVectorMatrix(v: number[], matrix: Matrix): number[] {
  const columns = matrix.length === 0 ? 0 : matrix[0].length;
  const result = new Array<number>(columns).fill(0);
  for (let i = 0; i < v.length; i++) {
    for (let j = 0; j < columns; j++) result[j] += v[i] * matrix[i][j];
  }
  return result;
}

/** Multiplies the row vector `v` by the transpose of `matrix` (v · Mᵀ). */
export function multiplyVectorTransposed(v: number[], matrix: Matrix): number[] {
  return matrix.map((row) => row.reduce((sum, entry, j) => sum + entry * v[j], 0));
}

/** Returns the outer product aᵀ · b, an a.length × b.length matrix. */
export function outer(a: number[], b: number[]): Matrix {
  return a.map((ai) => b.map((bj) => ai * bj));
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function isRectangular(matrix: Matrix): boolean {
  return matrix.every((row) => row.length === matrix[0].length);
}

/** Converts a row-layout matrix to the problem's layout (a transpose for `column`). */
export function inLayout(rowLayoutMatrix: Matrix, layout: "row" | "column"): Matrix {
  return layout === "row" ? rowLayoutMatrix.map((row) => [...row]) : transpose(rowLayoutMatrix);
}

/** Returns a − factor · b, entry by entry. */
export function subtractScaled(a: number[], factor: number, b: number[]): number[] {
  return a.map((value, j) => value - factor * b[j]);
}

/**
 * Replaces −0 by 0 in place and returns the array. A zero derivative times a negative gradient
 * gives −0, which would otherwise print as "-0" in steps and differ from 0 under Object.is.
 */
export function withoutNegativeZero<T extends number[]>(values: T): T {
  for (let i = 0; i < values.length; i++) if (values[i] === 0) values[i] = 0;
  return values;
}
