import { describe, expect, it } from "vitest";

import { assignPageNames, studentPageName } from "../../src/report/pageName.js";
import type { StudentResult } from "../../src/grading/types.js";

const SAFE_NAME = /^[a-z0-9][a-z0-9-]*\.html$/;

describe("studentPageName", () => {
  it.each([
    ["ana-lopez", "ana-lopez.html"],
    ["Ana López", "ana-lopez.html"],
    ["../../etc/passwd", "etc-passwd.html"],
    ["a/b\\c", "a-b-c.html"],
    ["nul\u0000byte", "nul-byte.html"],
    ["CON", "student-con.html"],
    ["lpt1", "student-lpt1.html"],
    ["..", "student.html"],
    ["", "student.html"],
    ["王小明", "u738b-u5c0f-u660e.html"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth.html"],
  ])("names %j as %s", (student, name) => {
    expect(studentPageName(student, new Set())).toBe(name);
  });

  it("limits the length", () => {
    const name = studentPageName("x".repeat(500), new Set());
    expect(name.length).toBeLessThanOrEqual(64 + ".html".length);
    expect(name).toMatch(SAFE_NAME);
  });

  it("suffixes names that clash", () => {
    const taken = new Set<string>();
    expect(studentPageName("Ana López", taken)).toBe("ana-lopez.html");
    expect(studentPageName("ana-lopez", taken)).toBe("ana-lopez-2.html");
    expect(studentPageName("ANA LOPEZ", taken)).toBe("ana-lopez-3.html");
    expect(taken).toEqual(new Set(["ana-lopez.html", "ana-lopez-2.html", "ana-lopez-3.html"]));
  });

  it("skips a suffix another student already owns", () => {
    const taken = new Set<string>();
    expect(studentPageName("ana-lopez-2", taken)).toBe("ana-lopez-2.html");
    expect(studentPageName("ana lopez", taken)).toBe("ana-lopez.html");
    expect(studentPageName("ana_lopez", taken)).toBe("ana-lopez-3.html");
  });
});

describe("assignPageNames", () => {
  it("gives every student a distinct safe name", () => {
    const ids = ["Ana López", "ana-lopez", "../x", "x", "CON", "con", "", "\u0000", "王"];
    const students = ids.map((student) => ({ student }) as StudentResult);

    const pageNames = assignPageNames(students);

    expect(pageNames.size).toBe(ids.length);
    const names = [...pageNames.values()];
    expect(new Set(names).size).toBe(ids.length);
    for (const name of names) {
      expect(name).toMatch(SAFE_NAME);
    }
  });

  it("is stable across calls", () => {
    const students = ["b", "B", "a"].map((student) => ({ student }) as StudentResult);
    expect([...assignPageNames(students)]).toEqual([...assignPageNames(students)]);
  });
});
