import { describe, expect, it } from "vitest";

import type { ClassResults } from "../../src/grading/types.js";
import { renderClassPage } from "../../src/report/classPage.js";
import { classResults, makeContext, partialStudent } from "./_fixtures.js";

describe("renderClassPage", () => {
  const page = renderClassPage(classResults, makeContext());

  it("is a self-contained document", () => {
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain("Content-Security-Policy");
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });

  it("escapes student ids", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("links each student to a sanitised page", () => {
    expect(page).toContain('<a href="students/ana-lopez.html"><bdi>ana-lopez</bdi></a>');
    expect(page).toContain('<a href="students/script-alert-1-script.html"><bdi>&lt;script&gt;');
    expect(page).toContain('<a href="students/zoe-z-muller.html"><bdi>Zoë, &quot;Z&quot; Müller</bdi></a>');
  });

  it("counts students by status", () => {
    expect(page).toMatch(/Students<\/div><div class="value">3</);
    expect(page).toContain("1 graded · 1 unreadable · 1 without a submission");
  });

  it("shows mean and median of graded submissions", () => {
    // Graded points 7, 10, 9.5 and 4: mean 30.5 / 4 = 7.625, shown as 7.63; median (7 + 9.5) / 2 = 8.25.
    const students = [7, 10, 9.5, 4].map((points, i) => ({ ...partialStudent, student: `s${i}`, points }));
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [...students, classResults.students[2]] };
    const page = renderClassPage(results, makeContext(results));

    expect(page).toContain('Mean score</div><div class="value">7.63 <small>/ 10</small>');
    expect(page).toContain('Median score</div><div class="value">8.25 <small>/ 10</small>');
    expect(page).toContain("over 4 graded submissions");
  });

  it("shows a dash when nothing was graded", () => {
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [classResults.students[2]] };
    const page = renderClassPage(results, makeContext(results));

    expect(page).toContain('Mean score</div><div class="value">– <small>/ 10</small>');
    expect(page).not.toContain("Score distribution");
  });

  it("bins scores in tenths", () => {
    // 7/10 lands in the 70–80% bin, 10/10 in the last bin together with 9.5/10.
    const students = [7, 10, 9.5].map((points, i) => ({ ...partialStudent, student: `s${i}`, points }));
    const results: ClassResults = { assignment: "hw", max_points: 10, students };
    const page = renderClassPage(results, makeContext(results));

    expect(page).toContain('title="1 student scored 70–80%"');
    expect(page).toContain('title="2 students scored 90–100%"');
    expect(page).toContain('title="0 students scored 0–10%"');
  });

  it("tabulates verdict shares per question", () => {
    // dW1 is partial for the single graded student: 0%, 100%, 0%, 0%.
    const dW1 = page.match(/<th scope="row" class="mono">dW1<\/th>\n((?:<td class="num">[^<]*<\/td>)+)/);
    expect(dW1?.[1]).toBe('<td class="num">0%</td><td class="num">100%</td><td class="num">0%</td><td class="num">0%</td>');
  });

  it("counts an absent result as missing", () => {
    const results: ClassResults = {
      assignment: "hw",
      max_points: 10,
      students: [partialStudent, { ...partialStudent, student: "b", questions: partialStudent.questions.slice(0, 1) }],
    };
    const page = renderClassPage(results, makeContext(results));

    // loss: ana-lopez incorrect, b has no result, so 50% incorrect and 50% missing.
    const loss = page.match(/<th scope="row" class="mono">loss<\/th>\n((?:<td class="num">[^<]*<\/td>)+)/);
    expect(loss?.[1]).toBe('<td class="num">0%</td><td class="num">0%</td><td class="num">50%</td><td class="num">50%</td>');
  });

  it("renders the same bytes twice", () => {
    expect(renderClassPage(classResults, makeContext())).toBe(page);
  });
});
