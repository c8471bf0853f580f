import type { Document, LineCounter } from "yaml";
import { createLineCounter, flowNestingOffset, isMap, isSeq, parseDocument, positionOf } from "../_yaml.js";
import { SubmissionError } from "./errors.js";

/**
 * Deepest nesting of mappings and lists accepted in an answers file or a notebook. Answers need
 * 5 levels and notebooks about 7. The yaml package's recursive parser overflows the stack at a
 * depth that depends on the stack size (about 800 in a vitest worker on Node 20), so a fixed
 * limit gives the same outcome on every machine.
 */
export const MAX_NESTING = 64;

/**
 * Returns the offset where a parsed document nests deeper than MAX_NESTING, or null when it
 * does not. A parse that overflowed the stack counts as too deep, at the offset of that error.
 */
export function excessiveNesting(document: Document): number | null {
  const overflow = document.errors.find((error) => /call stack/i.test(error.message));
  if (overflow !== undefined) return overflow.pos[0];
  if (document.errors.length > 0) return null;
  return deepestOffset(document.contents, 1);
}

function deepestOffset(node: unknown, depth: number): number | null {
  if (!isMap(node) && !isSeq(node)) return null;
  if (depth > MAX_NESTING) return node.range?.[0] ?? 0;

  for (const item of node.items) {
    const child = isMap(node) ? (item as { value: unknown }).value : item;
    const found = deepestOffset(child, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Parses YAML or JSON with the yaml package, counting lines. Throws SubmissionError
 * `submission.nestingTooDeep` when it nests deeper than MAX_NESTING, with `file:line: ` and then
 * `tooDeep` as its message. Syntax errors stay in `document.errors` for the caller to report.
 */
export function parseWithLimit(text: string, file: string, tooDeep: string): { document: Document; lineCounter: LineCounter } {
  const tooDeepAt = (line: number) => new SubmissionError("submission.nestingTooDeep", file, line, `${file}:${line}: ${tooDeep}`);
  // Checked before parsing, because the parser can take the process down on such text.
  const flowOffset = flowNestingOffset(text, MAX_NESTING);
  if (flowOffset !== null) throw tooDeepAt(positionOf(text, flowOffset).line);

  const lineCounter = createLineCounter();
  const document = parseDocument(text, { lineCounter });
  const offset = excessiveNesting(document);
  if (offset !== null) throw tooDeepAt(lineCounter.linePos(offset).line);
  return { document, lineCounter };
}
