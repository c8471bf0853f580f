import { describe, expect, it } from "vitest";

import type { ClassResults, StudentResult } from "../../src/grading/types.js";
import { renderGradesCsv } from "../../src/report/csv.js";
import { classResults, linearProblem, sizeProblem } from "./_fixtures.js";

function studentNamed(student: string, points = 1): StudentResult {
  return { student, file: null, status: "graded", points, max_points: 2, questions: [] };
}

function csvFor(students: StudentResult[]): string {
  const results: ClassResults = { assignment: "hw", max_points: 2, students };
  return renderGradesCsv(results);
}

describe("renderGradesCsv", () => {
  it("writes the header and one row per student", () => {
    const csv = renderGradesCsv(classResults, [linearProblem, sizeProblem]);

    expect(csv.split("\r\n")).toEqual([
      "student,status,points,max_points,p2-linear.dW1,p2-linear.loss,p4-mlp-size.params",
      "ana-lopez,graded,7,10,3,0,4",
      "<script>alert(1)</script>,unreadable,0,10,,,",
      '"Zoë, ""Z"" Müller",missing,0,10,,,',
      "",
    ]);
  });

  it("takes question columns from the results alone", () => {
    const csv = renderGradesCsv(classResults);
    expect(csv.split("\r\n")[0]).toBe("student,status,points,max_points,p2-linear.dW1,p2-linear.loss,p4-mlp-size.params");
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
  ])("neutralises the formula %j", (student, field) => {
    expect(csvFor([studentNamed(student)]).split("\r\n")[1]).toBe(`${field},graded,1,2`);
  });

  it.each([
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["plain", "plain"],
  ])("quotes %j as RFC 4180 asks", (student, field) => {
    expect(csvFor([studentNamed(student)]).split("\r\n")[1]).toBe(`${field},graded,1,2`);
  });

  it("writes points without exponents", () => {
    const lines = csvFor([studentNamed("a", 1e-9), studentNamed("b", 8 / 3), studentNamed("c", 0.1 + 0.2)]).split("\r\n");
    expect(lines.slice(1, 4)).toEqual(["a,graded,0,2", "b,graded,2.6667,2", "c,graded,0.3,2"]);
  });

  it("renders the same bytes twice", () => {
    expect(renderGradesCsv(classResults)).toBe(renderGradesCsv(classResults));
  });
});
