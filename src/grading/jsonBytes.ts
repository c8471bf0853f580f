/**
 * Writes JSON straight into UTF-8 bytes, with the text of `stringifyJson(value, 0)`: compact,
 * bigints as plain numbers with every digit, non-finite numbers as null, undefined object fields
 * left out. Reports of a large class are mostly the same strings over and over (verdicts,
 * feedback, tolerances), so each short string is escaped and encoded once and then copied as
 * bytes. Building JSON text and encoding it afterwards costs about three times as much.
 */
export class JsonByteWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private readonly encoder = new TextEncoder();
  /**
   * Short strings, each with where the UTF-8 of its JSON is in `remembered`: its start times
   * REMEMBERED_SPAN, plus its length.
   */
  private readonly strings = new Map<string, number>();
  /**
   * Frozen arrays and objects written before, with where their JSON is in `remembered`, as for
   * strings.
   */
  private frozen = new WeakMap<object, number>();
  private readonly remembered = new Uint8Array(REMEMBERED_BYTES);
  private rememberedLength = 0;
  /** Object keys, as the UTF-8 of their JSON and a colon. */
  private readonly keys = new Map<string, Uint8Array>();

  /** Appends text made only of ASCII characters, such as JSON punctuation and white space. */
  ascii(text: string): void {
    const count = text.length;
    this.reserve(count);
    const buffer = this.buffer;
    let at = this.length;
    for (let index = 0; index < count; index++) buffer[at++] = text.charCodeAt(index);
    this.length = at;
  }

  /** Appends `value` as compact JSON. */
  value(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.string(value);
        return;
      case "number":
        if (Number.isInteger(value) && value >= 0 && value < 10) this.byte(ZERO + value);
        else this.ascii(Number.isFinite(value) ? String(value) : "null");
        return;
      case "bigint":
        this.ascii(value.toString());
        return;
      case "boolean":
        this.ascii(value ? "true" : "false");
        return;
      case "object":
        if (value === null) this.ascii("null");
        else if (Array.isArray(value)) this.array(value);
        else this.object(value as Record<string, unknown>);
        return;
      default:
        // Functions, symbols and undefined, which JSON.stringify writes as null in an array.
        this.ascii("null");
    }
  }

  /** Returns the bytes appended so far in a buffer of their own, and starts again empty. */
  take(): Uint8Array {
    const bytes = this.buffer.slice(0, this.length);
    this.length = 0;
    return bytes;
  }

  /**
   * Writes an array. A frozen array of numbers, strings and other such arrays cannot change, so
   * its bytes are remembered by identity: the expected value of a question is one frozen array for
   * the whole class.
   */
  private array(items: readonly unknown[]): void {
    let unchanging = Object.isFrozen(items);
    if (unchanging && this.copyFrozen(items)) return;
    const start = this.length;
    this.byte(OPEN_BRACKET);
    for (let index = 0; index < items.length; index++) {
      if (index > 0) this.byte(COMMA);
      const item = items[index];
      this.value(item);
      if (unchanging && typeof item === "object" && item !== null) unchanging = this.frozen.has(item);
    }
    this.byte(CLOSE_BRACKET);
    if (unchanging) this.rememberFrozen(items, start);
  }

  /**
   * Writes an object. Like an array, a frozen object whose fields are all unchanging is remembered
   * by identity. The result of a question left blank is one such object for the whole class.
   */
  private object(fields: Record<string, unknown>): void {
    let unchanging = Object.isFrozen(fields);
    if (unchanging && this.copyFrozen(fields)) return;
    const start = this.length;
    this.byte(OPEN_BRACE);
    let first = true;
    for (const key of Object.keys(fields)) {
      const field = fields[key];
      if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
      if (!first) this.byte(COMMA);
      first = false;
      let keyBytes = this.keys.get(key);
      if (keyBytes === undefined) {
        keyBytes = this.encoder.encode(`${JSON.stringify(key)}:`);
        // Results have a few dozen keys, but other JSON may have many more.
        if (this.keys.size >= MAX_REMEMBERED) this.keys.clear();
        this.keys.set(key, keyBytes);
      }
      this.bytes(keyBytes);
      this.value(field);
      if (unchanging && typeof field === "object" && field !== null) unchanging = this.frozen.has(field);
    }
    this.byte(CLOSE_BRACE);
    if (unchanging) this.rememberFrozen(fields, start);
  }

  /**
   * Copies the remembered bytes of a frozen array or object and returns true, or returns false
   * when it was not written before. Only frozen values are looked up, because a lookup gives a new
   * value an identity hash.
   */
  private copyFrozen(value: object): boolean {
    const known = this.frozen.get(value);
    if (known === undefined) return false;
    this.copyRemembered(known);
    return true;
  }

  /** Remembers the bytes written since `start` for a frozen value whose contents are all unchanging. */
  private rememberFrozen(value: object, start: number): void {
    if (this.length - start < REMEMBERED_SPAN) this.frozen.set(value, this.remember(start, this.length));
  }

  private string(text: string): void {
    const known = this.strings.get(text);
    if (known !== undefined) {
      this.copyRemembered(known);
      return;
    }
    const json = JSON.stringify(text);
    this.reserve(json.length * 3);
    const start = this.length;
    this.length += this.encoder.encodeInto(json, this.buffer.subarray(start)).written;
    if (text.length > MAX_REMEMBERED_LENGTH) return;
    if (this.strings.size >= MAX_REMEMBERED) this.forget();
    this.strings.set(text, this.remember(start, this.length));
  }

  /**
   * Keeps a copy of the bytes just written at [start, end), and returns where it is, for
   * copyRemembered. The copies share one block of memory, because a separate buffer per string
   * raised peak memory by about 7 MB at 10,000 students (measured).
   */
  private remember(start: number, end: number): number {
    const count = end - start;
    if (this.rememberedLength + count > this.remembered.length) this.forget();
    this.remembered.set(this.buffer.subarray(start, end), this.rememberedLength);
    const place = this.rememberedLength * REMEMBERED_SPAN + count;
    this.rememberedLength += count;
    return place;
  }

  /**
   * Forgets every remembered string and array. Starting afresh keeps memory bounded when most
   * strings are a student's own.
   */
  private forget(): void {
    this.strings.clear();
    this.frozen = new WeakMap();
    this.rememberedLength = 0;
  }

  /** Appends the remembered bytes that `place` locates. */
  private copyRemembered(place: number): void {
    const count = place % REMEMBERED_SPAN;
    const from = (place - count) / REMEMBERED_SPAN;
    this.reserve(count);
    if (count > SHORT_COPY) {
      this.buffer.set(this.remembered.subarray(from, from + count), this.length);
      this.length += count;
      return;
    }
    const buffer = this.buffer;
    const remembered = this.remembered;
    let at = this.length;
    for (let index = from; index < from + count; index++) buffer[at++] = remembered[index]!;
    this.length = at;
  }

  private bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private byte(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  /** Makes room for `count` more bytes. */
  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + count) size *= 2;
    const larger = new Uint8Array(size);
    larger.set(this.buffer.subarray(0, this.length));
    this.buffer = larger;
  }
}

/**
 * Limits on remembered strings: their count, the longest one, and the bytes they may take.
 * Verdicts, feedback and tolerances are shorter than the limit, and a student's long source lines
 * are seldom seen twice.
 */
const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_LENGTH = 200;
const REMEMBERED_BYTES = 1 << 20;
/**
 * Larger than the UTF-8 of the longest string remembered (3 bytes a character, 6 for an escape),
 * and than the JSON of any array or object remembered.
 */
const REMEMBERED_SPAN = 2048;
/** Bytes that a loop copies faster than a view and set(); most remembered strings are shorter. */
const SHORT_COPY = 64;

const ZERO = 0x30;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
