import type { ResultRecorder } from "./_recorder.js";
import type { Span } from "./_scan.js";
import { readRows, readValue, type ValueReading } from "./latex.js";
import { isFormatError, NOT_A_NUMBER, parseNumber, type NumberOptions } from "./numbers.js";

/** A Markdown table read as numbers. */
export interface TableReading {
  /** The top-left header cell when the table has a header and row names, such as `dW2`. */
  label: string | null;
  /** The matrix of the numeric cells, without header row and row-name column. */
  reading: ValueReading;
  /**
   * Rows of the form `| LABEL | value |` when every row starts with a name: each name with
   * the text of the rest of its row. Empty when the first column has numbers.
   */
  namedRows: { name: string; value: string; row: number }[];
  /**
   * The columns of a table with a header and one row of values, such as
   * `| Number of parameters | Number of FLOPs |` over `| 669706 | 1338378 |`: each header cell
   * with the cell under it. Empty for any other table.
   */
  namedColumns: { name: string; value: string }[];
}

const SEPARATOR_CELL = /^\s*:?-{1,}:?\s*$/;

/** True when a line is a Markdown table row, `| … |`. */
export function isTableLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 1 && trimmed.startsWith("|");
}

/**
 * Reads a Markdown table of weights. The row under the header (`|---|---|`) is dropped. A header
 * row whose cells are not all numbers is a header, and a first column without numbers has row
 * names; both are left out of the matrix. `lines` are the table's lines, one row each.
 *
 * @example readMarkdownTable(["| 25 | 25 |", "|---|---|", "| 50 | 50 |"]) // a 2×2 matrix
 */
export function readMarkdownTable(lines: string[], options: NumberOptions = {}): TableReading {
  const rows = lines.map(splitRow);
  const separator = rows.findIndex((cells) => cells.length > 0 && cells.every((c) => SEPARATOR_CELL.test(c)));
  const rowIndexes = rows.map((_, r) => r).filter((r) => r !== separator);

  let header: string[] | null = null;
  let body = rowIndexes;
  if (separator === 1 && !rows[0].every((cell) => isNumber(cell, options))) {
    header = rows[0];
    body = rowIndexes.filter((r) => r !== 0);
  }
  if (body.length === 0) return { label: null, reading: { kind: "none" }, namedRows: [], namedColumns: [] };

  const hasRowNames = body.every((r) => rows[r].length > 0 && !isNumber(rows[r][0], options));
  const namedRows = hasRowNames
    ? body.map((r) => ({ name: rows[r][0], value: rows[r].slice(1).join(" "), row: r }))
    : [];
  const cells = body.map((r) => (hasRowNames ? rows[r].slice(1) : rows[r]));
  const label = hasRowNames && header !== null && header[0] !== "" ? header[0] : null;
  // The row's first cell names no row when it is empty, as in `| | 1338378 |` under two headers.
  const values = rows[body[0]!]!;
  const namedColumns =
    header !== null && body.length === 1 && (!hasRowNames || values[0] === "") && header.length === values.length
      ? header.map((name, column) => ({ name, value: values[column]! }))
      : [];
  return { label, reading: readRows(cells, "table", options), namedRows, namedColumns };
}

/**
 * Reads the Markdown table whose rows are `rows` (spans of `text`) and records what it answers.
 * A table with a named header (`| dW2 | … |`) answers that question. One whose rows are all named
 * (`| S_2 | [2, 3] |`) gives one result per row that names a question. Any other numeric table
 * answers the question a heading left open, and is ignored when there is none.
 */
export function recordTable(text: string, rows: Span[], results: ResultRecorder, options: NumberOptions): void {
  const table = readMarkdownTable(rows.map((row) => text.slice(row.start, row.end)), options);
  const span = { start: rows[0].start, end: rows[rows.length - 1].end };
  const statement = text.slice(span.start, span.end);

  // Rows that name no question, such as an error term's `| $\delta_3$ | [5, 10] |`, are working.
  const namedRows = table.namedRows.filter((row) => results.namesAnything(row.name));
  if (namedRows.length > 0) {
    for (const row of namedRows) {
      const reading = readValue(row.value, options);
      const recorded = reading.kind === "none" ? unreadableCell(row.name, row.value, "row") : reading;
      // The row's own line is its source: the whole table, read again for every row, would make
      // a long table take time quadratic in its length.
      const line = rows[row.row];
      results.record([row.name], recorded, row.value, line, text.slice(line.start, line.end));
    }
    return;
  }

  // `| Number of parameters | Number of FLOPs |` over one row of values: a result per column,
  // when every header names a question. A header such as "layer" makes it a table of working.
  const columns = table.namedColumns;
  if (columns.length > 0 && columns.every((column) => results.namesAnything(column.name))) {
    const valueRow = rows[rows.length - 1];
    for (const column of columns) {
      const reading = readValue(column.value, options);
      const recorded = reading.kind === "none" ? unreadableCell(column.name, column.value, "column") : reading;
      results.record([column.name], recorded, column.value, valueRow, text.slice(valueRow.start, valueRow.end));
    }
    return;
  }

  if (table.reading.kind === "none") return;
  if (table.label !== null && results.namesAnything(table.label)) {
    results.record([table.label], table.reading, "[", span, statement);
  } else {
    results.offerToScope(table.reading, false, span, statement);
  }
}

/**
 * Makes the error for a row or column that names a question but has no value, such as
 * `| params |` or `| params | see above |`. Without it the answer would have neither a value nor
 * an error.
 */
function unreadableCell(name: string, value: string, place: "row" | "column"): ValueReading {
  if (value.trim() === "") {
    const where = place === "row" ? `in the next cell, as in | ${name} | 0.25 |` : "in the cell under its header";
    return {
      kind: "error",
      error: { code: "submission.emptyAnswer", message: `the table ${place} "${name}" has no value. Write the value ${where}.` },
    };
  }
  return {
    kind: "error",
    error: {
      code: NOT_A_NUMBER,
      message:
        `the table ${place} "${name}" contains "${value.trim()}", which is not a number or a matrix. ` +
        `Write the value itself, such as 0.25 or [[1, 2], [3, 4]].`,
    },
  };
}

/** Splits `| a | b |` into its trimmed cells; a pipe escaped as `\|` stays in the cell. */
function splitRow(line: string): string[] {
  let trimmed = line.trim();
  if (trimmed.startsWith("|")) trimmed = trimmed.slice(1);
  if (trimmed.endsWith("|") && !trimmed.endsWith("\\|")) trimmed = trimmed.slice(0, -1);

  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] === "|" && trimmed[i - 1] !== "\\") {
      cells.push(cellText(trimmed.slice(start, i)));
      start = i + 1;
    }
  }
  cells.push(cellText(trimmed.slice(start)));
  return cells;
}

/** Drops bold marks, which students use to highlight a result. */
function cellText(cell: string): string {
  return cell.replace(/\*\*|__/g, "").trim();
}

/** True when a cell reads as a number, even a malformed one (a typo in a weight is still data). */
function isNumber(cell: string, options: NumberOptions): boolean {
  if (cell === "") return false;
  const number = parseNumber(cell, options);
  return !isFormatError(number) || number.code !== NOT_A_NUMBER;
}
