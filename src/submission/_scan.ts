/** A range [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/** One token of LaTeX source: a command, a brace, or a single character. */
export interface Token extends Span {
  kind: "command" | "open" | "close" | "char";
  /** The command name without its backslash, or the character itself. */
  name: string;
  /** How many groups (braces, environments, `\left…\right`) enclose the token. */
  depth: number;
}

/** Sizing commands that, like `\left`, are followed by a delimiter such as `[` or `\{`. */
const DELIMITER_COMMANDS = new Set(["big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr"]);

/**
 * Splits LaTeX into tokens, tracking the nesting of braces, environments and `\left…\right`.
 * Linear in the length of the range; unbalanced closers never take the depth below 0.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  return scanTokens(text, start, end, true, KEEP_ALL);
}

/**
 * Top-level tokens that a caller needs. A field left out keeps every token of its kind, so `{}`
 * keeps them all.
 */
export interface TokenMarks {
  /** Characters whose `char` tokens are kept. */
  characters?: string;
  /** Names of the commands whose tokens are kept, without the backslash. */
  commands?: ReadonlySet<string>;
  /** False leaves out the tokens of `{` and `}`; environments and `\left…\right` stay. */
  braces?: boolean;
}

/**
 * Returns the tokens of depth 0 only, the same list as
 * `tokenize(…).filter((t) => t.depth === 0)`, and of those only the ones `marks` names.
 * Callers that split at a few top-level marks name them, because each token left out saves an
 * object.
 *
 * @example
 * topLevelTokens("a = \\frac{1}{2}", 0, 15, { characters: "=", braces: false }) // "=", "frac"
 */
export function topLevelTokens(
  text: string,
  start = 0,
  end = text.length,
  marks: TokenMarks = {},
): Token[] {
  const characters = marks.characters === undefined ? null : characterTable(marks.characters);
  const commands = marks.commands ?? null;
  const commandShapes = commands === null ? null : commandShapeTable(commands);
  const filter = { characters, commands, commandShapes, braces: marks.braces ?? true };
  return scanTokens(text, start, end, false, filter);
}

/** The tokens scanTokens keeps at depth 0, by kind; null keeps every token of that kind. */
interface TokenFilter {
  characters: Uint8Array | null;
  commands: ReadonlySet<string> | null;
  /** The shape table of `commands` (see commandShapeTable), or null when commands is null. */
  commandShapes: Uint8Array | null;
  braces: boolean;
}

const KEEP_ALL: TokenFilter = { characters: null, commands: null, commandShapes: null, braces: true };

/** Maximum length of a name that commandShapeTable records; longer names are always sliced. */
const MAX_SHAPED_NAME = 31;

const commandShapeTables = new WeakMap<ReadonlySet<string>, Uint8Array>();

/**
 * Returns a table, indexed by `firstCode * 32 + length`, with 1 for the first character and the
 * length of each name in the set whose first character is ASCII and whose length is at most
 * MAX_SHAPED_NAME. A command of another shape cannot be in the set, so scanTokens does not slice
 * its name out of the text to look it up. The table is made once per set, which must not change.
 */
function commandShapeTable(commands: ReadonlySet<string>): Uint8Array {
  let table = commandShapeTables.get(commands);
  if (table === undefined) {
    table = new Uint8Array(128 * 32);
    for (const name of commands) {
      const code = name.charCodeAt(0);
      if (code < 128 && name.length <= MAX_SHAPED_NAME) table[code * 32 + name.length] = 1;
    }
    commandShapeTables.set(commands, table);
  }
  return table;
}

/**
 * Tells whether the command name at [start, end) may be in the set that `shapes` was made from:
 * its shape is in the table, or the table cannot tell because the name is empty, long or starts
 * outside ASCII.
 */
function mayBeListedCommand(shapes: Uint8Array, text: string, start: number, end: number): boolean {
  const code = text.charCodeAt(start);
  const length = end - start;
  if (length === 0 || code >= 128 || length > MAX_SHAPED_NAME) return true;
  return shapes[code * 32 + length] === 1;
}

const characterTables = new Map<string, Uint8Array>();

