import type { Span } from "./_scan.js";
import { isWhitespaceAt } from "./_statements.js";

/** A display-math block or one line of text, in document order. */
export interface Unit {
  kind: "math" | "line";
  span: Span;
  /** Alignment rows, for math written in `aligned`, `align` and similar environments. */
  rows: boolean;
}

/** Display-math openers and the closers they need. */
const DISPLAY_OPENER = /\$\$|\\\[|\\begin\{(equation|align|gather|multline|eqnarray|displaymath|flalign|alignat)(\*?)\}/g;

/**
 * Splits the text into display-math blocks and the lines between them. An opener without a
 * closer is read as text, and the blocks after it are still found.
 */
export function splitUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let position = 0;
  DISPLAY_OPENER.lastIndex = 0;

  // A closer missing after one opener is missing after every later one, so it is looked for once.
  const missingClosers = new Set<string>();
  const newlines = new NewlineFinder(text);
  const headings = new HeadingFinder(text);

  for (;;) {
    const opener = DISPLAY_OPENER.exec(text);
    if (opener === null) {
      pushLines(text, units, position, text.length, newlines);
      return units;
    }

    let closer: string;
    if (opener[0] === "$$") closer = "$$";
    else if (opener[0] === "\\[") closer = "\\]";
    else closer = `\\end{${opener[1]}${opener[2]}}`;
    const closerAt = missingClosers.has(closer)
      ? -1
      : text.indexOf(closer, opener.index + opener[0].length);
    if (closerAt < 0) {
      missingClosers.add(closer);
      continue;
    }
    // A `$$` whose next `$$` is past a heading opens no display, as in the typo `$Y_2 = [2, 3]$$`
    // before `## Problem 3`. Otherwise the display would take in the headings and the results
    // under them. The next `$$` is then tried as an opener.
    if (closer === "$$" && headings.next(opener.index) < closerAt) continue;

    pushLines(text, units, position, opener.index, newlines);
    const content = { start: opener.index + opener[0].length, end: closerAt };
    const isRowEnvironment = opener[1] !== undefined && opener[1] !== "equation" && opener[1] !== "displaymath";
    units.push({ kind: "math", span: content, rows: isRowEnvironment });
    position = closerAt + closer.length;
    DISPLAY_OPENER.lastIndex = position;
  }
}

function pushLines(text: string, units: Unit[], start: number, end: number, newlines: NewlineFinder): void {
  let lineStart = start;
  while (lineStart < end) {
    const newline = newlines.next(lineStart);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    if (!isBlank(text, lineStart, lineEnd)) {
      units.push({ kind: "line", span: { start: lineStart, end: lineEnd }, rows: false });
    }
    lineStart = lineEnd + 1;
  }
}

/**
 * Returns true when [start, end) of the text is empty or white space only, as trim() defines it,
 * without copying the line. The loop ends at the first other character, which most lines start
 * with.
 */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespaceAt(text, i)) return false;
  return true;
}

/** A line break followed by a Markdown heading's marks, as before `## Problem 3`. */
const HEADING_LINE = /\n[ \t]{0,3}#{1,6}[ \t]/g;

/**
 * Finds the next Markdown heading after an offset. Like NewlineFinder, it remembers the last heading
 * found, so while the offsets given only grow, as splitUnits gives them, the text is searched once.
 */
class HeadingFinder {
  private found = -1;

  constructor(private readonly text: string) {}

  /** Returns the offset of the line break before the next heading, or Infinity when none is left. */
  next(offset: number): number {
    if (this.found >= offset) return this.found;
    HEADING_LINE.lastIndex = offset;
    const match = HEADING_LINE.exec(this.text);
    this.found = match === null ? Infinity : match.index;
    return this.found;
  }
}

/**
 * Finds the next `\n` at or after an offset, for offsets that only grow. It remembers the last
 * answer, so many short ranges on one long line do not each search to the end of the text.
 */
class NewlineFinder {
  private found = -2;

  constructor(private readonly text: string) {}

  next(offset: number): number {
    if (this.found === -1 || this.found >= offset) return this.found;
    this.found = this.text.indexOf("\n", offset);
    return this.found;
  }
}
