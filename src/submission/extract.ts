import type { Problem, Question } from "../problem/types.js";
import { commandArguments, splitAtTopLevel, tokenize, type Span, type Token } from "./_scan.js";
import { readValue, type ValueReading } from "./latex.js";
import { isLabelLike, labelCandidates, matchLabel, questionNamedBy, type LabelTarget } from "./labels.js";
import type { NumberOptions } from "./numbers.js";
import { splitUnits, type Unit } from "./_units.js";
import { headingText, sectionMarkerOfLine, sectionMarkerOfMath, type SectionMarker } from "./sections.js";
import type { FormatError, ReadNote, ReadValue } from "./types.js";

/** A value found for a question or one of its cells, before cells are assembled into matrices. */
export interface Finding {
  problem: Problem;
  target: LabelTarget;
  value: ReadValue | null;
  error: FormatError | null;
  line: number;
  label: string;
  source: string;
}

/** Everything found in a write-up. */
export interface Extraction {
  findings: Finding[];
  notes: ReadNote[];
}

/** Environments inside display math whose `\\` separate rows of one derivation. */
const ROW_ENVIRONMENTS = /^\\begin\{(aligned|align\*?|gathered|gather\*?|split|alignedat|eqnarray\*?|flalign\*?|multline\*?)\}/;

/** Longest source text kept with an answer, in characters. */
const MAX_SOURCE = 300;

/** Lines a bracketed value (a numpy printout) may continue over. */
const MAX_CONTINUED_LINES = 100;

/**
 * Finds labelled results in a write-up (Markdown, LaTeX or plain text with LaTeX math) and
 * matches them to the problems' questions. `text` must use `\n` line ends; for LaTeX, comments
 * and the preamble should already be blanked out, keeping offsets.
 */
export function extractResults(text: string, problems: Problem[], options: NumberOptions): Extraction {
  return new Extractor(text, problems, options).run();
}

/** Labels of the previous statement, which a statement starting with `=` continues. */
interface LabelRef {
  text: string;
}

/** A heading or list item that named a question: unlabelled values after it answer it. */
interface QuestionScope {
  problem: Problem;
  question: Question;
  candidates: { reading: ValueReading; boxed: boolean; line: number; source: string }[];
}

class Extractor {
  private readonly lineStarts: number[] = [0];
  private readonly findings: Finding[] = [];
  private readonly notes: ReadNote[] = [];
  private problem: Problem | null = null;
  private scope: QuestionScope | null = null;
  private previousLabels: LabelRef[] = [];

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
    private readonly options: NumberOptions,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  run(): Extraction {
    const units = splitUnits(this.text);
    const markers = units.map((unit) => this.sectionMarker(unit));
    const hasStrong = markers.some((marker) => marker?.strong);

    for (let u = 0; u < units.length; u++) {
      let unit = units[u];
      const marker = markers[u];
      let start = unit.span.start;
      if (marker !== null && (marker.strong || !hasStrong)) {
        this.closeScope();
        this.problem = marker.problem;
        this.previousLabels = [];
        start = marker.end;
      }

      if (unit.kind === "math") {
        this.readMath({ start, end: unit.span.end }, unit.rows);
        continue;
      }

      const last = this.continuedLines(units, u, start);
      if (last > u) {
        unit = { kind: "line", span: { start: unit.span.start, end: units[last].span.end }, rows: false };
        u = last;
      }
      this.readLine({ start, end: unit.span.end });
    }
    this.closeScope();
    return { findings: this.findings, notes: this.notes };
  }

  private sectionMarker(unit: Unit): SectionMarker | null {
    const content = this.text.slice(unit.span.start, unit.span.end);
    if (unit.kind === "line") return sectionMarkerOfLine(content, unit.span.start, this.problems);
    const indent = content.length - content.trimStart().length;
    return sectionMarkerOfMath(content.trimStart(), unit.span.start + indent, this.problems);
  }

