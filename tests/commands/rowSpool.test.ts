import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRows, RowSpool } from "../../src/commands/_rowSpool.js";
import type { StudentRow } from "../../src/report/index.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-rows-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function spool(name: string, rows: StudentRow[]): StudentRow[] {
  const path = join(scratch, name);
  const writer = new RowSpool(path);
  rows.forEach((row) => writer.add(row));
  writer.close();
  const read: StudentRow[] = [];
  readRows(path, (row) => read.push(row));
  return read;
}

describe("RowSpool", () => {
  it("keeps line breaks and lone surrogates", () => {
    const rows: StudentRow[] = [
      { student: "nl\nname", file: "nl\nname.md", status: "graded", points: 23.75, max_points: 24, page: "nl-name.html" },
      { student: "line\u2028sep", file: null, status: "missing", points: 0, max_points: 24 },
      { student: "lone\ud800", file: "lone.md", status: "unreadable", points: 0, max_points: 24, error: "line 1:\r\nbad" },
      { student: "名前😀", file: "名前😀.tex", status: "graded", points: -1.5, max_points: 24, page: "u540d-u524d.html" },
    ];
    expect(spool("odd.jsonl", rows)).toEqual(rows);
  });

  it("reads rows split across chunks", () => {
    // Each row is about 130 bytes, with two- to four-byte characters, so 20,000 rows take several
    // chunks of 1 MiB and some chunk ends inside a character.
    const rows: StudentRow[] = Array.from({ length: 20_000 }, (_, index) => ({
      student: `é${"ü".repeat(index % 7)}😀-${index}`,
      file: `é-${index}.md`,
      status: "graded",
      points: index % 25,
      max_points: 24,
      page: `e-${index}.html`,
    }));
    const read = spool("large.jsonl", rows);
    expect(read.length).toBe(rows.length);
    expect(read).toEqual(rows);
  });

  it("reads an empty spool", () => {
    expect(spool("empty.jsonl", [])).toEqual([]);
  });
});
