import { resolvePlainScalar } from "./_coreSchema.js";
import type { SourceList, SourceMap, SourceNode, SourcePair, SourceScalar } from "./_sourceTree.js";

// Fast readers for the shapes that most answers files take: YAML block mappings whose values are
// scalars or one-line flow sequences, and plain JSON. Each builds the SourceNode tree that the
// yaml package (2.9) would build for that text, with the same offsets except at the end of a
// block mapping (see readBlockMap). On anything outside its subset a reader returns null, and
// the caller parses the text with the yaml package instead.

/** Error thrown inside a reader on text outside its subset, which makes the reader return null. */
class OutsideSubset extends Error {}

/**
 * Deepest nesting either reader takes. A matrix answer needs 5 levels, and deeper files go to
 * the yaml package, whose path also reports nesting beyond the limit of answers files.
 */
const MAX_DEPTH = 32;

/**
 * Longest key either reader takes, in characters. YAML rejects an implicit key longer than 1024
 * characters, so long keys are left to the yaml package's error.
 */
const MAX_KEY_LENGTH = 1000;

// Classes of ASCII characters, by code, as bits. The readers test characters with this table
// rather than regular expressions, which V8 runs slowly until it has compiled them.
const BLOCK_PLAIN = 1;
const FLOW_PLAIN = 2;
/** Characters that may start a plain scalar. readPlain also allows `-`, `+` and `.` in some cases. */
const PLAIN_FIRST = 4;
const ALPHANUMERIC = 8;
const CHARACTER_CLASSES = new Uint8Array(128);
const LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
for (const c of LETTERS_AND_DIGITS + "_-+./\\^$()=<>~*;") {
  CHARACTER_CLASSES[c.charCodeAt(0)] |= BLOCK_PLAIN | FLOW_PLAIN;
}
// A comma or a brace ends a scalar inside a flow sequence but is literal in block context.
for (const c of ",{}") CHARACTER_CLASSES[c.charCodeAt(0)] |= BLOCK_PLAIN;
for (const c of LETTERS_AND_DIGITS + "_\\$(~") CHARACTER_CLASSES[c.charCodeAt(0)] |= PLAIN_FIRST;
for (const c of LETTERS_AND_DIGITS) CHARACTER_CLASSES[c.charCodeAt(0)] |= ALPHANUMERIC;

/** Returns true when the character's code point may appear in the given class. */
function inClass(code: number, characterClass: number): boolean {
  return code < 0x80 ? (CHARACTER_CLASSES[code] & characterClass) !== 0 : false;
}

/**
 * Tests a character of a scalar or a comment: printable ASCII, or non-ASCII other than C1
 * controls, the byte order mark, U+2028, U+2029, U+FFFE and U+FFFF. Tabs and other control
 * characters, whose handling differs between YAML contexts, send the file to the yaml package.
 */
function isTextCharacter(code: number): boolean {
  if (code < 0x80) return code >= 0x20 && code !== 0x7f;
  return code >= 0xa0 && code !== 0xfeff && code !== 0x2028 && code !== 0x2029 && code < 0xfffe;
}

/**
 * Reads a YAML file made of block mappings indented with spaces, with `key: value` lines whose
 * values are plain or quoted scalars or flow sequences on one line, plus blank and comment lines.
 * Returns null for anything else: block sequences, multi-line scalars, anchors, aliases, tags,
 * flow mappings, escapes, document markers, directives, duplicate keys, empty values and
 * mappings as question values.
 */
export function readPlainYaml(text: string): SourceNode | null {
  try {
    const reader = new Reader(text);
    const first = reader.peekContentLine();
    if (first === null || first.indent !== 0) return null;
    return reader.readBlockMap(0, 0);
  } catch (error) {
    if (error instanceof OutsideSubset) return null;
    throw error;
  }
}

/**
 * Reads JSON whose strings have no escapes and whose keys are unique and not `__proto__`, laid
 * out with spaces and line feeds, with each key on the same line as its `:` and value. Returns
 * null for anything else, including text that is not valid JSON.
 */
export function readPlainJson(text: string): SourceNode | null {
  try {
    const reader = new Reader(text);
    reader.skipWhitespace();
    if (reader.text[reader.pos] !== "{") return null;
    const root = reader.readJsonValue(0);
    reader.skipWhitespace();
    return reader.pos === text.length ? root : null;
  } catch (error) {
    if (error instanceof OutsideSubset) return null;
    throw error;
  }
}

interface ContentLine {
  indent: number;
  /** Offset of the first character after the indentation. */
  start: number;
}

class Reader {
  pos = 0;

  constructor(readonly text: string) {}

  /** Returns the next line that contains more than spaces or a comment, without consuming it. */
  peekContentLine(): ContentLine | null {
    const { text } = this;
    let lineStart = this.pos;
    while (lineStart < text.length) {
      let start = lineStart;
      while (text[start] === " ") start += 1;
      if (start < text.length && text[start] !== "\n" && text[start] !== "#") {
        return { indent: start - lineStart, start };
      }
      lineStart = this.skipComment(start);
    }
    this.pos = text.length;
    return null;
  }

