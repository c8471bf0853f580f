import type { LineCounter, Node } from "yaml";
import { isMap, isScalar, isSeq } from "../_yaml.js";
import { MAX_NESTING, parseWithLimit } from "./_nesting.js";
import { SubmissionError } from "./errors.js";

/** Origin of one line of the text built from a notebook. */
export interface NotebookPlace {
  /** 1-based line in the `.ipynb` JSON file. */
  fileLine: number;
  /** 1-based cell number, as Jupyter counts cells from the top. */
  cell: number;
  /** 1-based line within the cell's source or output. */
  cellLine: number;
  /** True for a line of a code cell's output, false for a line of a Markdown cell's source. */
  output: boolean;
}

/** Describes a place for a student: "cell 2, line 3", or "cell 4, output line 1". */
export function describePlace(place: NotebookPlace): string {
  return `cell ${place.cell}, ${place.output ? "output line" : "line"} ${place.cellLine}`;
}

/** A notebook's Markdown and text outputs as one text, with a way back to the file. */
export interface NotebookText {
  text: string;
  /** Maps a 1-based line of `text` to its place in the notebook. */
  place(line: number): NotebookPlace;
}

/**
 * Collects the readable parts of a Jupyter notebook: the source of Markdown cells and the text
 * outputs (`stream`, `text/plain`) of code cells. Code itself is skipped, because `W = W - lr * g`
 * is a computation, not an answer. Each part is followed by a blank line, so parts never merge.
 */
export function notebookText(json: string, file: string): NotebookText {
  const { document, lineCounter } = parseWithLimit(
    json,
    file,
    `the notebook's nesting is deeper than ${MAX_NESTING} levels, which ` +
      `Jupyter does not write. Open it in Jupyter and save it again, or export it as Markdown.`,
  );
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = error.linePos?.[0].line ?? 1;
    throw new SubmissionError(
      "submission.invalidNotebook",
      file,
      line,
      `${file}:${line}: the notebook is not valid JSON (${firstLine(error.message)}). ` +
        `Open it in Jupyter and save it again, or export it as Markdown.`,
    );
  }

  const places: NotebookPlace[] = [];
  let text = "";
  const cells = isMap(document.contents) ? document.contents.get("cells", true) : undefined;
  if (!isSeq(cells)) {
    throw new SubmissionError(
      "submission.invalidNotebook",
      file,
      1,
      `${file}: the notebook has no "cells" list. Open it in Jupyter and save it again.`,
    );
  }

  const append = (node: unknown, cell: number, output: boolean): void => {
    const parts = textParts(node, lineCounter);
    if (parts.length === 0) return;
    let cellLine = 1;
    for (const part of parts) {
      const lines = part.text.split("\n");
      // A list item ends with "\n" when the next item starts a new line of the cell.
      const count = part.text.endsWith("\n") ? lines.length - 1 : lines.length;
      for (let k = 0; k < count; k++) {
        places.push({ fileLine: part.line, cell, cellLine, output });
        cellLine += 1;
      }
      text += part.text.endsWith("\n") ? part.text : part.text + "\n";
    }
    text += "\n";
    places.push({ fileLine: parts[parts.length - 1].line, cell, cellLine, output });
  };

  for (const [index, cell] of cells.items.entries()) {
    if (!isMap(cell)) continue;
    const type = cell.get("cell_type");
    if (type === "markdown") append(cell.get("source", true), index + 1, false);
    if (type !== "code") continue;

    const outputs = cell.get("outputs", true);
    if (!isSeq(outputs)) continue;
    for (const output of outputs.items) {
      if (!isMap(output)) continue;
      append(output.get("text", true), index + 1, true);
      const data = output.get("data", true);
      if (isMap(data)) append(data.get("text/plain", true), index + 1, true);
    }
  }

  return {
    text,
    place(line: number): NotebookPlace {
      return places[Math.min(Math.max(line - 1, 0), places.length - 1)] ?? { fileLine: 1, cell: 1, cellLine: 1, output: false };
    },
  };
}

/** Reads a notebook string field, stored either as one string or as a list of lines. */
function textParts(node: unknown, lineCounter: LineCounter): { text: string; line: number }[] {
  const lineOf = (item: Node): number => lineCounter.linePos(item.range?.[0] ?? 0).line;
  if (isScalar(node) && typeof node.value === "string") {
    return [{ text: withLineFeeds(node.value), line: lineOf(node) }];
  }
  if (!isSeq(node)) return [];
  return node.items
    .filter((item): item is Node => isScalar(item) && typeof item.value === "string")
    .map((item) => ({ text: withLineFeeds((item as { value: string }).value), line: lineOf(item) }));
}

/**
 * Turns the `\r\n` and `\r` line ends of a cell's text into `\n`, which the reader expects. A
 * notebook saved on Windows may have them inside its JSON strings, where decoding the file does
 * not see them, and `## Problem 2\r` would then be no heading.
 */
function withLineFeeds(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}
