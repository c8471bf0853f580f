import { html, trustedHtml, type SafeHtml } from "./html.js";
import { STYLE_SHEET } from "./styles.js";

/**
 * The policy every page carries: nothing may load from anywhere (no scripts, fonts, frames or
 * requests), except the page's own inline styles and data: images.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Wraps a page body in a complete, self-contained HTML document. */
export function renderDocument(title: string, body: SafeHtml): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${trustedHtml(STYLE_SHEET)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return page.markup;
}
