/**
 * Serialises results to JSON with the layout of `JSON.stringify(value, null, indent)`, with
 * `margin` put before every line after the first. Integers beyond 2^53 are kept as bigint in
 * memory and written as plain JSON numbers with every digit, which JSON allows and JSON.stringify
 * cannot do. Non-finite numbers, which JSON cannot hold, are written as null, and undefined object
 * fields are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = 2, margin = ""): string {
  return write(value, margin, " ".repeat(indent)) ?? "null";
}

function write(value: unknown, margin: string, step: string): string | undefined {
  if (typeof value === "bigint") return value.toString();
  // The built-in serialiser is much faster, so every part without a bigint goes through it, and
  // only the objects and arrays on the way to a bigint are laid out here.
  if (!holdsBigint(value)) {
    const text = JSON.stringify(value, null, step);
    return margin === "" || step === "" || text === undefined ? text : text.replace(NEWLINES, `\n${margin}`);
  }

  const inner = margin + step;
  const open = step === "" ? "" : `\n${inner}`;
  const close = step === "" ? "" : `\n${margin}`;
  const separator = step === "" ? "," : `,\n${inner}`;

  if (Array.isArray(value)) {
    const items = value.map((item) => write(item, inner, step) ?? "null");
    return `[${open}${items.join(separator)}${close}]`;
  }

  const fields: string[] = [];
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const text = write(entry, inner, step);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${step === "" ? "" : " "}${text}`);
  }
  return `{${open}${fields.join(separator)}${close}}`;
}

const NEWLINES = /\n/g;

/** Tells whether a value is or contains a bigint, looking into arrays and plain objects. */
function holdsBigint(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsBigint(item)) return true;
    return false;
  }
  // A class with toJSON, such as Date, is left to JSON.stringify.
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && holdsBigint((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
