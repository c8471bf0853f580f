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

/**
 * Wraps a page body in a complete, self-contained HTML document. `script` is the text of one
 * inline script written at the end of the body; the page's policy allows it by its hash.
 */
export function renderDocument(title: string, body: SafeHtml, script: string | null = null): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}">
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
${script === null ? "" : html`<script>${trustedHtml(script)}</script>\n`}</body>
</html>
`;
  return page.markup;
}
