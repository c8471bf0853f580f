import type { Value } from "../solver/types.js";
import type { ReadNumber, ReadValue } from "../submission/types.js";
import { withinTolerance, type Tolerance } from "./tolerance.js";

/** How a submitted value lines up with the expected one before any entry is compared. */
export type ShapeMatch =
  | { kind: "same"; grid: ReadNumber[][]; expected: number[][] }
  | { kind: "transposed"; grid: ReadNumber[][]; expected: number[][] }
  | { kind: "mismatch"; submittedShape: string; expectedShape: string };

/** The comparison of every entry of a value. */
export interface EntryComparison {
  total: number;
  correct: number;
  /** [row, column] of each entry outside tolerance, 0-based, in the expected value's shape. */
  wrongCells: [number, number][];
  /** Entries that were not finite numbers (Infinity, NaN, overflow). */
  nonFinite: number;
}

/**
 * Names the wrong entries of an answer in feedback: `entry 2` or `entries 1 and 3` of a vector,
 * which a student may write as a row or a column, and `the entry at (1, 2)` of a matrix. `cells`
 * are [row, column] in the expected value's shape, where a vector is one row.
 */
export function wrongEntriesPhrase(cells: readonly [number, number][], isVector: boolean): string {
  if (isVector) {
    const numbers = cells.map(([, column]) => String(column + 1));
    if (numbers.length === 1) return `entry ${numbers[0]}`;
    return `entries ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
  }
  const places = cells.map(([row, column]) => `(${row + 1}, ${column + 1})`).join(", ");
  return cells.length === 1 ? `the entry at ${places}` : `the entries at ${places}`;
}

/** Returns the expected value as a grid: a scalar is 1×1 and a vector one row. */
export function expectedGrid(value: Value): number[][] {
  switch (value.kind) {
    case "scalar":
      return [[value.value]];
    case "count":
      return [[Number(value.value)]];
    case "vector":
      return [value.values];
    case "matrix":
      return value.values;
  }
}

/** Returns the submitted value as a grid of numbers as read. */
export function submittedGrid(value: ReadValue): ReadNumber[][] {
  return value.kind === "number" ? [[value.number]] : value.rows;
}

/** Formats a shape as "2×3", or "a number" for 1×1. */
export function describeShape(rows: number, columns: number): string {
  if (rows === 1 && columns === 1) return "a single number";
  if (rows === 1 || columns === 1) return `a vector of ${Math.max(rows, columns)}`;
  return `a ${rows}×${columns} matrix`;
}

/**
 * Lines a submitted value up with the expected one. Vectors (and one-row or one-column matrices)
 * match in either orientation; a matrix whose transpose has the expected shape is reported as
 * transposed when it is not square, and square matrices are compared as they stand.
 */
export function matchShape(submitted: ReadValue, expected: Value): ShapeMatch {
  const grid = submittedGrid(submitted);
  const want = expectedGrid(expected);
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const wantRows = want.length;
  const wantColumns = want[0]?.length ?? 0;
  const mismatch: ShapeMatch = {
    kind: "mismatch",
    submittedShape: describeShape(rows, columns),
    expectedShape: describeShape(wantRows, wantColumns),
  };

  if (grid.some((row) => row.length !== columns)) return mismatch;

  const wantIsLine = wantRows === 1 || wantColumns === 1;
  const isLine = rows === 1 || columns === 1;
  if (wantIsLine && isLine) {
    const flat = grid.flat();
    if (flat.length !== wantRows * wantColumns) return mismatch;
    const lined = wantRows === 1 ? [flat] : flat.map((entry) => [entry]);
    return { kind: "same", grid: lined, expected: want };
  }

  if (rows === wantRows && columns === wantColumns) return { kind: "same", grid, expected: want };
  if (rows === wantColumns && columns === wantRows) return { kind: "transposed", grid, expected: want };
  return mismatch;
}

/** Compares two grids of the same shape entry by entry. */
export function compareEntries(grid: ReadNumber[][], expected: number[][], tolerance: Tolerance): EntryComparison {
  const wrongCells: [number, number][] = [];
  let correct = 0;
  let nonFinite = 0;
  let total = 0;

  expected.forEach((row, i) => {
    row.forEach((want, j) => {
      total++;
      const entry = grid[i]![j]!;
      if (!Number.isFinite(entry.value)) nonFinite++;
      if (withinTolerance(entry.value, want, tolerance)) correct++;
      else wrongCells.push([i, j]);
    });
  });

  return { total, correct, wrongCells, nonFinite };
}

/** Compares a count exactly, as integers, however large. */
export function countMatches(entry: ReadNumber, expected: bigint): boolean {
  if (entry.integer !== null) return entry.integer === expected;
  // "6.69706e5" is a whole number written in another form; only exact, safe integers qualify.
  return Number.isSafeInteger(entry.value) && BigInt(entry.value) === expected;
}

/** Transposes a grid. */
export function transposeGrid<T>(grid: T[][]): T[][] {
  const columns = grid[0]?.length ?? 0;
  return Array.from({ length: columns }, (_, j) => grid.map((row) => row[j]!));
}
