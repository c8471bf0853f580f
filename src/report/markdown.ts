import { html, joinHtml, trustedHtml, type SafeHtml } from "./html.js";
import { renderLatex } from "./math.js";

/**
 * Renders the Markdown subset that problem statements use: paragraphs, `#` headings, bulleted
 * and numbered lists, *emphasis*, **strong**, `code`, inline $…$ and display $$…$$ math.
 * Anything else is shown as text. Raw HTML in the source is escaped, never passed through.
 */
export function renderMarkdown(source: string): SafeHtml {
  const blocks = parseBlocks(source.replace(/\r\n?/g, "\n"));
  return joinHtml(blocks.map(renderBlock), "\n");
}

type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "math"; latex: string }
  | { kind: "list"; ordered: boolean; items: string[] };

const LIST_ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

function parseBlocks(source: string): Block[] {
  const lines = source.split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const closeOpenBlocks = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: "paragraph", text: paragraph.join("\n") });
      paragraph = [];
    }
    if (list !== null) {
      blocks.push({ kind: "list", ...list });
      list = null;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();

    if (trimmed === "") {
      closeOpenBlocks();
      continue;
    }

    // A line that opens with $$ starts a display formula, which may run over several lines.
    if (trimmed.startsWith("$$")) {
      closeOpenBlocks();
      let latex = trimmed.slice(2);
      while (!latex.includes("$$") && i + 1 < lines.length) {
        i++;
        latex += "\n" + lines[i];
      }
      const end = latex.indexOf("$$");
      const rest = end >= 0 ? latex.slice(end + 2).trim() : "";
      blocks.push({ kind: "math", latex: end >= 0 ? latex.slice(0, end) : latex });
      if (rest !== "") {
        paragraph.push(rest);
      }
      continue;
    }

    const heading = HEADING.exec(trimmed);
    if (heading !== null) {
      closeOpenBlocks();
      blocks.push({ kind: "heading", text: heading[1] });
      continue;
    }

    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      const ordered = /\d/.test(item[1]);
      if (paragraph.length > 0 || (list !== null && list.ordered !== ordered)) {
        closeOpenBlocks();
      }
      list ??= { ordered, items: [] };
      list.items.push(item[2]);
      continue;
    }

    // An indented line after a list item continues that item; any other line continues the paragraph.
    if (list !== null && /^\s/.test(line)) {
      list.items[list.items.length - 1] += "\n" + trimmed;
      continue;
    }
    if (list !== null) {
      closeOpenBlocks();
    }
    paragraph.push(trimmed);
  }

  closeOpenBlocks();
  return blocks;
}

function renderBlock(block: Block): SafeHtml {
  switch (block.kind) {
    case "paragraph":
      return html`<p>${renderInline(block.text)}</p>`;
    case "heading":
      return html`<h4>${renderInline(block.text)}</h4>`;
    case "math":
      return html`<div class="display-math">${renderLatex(block.latex, true)}</div>`;
    case "list": {
      const items = block.items.map((item) => html`<li>${renderInline(item)}</li>`);
      return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
  }
}

/** A piece of inline text: plain text, a formula or a code span. */
type Span = { kind: "text" | "code"; text: string } | { kind: "math"; latex: string; display: boolean };

/**
 * Splits text at $$…$$, $…$ and `…`. A backslash before a dollar sign keeps it as text, and so
 * does a dollar sign that cannot open or close inline math (see `isInlineMathEnd`).
 */
function splitSpans(text: string): Span[] {
  const spans: Span[] = [];
  let plain = "";
  let i = 0;

  while (i < text.length) {
    const character = text[i];

    if (character === "\\" && text[i + 1] === "$") {
      plain += "$";
      i += 2;
      continue;
    }

    if (character === "`" || character === "$") {
      const display = character === "$" && text[i + 1] === "$";
      const delimiter = display ? "$$" : character;
      const end = findClosing(text, delimiter, i + delimiter.length);
      const inlineMath = character === "$" && !display;
      const valid = !inlineMath || (/\S/.test(text[i + 1] ?? "") && isInlineMathEnd(text, end));
      if (end > i + delimiter.length && valid) {
        if (plain !== "") {
          spans.push({ kind: "text", text: plain });
          plain = "";
        }
        const inner = text.slice(i + delimiter.length, end);
        spans.push(character === "`" ? { kind: "code", text: inner } : { kind: "math", latex: inner, display });
        i = end + delimiter.length;
        continue;
      }
    }

    plain += character;
    i++;
  }

  if (plain !== "") {
    spans.push({ kind: "text", text: plain });
  }
  return spans;
}

/** Finds the closing delimiter, skipping escaped dollar signs inside formulas. */
function findClosing(text: string, delimiter: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (delimiter !== "`" && text[i] === "\\") {
      i++;
      continue;
    }
    if (delimiter === "$" && text[i] === "$" && !isInlineMathEnd(text, i)) {
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      return i;
    }
  }
  return -1;
}

/**
 * Tells whether the dollar sign at `index` can close inline math. As in pandoc's tex_math_dollars,
 * it must follow a non-space character and must not be followed by a digit, so "$5 and $6" stays text.
 */
function isInlineMathEnd(text: string, index: number): boolean {
  return index > 0 && /\S/.test(text[index - 1]) && !/[0-9]/.test(text[index + 1] ?? "");
}

function renderInline(text: string): SafeHtml {
  const parts = splitSpans(text).map((span) => {
    if (span.kind === "math") {
      return renderLatex(span.latex, span.display);
    }
    if (span.kind === "code") {
      return html`<code>${span.text}</code>`;
    }
    return renderEmphasis(span.text);
  });
  return html`${parts}`;
}

/**
 * Renders **strong** and *emphasis* (or _emphasis_ between word boundaries). The text is escaped
 * first; the asterisks and underscores survive escaping, so the tags added here are the only
 * markup in the result.
 */
function renderEmphasis(text: string): SafeHtml {
  const escaped = html`${text}`.markup
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/\*(?=\S)([^*]*?\S)\*/g, "<em>$1</em>")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, "$1<em>$2</em>")
    .replace(/\n/g, " ");
  return trustedHtml(escaped);
}
