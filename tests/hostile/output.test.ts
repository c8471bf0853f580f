import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/commands/roster.js";
import { renderLatex } from "../../src/report/math.js";
import { cli, copyAssignment, removeFolder, scratchFolder, writeFiles, type CliRun } from "./_class.js";

// Every string a student, a roster or a problem file controls carries "<x-evil", so any page
// that shows one unescaped contains that raw tag.
const scratch = scratchFolder("output");
const submissions = join(scratch, "submissions");
const out = join(scratch, "reports");

const WRITE_UP = [
  "## Problem 2 <x-evil-heading>",
  "",
  "<script>alert('writeup')</script> <img src=x onerror=alert(1)>",
  "",
  "$$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$$",
  "",
  "$$\\frac{\\partial L}{\\partial W_2} = \\href{javascript:alert(1)}{\\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}}$$",
  "",
  "$$<x-evil-label> = \\begin{bmatrix} 1 & 2 \\end{bmatrix}$$",
  "",
  "S_2 = [2, 3] <x-evil-source>",
  "",
].join("\n");

const FILES: Record<string, string> = {
  '<x-evil-file onmouseover="alert(1)">.md': WRITE_UP,
  "quote.yaml": [
    `student: "<x-evil-id>\\"' onfocus=alert(1) x=\\"&amp;"`,
    "answers:",
    "  p2-linear:",
    '    "<x-evil-key>": 1',
    '    dW1: "<x-evil-value>"',
    '    dW2: "\\\\href{javascript:alert(1)}{3}"',
    '  "<x-evil-problem>": {a: 1}',
  ].join("\n"),
  "=HYPERLINK(\"http---example.com\",\"x\").md": "## Problem 2\n",
  "+SUM(A1).md": "## Problem 2\n",
  "-2+3.md": "## Problem 2\n",
  "@SUM(A1).md": "## Problem 2\n",
  "\tTAB.md": "## Problem 2\n",
  "esc-\u001b]0;pwned\u0007-\u001b[2J.md": "## Problem 2\n",
};

const ROSTER = [
  "id,name,email",
  '"<x-evil-roster>",<x-evil-name>,x@example.edu',
  '"=cmd|\' /C calc\'!A0",Formula,y@example.edu',
].join("\n");

let grading: CliRun;
let pages: { name: string; text: string }[];

beforeAll(async () => {
  const rubric = copyAssignment(scratch);
  const problemPath = join(scratch, "problems", "p2-linear.yaml");
  const problem = readFileSync(problemPath, "utf8")
    .replace("title: Two-layer linear network", 'title: "Linear <x-evil-title> </title><script>alert(1)</script>"')
    .replace(
      "statement: |\n",
      [
        "statement: |",
        "  <x-evil-statement> <script>alert('statement')</script> [link](javascript:alert(1))",
        "  Broken math $\\frac{1}{$ and unsafe math $\\href{javascript:alert(1)}{x}$ and",
        "  $\\htmlClass{evil}{x}$ and $\\includegraphics{http://example.com/x.png}$.",
        "",
        "",
      ].join("\n"),
    );
  writeFiles(scratch, { "problems/p2-linear.yaml": problem, "roster.csv": ROSTER });
  writeFiles(submissions, FILES);

  grading = await cli("grade", submissions, "--rubric", rubric, "--out", out, "--roster", join(scratch, "roster.csv"));
  pages = ["index.html", ...readdirSync(join(out, "students")).map((name) => `students/${name}`)].map((name) => ({
    name,
    text: readFileSync(join(out, name), "utf8"),
  }));
}, 60_000);

afterAll(() => removeFolder(scratch));

