import { describe, expect, it } from "vitest";
import {
  closingBrace,
  commandArguments,
  replaceCommands,
  tokenize,
  topLevelTokens,
} from "../../src/submission/_scan.js";

/** The argument texts commandArguments finds, so expectations read as LaTeX. */
function boxedTexts(text: string): string[] {
  return commandArguments(text, "boxed", { start: 0, end: text.length }).map((span) => text.slice(span.start, span.end));
}

describe("commandArguments", () => {
  it.each([
    ["one argument", "x = \\boxed{25}", ["25"]],
    ["nested braces", "\\boxed{\\frac{1}{2}} and \\boxed{3}", ["\\frac{1}{2}", "3"]],
    ["escaped braces", "\\boxed{\\{1\\}}", ["\\{1\\}"]],
    ["a space before the brace", "\\boxed {4}", ["4"]],
    ["a longer command name", "\\boxedx{4}", []],
    ["an unclosed argument", "\\boxed{1 \\boxed{2}", ["2"]],
  ])("finds %s", (_case, text, expected) => {
    expect(boxedTexts(text)).toEqual(expected);
  });

  it("keeps offsets of a span inside the text", () => {
    const text = "ignored \\boxed{1} | x = \\boxed{2}";
    const start = text.indexOf("|");
    const spans = commandArguments(text, "boxed", { start, end: text.length });
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(["2"]);
  });

  it("matches braces like closingBrace", () => {
    const text = "\\boxed{a{b}\\}c} \\boxed{\\\\}x}";
    const spans = commandArguments(text, "boxed", { start: 0, end: text.length });
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(closingBrace(text, span.start - 1)).toBe(span.end + 1);
    }
  });

  it("reads many unclosed arguments in linear time", () => {
    // Each unclosed "\boxed{" used to search the rest of the text for its closing brace.
    const text = "\\boxed{".repeat(100_000);
    const started = performance.now();
    expect(boxedTexts(text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("replaceCommands", () => {
  it("replaces closed commands and keeps unclosed ones", () => {
    const replaced = replaceCommands("\\text{a} 1 \\text{b", ["text"], (content) => `<${content}>`);
    expect(replaced).toBe("<a> 1 \\text{b");
  });

  it("reads many unclosed commands in linear time", () => {
    const text = "\\text{".repeat(100_000);
    const started = performance.now();
    expect(replaceCommands(text, ["text"], () => "")).toBe(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("skips a name that occurs only inside longer names", () => {
    const mark = (content: string): string => `<${content}>`;
    const replaced = replaceCommands("\\textbf{a} \\text{b}", ["text"], mark);
    expect(replaced).toBe("\\textbf{a} <b>");
  });

  it("replaces a command that an earlier replacement added", () => {
    const replace = (content: string, name: string): string =>
      name === "sout" ? "\\text{y}" : `<${content}>`;
    expect(replaceCommands("\\sout{x}", ["sout", "text"], replace)).toBe("<y>");
  });
});

describe("topLevelTokens", () => {
  it("keeps only the tokens outside groups", () => {
    const text = "S_2 = \\begin{bmatrix} 1 & 2 \\end{bmatrix}";
    const names = topLevelTokens(text).map((token) => token.name);
    expect(names).toEqual(["S", "_", "2", " ", "=", " ", "bmatrix", "bmatrix"]);
  });

  it.each([
    ["plain text", "dW1 = 3 and w_5 = 4"],
    ["braces", "\\frac{\\partial L}{\\partial W_1} = {2}"],
    ["an environment", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} & x"],
    ["left and right", "\\left[ 1, 2 \\right] = \\bigl( 3 \\bigr)"],
    ["unbalanced closers", "} a } \\end{x} b \\right) c {"],
    ["an unclosed group", "a {b & c"],
    ["a trailing backslash", "x = 1 \\"],
  ])("agrees with tokenize at depth 0 for %s", (_case, text) => {
    const expected = tokenize(text).filter((token) => token.depth === 0);
    expect(topLevelTokens(text)).toEqual(expected);
  });

  it("keeps only the marks asked for", () => {
    const text = "a = \\frac{1}{2}, \\quad b \\approx \\begin{bmatrix} 1 \\end{bmatrix}";
    const marks = { characters: "=,", commands: new Set(["quad", "approx"]), braces: false };
    const names = topLevelTokens(text, 0, text.length, marks).map((token) => token.name);
    expect(names).toEqual(["=", ",", "quad", "approx", "bmatrix", "bmatrix"]);
  });

  it("agrees with tokenize on a range of the text", () => {
    const text = "ignored { | a = {b} & c \\\\ d";
    const start = text.indexOf("|");
    const expected = tokenize(text, start, text.length - 2).filter((token) => token.depth === 0);
    expect(topLevelTokens(text, start, text.length - 2)).toEqual(expected);
  });
});
