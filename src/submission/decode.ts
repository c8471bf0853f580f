import { SubmissionError } from "./errors.js";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** How many leading bytes are checked for NUL bytes, which plain text never contains. */
const BINARY_PROBE_BYTES = 8192;

/**
 * Decodes a submission's bytes into text with `\n` line ends. Accepts UTF-8 with or without a
 * byte order mark and UTF-16 (little or big endian) with one; throws `submission.binary` or
 * `submission.notUtf8` for anything else.
 */
export function decodeSubmissionText(bytes: Uint8Array, file: string): string {
  let text: string;

  if (startsWith(bytes, [0xff, 0xfe])) {
    text = decodeUtf16(bytes.subarray(2), "le", file);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = decodeUtf16(bytes.subarray(2), "be", file);
  } else {
    const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
    rejectBinary(body, file);
    text = decodeUtf8(body, file);
  }

  // Windows (CRLF) and old Mac (CR) line ends both become LF, so line numbers match an editor's.
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function rejectBinary(bytes: Uint8Array, file: string): void {
  const probe = bytes.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) {
    throw new SubmissionError(
      "submission.binary",
      file,
      null,
      `${file}: the file contains binary data (NUL bytes), so it is not a text write-up or ` +
        `answers file. Hand in Markdown, LaTeX, plain text, a notebook, YAML or JSON; a UTF-16 ` +
        `file needs a byte order mark.`,
    );
  }
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    throw new SubmissionError(
      "submission.notUtf8",
      file,
      line,
      `${file}:${line}: the text is not valid UTF-8 (perhaps Latin-1 or Windows-1252). ` +
        `Save the file as UTF-8 in your editor and hand it in again.`,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, order: "le" | "be", file: string): string {
  if (bytes.length % 2 !== 0) {
    throw new SubmissionError(
      "submission.notUtf16",
      file,
      null,
      `${file}: the file starts with a UTF-16 byte order mark but has an odd number of bytes, ` +
        `so it is cut short or not UTF-16. Save it as UTF-8 and hand it in again.`,
    );
  }

  // Swapping each byte pair turns big-endian into little-endian, which every Node build decodes.
  let littleEndian = bytes;
  if (order === "be") {
    littleEndian = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      littleEndian[i] = bytes[i + 1];
      littleEndian[i + 1] = bytes[i];
    }
  }
  return new TextDecoder("utf-16le").decode(littleEndian);
}

/** Finds the line of the first byte that is not valid UTF-8, for the error message. */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) return line;
    if (bytes[i] === 0x0a) line += 1;
    i += length;
  }
  return line;
}

/** Returns the length of the UTF-8 sequence starting at `i`, or 0 when it is invalid. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  let length: number;
  if (lead < 0x80) return 1;
  else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) length = 3;
  else if (lead >= 0xf0 && lead <= 0xf4) length = 4;
  else return 0;

  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || (next & 0xc0) !== 0x80) return 0;
  }
  return length;
}
