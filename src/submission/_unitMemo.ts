import type { Problem } from "../problem/types.js";
import type { Finding, ResultRecorder } from "./_recorder.js";
import type { Span } from "./_scan.js";
import { detachedCopy } from "./latex.js";
import type { NumberOptions } from "./numbers.js";

/**
 * The results that reading one unit (a display or a line of text) added, with lines counted from
 * the unit's first line. The same unit elsewhere, in this write-up or another, then adds the same
 * results without being read again.
 */
export interface UnitReading {
  findings: RememberedFinding[];
  /**
   * The labels that a following statement starting with `=` continues, when the unit set them
   * (null when it left them as they were).
   */
  labelsAfter: readonly string[] | null;
}

interface RememberedFinding {
  finding: Finding;
  /** Lines from the unit's first line to the finding's line. */
  lineOffset: number;
}

/**
 * Units are remembered only when at most this long: longer ones are derivations written once,
 * and hashing them as keys would cost more than it saves.
 */
const MAX_REMEMBERED_UNIT = 1000;

/**
 * Units a store keeps in each of its two generations. A class repeats a few thousand units, so
 * this keeps every repeated one while units written once pass through.
 */
const GENERATION_SIZE = 8192;

/**
 * Units read before, by their context (unitContext) and text. New units go into the young
 * generation; when it is full it becomes the old one and the old one is dropped. A unit found in
 * the old generation moves back to the young one, so units that keep repeating stay and memory
 * stays bounded for any class.
 */
export class UnitStore {
  private young = new Map<number, Map<string, UnitReading>>();
  private old = new Map<number, Map<string, UnitReading>>();
  private youngSize = 0;

  /** Returns the reading remembered for a unit, or undefined. */
  get(context: number, text: string): UnitReading | undefined {
    const found = this.young.get(context)?.get(text);
    if (found !== undefined) return found;
    const old = this.old.get(context)?.get(text);
    if (old !== undefined) this.set(context, text, old);
    return old;
  }

  /** Remembers a unit's reading. `text` may be a slice of a write-up: the store keeps a copy. */
  set(context: number, text: string, reading: UnitReading): void {
    if (this.youngSize >= GENERATION_SIZE) {
      this.old = this.young;
      this.young = new Map();
      this.youngSize = 0;
    }
    let texts = this.young.get(context);
    if (texts === undefined) {
      texts = new Map();
      this.young.set(context, texts);
    }
    texts.set(detachedCopy(text), reading);
    this.youngSize += 1;
  }
}

// A class writes the same lines again and again: the statement copied, every right result the
// same display. So each unit is read once per process and its results reused, as long as its
// reading depended on nothing but its text and its context (see unitContext).
const pointUnits = new WeakMap<Problem[], UnitStore>();
const commaUnits = new WeakMap<Problem[], UnitStore>();

/** When true, every remembered reading is checked against reading the unit again. */
let checking = false;

/**
 * Makes every later reuse of a remembered unit also read the unit again and throw an Error when
 * the two differ. For tests and for checking the reader over a folder of write-ups; slow.
 */
export function checkRememberedUnits(on: boolean): void {
  checking = on;
}

/** Tells whether remembered units are checked against a fresh reading (checkRememberedUnits). */
export function isCheckingRememberedUnits(): boolean {
  return checking;
}

/** Returns the store of remembered units for one assignment and number format. */
export function unitStore(problems: Problem[], options: NumberOptions): UnitStore {
  // NOTE: decimalComma is the only option, so one store per setting covers every option. An
  // option added to NumberOptions needs its own stores here.
  const stores = options.decimalComma ? commaUnits : pointUnits;
  let store = stores.get(problems);
  if (store === undefined) {
    store = new UnitStore();
    stores.set(problems, store);
  }
  return store;
}

const KINDS = { line: 0, math: 1, rows: 2 } as const;

/**
 * Returns the context of a unit as one number: its kind, its problem section and the character on
 * each side of it, which the separator test looks at for an `=` at either end. `problemIndex` is
 * the section's problem in the assignment's list, or -1 outside any section. Returns null for a
 * unit that is not remembered: one too long, or one read from after its start, as a line is after
 * a heading's marker.
 */
export function unitContext(
  text: string,
  unit: Span,
  start: number,
  kind: "math" | "rows" | "line",
  problemIndex: number,
): number | null {
  if (start !== unit.start || unit.end - unit.start > MAX_REMEMBERED_UNIT || problemIndex >= 1023) return null;
  const before = unit.start > 0 ? text.charCodeAt(unit.start - 1) + 1 : 0;
  const after = unit.end < text.length ? text.charCodeAt(unit.end) + 1 : 0;
  // 2 bits of kind, 10 of section and 17 for each character (a UTF-16 code unit, or 0 for none)
  // make 46 bits, which a double represents exactly.
  return ((KINDS[kind] * 1024 + problemIndex + 1) * 131072 + before) * 131072 + after;
}

/**
 * Makes the reading of a unit from what reading it added: `findings` from index `firstFinding` on,
 * with lines counted from `baseLine`.
 */
export function unitReading(
  results: ResultRecorder,
  firstFinding: number,
  baseLine: number,
  labelsAfter: readonly string[] | null,
): UnitReading {
  const findings: RememberedFinding[] = [];
  for (let f = firstFinding; f < results.findings.length; f++) {
    const finding = results.findings[f];
    findings.push({ finding, lineOffset: finding.line - baseLine });
  }
  return { findings, labelsAfter };
}

/** Adds a remembered unit's findings to `results`, for the unit starting on line `baseLine`. */
export function replayUnit(results: ResultRecorder, reading: UnitReading, baseLine: number): void {
  for (const { finding, lineOffset } of reading.findings) {
    results.findings.push({ ...finding, line: baseLine + lineOffset });
  }
}

/**
 * Throws when a fresh reading of a unit differs from the remembered one. `fresh` is what reading
 * the unit again added, with its labels after, and `freshNotes` the number of notes it added. A
 * remembered reading added no notes, because a unit that adds one is not remembered.
 */
export function compareReadings(remembered: UnitReading, fresh: UnitReading, unitText: string, freshNotes = 0): void {
  if (freshNotes > 0) {
    throw new Error(`a remembered unit read differently: reading it again added ${freshNotes} notes, the remembered reading none.\nunit: ${JSON.stringify(unitText)}`);
  }
  const describe = (reading: UnitReading): string =>
    JSON.stringify({
      labelsAfter: reading.labelsAfter,
      findings: reading.findings.map(({ finding, lineOffset }) => ({
        problem: finding.problem.id,
        question: finding.target.question.id,
        cell: finding.target.cell,
        value: finding.value,
        error: finding.error,
        label: finding.label,
        source: finding.source,
        lineOffset,
      })),
    }, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
  const expected = describe(fresh);
  const actual = describe(remembered);
  if (expected !== actual) {
    throw new Error(`a remembered unit read differently.\nunit: ${JSON.stringify(unitText)}\nremembered: ${actual}\nfresh: ${expected}`);
  }
}