  /** Returns the index of the last line unit that a bracket left open on line `u` spans. */
  private continuedLines(units: Unit[], u: number, start: number): number {
    let balance = bracketBalance(this.text.slice(start, units[u].span.end));
    let last = u;
    while (balance > 0 && last + 1 < units.length && last - u < MAX_CONTINUED_LINES) {
      if (units[last + 1].kind !== "line") break;
      last += 1;
      balance += bracketBalance(this.text.slice(units[last].span.start, units[last].span.end));
    }
    return balance === 0 ? last : u;
  }

  private readLine(span: Span): void {
    const line = this.text.slice(span.start, span.end);
    const heading = headingText(line);
    if (heading !== null) this.closeScope();

    const named = this.problem === null ? null : this.questionOfLine(line, heading);
    if (named !== null && this.problem !== null) {
      this.scope = { problem: this.problem, question: named, candidates: [] };
      this.previousLabels = [];
    }
    this.readStatement(span, true);
  }

  /** Finds the question a heading or list item names, or an alias such as `A2.` opening a line. */
  private questionOfLine(line: string, heading: string | null): Question | null {
    if (this.problem === null) return null;
    if (heading !== null) return questionNamedBy(this.problem, heading);
    if (line.includes("=")) return null;
    const firstWord = line.trim().split(/\s+/)[0];
    return questionNamedBy(this.problem, firstWord, true);
  }

  private readMath(span: Span, rowsAtTop: boolean): void {
    const rows = this.mathRows(span, rowsAtTop);

    // A row starts a new statement when it begins with a label; others continue the one before.
    let group: Span | null = null;
    for (const row of rows) {
      if (group !== null && !this.rowHasLabel(row)) {
        group = { start: group.start, end: row.end };
        continue;
      }
      if (group !== null) this.readStatement(group, false);
      group = row;
    }
    if (group !== null) this.readStatement(group, false);
  }

  /** Splits `aligned`-like math into rows at `\\`; other math is one row. */
  private mathRows(span: Span, rowsAtTop: boolean): Span[] {
    let inner = span;
    if (!rowsAtTop) {
      const content = this.text.slice(span.start, span.end);
      const trimmed = content.trimStart();
      const environment = ROW_ENVIRONMENTS.exec(trimmed);
      if (environment === null) return [span];
      const start = span.start + (content.length - trimmed.length) + environment[0].length;
      const end = this.text.lastIndexOf(`\\end{${environment[1]}}`, span.end);
      inner = { start, end: end > start ? end : span.end };
    }
    const tokens = tokenize(this.text, inner.start, inner.end);
    return splitAtTopLevel(tokens, inner, (t) => t.kind === "command" && t.name === "\\");
  }

  private rowHasLabel(row: Span): boolean {
    const tokens = tokenize(this.text, row.start, row.end);
    const isSeparator = separatorIn(this.text);
    const cut = tokens.find((t) => t.depth === 0 && (isSeparator(t) || t.name === "&"));
    const first = this.text.slice(row.start, cut === undefined ? row.end : cut.start);
    return first.trim() !== "" && isLabelLike(first);
  }