/**
 * Returns a lookup table indexed by UTF-16 code, 1 for each of the characters. Each table takes
 * 64 KiB and is kept, which suits the few fixed sets that callers pass.
 */
function characterTable(characters: string): Uint8Array {
  let table = characterTables.get(characters);
  if (table === undefined) {
    table = new Uint8Array(0x10000);
    for (let i = 0; i < characters.length; i++) table[characters.charCodeAt(i)] = 1;
    characterTables.set(characters, table);
  }
  return table;
}

const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Tokenizes a range, keeping the tokens inside groups only with `keepNested`. The filter applies
 * to `char`, command and brace tokens; environments and `\left…\right` are always kept.
 */
function scanTokens(
  text: string,
  start: number,
  end: number,
  keepNested: boolean,
  filter: TokenFilter,
): Token[] {
  const { characters, commands, commandShapes, braces } = filter;
  const tokens: Token[] = [];
  let depth = 0;
  let i = start;

  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const commandEnd = readCommandName(text, i + 1, end);
      // A name that no token keeps is only compared, so it is not copied out of the text unless
      // it may be one of the delimiter commands, which all start with "b" or "B". That is every
      // name inside a group, and at depth 0 every name that the filter's commands cannot hold.
      const mayBeKept =
        (keepNested || depth === 0) &&
        (commandShapes === null || mayBeListedCommand(commandShapes, text, i + 1, commandEnd));
      const firstLetter = text.charCodeAt(i + 1);
      const name =
        mayBeKept || firstLetter === 98 || firstLetter === 66
          ? text.slice(i + 1, commandEnd)
          : structuralName(text, i + 1, commandEnd);
      let tokenEnd = commandEnd;

      if (name === "begin" || name === "end") {
        tokenEnd = skipEnvironmentName(text, commandEnd, end);
        const opens = name === "begin";
        if (!opens) depth = Math.max(0, depth - 1);
        if (keepNested || depth === 0) {
          const environment = environmentName(text, commandEnd, tokenEnd);
          const kind = opens ? "open" : "close";
          tokens.push({ kind, name: environment, start: i, end: tokenEnd, depth });
        }
        if (opens) depth += 1;
      } else if (name === "left" || name === "right") {
        tokenEnd = skipDelimiter(text, commandEnd, end);
        const opens = name === "left";
        if (!opens) depth = Math.max(0, depth - 1);
        if (keepNested || depth === 0) {
          tokens.push({ kind: opens ? "open" : "close", name, start: i, end: tokenEnd, depth });
        }
        if (opens) depth += 1;
      } else {
        // Every delimiter command starts with "b" or "B". Testing that letter first spares other
        // commands the set lookup, which hashes the freshly sliced name.
        const isDelimiter = (firstLetter === 98 || firstLetter === 66) && DELIMITER_COMMANDS.has(name);
        if (isDelimiter) tokenEnd = skipDelimiter(text, commandEnd, end);
        if ((keepNested || depth === 0) && (commands === null || commands.has(name))) {
          tokens.push({ kind: "command", name, start: i, end: tokenEnd, depth });
        }
      }
      i = tokenEnd;
    } else if (code === OPEN_BRACE) {
      if ((keepNested || depth === 0) && braces) {
        tokens.push({ kind: "open", name: "{", start: i, end: i + 1, depth });
      }
      depth += 1;
      i += 1;
    } else if (code === CLOSE_BRACE) {
      depth = Math.max(0, depth - 1);
      if ((keepNested || depth === 0) && braces) {
        tokens.push({ kind: "close", name: "}", start: i, end: i + 1, depth });
      }
      i += 1;
    } else if (keepNested || depth === 0) {
      if (characters === null || characters[code] === 1) {
        tokens.push({ kind: "char", name: text[i], start: i, end: i + 1, depth });
      }
      i += 1;
    } else {
      // Inside a group only a backslash or a brace changes anything, so the loop skips to the
      // next one. A loop costs less than a regular expression here, because most runs between
      // two of them are a few characters long, as in `\frac{1}{2}`.
      i += 1;
      while (i < end) {
        const next = text.charCodeAt(i);
        if (next === BACKSLASH || next === OPEN_BRACE || next === CLOSE_BRACE) break;
        i += 1;
      }
    }
  }
  return tokens;
}

