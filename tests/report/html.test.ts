import { describe, expect, it } from "vitest";

import { escapeHtml, html, joinHtml, trustedHtml } from "../../src/report/html.js";

describe("escapeHtml", () => {
  it("escapes the five special characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("keeps text without special characters", () => {
    expect(escapeHtml("")).toBe("");
    expect(escapeHtml("S_2 = [2, 3] · Zoë")).toBe("S_2 = [2, 3] · Zoë");
  });

  it("escapes characters at both ends and in runs", () => {
    expect(escapeHtml("&a&&b<")).toBe("&amp;a&amp;&amp;b&lt;");
    expect(escapeHtml("&&&")).toBe("&amp;&amp;&amp;");
  });
});

describe("html template", () => {
  it("escapes interpolated strings", () => {
    expect(html`<td>${"<b>"}</td>`.markup).toBe("<td>&lt;b&gt;</td>");
  });

  it("keeps trusted fragments", () => {
    expect(html`<p>${trustedHtml("<math></math>")}</p>`.markup).toBe("<p><math></math></p>");
  });

  it("flattens arrays and drops empty values", () => {
    expect(html`${["a", ["<", 1n]]}${null}${undefined}${false}${0}`.markup).toBe("a&lt;10");
  });

  it("escapes the separator of joinHtml", () => {
    expect(joinHtml(["a", "b"], "<>").markup).toBe("a&lt;&gt;b");
  });
});