  /** Reads one statement, `LABEL = … = value`, and records its value for the questions it names. */
  private readStatement(span: Span, isTextLine: boolean): void {
    const tokens = tokenize(this.text, span.start, span.end);
    const isSeparator = separatorIn(this.text);
    let segments = splitAtTopLevel(tokens, span, isSeparator);
    if (segments.length === 1 && isTextLine) segments = this.splitAtColon(tokens, span);

    const boxes = commandArguments(this.text, "boxed", span);
    const source = sourceText(this.text.slice(span.start, span.end));

    if (segments.length === 1) {
      // No `=`: only a boxed or bare value under a heading that named a question counts.
      if (this.scope === null) return;
      const valueSpan = boxes.at(-1) ?? span;
      const reading = readValue(this.text.slice(valueSpan.start, valueSpan.end), this.options);
      this.offerToScope(reading, boxes.length > 0, valueSpan, source);
      return;
    }

    const labels = this.statementLabels(segments, tokens);
    const valueSpan = boxes.at(-1) ?? segments[segments.length - 1];
    const valueText = this.text.slice(valueSpan.start, valueSpan.end);
    const reading = readValue(valueText, this.options);
    if (reading.kind === "none") return;

    const line = this.lineOf(valueSpan);
    const targets = this.targetsOf(labels, valueKind(reading, valueText), line);
    if (targets.length === 0) {
      if (this.scope !== null) {
        this.offerToScope(reading, boxes.length > 0, valueSpan, source);
      } else if (reading.kind === "value" && labels.length > 0) {
        this.noteUnknownLabel(labels[0].text, line);
      }
      return;
    }

    for (const { problem, target, label } of targets) {
      this.findings.push({
        problem,
        target,
        value: reading.kind === "value" ? reading.value : null,
        error: reading.kind === "error" ? reading.error : null,
        line,
        label,
        source,
      });
    }
  }