/** Splits markup into its start tags, with the names of their attributes. */
function startTags(markup: string): { tag: string; attributes: { name: string; value: string }[] }[] {
  const tags: { tag: string; attributes: { name: string; value: string }[] }[] = [];
  for (const match of markup.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g)) {
    const attributes = [...match[2]!.matchAll(/([^\s=>"'/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g)].map((attribute) => ({
      name: attribute[1]!.toLowerCase(),
      value: (attribute[2] ?? "").replace(/^["']|["']$/g, ""),
    }));
    tags.push({ tag: match[1]!.toLowerCase(), attributes });
  }
  return tags;
}

describe("reports of a hostile class", () => {
  it("grades the class", () => {
    expect(grading.code).toBe(0);
    expect(pages.length).toBeGreaterThan(8);
  });

  it("escapes every hostile string", () => {
    for (const { name, text } of pages) {
      expect(text, name).not.toContain("<x-evil");
    }
    const all = pages.map((page) => page.text).join("\n");
    for (const marker of ["x-evil-file", "x-evil-id", "x-evil-roster", "x-evil-title", "x-evil-statement"]) {
      expect(all, marker).toContain(`&lt;${marker}`);
    }
  });

  it("has no event handler attributes", () => {
    for (const { name, text } of pages) {
      for (const { tag, attributes } of startTags(text)) {
        const handlers = attributes.filter((attribute) => attribute.name.startsWith("on"));
        expect(handlers, `${name} <${tag}>`).toEqual([]);
      }
    }
  });

  it("links and loads nothing remote", () => {
    for (const { name, text } of pages) {
      for (const { tag, attributes } of startTags(text)) {
        for (const { name: attribute, value } of attributes) {
          if (attribute === "href") expect(value, `${name} <${tag} href>`).toMatch(/^(#|\.\.\/index\.html$|students\/[a-z0-9-]+\.html$)/);
          if (attribute === "src" || attribute === "srcset" || attribute === "action") {
            expect(value, `${name} <${tag} ${attribute}>`).toMatch(/^data:/);
          }
        }
        expect(["iframe", "object", "embed", "link", "base", "form", "img"], `${name}`).not.toContain(tag);
      }
    }
  });

  it("runs only scripts the policy names", () => {
    for (const { name, text } of pages) {
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
        .exec(text)?.[1]
        ?.replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&");
      expect(policy, name).toBeDefined();
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);

      for (const script of text.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
        const hash = createHash("sha256").update(script[1]!, "utf8").digest("base64");
        expect(policy, `${name} script`).toContain(`'sha256-${hash}'`);
      }
      const scriptTags = startTags(text).filter(({ tag }) => tag === "script");
      expect(scriptTags.every(({ attributes }) => attributes.length === 0), name).toBe(true);
    }
  });

  it("keeps a page whole after broken math", () => {
    const page = pages.find(({ text }) => text.includes("x-evil-statement"))!;
    expect(page.text).toContain('class="math-error"');
    expect(page.text).toContain("\\frac{1}{");
    expect(page.text.trimEnd().endsWith("</html>")).toBe(true);
  });

  it.each([
    // grades.csv keeps the id in Canvas's SIS Login ID column; questions.csv in its first.
    ["grades.csv", 3],
    ["questions.csv", 0],
  ])("writes %s cells that cannot run", (name, idColumn) => {
    const rows = parseCsv(readFileSync(join(out, name), "utf8"));
    const ids = rows.slice(1).map((row) => row[idColumn]!);
    expect(ids.length).toBeGreaterThanOrEqual(Object.keys(FILES).length);
    for (const row of rows) {
      for (const cell of row) {
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(ids).toContain("'=HYPERLINK(\"http---example.com\",\"x\")");
    expect(ids).toContain("'=cmd|' /C calc'!A0");
  });

  it("prints no control characters", () => {
    expect(grading.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("checks a hostile file name safely", async () => {
    const name = Object.keys(FILES).find((file) => file.startsWith("esc-"))!;
    const checked = await cli("check", join(submissions, name), "--rubric", join(scratch, "rubrics", "hw.yaml"));
    expect(checked.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("renderLatex with student input", () => {
  it.each([
    ["\\href{javascript:alert(1)}{x}"],
    ["\\url{javascript:alert(1)}"],
    ["\\htmlClass{x}{y}"],
    ["\\htmlStyle{background:url(http://example.com)}{y}"],
    ["\\htmlData{foo=bar}{y}"],
    ["\\includegraphics{http://example.com/x.png}"],
  ])("renders %s without a link", (latex) => {
    // The source may come back as escaped text; what matters is that no tag carries it.
    for (const { tag, attributes } of startTags(renderLatex(latex, false).markup)) {
      expect(tag).not.toMatch(/^(a|img|image|script|iframe|object)$/);
      for (const { name, value } of attributes) {
        expect(name, `<${tag}>`).not.toMatch(/^(href|src|xlink:href|data-.*|on.*)$/);
        expect(value, `<${tag} ${name}>`).not.toMatch(/javascript:|https?:|url\(|^x$/i);
      }
    }
  });

  it("falls back to escaped text", () => {
    const markup = renderLatex("\\frac{1}{ <b>x</b>", true).markup;
    expect(markup).toContain('class="math-error"');
    expect(markup).toContain("&lt;b&gt;");
    expect(markup).not.toContain("<b>");
  });
});
