import { createHash } from "node:crypto";

import { html, trustedHtml, type SafeHtml } from "./html.js";
import { STYLE_SHEET } from "./styles.js";

/**
 * The policy of a page without a script: nothing may load from anywhere (no scripts, fonts,
 * frames or requests), except the page's own inline styles and data: images.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * Builds the policy of a page that runs one inline script: the same as CONTENT_SECURITY_POLICY,
 * plus that exact script, allowed by the SHA-256 hash of its text. Any other script, an edited
 * copy of this one included, is blocked.
 */
export function contentSecurityPolicy(script: string | null): string {
  if (script === null) {
    return CONTENT_SECURITY_POLICY;
  }
  const hash = createHash("sha256").update(script, "utf8").digest("base64");
  return `${CONTENT_SECURITY_POLICY}; script-src 'sha256-${hash}'`;
}

/** A piece of a page: markup, or constant markup also kept encoded, so it is encoded only once. */
export type PagePart = string | EncodedMarkup;

/** Markup with its UTF-8 bytes, for the parts that are the same on many pages. */
export class EncodedMarkup {
  readonly bytes: Uint8Array;

  constructor(readonly markup: string) {
    this.bytes = new TextEncoder().encode(markup);
  }
}

/** Joins page parts into the page's text. */
export function joinPageParts(parts: readonly PagePart[]): string {
  let page = "";
  for (const part of parts) page += typeof part === "string" ? part : part.markup;
  return page;
}

/**
 * Encodes pages as UTF-8 into one buffer that it keeps and reuses, so that writing a page costs
 * no allocation and no second copy of its bytes.
 */
export class PageEncoder {
  private buffer = Buffer.allocUnsafe(1 << 17);

  /**
   * Returns the page's bytes: a view of the encoder's buffer, valid only until the next call, so
   * write it out before encoding the next page.
   */
  encode(parts: readonly PagePart[]): Buffer {
    let length = 0;
    for (const part of parts) {
      if (typeof part === "string") {
        // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
        this.reserve(length, part.length * 3);
        length += this.buffer.write(part, length, "utf8");
      } else {
        this.reserve(length, part.bytes.length);
        this.buffer.set(part.bytes, length);
        length += part.bytes.length;
      }
    }
    return this.buffer.subarray(0, length);
  }

  /** Grows the buffer, keeping its first `used` bytes, so that `more` bytes fit after them. */
  private reserve(used: number, more: number): void {
    if (used + more <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, used + more));
    this.buffer.copy(grown, 0, 0, used);
    this.buffer = grown;
  }
}

// Everything from the style sheet to the start of the body is the same on every page.
const HEAD_END = new EncodedMarkup(`<style>${STYLE_SHEET}</style>
</head>
<body>
<main>
`);

/**
 * Wraps a page body in a complete, self-contained HTML document. `script` is the text of one
 * inline script written at the end of the body; the page's policy allows it by its hash.
 */
export function renderDocument(title: string, body: SafeHtml, script: string | null = null): string {
  return joinPageParts(renderDocumentParts(title, [body.markup], script));
}

/** Wraps the parts of a page body in a document, as `renderDocument` does, and returns its parts. */
export function renderDocumentParts(title: string, body: readonly PagePart[], script: string | null = null): PagePart[] {
  const [head, tail] = documentEnds(title, script);
  return [head, HEAD_END, ...body, tail];
}

/**
 * Returns the text of a document before its body and after it, as `renderDocument` writes them,
 * for a page written in pieces.
 */
export function renderDocumentEnds(title: string, script: string | null = null): [string, string] {
  const [head, tail] = documentEnds(title, script);
  return [head + HEAD_END.markup, tail];
}

function documentEnds(title: string, script: string | null): [string, string] {
  const head = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${title}</title>
`;
  const tail = html`
</main>
${script === null ? "" : html`<script>${trustedHtml(script)}</script>\n`}</body>
</html>
`;
  return [head.markup, tail.markup];
}
