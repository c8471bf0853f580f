import { describe, expect, it } from "vitest";

import { html } from "../../src/report/html.js";
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, renderDocument } from "../../src/report/page.js";

describe("contentSecurityPolicy", () => {
  it("allows a script by its hash", () => {
    // SHA-256 of "x", from `printf x | openssl dgst -sha256 -binary | base64`.
    expect(contentSecurityPolicy("x")).toBe(`${CONTENT_SECURITY_POLICY}; script-src 'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='`);
  });

  it("allows no script without one", () => {
    expect(contentSecurityPolicy(null)).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });
});

describe("renderDocument", () => {
  it("writes the script after the body", () => {
    const page = renderDocument("t", html`<p>hi</p>`, "x");
    expect(page).toContain("</main>\n<script>x</script>\n</body>");
  });

  it("writes no script tag by default", () => {
    expect(renderDocument("t", html`<p>hi</p>`)).not.toContain("<script");
  });
});
