import { describe, expect, it } from "vitest";
import { formatSummary } from "../../src/commands/summary.js";
import type { StudentResult } from "../../src/grading/types.js";

function graded(student: string, file: string, points: number): StudentResult {
  return { student, file, status: "graded", points, max_points: 24, questions: [] };
}

describe("formatSummary", () => {
  it("warns about a student id with two rows", () => {
    const students = [graded("ana", "ana.md", 20), graded("ana", "ana/answers.yaml", 22), graded("ben", "ben.md", 24)];
    const text = formatSummary({ assignment: "hw", max_points: 24, students }, "reports");
    expect(text).toContain("Warning: the student id ana names 2 rows (ana.md; ana/answers.yaml)");
    expect(text).not.toContain("student id ben");
  });

  it("warns about ids that differ in letter case", () => {
    const students = [graded("Ben-Okafor", "Ben-Okafor.md", 20), graded("ana", "ana.md", 22), graded("ben-okafor", "ben-okafor.md", 24)];
    const text = formatSummary({ assignment: "hw", max_points: 24, students }, "reports");

    expect(text).toContain("Warning: the student id Ben-Okafor names 2 rows (Ben-Okafor.md; ben-okafor.md), counting ids that differ only in letter case as one;");
    expect(text).not.toContain("student id ana");
  });

  it("prints a class larger than a call's argument limit", () => {
    // More students than Math.max(...list) takes arguments (a limit set by the stack size).
    const students = Array.from({ length: 300_000 }, (_, i) => graded(`s${i}`, `s${i}.md`, 12));
    const text = formatSummary({ assignment: "hw", max_points: 24, students }, "reports");
    expect(text).toContain("300000 graded, 0 unreadable, 0 missing; mean 12 / 24");
  });

  it("counts submissions with notes", () => {
    const note = { line: 3, code: "submission.unknownLabel", message: "the label z_2 was not recognised" };
    const students = [{ ...graded("ana", "ana.md", 20), notes: [note, note] }, graded("ben", "ben.md", 24), { ...graded("eli", "eli.md", 12), notes: [note] }];
    const text = formatSummary({ assignment: "hw", max_points: 24, students }, "reports");

    expect(text).toContain("2 submissions have notes from reading, such as a label that matched no question");
    expect(text).toContain("the class page marks them.");
  });

  it("omits notes when there are none", () => {
    const text = formatSummary({ assignment: "hw", max_points: 24, students: [graded("ben", "ben.md", 24)] }, "reports");

    expect(text).not.toContain("notes from reading");
  });

  it("masks a right-to-left override", () => {
    const text = formatSummary({ assignment: "hw", max_points: 24, students: [graded("ana\u202egnp.md", "ana\u202egnp.md", 24)] }, "reports");

    expect(text).not.toContain("\u202e");
    expect(text).toContain("ana?gnp.md");
  });

  it("keeps a student id with a line break on one row", () => {
    const text = formatSummary({ assignment: "hw", max_points: 24, students: [graded("nl\nname", "nl\nname.md", 24)] }, "reports");
    const rows = text.split("\n").filter((line) => line.endsWith("  graded"));
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatch(/^nl\?name +24 \/ 24 {2}graded$/);
  });
});