/**
 * Returns the name in `{name}` at [start, end) without whitespace and braces. A name of letters
 * and `*` right inside the braces, as almost every environment has, is sliced without a regex.
 */
function environmentName(text: string, start: number, end: number): string {
  if (end - start >= 2 && text.charCodeAt(start) === OPEN_BRACE) {
    let i = start + 1;
    for (; i < end - 1; i++) {
      const lower = text.charCodeAt(i) | 0x20;
      if ((lower < 97 || lower > 122) && text.charCodeAt(i) !== ASTERISK) break;
    }
    if (i === end - 1) return text.slice(start + 1, end - 1);
  }
  return text.slice(start, end).replace(/[\s{}]/g, "");
}

const ASTERISK = 42;

/**
 * Returns the command name at [start, end) when it is one of the commands that change the depth
 * (`begin`, `end`, `left`, `right`), else "", without copying it out of the text. The length and
 * first letter pick the one name to compare.
 */
function structuralName(text: string, start: number, end: number): string {
  let name: string;
  switch (text.charCodeAt(start)) {
    case 98: // b
      name = "begin";
      break;
    case 101: // e
      name = "end";
      break;
    case 108: // l
      name = "left";
      break;
    case 114: // r
      name = "right";
      break;
    default:
      return "";
  }
  return end - start === name.length && text.startsWith(name, start) ? name : "";
}

/** Returns the end of a command name: letters, or else exactly one other character. */
function readCommandName(text: string, i: number, end: number): number {
  let j = readLetters(text, i, end);
  if (j === i && i < end) j += 1;
  return j;
}

/** Returns the end of the run of ASCII letters that starts at `i`. */
function readLetters(text: string, i: number, end: number): number {
  let j = i;
  for (; j < end; j++) {
    // Setting bit 5 maps A-Z onto a-z, so one range test covers both cases.
    const lower = text.charCodeAt(j) | 0x20;
    if (lower < 97 || lower > 122) break;
  }
  return j;
}

function skipEnvironmentName(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && text[j] === " ") j += 1;
  if (text[j] !== "{") return i;
  const close = text.indexOf("}", j);
  return close < 0 || close >= end ? i : close + 1;
}

/** Skips the delimiter after `\left`/`\right`: one character such as `[` or `.`, or a command. */
function skipDelimiter(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && text[j] === " ") j += 1;
  if (j >= end) return j;
  if (text[j] === "\\") return readCommandName(text, j + 1, end);
  return j + 1;
}

/**
 * Returns the index just past the `}` that closes the `{` at `open`, or -1 when it never
 * closes. Escaped braces (`\{`) do not count.
 */
export function closingBrace(text: string, open: number, end = text.length): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      i += 1;
    } else if (code === OPEN_BRACE) {
      depth += 1;
    } else if (code === CLOSE_BRACE) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits a range at the depth-0 tokens (of that range) for which `isSeparator` is true. */
export function splitAtTopLevel(
  tokens: Token[],
  span: Span,
  isSeparator: (token: Token) => boolean,
): Span[] {
  // Made at the first separator: most ranges have none, and a one-part list made whole is
  // smaller than one grown by push.
  let parts: Span[] | null = null;
  let start = span.start;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.depth === 0 && isSeparator(token)) {
      const part = { start, end: token.start };
      if (parts === null) parts = [part];
      else parts.push(part);
      start = token.end;
    }
  }
  const last = { start, end: span.end };
  if (parts === null) return [last];
  parts.push(last);
  return parts;
}

/**
 * Returns, for each `{` at or after `from` in `text`, the index just past its closing `}`, or 0
 * when it never closes or is escaped, at index `offset - from`. One pass with a stack keeps many
 * unclosed groups linear, and the result agrees with closingBrace for every unescaped `{`.
 * The character at `from` must not be escaped, as a `{` after a letter or a space is not, so that
 * the pass pairs backslashes with the characters they escape as a pass from the start would.
 * Starting at the first `{` a caller asks about skips the text before it, and 0 for "none" lets
 * the array keep the zeros it is made with.
 */