  readBlockMap(indent: number, depth: number): SourceMap {
    // NOTE: `end` is where the last value ends, not the yaml package's end of a block mapping
    // (which takes in trailing comments and line breaks). The answers reader never reads the
    // end of a mapping above question level, and below it readBlockMap gives up.
    if (depth > 2) throw new OutsideSubset();
    const pairs: SourcePair[] = [];
    const keys = new Set<string>();
    let start = -1;
    let end = -1;
    for (;;) {
      const line = this.peekContentLine();
      if (line === null || line.indent < indent) break;
      if (line.indent > indent) throw new OutsideSubset();
      this.pos = line.start;
      if (start === -1) start = line.start;

      const key = this.readKey();
      const name = String(key.value);
      if (keys.has(name)) throw new OutsideSubset();
      keys.add(name);

      this.skipSpaces();
      let value: SourceNode;
      if (this.atLineEnd()) {
        this.skipLine();
        const next = this.peekContentLine();
        // An empty value, or a block sequence (`- item`), is left to the yaml package.
        if (next === null || next.indent <= indent || this.text[next.start] === "-") {
          throw new OutsideSubset();
        }
        value = this.readBlockMap(next.indent, depth + 1);
      } else {
        value = this.readInlineValue(depth + 1);
        this.skipSpaces();
        if (!this.atLineEnd()) throw new OutsideSubset();
        this.skipLine();
      }
      pairs.push({ key, value });
      end = value.end;
    }
    return { kind: "map", pairs, start, end };
  }

  /** Reads a block mapping's key and its `:`, which must be followed by a space or a line end. */
  private readKey(): SourceScalar {
    const quote = this.text[this.pos];
    const key = quote === '"' || quote === "'" ? this.readQuoted() : this.readPlain(BLOCK_PLAIN);
    if (key.end - key.start > MAX_KEY_LENGTH) throw new OutsideSubset();
    this.skipSpaces();
    if (this.text[this.pos] !== ":") throw new OutsideSubset();
    this.pos += 1;
    const after = this.text[this.pos];
    if (after !== " " && after !== "\n" && after !== undefined) throw new OutsideSubset();
    return key;
  }

  private readInlineValue(depth: number): SourceNode {
    const c = this.text[this.pos];
    if (c === "[") return this.readFlowSequence(depth);
    if (c === '"' || c === "'") return this.readQuoted();
    return this.readPlain(BLOCK_PLAIN);
  }

  private readFlowSequence(depth: number): SourceList {
    if (depth > MAX_DEPTH) throw new OutsideSubset();
    const start = this.pos;
    const items: SourceNode[] = [];
    this.pos += 1;
    this.skipSpaces();
    if (this.text[this.pos] !== "]") {
      for (;;) {
        const c = this.text[this.pos];
        if (c === "[") items.push(this.readFlowSequence(depth + 1));
        else if (c === '"' || c === "'") items.push(this.readQuoted());
        else items.push(this.readPlain(FLOW_PLAIN));
        this.skipSpaces();
        if (this.text[this.pos] === "]") break;
        if (this.text[this.pos] !== ",") throw new OutsideSubset();
        this.pos += 1;
        this.skipSpaces();
        // A trailing comma, `[1, 2,]`, is left to the yaml package.
        if (this.text[this.pos] === "]") throw new OutsideSubset();
      }
    }
    this.pos += 1;
    return { kind: "list", items, start, end: this.pos };
  }

  /**
   * Reads a plain scalar on one line from characters of `context`, with spaces inside.
   * Its first character may not be a YAML indicator: `-`, `+` and `.` start a scalar only when a
   * letter or digit (or `.` after a sign) follows, as in `-1`, `+.5` or `.inf`.
   */
  private readPlain(context: number): SourceScalar {
    const { text } = this;
    const start = this.pos;
    const first = text.charCodeAt(start);
    const second = text.charCodeAt(start + 1);
    if (first === 0x2d || first === 0x2b) {
      if (!inClass(second, ALPHANUMERIC) && second !== 0x2e) throw new OutsideSubset();
    } else if (first === 0x2e) {
      if (!inClass(second, ALPHANUMERIC)) throw new OutsideSubset();
    } else if (first < 0x80 ? !inClass(first, PLAIN_FIRST) : !isTextCharacter(first)) {
      throw new OutsideSubset();
    }

    let end = start;
    for (let pos = start; pos < text.length; pos += 1) {
      const code = text.charCodeAt(pos);
      if (code === 0x20) continue;
      if (code < 0x80 ? !inClass(code, context) : !isTextCharacter(code)) break;
      end = pos + 1;
    }
    this.pos = end;
    return { kind: "scalar", value: resolvePlainScalar(text.slice(start, end)), start, end };
  }

