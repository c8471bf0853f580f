// The scalar resolution of YAML 1.2's core schema, as the yaml package (2.9) applies it to plain
// (unquoted) scalars: the first matching pattern below decides the type, else the scalar is a
// string. Quoted scalars are always strings.

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEXADECIMAL = /^0x[0-9a-fA-F]+$/;
const INFINITY_OR_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENTIAL = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Resolves the text of a plain scalar to null, a boolean, a number or the text itself. */
export function resolvePlainScalar(text: string): string | number | boolean | null {
  // Two shortcuts for the common cases give the same result as the patterns below. A decimal
  // integer matches none of the patterns before DECIMAL. Text that starts with a non-ASCII
  // character, or with a letter other than n, t or f (null, true, false), matches none at all.
  if (isDecimalInteger(text)) return parseInt(text, 10);
  if (startsAsString(text)) return text;

  if (NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text[0] === "t" || text[0] === "T";
  if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
  if (DECIMAL.test(text)) return parseInt(text, 10);
  if (HEXADECIMAL.test(text)) return parseInt(text.slice(2), 16);
  if (INFINITY_OR_NAN.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return NaN;
    return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (EXPONENTIAL.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** Tests DECIMAL without a regular expression, which runs slowly until V8 compiles it. */
function isDecimalInteger(text: string): boolean {
  const signed = text[0] === "-" || text[0] === "+";
  if (text.length === (signed ? 1 : 0)) return false;
  for (let i = signed ? 1 : 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function startsAsString(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first >= 0x80) return true;
  const letter = (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a);
  return letter && !"nNtTfF".includes(text[0]);
}
