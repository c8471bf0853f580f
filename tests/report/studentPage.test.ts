import { describe, expect, it } from "vitest";

import { renderStudentPage } from "../../src/report/studentPage.js";
import { hostileStudent, makeContext, missingStudent, partialStudent } from "./_fixtures.js";

const context = makeContext();

describe("renderStudentPage", () => {
  const page = renderStudentPage(partialStudent, context);

  it("is a self-contained document", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });

  it("shows the score and links back", () => {
    expect(page).toContain('<a class="back" href="../index.html">');
    expect(page).toContain('<div class="score">7 <small>/ 10</small></div>');
    expect(page).toContain("<strong>70%</strong>");
  });

  it("renders the statement math as MathML", () => {
    expect(page).toContain("<math");
    expect(page).toContain("<h2>Problem 2. Two-layer linear network</h2>");
  });

  it("marks the wrong cells only", () => {
    const cells = [...page.matchAll(/<td( class="cell-wrong"[^>]*)?>([^<]*)<\/td>/g)];
    const marked = cells.filter((cell) => cell[1] !== undefined).map((cell) => cell[2]);
    expect(marked).toEqual(["51"]);
    expect(page).toContain("Marked cells are outside the tolerance.");
  });

  it("shows verdict badges in words", () => {
    expect(page).toContain("Partially correct</span>");
    expect(page).toContain("Incorrect</span>");
    expect(page).toContain("Correct</span>");
  });

  it("shows feedback, misconception, warnings and source", () => {
    expect(page).toContain("Three of four entries are within tolerance.");
    expect(page).toContain("<strong>Likely mistake:</strong> forgot half");
    expect(page).toContain("Only two significant digits were given.");
    expect(page).toContain("within 1% of the expected value");
    expect(page).toContain("Read from line 34");
  });

  it("escapes the source text and notes", () => {
    expect(page).not.toContain("</textarea>");
    expect(page).not.toContain("<b>[[");
    expect(page).toContain("w_1 = &lt;/textarea&gt;&lt;b&gt;[[25, 25], [50, 51]]");
    expect(page).toContain("The label &lt;i&gt;z&lt;/i&gt; matched no question.");
  });

  it("writes small numbers without exponents", () => {
    expect(page).toContain(">0.00125<");
    expect(page).toContain(">62.5<");
  });

  it("renders the same bytes twice", () => {
    expect(renderStudentPage(partialStudent, makeContext())).toBe(page);
  });
});

describe("renderStudentPage for unreadable files", () => {
  const page = renderStudentPage(hostileStudent, context);

  it("escapes the student id and error", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("This file could not be read.");
    expect(page).toContain("unclosed \\begin{bmatrix} &lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows a missing submission", () => {
    const missing = renderStudentPage(missingStudent, context);
    expect(missing).toContain("No submission was found for this student.");
    expect(missing).toContain("Zoë, &quot;Z&quot; Müller");
  });
});
