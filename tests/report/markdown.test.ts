import { describe, expect, it } from "vitest";

import { renderMarkdown } from "../../src/report/markdown.js";

function render(source: string): string {
  return renderMarkdown(source).markup;
}

describe("renderMarkdown", () => {
  it("splits paragraphs at blank lines", () => {
    expect(render("one\ntwo\n\nthree")).toBe("<p>one two</p>\n<p>three</p>");
  });

  it("renders emphasis and strong text", () => {
    expect(render("*a* **b** _c_ snake_case_name")).toBe(
      "<p><em>a</em> <strong>b</strong> <em>c</em> snake_case_name</p>",
    );
  });

  it("renders bulleted and numbered lists", () => {
    expect(render("- a\n- b\n\n1. c\n2. d")).toBe("<ul><li>a</li><li>b</li></ul>\n<ol><li>c</li><li>d</li></ol>");
  });

  it("renders headings and code", () => {
    expect(render("## Setup\nuse `x < y`")).toBe("<h4>Setup</h4>\n<p>use <code>x &lt; y</code></p>");
  });

  it("renders inline math as MathML", () => {
    const markup = render("the weight $w_1$ here");
    expect(markup).toMatch(/^<p>the weight <math>.*<msub><mi>w<\/mi><mn>1<\/mn><\/msub>.*<\/math> here<\/p>$/);
  });

  it("renders display math over several lines", () => {
    const markup = render("$$\n\\frac{1}{2}\n$$");
    expect(markup).toContain('<div class="display-math"><math display="block"');
    expect(markup).toContain("<mfrac><mn>1</mn><mn>2</mn></mfrac>");
  });

  it("keeps an escaped dollar as text", () => {
    expect(render("costs \\$5 and \\$6")).toBe("<p>costs $5 and $6</p>");
  });

  it("keeps prices as text", () => {
    expect(render("costs $5 and $6, or $ 7 $")).toBe("<p>costs $5 and $6, or $ 7 $</p>");
  });

  it("shows invalid LaTeX as escaped text", () => {
    expect(render("bad $\\frac{<b>$ formula")).toBe(
      '<p>bad <code class="math-error" title="This formula could not be rendered">$\\frac{&lt;b&gt;$</code> formula</p>',
    );
  });

  it("escapes raw HTML", () => {
    const markup = render("<script>alert(1)</script> *<img src=x onerror=alert(1)>*");
    expect(markup).not.toContain("<script");
    expect(markup).not.toContain("<img");
    expect(markup).toContain("&lt;script&gt;");
  });

  it("refuses \\href inside math", () => {
    const markup = render("$\\href{javascript:alert(1)}{x}$");
    expect(markup).not.toContain("<a");
    expect(markup).toContain("math-error");
  });
});