  /** In text, `dW1: [[…]]` is a result when the part before the colon names a question. */
  private splitAtColon(tokens: Token[], span: Span): Span[] {
    const colon = tokens.find((t) => t.depth === 0 && t.name === ":");
    if (colon === undefined) return [span];
    const label = this.text.slice(span.start, colon.start).replace(/^[\s#*+-]+|\*+/g, "");
    const problems = this.problem === null ? this.problems : [this.problem];
    const names = problems.some((problem) => matchLabel(problem, label, "matrix") ?? matchLabel(problem, label, "number"));
    if (!names) return [span];
    return [
      { start: span.start, end: colon.start },
      { start: colon.end, end: span.end },
    ];
  }

  /**
   * Collects a statement's labels: its first part, then each further part that is itself a
   * label (`S_2 = Y_2 = …`). A statement starting with `=` keeps the previous statement's.
   */
  private statementLabels(segments: Span[], tokens: Token[]): LabelRef[] {
    const first = this.labelText(segments[0], tokens);
    if (first.trim() === "") return this.previousLabels;

    const labels: LabelRef[] = [];
    if (labelCandidates(first).length > 0) labels.push({ text: first.trim() });
    for (let s = 1; s < segments.length - 1; s++) {
      const text = this.labelText(segments[s], tokens);
      if (!isLabelLike(text) || !this.namesAnything(text)) break;
      labels.push({ text: text.trim() });
    }
    this.previousLabels = labels;
    return labels;
  }

  /** Returns the label part of a segment: up to the first `&`, without `$`, list marks or `**`. */
  private labelText(segment: Span, tokens: Token[]): string {
    const ampersand = tokens.find((t) => t.depth === 0 && t.name === "&" && t.start >= segment.start && t.end <= segment.end);
    const end = ampersand === undefined ? segment.end : ampersand.start;
    return this.text
      .slice(segment.start, end)
      .replace(/\$/g, " ")
      .replace(/^[\s]*(?:[-*+][ \t]+|\\item\b)/, "")
      .replace(/\*\*/g, "")
      .replace(/:\s*$/, "");
  }

  private namesAnything(label: string): boolean {
    const problems = this.problem === null ? this.problems : [this.problem];
    return problems.some(
      (problem) => matchLabel(problem, label, "number") !== null || matchLabel(problem, label, "matrix") !== null,
    );
  }

  /**
   * Matches labels to questions of the current problem. Outside any problem section, a label
   * counts only when exactly one problem has it.
   */
  private targetsOf(
    labels: LabelRef[],
    kind: "number" | "matrix",
    line: number,
  ): { problem: Problem; target: LabelTarget; label: string }[] {
    const problems = this.problem === null ? this.problems : [this.problem];
    const found: { problem: Problem; target: LabelTarget; label: string }[] = [];

    for (const label of labels) {
      const matches = problems
        .map((problem) => ({ problem, target: matchLabel(problem, label.text, kind) }))
        .filter((match): match is { problem: Problem; target: LabelTarget } => match.target !== null);
      if (matches.length > 1) {
        this.notes.push({
          line,
          code: "submission.ambiguousLabel",
          message:
            `line ${line}: "${label.text}" names a question in several problems ` +
            `(${matches.map((m) => m.problem.id).join(", ")}) and no problem heading comes before ` +
            `it. Start each problem with its number, such as "## Problem 2".`,
        });
        continue;
      }
      if (matches.length === 0) continue;

      const { problem, target } = matches[0];
      const duplicate = found.some(
        (f) => f.target.question === target.question && sameCell(f.target.cell, target.cell),
      );
      if (!duplicate) found.push({ problem, target, label: label.text });
    }
    return found;
  }

  private offerToScope(reading: ValueReading, boxed: boolean, valueSpan: Span, source: string): void {
    if (this.scope === null || reading.kind === "none") return;
    this.scope.candidates.push({ reading, boxed, line: this.lineOf(valueSpan), source });
  }

  /** Ends a question's scope; its answer is its last boxed value, else its last value. */
  private closeScope(): void {
    const scope = this.scope;
    this.scope = null;
    if (scope === null || scope.candidates.length === 0) return;

    const boxed = scope.candidates.filter((candidate) => candidate.boxed);
    const chosen = (boxed.length > 0 ? boxed : scope.candidates).at(-1)!;
    this.findings.push({
      problem: scope.problem,
      target: { question: scope.question, cell: null },
      value: chosen.reading.kind === "value" ? chosen.reading.value : null,
      error: chosen.reading.kind === "error" ? chosen.reading.error : null,
      line: chosen.line,
      label: scope.question.id,
      source: chosen.source,
    });
  }

  private noteUnknownLabel(label: string, line: number): void {
    const where = this.problem === null ? "any problem" : `problem ${this.problem.number}`;
    this.notes.push({
      line,
      code: "submission.unknownLabel",
      message:
        `line ${line}: "${label.trim()}" has a numeric value but matches no question of ${where}. ` +
        `If it is an answer, name it as the problem does.`,
    });
  }

  /** 1-based line of the first non-space character of a span. */
  private lineOf(span: Span): number {
    let offset = span.start;
    while (offset < span.end && /\s/.test(this.text[offset])) offset += 1;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** Commands that, like `=`, separate the steps of a result; the last step is the value. */
const SEPARATOR_COMMANDS = new Set(["approx", "simeq", "coloneqq"]);

/** Makes a test for `=`, `≈` and `\approx` in `text`; `<=`, `>=`, `!=` and `==` do not count. */
function separatorIn(text: string): (token: Token) => boolean {
  return (token) => {
    if (token.kind === "command") return SEPARATOR_COMMANDS.has(token.name);
    if (token.kind !== "char") return false;
    if (token.name === "\u2248") return true;
    if (token.name !== "=") return false;
    const before = text[token.start - 1] ?? "";
    const after = text[token.end] ?? "";
    return !"<>!=".includes(before === "" ? " " : before) && after !== "=";
  };
}

/** Guesses whether a value is a matrix or a number, to look up names even for a malformed one. */
function valueKind(reading: ValueReading, valueText: string): "number" | "matrix" {
  if (reading.kind === "value") return reading.value.kind;
  return /\\begin|\[|\\left/.test(valueText) ? "matrix" : "number";
}

function sameCell(a: [number, number] | null, b: [number, number] | null): boolean {
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1];
}

/** Counts `[` minus `]`, so that a numpy printout spread over lines is read as one value. */
function bracketBalance(text: string): number {
  let balance = 0;
  for (const c of text) {
    if (c === "[") balance += 1;
    else if (c === "]") balance -= 1;
  }
  return balance;
}

/** Collapses whitespace and shortens long derivations to their start and their end. */
function sourceText(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= MAX_SOURCE) return flat;
  return flat.slice(0, 100) + " … " + flat.slice(flat.length - (MAX_SOURCE - 103));
}
