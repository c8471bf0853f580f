/**
 * Serialises results to JSON with the layout of `JSON.stringify(value, null, indent)`, indented
 * as if it sat `depth` levels deep in arrays laid out the same way. Integers beyond 2^53 are kept
 * as bigint in memory and written as plain JSON numbers with every digit, which JSON allows and
 * JSON.stringify cannot do. Non-finite numbers, which JSON cannot hold, are written as null, and
 * undefined object fields are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = 2, depth = 0): string {
  // Wrapping the value in arrays lets JSON.stringify indent it, which is faster than re-indenting
  // its text afterwards. The wrappers' own brackets are then cut off.
  let wrapped = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];

  // Most results contain no bigint, and JSON.stringify without a replacer is several times faster.
  // With a bigint it throws a TypeError before returning, and the replacer below takes over.
  let text: string | undefined;
  let sawLargeInteger = false;
  try {
    text = JSON.stringify(wrapped, null, indent);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // A bigint that is a safe integer prints the same as the equal number. A larger one is
    // marked here and its quotes are removed below.
    text = JSON.stringify(
      wrapped,
      (_key, item: unknown) => {
        if (typeof item !== "bigint") return item;
        if (item >= -MAX_SAFE && item <= MAX_SAFE) return Number(item);
        sawLargeInteger = true;
        return `${LARGE_INTEGER_MARKER}${item.toString()}`;
      },
      indent,
    );
  }
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
  return sawLargeInteger ? unwrapped.replace(LARGE_INTEGER_STRING, "$1") : unwrapped;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// An integer beyond 2^53 is written first as a string holding this marker and its digits, and the
// quoted string is then replaced by the digits. The marker starts with U+0000, which
// JSON.stringify writes as the escape \u0000, and carries a random part, so no string from a
// submission can match it.
const LARGE_INTEGER_MARKER = `\u0000bigint-${Math.random().toString(36).slice(2)}:`;
const LARGE_INTEGER_STRING = new RegExp(`"\\\\u0000${LARGE_INTEGER_MARKER.slice(1)}(-?\\d+)"`, "g");
