import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { StudentRow } from "../report/index.js";
import { TextFileWriter } from "./_resultsWriter.js";

/** Bytes read from the spool at a time. */
const CHUNK_SIZE = 1 << 20;

/**
 * Keeps the rows of the class page's student table in a file while a class is graded, one JSON
 * line per row, so that none of them stays in memory, however large the class. `readRows` reads them
 * back.
 */
export class RowSpool {
  private readonly writer: TextFileWriter;

  constructor(readonly path: string) {
    this.writer = new TextFileWriter(path);
  }

  /** Appends a row. JSON escapes line breaks, so each row stays on one line. */
  add(row: StudentRow): void {
    this.writer.write(`${JSON.stringify(row)}\n`);
  }

  /** Writes what is pending and closes the file, which `readRows` can then read. */
  close(): void {
    this.writer.close();
  }
}

/** Calls `visit` with every row of a closed spool file, in order, reading a chunk at a time. */
export function readRows(path: string, visit: (row: StudentRow) => void): void {
  let rest = "";
  readTextInChunks(path, (piece) => {
    const text = rest + piece;
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      visit(JSON.parse(text.slice(start, end)) as StudentRow);
      start = end + 1;
    }
    rest = text.slice(start);
  });
}

/**
 * Calls `visit` with a UTF-8 text file's text, in order, a chunk of the file at a time, so that
 * a file longer than the longest string JavaScript allows can still be read. A character split
 * between chunks is passed whole, with the later chunk.
 */
export function readTextInChunks(path: string, visit: (text: string) => void): void {
  const descriptor = openSync(path, "r");
  try {
    const decoder = new StringDecoder("utf8");
    const chunk = Buffer.allocUnsafe(CHUNK_SIZE);
    for (let length = readSync(descriptor, chunk); length > 0; length = readSync(descriptor, chunk)) {
      visit(decoder.write(chunk.subarray(0, length)));
    }
    const end = decoder.end();
    if (end !== "") visit(end);
  } finally {
    closeSync(descriptor);
  }
}
