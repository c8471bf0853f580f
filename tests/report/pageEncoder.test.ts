import { describe, expect, it } from "vitest";
import { EncodedMarkup, PageEncoder } from "../../src/report/page.js";

// TextEncoder is the independent reference: it encodes each part on its own.
function reference(parts: (string | EncodedMarkup)[]): Buffer {
  const encoder = new TextEncoder();
  return Buffer.concat(parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part.bytes)));
}

describe("PageEncoder", () => {
  it("encodes text and encoded parts in order", () => {
    const parts = ["<p>", new EncodedMarkup("<b>σ(x)</b>"), "</p>"];
    const bytes = new PageEncoder().encode(parts);
    expect(Buffer.compare(bytes, reference(parts))).toBe(0);
    expect(bytes.toString("utf8")).toBe("<p><b>σ(x)</b></p>");
  });

  it("encodes every UTF-8 length", () => {
    // One, two, three and four bytes, then a lone surrogate, which becomes U+FFFD (3 bytes).
    const parts = ["a", "é", "€", "𝑥", "\ud800", "z"];
    const bytes = new PageEncoder().encode(parts);
    expect([...bytes]).toEqual([...reference(parts)]);
    expect(bytes.length).toBe(1 + 2 + 3 + 4 + 3 + 1);
  });

  it("grows past its first buffer", () => {
    // The buffer starts at 128 KB, so this page makes it grow in the middle of the page.
    const parts = [new EncodedMarkup("x".repeat(100_000)), "é".repeat(200_000), new EncodedMarkup("€".repeat(50_000)), "end"];
    const bytes = new PageEncoder().encode(parts);
    expect(bytes.length).toBe(100_000 + 400_000 + 150_000 + 3);
    expect(Buffer.compare(bytes, reference(parts))).toBe(0);
  });

  it("encodes the next page from the start", () => {
    const encoder = new PageEncoder();
    encoder.encode(["a long first page ".repeat(100)]);
    expect(encoder.encode(["short"]).toString("utf8")).toBe("short");
  });
});
