import type { JsonValue } from "../grading/types.js";
import type { Value } from "../solver/types.js";

/** Formats a number for a terminal: integers as they are, others to 6 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Formats a solver value on one line: `[[25, 25], [50, 50]]`. */
export function formatValue(value: Value): string {
  switch (value.kind) {
    case "scalar":
      return formatNumber(value.value);
    case "count":
      return value.value.toLocaleString("en-US");
    case "vector":
      return `[${value.values.map(formatNumber).join(", ")}]`;
    case "matrix":
      return `[${value.values.map((row) => `[${row.map(formatNumber).join(", ")}]`).join(", ")}]`;
  }
}

/**
 * Formats a value in its results.json form on one line, with the numbers rounded as
 * `formatNumber` rounds them: `0.34423407917383825` prints as `0.344234`, `[[1, 2]]` stays a
 * matrix and `[1, 2]` a vector.
 */
export function formatJsonValue(value: Exclude<JsonValue, null>): string {
  if (typeof value === "bigint" || typeof value === "string") return String(value);
  if (typeof value === "number") return formatNumber(value);
  const row = (entries: number[]): string => `[${entries.map(formatNumber).join(", ")}]`;
  if (value.every((entry): entry is number => typeof entry === "number")) return row(value);
  return `[${(value as number[][]).map(row).join(", ")}]`;
}

/** Returns a value in its JSON form for `solve --json`. */
export function valueToJson(value: Value): unknown {
  switch (value.kind) {
    case "scalar":
    case "count":
      return value.value;
    case "vector":
    case "matrix":
      return value.values;
  }
}
