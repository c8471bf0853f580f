/**
 * Serialises results to JSON with the layout of `JSON.stringify(value, null, indent)`. Integers
 * beyond 2^53 are kept as bigint in memory and written as plain JSON numbers with every digit,
 * which JSON allows and JSON.stringify cannot do. Non-finite numbers, which JSON cannot hold, are
 * written as null, and undefined object fields are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = 2): string {
  let sawBigint = false;
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item !== "bigint") return item;
      sawBigint = true;
      return `${BIGINT_MARKER}${item.toString()}`;
    },
    indent,
  );
  if (text === undefined) return "null";
  return sawBigint ? text.replace(BIGINT_STRING, "$1") : text;
}

// A bigint is written first as a string holding this marker and its digits, and the quoted string
// is then replaced by the digits. The marker starts with U+0000, which JSON.stringify writes as
// the escape \u0000, and carries a random part, so no string from a submission can match it.
const BIGINT_MARKER = `\u0000bigint-${Math.random().toString(36).slice(2)}:`;
const BIGINT_STRING = new RegExp(`"\\\\u0000${BIGINT_MARKER.slice(1)}(-?\\d+)"`, "g");
