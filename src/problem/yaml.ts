import type { Document, Node } from "yaml";
import { flowNestingOffset, positionOf, yamlModule } from "../_yaml.js";
import type { Location } from "../errors.js";

/** A path into parsed YAML data, as keys and indexes from the root. */
export type DataPath = (string | number)[];

/** YAML parsed to plain data, able to point any path back at its line and column. */
export interface LocatedYaml {
  data: unknown;
  /** Returns the location of the value at `path`, or of its nearest existing parent. */
  locate(path: DataPath): Location;
}

/** A YAML syntax error, with where it happened. */
export interface YamlSyntaxError {
  message: string;
  location: Location;
}

// Nesting deeper than this is no problem or rubric anyone writes; refusing it keeps a crafted file
// from exhausting the stack while it is converted to data.
const MAX_DEPTH = 64;

/**
 * Parses YAML (JSON is YAML too) and keeps a line counter, so that errors found later in the
 * data can name their line. Returns a syntax error instead of throwing.
 */
export function parseLocatedYaml(text: string, file: string): LocatedYaml | YamlSyntaxError {
  // Checked before parsing, because the parser can take the process down on such text.
  const flowOffset = flowNestingOffset(text, MAX_DEPTH);
  if (flowOffset !== null) {
    const { line, col } = positionOf(text, flowOffset);
    return { message: `nesting is deeper than ${MAX_DEPTH} levels; flatten the file`, location: { file, line, column: col } };
  }

  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const firstError = document.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    // The yaml package reports a stack overflow on deeply nested input as a parse error.
    const message = /call stack/i.test(firstError.message)
      ? `nesting is deeper than ${MAX_DEPTH} levels; flatten the file`
      : (firstError.message.split("\n")[0] ?? "invalid YAML");
    return { message, location: { file, line: position.line, column: position.col } };
  }

  const depth = measureDepth(document.contents, 0);
  if (depth > MAX_DEPTH) {
    return {
      message: `nesting is deeper than ${MAX_DEPTH} levels; flatten the file`,
      location: { file, line: 1, column: 1 },
    };
  }

  let data: unknown;
  try {
    // maxAliasCount bounds the expansion of YAML aliases, which would otherwise let a few lines
    // ("billion laughs") expand into gigabytes.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      message: error instanceof Error ? error.message : String(error),
      location: { file, line: 1, column: 1 },
    };
  }

  return {
    data,
    locate(path: DataPath): Location {
      const node = nodeAt(document, path);
      const offset = node?.range?.[0] ?? 0;
      const position = lineCounter.linePos(offset);
      return { file, line: position.line, column: position.col };
    },
  };
}

/** Returns true when the parse gave a syntax error rather than data. */
export function isYamlSyntaxError(result: LocatedYaml | YamlSyntaxError): result is YamlSyntaxError {
  return "message" in result;
}

/** A number that is NaN or infinite, and where it is in the data. */
export interface NonFiniteNumber {
  path: DataPath;
  value: number;
}

/**
 * Finds the first number in the data that is NaN or infinite (YAML's `.nan` and `.inf`, or a
 * literal such as 1e999 that overflows), or returns null when every number is finite. Expects
 * data no deeper than the parser allows.
 */
export function findNonFiniteNumber(data: unknown, path: DataPath = []): NonFiniteNumber | null {
  if (typeof data === "number") return Number.isFinite(data) ? null : { path, value: data };
  if (Array.isArray(data)) {
    for (const [index, item] of data.entries()) {
      const found = findNonFiniteNumber(item, [...path, index]);
      if (found) return found;
    }
  } else if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) {
      const found = findNonFiniteNumber(value, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function nodeAt(document: Document, path: DataPath): Node | null {
  const { isMap, isScalar, isSeq } = yamlModule();
  let node: unknown = document.contents;
  let found = node as Node | null;

  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      // A key with no value points at the key itself.
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
    } else {
      break;
    }
    if (!node) break;
    found = node as Node;
  }

  return found;
}

function measureDepth(node: unknown, depth: number): number {
  const { isMap, isSeq } = yamlModule();
  if (depth > MAX_DEPTH) return depth;
  let deepest = depth;
  if (isMap(node)) {
    for (const item of node.items) deepest = Math.max(deepest, measureDepth(item.value, depth + 1));
  } else if (isSeq(node)) {
    for (const item of node.items) deepest = Math.max(deepest, measureDepth(item, depth + 1));
  }
  return deepest;
}