  /** Reads a one-line quoted scalar without escapes: no `\` in "…", no `''` in '…'. */
  private readQuoted(): SourceScalar {
    const { text } = this;
    const start = this.pos;
    const quote = text[start];
    let pos = start + 1;
    while (pos < text.length && text[pos] !== quote) {
      const escape = text[pos] === "\\" && quote === '"';
      if (escape || !isTextCharacter(text.charCodeAt(pos))) throw new OutsideSubset();
      pos += 1;
    }
    if (pos === text.length || text[pos + 1] === quote) throw new OutsideSubset();
    this.pos = pos + 1;
    return { kind: "scalar", value: text.slice(start + 1, pos), start, end: pos + 1 };
  }

  readJsonValue(depth: number): SourceNode {
    if (depth > MAX_DEPTH) throw new OutsideSubset();
    const c = this.text[this.pos];
    if (c === "{") return this.readJsonObject(depth);
    if (c === "[") return this.readJsonArray(depth);
    if (c === '"') return this.readQuoted();
    return this.readJsonLiteral();
  }

  private readJsonObject(depth: number): SourceMap {
    const start = this.pos;
    const pairs: SourcePair[] = [];
    const keys = new Set<string>();
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] !== "}") {
      for (;;) {
        if (this.text[this.pos] !== '"') throw new OutsideSubset();
        const key = this.readQuoted();
        const name = key.value as string;
        if (key.end - key.start > MAX_KEY_LENGTH || name === "__proto__" || keys.has(name)) {
          throw new OutsideSubset();
        }
        keys.add(name);
        // YAML wants an implicit key on the same line as its `:`, and the value follows on it too.
        this.skipSpaces();
        if (this.text[this.pos] !== ":") throw new OutsideSubset();
        this.pos += 1;
        this.skipSpaces();
        pairs.push({ key, value: this.readJsonValue(depth + 1) });
        if (this.readJsonSeparator("}")) break;
        if (this.text[this.pos] !== '"') throw new OutsideSubset();
      }
    }
    this.pos += 1;
    return { kind: "map", pairs, start, end: this.pos };
  }

  private readJsonArray(depth: number): SourceList {
    const start = this.pos;
    const items: SourceNode[] = [];
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] !== "]") {
      for (;;) {
        items.push(this.readJsonValue(depth + 1));
        if (this.readJsonSeparator("]")) break;
        if (this.text[this.pos] === "]") throw new OutsideSubset();
      }
    }
    this.pos += 1;
    return { kind: "list", items, start, end: this.pos };
  }

  /** Skips whitespace and a comma; returns true at `close` instead, leaving it unread. */
  private readJsonSeparator(close: string): boolean {
    this.skipWhitespace();
    if (this.text[this.pos] === close) return true;
    if (this.text[this.pos] !== ",") throw new OutsideSubset();
    this.pos += 1;
    this.skipWhitespace();
    return false;
  }

  /** Reads a JSON number, `true`, `false` or `null`, which YAML resolves the same way. */
  private readJsonLiteral(): SourceScalar {
    const { text } = this;
    const start = this.pos;
    let end = -1;
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, start)) end = start + word.length;
    }
    if (end === -1) end = this.jsonNumberEnd(start);

    const after = text[end];
    if (after !== undefined && !",]} \n".includes(after)) throw new OutsideSubset();
    this.pos = end;
    const literal = text.slice(start, end);
    return { kind: "scalar", value: resolvePlainScalar(literal), start, end };
  }

  /**
   * Returns the end of the JSON number at `start`: `-`, an integer part without leading zeros,
   * an optional fraction and an optional exponent.
   */
  private jsonNumberEnd(start: number): number {
    const { text } = this;
    let pos = start;
    const digitsFrom = (from: number): number => {
      let at = from;
      while (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at += 1;
      if (at === from) throw new OutsideSubset();
      return at;
    };

    if (text[pos] === "-") pos += 1;
    pos = text[pos] === "0" ? pos + 1 : digitsFrom(pos);
    if (text[pos] === ".") pos = digitsFrom(pos + 1);
    if (text[pos] === "e" || text[pos] === "E") {
      pos += 1;
      if (text[pos] === "+" || text[pos] === "-") pos += 1;
      pos = digitsFrom(pos);
    }
    return pos;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " ") this.pos += 1;
  }

  skipWhitespace(): void {
    while (this.text[this.pos] === " " || this.text[this.pos] === "\n") this.pos += 1;
  }

  /** Returns true at a line end or at a comment, which YAML allows only after a space. */
  private atLineEnd(): boolean {
    const c = this.text[this.pos];
    if (c === undefined || c === "\n") return true;
    return c === "#" && this.text[this.pos - 1] === " ";
  }

  /** Skips the rest of a line, which may only be a comment. */
  private skipLine(): void {
    this.pos = this.skipComment(this.pos);
  }

  /** Returns the offset after the line feed that ends a comment, checking its characters. */
  private skipComment(from: number): number {
    const { text } = this;
    let pos = from;
    while (pos < text.length && text.charCodeAt(pos) !== 0x0a) {
      if (!isTextCharacter(text.charCodeAt(pos))) throw new OutsideSubset();
      pos += 1;
    }
    return pos + 1;
  }
}
