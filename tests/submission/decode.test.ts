import { describe, expect, it } from "vitest";
import { decodeSubmissionText } from "../../src/submission/decode.js";
import { SubmissionError } from "../../src/submission/errors.js";

function utf16(text: string, order: "le" | "be"): Uint8Array {
  const bytes = [order === "le" ? 0xff : 0xfe, order === "le" ? 0xfe : 0xff];
  for (const unit of text.split("").map((c) => c.charCodeAt(0))) {
    const low = unit & 0xff;
    const high = unit >> 8;
    bytes.push(...(order === "le" ? [low, high] : [high, low]));
  }
  return new Uint8Array(bytes);
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof SubmissionError) return error.code;
    throw error;
  }
  return "no error";
}

describe("decodeSubmissionText", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeSubmissionText(new TextEncoder().encode("S_2 = 1 − 2"), "a.md")).toBe("S_2 = 1 − 2");
  });

  it("drops a UTF-8 BOM and CRLF", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a\r\nb\rc\n")]);
    expect(decodeSubmissionText(bytes, "a.md")).toBe("a\nb\nc\n");
  });

  it("reads UTF-16 little endian", () => {
    expect(decodeSubmissionText(utf16("x = 2\r\n∂", "le"), "a.txt")).toBe("x = 2\n∂");
  });

  it("reads UTF-16 big endian", () => {
    expect(decodeSubmissionText(utf16("x = 2\n∂", "be"), "a.txt")).toBe("x = 2\n∂");
  });

  it("rejects binary data", () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]);
    expect(codeOf(() => decodeSubmissionText(bytes, "a.md"))).toBe("submission.binary");
  });

  it("rejects Latin-1 with its line", () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xe9, 0x0a]);
    let line: number | null = null;
    try {
      decodeSubmissionText(bytes, "a.md");
    } catch (error) {
      line = error instanceof SubmissionError ? error.line : null;
    }
    expect(codeOf(() => decodeSubmissionText(bytes, "a.md"))).toBe("submission.notUtf8");
    expect(line).toBe(3);
  });
});
