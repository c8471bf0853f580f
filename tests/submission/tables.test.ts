import { describe, expect, it } from "vitest";
import { readMarkdownTable } from "../../src/submission/tables.js";

function numbers(lines: string[]): number[][] | string {
  const { reading } = readMarkdownTable(lines);
  if (reading.kind === "none") return "none";
  if (reading.kind === "error") return reading.error.code;
  if (reading.value.kind !== "matrix") return "number";
  return reading.value.rows.map((row) => row.map((n) => n.value));
}

describe("readMarkdownTable", () => {
  it("reads a header row of numbers as data", () => {
    expect(numbers(["| 25 | 25 |", "|---|---|", "| 50 | 50 |"])).toEqual([
      [25, 25],
      [50, 50],
    ]);
  });

  it("drops a header and row names", () => {
    const lines = ["| dW2 | j = 1 | j = 2 |", "|:--|--:|--:|", "| i = 1 | 10 | 20 |", "| i = 2 | **15** | $30$ |"];
    expect(numbers(lines)).toEqual([
      [10, 20],
      [15, 30],
    ]);
    expect(readMarkdownTable(lines).label).toBe("dW2");
  });

  it("lists named rows", () => {
    const table = readMarkdownTable(["| name | value |", "|---|---|", "| S_2 | [2, 3] |"]);
    expect(table.namedRows).toEqual([{ name: "S_2", value: "[2, 3]", row: 2 }]);
  });

  it("reports a ragged table", () => {
    expect(numbers(["| 1 | 2 |", "|---|---|", "| 3 |"])).toBe("submission.raggedMatrix");
  });

  it("ignores a table of words", () => {
    expect(numbers(["| layer | units |", "|---|---|", "| fc1 | relu |"])).toBe("none");
  });
});
