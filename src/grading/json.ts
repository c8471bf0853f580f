/**
 * Serialises results to JSON with the layout of `JSON.stringify(value, null, indent)`, indented
 * as if it sat `depth` levels deep in arrays laid out the same way. Integers beyond 2^53 are kept
 * as bigint in memory and written as plain JSON numbers with every digit, which JSON allows and
 * JSON.stringify cannot do. Non-finite numbers, which JSON cannot hold, are written as null, and
 * undefined object fields are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = 2, depth = 0): string {
  if (indent === 0 && depth === 0) {
    // Most results hold no bigint, and JSON.stringify rejects one with a TypeError, so trying it
    // first spares the walk below for every other value.
    try {
      return JSON.stringify(value) ?? "null";
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  }
  // Wrapping the value in arrays lets JSON.stringify indent it, which is faster than re-indenting
  // its text afterwards. The wrappers' own brackets are then cut off.
  let wrapped = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];

  // JSON.stringify rejects bigints, and a replacer function, called for every value, makes it
  // slower than this walk, which copies only the arrays and objects that lead to a bigint.
  const large = { seen: false };
  const text = JSON.stringify(replaceBigints(wrapped, large), null, indent);
  if (text === undefined) return "null";

  // Level i of the wrappers opens with "[", a line end and the indentation of level i + 1. It
  // closes with a line end, the indentation of level i and "]". Without indentation, both are one
  // bracket.
  let opening = 0;
  let closing = 0;
  for (let level = 0; level < depth; level++) {
    opening += indent === 0 ? 1 : 2 + indent * (level + 1);
    closing += indent === 0 ? 1 : 2 + indent * level;
  }
  const unwrapped = text.slice(opening, text.length - closing);
  return large.seen ? unwrapped.replace(LARGE_INTEGER_STRING, "$1") : unwrapped;
}

/**
 * Returns `value` with each bigint that is a safe integer replaced by the equal number, which
 * prints the same, and each larger one by a string of LARGE_INTEGER_MARKER and its digits, noted
 * in `large`. Arrays and objects without a bigint inside are returned as they are.
 */
function replaceBigints(value: unknown, large: { seen: boolean }): unknown {
  if (typeof value === "bigint") {
    if (value >= -MAX_SAFE && value <= MAX_SAFE) return Number(value);
    large.seen = true;
    return `${LARGE_INTEGER_MARKER}${value.toString()}`;
  }
  if (typeof value !== "object" || value === null) return value;

  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      // Most items are numbers, checked here without a call.
      if (typeof item === "number") continue;
      const replaced = replaceBigints(item, large);
      if (replaced === item) continue;
      copy ??= value.slice();
      copy[index] = replaced;
    }
    return copy ?? value;
  }

  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    const replaced = replaceBigints(item, large);
    if (replaced === item) continue;
    // A spread copy keeps the order of the keys, which the JSON text follows.
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = replaced;
  }
  return copy ?? value;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// An integer beyond 2^53 is written first as a string holding this marker and its digits, and the
// quoted string is then replaced by the digits. The marker starts with U+0000, which
// JSON.stringify writes as the escape \u0000, and carries a random part, so no string from a
// submission can match it.
const LARGE_INTEGER_MARKER = `\u0000bigint-${Math.random().toString(36).slice(2)}:`;
const LARGE_INTEGER_STRING = new RegExp(`"\\\\u0000${LARGE_INTEGER_MARKER.slice(1)}(-?\\d+)"`, "g");
