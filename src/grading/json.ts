/**
 * Serialises results to JSON with the layout of `JSON.stringify(value, null, indent)`. Integers
 * beyond 2^53 are kept as bigint in memory and written as plain JSON numbers with every digit,
 * which JSON allows and JSON.stringify cannot do. Non-finite numbers, which JSON cannot hold, are
 * written as null, and undefined object fields are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = 2): string {
  return write(value, "", " ".repeat(indent)) ?? "null";
}

function write(value: unknown, margin: string, step: string): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";

  // The built-in serialiser is much faster and lays out the same text; it throws only on a bigint,
  // which then sends this one value through the loop below.
  try {
    const text = JSON.stringify(value, null, step);
    return margin === "" || step === "" ? text : text.replace(/\n/g, `\n${margin}`);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }

  const inner = margin + step;
  const open = step === "" ? "" : `\n${inner}`;
  const close = step === "" ? "" : `\n${margin}`;
  const separator = step === "" ? "," : `,\n${inner}`;

  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => write(item, inner, step) ?? "null");
    return `[${open}${items.join(separator)}${close}]`;
  }

  const fields: string[] = [];
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const text = write(entry, inner, step);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${step === "" ? "" : " "}${text}`);
  }
  if (fields.length === 0) return "{}";
  return `{${open}${fields.join(separator)}${close}}`;
}