function closingBraces(text: string, from: number): Int32Array {
  const closes = new Int32Array(text.length - from);
  const openings: number[] = [];
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      i += 1;
    } else if (code === OPEN_BRACE) {
      openings.push(i);
    } else if (code === CLOSE_BRACE && openings.length > 0) {
      closes[openings.pop()! - from] = i + 1;
    }
  }
  return closes;
}

/**
 * Finds every `\name{…}` in the text and returns the span of each argument's content, in order.
 * Used for `\boxed{…}`, whose last occurrence marks a final answer.
 */
export function commandArguments(text: string, name: string, span: Span): Span[] {
  // Searching a slice keeps each call proportional to the span, not to the rest of the text.
  const part = text.slice(span.start, span.end);
  const found: Span[] = [];
  const needle = "\\" + name;
  let closes: Int32Array | null = null;
  let closesFrom = 0;
  let argumentCount = 0;
  let i = part.indexOf(needle);
  while (i >= 0) {
    const afterName = i + needle.length;
    let open = afterName;
    while (open < part.length && part[open] === " ") open += 1;
    const isWholeName = !ASCII_LETTER.test(part[afterName] ?? "");
    if (isWholeName && part[open] === "{") {
      argumentCount += 1;
      let close: number;
      if (argumentCount === 1 && name !== "") {
        // Most texts have one such argument, and closingBrace stops at its end. Searching for
        // each of many could scan the text again and again, so later ones share one pass.
        close = Math.max(closingBrace(part, open), 0);
      } else {
        // The last letter of a name or a space comes before this `{`, so it is not escaped.
        if (closes === null) {
          closesFrom = name === "" ? 0 : open;
          closes = closingBraces(part, closesFrom);
        }
        close = closes[open - closesFrom];
      }
      if (close > 0) found.push({ start: span.start + open + 1, end: span.start + close - 1 });
    }
    i = part.indexOf(needle, afterName);
  }
  return found;
}

/**
 * Replaces each `\name{…}` of the given commands with what `replace` returns for its content.
 * Makes one pass per command; `replace` receives the raw content, so it handles nesting itself.
 */
export function replaceCommands(
  text: string,
  names: string[],
  replace: (content: string, name: string) => string,
): string {
  // Most texts contain none of the commands, and then no pass would change anything.
  if (!containsCommand(text, names)) return text;

  let result = text;
  for (const name of names) {
    const needle = "\\" + name;
    let out = "";
    let i = 0;
    let closes: Int32Array | null = null;
    let closesFrom = 0;
    for (;;) {
      const at = result.indexOf(needle, i);
      if (at < 0) break;
      const afterName = at + needle.length;
      let open = afterName;
      while (result[open] === " ") open += 1;
      const partOfLongerName = ASCII_LETTER.test(result[afterName] ?? "");
      let close = 0;
      if (!partOfLongerName && result[open] === "{") {
        // The last letter of a name or a space comes before this `{`, so it is not escaped.
        if (closes === null) {
          closesFrom = name === "" ? 0 : open;
          closes = closingBraces(result, closesFrom);
        }
        close = closes[open - closesFrom];
      }
      if (close === 0) {
        out += result.slice(i, afterName);
        i = afterName;
        continue;
      }
      out += result.slice(i, at) + replace(result.slice(open + 1, close - 1), name);
      i = close;
    }
    result = out + result.slice(i);
  }
  return result;
}

/**
 * Tells whether the text contains one of the commands: a backslash followed by a name and then
 * no further letter, so `\\textbf` is not `\\text`.
 */
export function containsCommand(text: string, names: string[]): boolean {
  for (let at = text.indexOf("\\"); at >= 0; at = text.indexOf("\\", at + 1)) {
    const end = readLetters(text, at + 1, text.length);
    if (end > at + 1 && names.includes(text.slice(at + 1, end))) return true;
  }
  return false;
}

/** Made once, because a regular expression literal in a function makes an object per call. */
const ASCII_LETTER = /[A-Za-z]/;
