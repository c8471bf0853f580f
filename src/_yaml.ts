import { createRequire } from "node:module";

type YamlModule = typeof import("yaml");

let loaded: YamlModule | null = null;

/**
 * Returns the `yaml` package, loading it on first use. Importing it takes about 30 ms, which a
 * `check` of a Markdown write-up against cached problems never needs to spend.
 */
export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)("yaml") as YamlModule;
  return loaded;
}

type Yaml = YamlModule;

// Wrappers with the package's own signatures, which load it on first call.
export const isMap = ((node: unknown) => yamlModule().isMap(node)) as Yaml["isMap"];
export const isSeq = ((node: unknown) => yamlModule().isSeq(node)) as Yaml["isSeq"];
export const isScalar = ((node: unknown) => yamlModule().isScalar(node)) as Yaml["isScalar"];
export const isAlias = ((node: unknown) => yamlModule().isAlias(node)) as Yaml["isAlias"];
export const parseDocument = ((...args: Parameters<Yaml["parseDocument"]>) =>
  yamlModule().parseDocument(...args)) as Yaml["parseDocument"];

/** Creates a `LineCounter` of the `yaml` package. */
export function createLineCounter(): InstanceType<Yaml["LineCounter"]> {
  return new (yamlModule().LineCounter)();
}

/**
 * Returns the offset of the first `[` or `{` that opens a flow collection nested deeper than
 * `limit`, or null. Brackets inside quoted scalars and comments do not count.
 *
 * The yaml package parses flow collections recursively, so very deep nesting overflows its
 * stack. V8 then sometimes ends the whole process with a fatal out-of-memory error (seen while it
 * compiled a regular expression) instead of throwing, so callers reject such text before parsing.
 */
export function flowNestingOffset(text: string, limit: number): number | null {
  let depth = 0;
  // The previous character, for telling a comment's `#` (after a space) from one inside a word.
  let previous = "\n";
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === "[" || char === "{") {
      depth++;
      if (depth > limit) return index;
    } else if (char === "]" || char === "}") {
      if (depth > 0) depth--;
    } else if (char === '"') {
      index = closingDoubleQuote(text, index);
    } else if (char === "'" && !isWordCharacter(previous)) {
      // In YAML, '' inside a single-quoted scalar is a quote, and the scan reads on past it.
      const end = text.indexOf("'", index + 1);
      index = end === -1 ? text.length : end;
    } else if (char === "#" && (previous === " " || previous === "\t" || previous === "\n")) {
      const end = text.indexOf("\n", index);
      index = end === -1 ? text.length : end - 1;
    }
    previous = text[index] ?? "";
  }
  return null;
}

/** Returns the 1-based line and column of an offset in text, as the yaml package's LineCounter does. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Returns the offset of the `"` that closes the double-quoted scalar opening at `start`. */
function closingDoubleQuote(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === "\\") index++;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

function isWordCharacter(char: string): boolean {
  return /[\p{L}\p{N}_]/u.test(char);
}
