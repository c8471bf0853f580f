import type { Problem, Question } from "../problem/types.js";
import { bareWeightLayer, ResultRecorder, type Finding } from "./_recorder.js";
import {
  closingBrace,
  commandArguments,
  splitAtTopLevel,
  tokenize,
  topLevelTokens,
  type Span,
  type Token,
  type TokenMarks,
} from "./_scan.js";
import {
  bracketBalance,
  clauses,
  firstWord,
  isWhitespaceAt,
  mayContainSeparator,
  numberBeforeWords,
  occurrences,
  STATEMENT_MARKS,
  mathBeforeRemark,
  outsideBrackets,
  SEPARATOR_COMMANDS,
  sentences,
  valueBeforeRemark,
  type ResultTests,
  separatorIn,
  splitResults,
} from "./_statements.js";
import { splitUnits, type Unit } from "./_units.js";
import {
  compareReadings,
  isCheckingRememberedUnits,
  replayUnit,
  unitContext,
  unitReading,
  unitStore,
  type UnitStore,
} from "./_unitMemo.js";
import { detachedCopy, readValue, type ValueReading } from "./latex.js";
import { matchLabel, questionNamedBy } from "./labelMatch.js";
import { isLabelLike, labelCandidates } from "./labels.js";
import type { NumberOptions } from "./numbers.js";
import {
  endOfQuestionName,
  headingLevel,
  headingText,
  isAnswersHeading,
  namesSeveralProblems,
  sectionMarkerOfLine,
  sectionMarkerOfMath,
  unknownProblemOfLine,
  headingNumber,
  type SectionMarker,
} from "./sections.js";
import { isTableLine, recordTable } from "./tables.js";
import type { ReadNote } from "./types.js";

export type { Finding } from "./_recorder.js";

/** Everything found in a write-up. */
export interface Extraction {
  findings: Finding[];
  notes: ReadNote[];
}

/** Environments inside display math whose `\\` separate rows of one derivation. */
const ROW_ENVIRONMENTS = /^\\begin\{(aligned|align\*?|gathered|gather\*?|split|alignedat|eqnarray\*?|flalign\*?|multline\*?)\}/;

/** Lines a bracketed value (a numpy printout) may continue over. */
const MAX_CONTINUED_LINES = 100;

/** Characters before a display searched for its label, as in `Number of parameters $$= 1$$`. */
const MAX_LABEL_BEFORE_MATH = 200;

/** The character code of `=`. */
const EQUALS_SIGN = 61;

/** Top-level tokens that split math into rows: `\\` only. */
const LINE_BREAKS: TokenMarks = { characters: "", commands: new Set(["\\"]), braces: false };

/** Top-level tokens that end a label: `&` and `\&`. */
const AMPERSANDS: TokenMarks = { characters: "&", commands: new Set(["&"]), braces: false };

/** Top-level tokens that end a row's label: separators, `&` and `\&`. */
const ROW_CUTS: TokenMarks = {
  characters: "=\u2248&",
  commands: new Set([...SEPARATOR_COMMANDS, "&"]),
  braces: false,
};

// Regular expressions that run for every line or statement are made once here, because a literal
// in a function makes a new object each time it runs.
const BOLD_OR_DOLLAR = /\*\*|__|\$/g;
const ENDS_WITH_COLON_OR_EQUALS = /[:=]$/;
const DIGIT = /\d/;

/**
 * The first step of a weight update, `W_1 - \eta …`, with the name of its weights. The sign may be
 * `+`, as in `W_1 + \eta x^T \delta_2` with an error term taken as T - Y.
 */
const UPDATE_STEP = /^\s*\$?\s*([^=+-]*?)\s*[-+]/;

/** The start of a value: a digit, a sign, a bracket, or a LaTeX matrix, after any `$` and spaces. */
const VALUE_START = /^[\s$]*(?:[-+.\d[(]|\\begin\b|\\left\b)/;

/** The letter that every spelling of a weight matrix's name contains. */
const LETTER_W = /w/i;

/** A separator that makes the step after it an approximation of the one before. */
const APPROXIMATION = /^(?:\u2248|\\approx|\\simeq)$/;

/**
 * Words before a number that make it a count per unit, as in "Each multiply-accumulate counts as
 * 2 operations". "Each" alone is no such sign: "Each forward pass costs 1,338,378 FLOPs" is a total.
 */
const PER_UNIT = /\bcounts?[ \t]+as\b/i;

/**
 * Words, a verb and a number that ends the sentence, after the start of the sentence, a list mark
 * or an enumerator such as `(a)`, or a colon: "The number of operations is $1338378$." The
 * sentence may be in bold. Group 1 is the words, group 2 the number, with any `$` around it.
 */
const WORDS_VERB_NUMBER = /(?:^[ \t]*(?:[-*+][ \t]+|\\item\b[ \t]*)?(?:(?:\*\*|__)?\(?[A-Za-z0-9]{1,3}\)(?:\*\*|__)?[ \t]+)?(?:\*\*|__)?|[.!?:][ \t]+)([A-Za-z][A-Za-z \t-]*?)[ \t]+(?:is|are|was|equals|comes[ \t]+to|totals)[ \t]+(\$?[ \t]*[-+]?\d[^$]*?\$?)[ \t]*\.?(?:\*\*|__)?[ \t]*$/d;

/** Letters and commands that may be part of a number: `\times 10^5`, `\cdot`, `669\,706`, `6.7e5`. */
const NUMBER_COMMANDS = /\\(?:times|cdot)|\\[,;!]|\d[eE][-+]?\d/g;
const WORD_IN_NUMBER = /[A-Za-z]/;

/** Words before a question's name that leave it the whole count: "So the total number of …". */
const LEADING_FILLER = /^(?:(?:so|thus|hence|therefore|then|overall|finally|and|the|a|an|our|my|its|total)[ \t]+)+/i;

/**
 * Returns where the last math of a text opens when that math is still open at the text's end, as
 * in "… weights, so the number is $784 \cdot 512", or -1. `$$` counts as one delimiter.
 */
function lastMathOpening(text: string): number {
  const parenthesis = text.lastIndexOf("\\(");
  const openParenthesis = parenthesis > text.lastIndexOf("\\)") ? parenthesis : -1;
  const delimiters = text.replace(/\$\$/g, "$");
  let dollar = -1;
  if (occurrences(delimiters, "$") % 2 === 1) {
    dollar = text.lastIndexOf("$");
    if (dollar > 0 && text[dollar - 1] === "$") dollar -= 1;
  }
  return Math.max(openParenthesis, dollar);
}

/** Returns where the math before the opening at `opening` closes, or 0 when there is none. */
function lastMathClosing(text: string, opening: number): number {
  const before = text.slice(0, opening);
  const dollar = before.lastIndexOf("$");
  const parenthesis = before.lastIndexOf("\\)");
  return Math.max(dollar < 0 ? 0 : dollar + 1, parenthesis < 0 ? 0 : parenthesis + 2);
}

/** Maximum length of a clause searched for WORDS_VERB_NUMBER, in characters. */
const MAX_VERB_CLAUSE = 300;

/** List and enumeration marks before a label: `- `, `\item`, `(b) `, `a) `, `3. `. */
const LABEL_PREFIX = /^\s*(?:[-*+]\s+|\\item\b\s*)?(?:\(?[A-Za-z0-9]{1,4}\)\s+|\d{1,2}\.\s+)?/;

/**
 * Finds labelled results in a write-up (Markdown, LaTeX or plain text with LaTeX math) and
 * matches them to the problems' questions. `text` must use `\n` line ends; for LaTeX, comments
 * and the preamble should already be blanked out, keeping offsets.
 */
export function extractResults(text: string, problems: Problem[], options: NumberOptions): Extraction {
  return new Extractor(text, problems, options).run();
}

class Extractor {
  private readonly results: ResultRecorder;
  /** Labels of the previous statement, which a statement starting with `=` continues. */
  private previousLabels: readonly string[] = [];
  /** Set when a statement took previousLabels as its own, so that its unit depends on them. */
  private usedPreviousLabels = false;
  /** Units read before, in this write-up or an earlier one of the same assignment. */
  private readonly units: UnitStore;
  /** The problem of the section being read, and its index in `problems`, for readUnit. */
  private sectionProblem: Problem | null = null;
  private sectionIndex = -1;
  /** The test for separators in this text, made once for every statement. */
  private readonly isSeparator: (token: Token) => boolean;
  /** The tests splitResults makes on this text. */
  private readonly resultTests: ResultTests;
  private readonly isValue = (text: string): boolean => readValue(text, this.options).kind === "value";

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
    private readonly options: NumberOptions,
  ) {
    this.results = new ResultRecorder(text, problems);
    this.units = unitStore(problems, options);
    this.isSeparator = separatorIn(text);
    this.resultTests = {
      isSeparator: this.isSeparator,
      namesQuestion: (label) => this.results.namesAnything(this.labelText(label)),
      readsAsValue: (value) => this.isValue(value) || valueBeforeRemark(value, this.isValue) >= 0,
      isLabel: (label) => isLabelLike(this.labelText(label)),
    };
  }

  run(): Extraction {
    const units = splitUnits(this.text);
    const markers = units.map((unit) => this.sectionMarker(unit));
    const hasStrong = markers.some((marker) => marker?.strong);
    const plainHeadings = plainHeadingsOf(units, markers);
    let inAnswersList = false;
    // Inside the section of a problem the assignment does not have, whose answers are skipped.
    let inUnknownProblem = false;
    // The level of the heading that started the current problem's section, or null when a line
    // that is no heading started it.
    let problemLevel: number | null = null;
    // A qualified heading nested under another problem's heading, whose section ends at the next
    // heading of its level or above, where the section of `problem` goes on.
    let skippedSubsection: { problem: Problem; level: number } | null = null;
    const headingWords = this.problemHeadingWords(units);

    for (let u = 0; u < units.length; u++) {
      let unit = units[u];
      const content = this.text.slice(unit.span.start, unit.span.end);
      if (unit.kind === "line") inAnswersList = isAnswersHeading(content) ?? inAnswersList;

      const marker = markers[u];
      let start = unit.span.start;
      const plainHeading = marker?.qualifier == null ? undefined : plainHeadings.get(marker.problem);
      if (marker !== null && plainHeading !== undefined) {
        // `## Practice problem 2` beside `## Problem 2` is another problem, such as a worked
        // example, whose answers would otherwise replace or contradict the graded ones.
        const level = unit.kind === "line" ? headingLevel(content) : null;
        const isNested = this.results.problem !== null && level !== null && problemLevel !== null && level > problemLevel;
        skippedSubsection = isNested ? { problem: this.results.problem!, level: level! } : null;
        this.results.closeScope();
        this.results.problem = null;
        this.results.noteRepeatedProblem(marker.problem, marker.qualifier!, unit.span, plainHeading);
        inUnknownProblem = true;
        continue;
      }
      if (marker !== null && (marker.strong || !hasStrong || inAnswersList)) {
        this.results.closeScope();
        this.results.problem = marker.problem;
        this.previousLabels = [];
        start = marker.end;
        inUnknownProblem = false;
        problemLevel = unit.kind === "line" ? headingLevel(content) : null;
        skippedSubsection = null;
      } else if (unit.kind === "line" && marker === null) {
        const unknown = unknownProblemOfLine(content, this.problems, headingWords);
        const level = skippedSubsection === null ? null : headingLevel(content);
        if (unknown !== null) {
          this.results.closeScope();
          this.results.problem = null;
          this.results.noteUnknownProblem(unknown, unit.span);
          inUnknownProblem = true;
          skippedSubsection = null;
        } else if (namesSeveralProblems(content)) {
          this.results.closeScope();
          this.results.problem = null;
          this.results.noteSeveralProblems(unit.span);
          inUnknownProblem = true;
          skippedSubsection = null;
        } else if (skippedSubsection !== null && level !== null && level <= skippedSubsection.level) {
          // `### My answer` after `### Practice problem 2` under `## Problem 2` is problem 2's again.
          this.results.problem = skippedSubsection.problem;
          this.previousLabels = [];
          inUnknownProblem = false;
          skippedSubsection = null;
        }
      }
      if (inUnknownProblem) continue;

      if (unit.kind === "math") {
        this.useLabelBeforeMath(unit.span.start);
        this.readUnit(unit.rows ? "rows" : "math", unit.span, start);
        continue;
      }
      if (isTableLine(content)) {
        u = this.readTable(units, u);
        continue;
      }

      const last = this.continuedLines(units, u, start);
      if (last > u) {
        unit = { kind: "line", span: { start: unit.span.start, end: units[last].span.end }, rows: false };
        u = last;
      }
      this.readUnit("line", unit.span, start);
    }
    this.results.closeScope();
    return { findings: this.results.findings, notes: this.results.notes };
  }

  /**
   * Reads a display (`math`, or `rows` for an aligned environment) or a line of text from `start`
   * on, reusing what reading the same unit added before. A unit is remembered only when its
   * reading depended on nothing but its text and the problem section. So no question may wait for
   * a value before or after it, and no statement in it may continue the labels of the unit before.
   * It must add no note either, because notes name lines and depend on the notes before them.
   */
  private readUnit(kind: "math" | "rows" | "line", unit: Span, start: number): void {
    const results = this.results;
    if (results.problem !== this.sectionProblem) {
      this.sectionProblem = results.problem;
      this.sectionIndex = results.problem === null ? -1 : this.problems.indexOf(results.problem);
    }
    const context = results.hasScope ? null : unitContext(this.text, unit, start, kind, this.sectionIndex);
    if (context === null) {
      this.readUnitText(kind, unit, start);
      return;
    }
    const unitText = this.text.slice(unit.start, unit.end);
    const remembered = this.units.get(context, unitText);
    const checking = isCheckingRememberedUnits();
    if (remembered !== undefined && !checking) {
      if (remembered.findings.length > 0) replayUnit(results, remembered, results.lineOf({ start: unit.start, end: unit.start }));
      if (remembered.labelsAfter !== null) this.previousLabels = remembered.labelsAfter;
      return;
    }

    const firstFinding = results.findings.length;
    const noteCount = results.notes.length;
    const labelsBefore = this.previousLabels;
    this.usedPreviousLabels = false;
    this.readUnitText(kind, unit, start);
    const labelsAfter = this.previousLabels === labelsBefore ? null : Object.freeze(this.previousLabels);
    const baseLine = results.lineOf({ start: unit.start, end: unit.start });
    const reading = unitReading(results, firstFinding, baseLine, labelsAfter);
    if (remembered !== undefined) {
      compareReadings(remembered, reading, unitText, results.notes.length - noteCount);
      return;
    }
    // An ambiguousLabel note of the unit before, on this unit's first line, can keep this unit from
    // adding its unknownLabel note, so such a reading is not remembered.
    const dependsOnNotes = results.notes.length !== noteCount || results.endsWithAmbiguousLabelFrom(baseLine);
    if (!dependsOnNotes && !results.hasScope && !this.usedPreviousLabels) {
      this.units.set(context, unitText, reading);
    }
  }

  private readUnitText(kind: "math" | "rows" | "line", unit: Span, start: number): void {
    if (kind === "line") this.readLine({ start, end: unit.end });
    else this.readMath({ start, end: unit.end }, kind === "rows");
  }

  /** Collects the words of the headings of known problems, such as "question", or "" for a bare number. */
  private problemHeadingWords(units: Unit[]): Set<string> {
    const words = new Set<string>();
    for (const unit of units) {
      if (unit.kind !== "line") continue;
      const found = headingNumber(this.text.slice(unit.span.start, unit.span.end));
      if (found !== null && this.problems.some((problem) => problem.number === found[1])) words.add(found[0]);
    }
    return words;
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

  /** Reads the Markdown table that starts at unit `u` and returns the index of its last line. */
  private readTable(units: Unit[], u: number): number {
    let last = u;
    while (last + 1 < units.length && units[last + 1].kind === "line") {
      const next = units[last + 1].span;
      const isNextLine = this.results.lineOf(next) === this.results.lineOf(units[last].span) + 1;
      if (!isNextLine || !isTableLine(this.text.slice(next.start, next.end))) break;
      last += 1;
    }
    const rows = units.slice(u, last + 1).map((unit) => unit.span);
    recordTable(this.text, rows, this.results, this.options);
    return last;
  }

  private readLine(span: Span): void {
    const line = this.text.slice(span.start, span.end);
    const heading = headingText(line);
    if (heading !== null) this.results.closeScope();

    const named = this.questionOfLine(line, heading);
    if (named === null) {
      this.readStatement(span, true);
      return;
    }

    this.results.openScope(named);
    this.previousLabels = [];
    // `* **dW2.** $[…]$` and `dW1: [[…]]` put the answer on the naming line itself.
    const hasSeparator = mayContainSeparator(line) && tokenize(line).some(separatorIn(line));
    const start = hasSeparator ? span.start : span.start + endOfQuestionName(line);
    const found = this.results.findings.length;
    this.readStatement({ start, end: span.end }, true);
    // `- $dW_1 = [[25, 25], [50, 50]]$` gives the answer with its own label, so no later value of
    // another quantity, such as `The learning rate is $\eta = 0.1$`, is taken for it.
    if (hasSeparator && this.results.findings.length > found) this.results.closeScope();
  }

  /**
   * Finds the question a heading or list item names, a label alone on its line before `:` or
   * `=`, or an alias such as `A2.` opening a line.
   */
  private questionOfLine(line: string, heading: string | null): Question | null {
    const problem = this.results.problem;
    if (problem === null) return null;
    if (heading !== null) return questionNamedBy(problem, heading);

    // `dW2 =` or `\frac{\partial L}{\partial W_1}:` alone on a line: the value comes below it.
    // The marks taken out hold no `:` or `=`, so a line without either cannot end with one.
    if (line.includes(":") || line.includes("=")) {
      const trimmed = line.replace(BOLD_OR_DOLLAR, "").trim();
      const label = trimmed.slice(0, -1);
      if (ENDS_WITH_COLON_OR_EQUALS.test(trimmed) && !label.includes("=")) {
        const target = matchLabel(problem, label, "matrix") ?? matchLabel(problem, label, "number");
        if (target !== null && target.cell === null) return target.question;
      }
    }
    if (line.includes("=")) return null;
    return questionNamedBy(problem, firstWord(line.trim()), true);
  }

  /**
   * Takes the text before a display on its line, as in `Number of parameters $$= 669706$$`, as
   * the label of a display that starts with `=`.
   */
  private useLabelBeforeMath(contentStart: number): void {
    // An `=` after white space in the first 40 characters, found without a slice and a regular
    // expression, because every display runs this test.
    const limit = Math.min(contentStart + 40, this.text.length);
    let first = contentStart;
    while (first < limit && isWhitespaceAt(this.text, first)) first += 1;
    if (first >= limit || this.text.charCodeAt(first) !== EQUALS_SIGN) return;
    // Looking back a bounded distance keeps many displays on one long line linear.
    const from = Math.max(0, contentStart - MAX_LABEL_BEFORE_MATH);
    const before = this.text.slice(from, contentStart);
    const lead = before
      .slice(before.lastIndexOf("\n") + 1).replace(/(?:\$\$|\\\[|\\begin\{[^{}]*\})$/, "");
    const label = this.labelParts(lead).trimmed;
    if (label !== "" && isLabelLike(label) && this.results.namesAnything(label)) this.previousLabels = [label];
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
      // Searching only the unit keeps many unclosed environments from each scanning the text.
      const end = this.text.slice(start, span.end).lastIndexOf(`\\end{${environment[1]}}`);
      inner = { start, end: end >= 0 ? start + end : span.end };
    }
    const tokens = topLevelTokens(this.text, inner.start, inner.end, LINE_BREAKS);
    return splitAtTopLevel(tokens, inner, isLineBreak);
  }

  private rowHasLabel(row: Span): boolean {
    const rowText = this.text.slice(row.start, row.end);
    const mayBeCut = mayContainSeparator(rowText) || rowText.includes("&");
    const tokens = mayBeCut ? topLevelTokens(this.text, row.start, row.end, ROW_CUTS) : [];
    const isSeparator = this.isSeparator;
    const cut = tokens.find((t) => t.depth === 0 && (isSeparator(t) || t.name === "&"));
    const first = this.text.slice(row.start, cut === undefined ? row.end : cut.start);
    return first.trim() !== "" && isLabelLike(first);
  }

  /**
   * Reads one statement, `LABEL = … = value`, and records its value for the questions it names.
   * A statement holding several results (`S_2 = …, \qquad Y_2 = …`) is read one result at a time.
   */
  private readStatement(span: Span, isTextLine: boolean): void {
    // `$$\boxed{\frac{\partial L}{\partial W_1} = …}$$`: the box contains the whole result.
    const box = wholeBox(this.text, span);
    if (box !== null) {
      this.readStatement(box, isTextLine);
      return;
    }
    // A statement without a separator or colon is one segment whatever its tokens, and most
    // lines of prose are such statements.
    const statement = this.text.slice(span.start, span.end);
    const tokens = mayContainSeparator(statement)
      ? topLevelTokens(this.text, span.start, span.end, STATEMENT_MARKS)
      : [];
    const isSeparator = this.isSeparator;
    const results = splitResults(this.text, tokens, span, this.resultTests);
    if (results.length !== 1 || results[0].end !== span.end) {
      for (const result of results) {
        const found = this.results.findings.length;
        this.readStatement(result, isTextLine);
        // A result read with its own label answers the question a list item named, so the
        // x of `- $dW_2 = […]$. Note $x = [1, 2]$.` is not taken for it.
        if (this.results.findings.length > found && this.results.hasScope) this.results.closeScope();
      }
      return;
    }

    // Without tokens the statement is one segment, and no test of them needs to be made.
    let segments =
      tokens.length === 0
        ? [{ start: span.start, end: span.end }]
        : splitAtTopLevel(tokens, span, outsideBrackets(isSeparator));
    if (segments.length === 1 && isTextLine) segments = this.splitAtColon(tokens, span);
    // Only a statement containing `\boxed` can have a boxed final value.
    const boxes = statement.includes("\\boxed") ? commandArguments(this.text, "boxed", span) : [];

    if (segments.length === 1) {
      // No `=`: a value under a heading that named a question, or "669,706 parameters".
      const valueSpan = boxes.at(-1) ?? span;
      const reading = this.results.hasScope ? readValue(this.text.slice(valueSpan.start, valueSpan.end), this.options) : null;
      if (reading !== null && reading.kind !== "none") {
        this.results.offerToScope(reading, boxes.length > 0, valueSpan, statement);
      } else if (isTextLine) {
        // A sentence that is no value may still give one in words, as in the list item
        // "(a) The number of parameters is 669706.", whose first words name the question. Under a
        // heading that named a question, prose such as "The first layer has 401920 parameters."
        // gives parts of the count, so only a sentence that names the whole question counts.
        const found = this.results.findings.length;
        if (!this.results.hasScope) this.readNumberBeforeWords(span, statement);
        if (this.results.findings.length === found) this.readNumberAfterVerb(span, statement);
      }
      return;
    }

    // `S_2 = x W_1 = [2, 3] = Y_2` names a second question after the value.
    const trailingLabel = boxes.length === 0 ? this.labelAfterValue(segments) : null;
    if (trailingLabel !== null) segments = segments.slice(0, -1);
    let labels = this.statementLabels(segments);
    if (trailingLabel !== null) {
      labels = [...labels, trailingLabel];
      this.previousLabels = labels;
    }
    // `W_1 = W_1 - \eta \frac{\partial L}{\partial W_1} = […]` updates the weights. Its value is the
    // updated weights when the problem has that question, and never the gradient a bare W_1 names.
    const update = this.updatedWeightsLabel(labels, segments);
    if (update === null) return;
    if (update !== undefined) {
      labels = [update];
    } else if (startsWithArrow(tokens, isSeparator)) {
      // `W_2 \leftarrow [[…]]` assigns the updated weights, and `dW_2 \gets 0` or `x \gets 2` is a
      // step of an algorithm. So an arrow gives updated weights or nothing, never a gradient.
      const updated = this.arrowUpdateLabel(labels);
      if (updated === null) return;
      labels = [updated];
    }
    let valueSpan = boxes.at(-1) ?? this.valueBeforeApproximation(segments) ?? segments[segments.length - 1];
    let valueText = this.text.slice(valueSpan.start, valueSpan.end);
    let reading = readValue(valueText, this.options);
    if (reading.kind === "none") {
      const math = this.readValueBeforeRemark(labels, valueText, valueSpan);
      if (math === null) return;
      ({ valueSpan, valueText, reading } = math);
    }
    if (!this.results.record(labels, reading, valueText, valueSpan, statement)) {
      if (this.results.hasScope) {
        this.results.offerToScope(reading, boxes.length > 0, valueSpan, statement);
      } else if (reading.kind === "value") {
        const firstPart = this.labelText(this.text.slice(segments[0].start, segments[0].end));
        const label = labels.at(0) ?? misspeltDerivative(firstPart);
        if (label !== null) this.results.noteUnknownLabel(label, reading.value, valueSpan);
        else this.noteLayerSuperscript(firstPart, valueSpan);
      }
    }
  }

  /**
   * Returns the label of the updated weights for a weight update written as `W_1 = W_1 - …`, or
   * null when the section has no question on them, so that the statement is working. Returns
   * undefined for any other statement.
   */
  private updatedWeightsLabel(labels: readonly string[], segments: Span[]): string | null | undefined {
    if (labels.length !== 1 || segments.length < 3) return undefined;
    const step = UPDATE_STEP.exec(this.text.slice(segments[1]!.start, segments[1]!.end));
    // Every spelling of a weight's name has a W, and testing for one spares most steps the full test.
    const layer = step === null || !LETTER_W.test(step[1]!) ? null : bareWeightLayer(step[1]!);
    // bareWeightLayer reads the label's last words, so "The update gives $W_1 = W_1 - …$" counts too.
    if (layer === null || bareWeightLayer(labels[0]!) !== layer) return undefined;
    return this.updatedWeightsOf(layer);
  }

  /**
   * Returns the label of the updated weights for `W_1 \leftarrow …` or `W_1^{new} \leftarrow …`, or
   * null when the label names no weights or the section has no question on updated weights.
   */
  private arrowUpdateLabel(labels: readonly string[]): string | null {
    if (labels.length !== 1) return null;
    // `W_1^{new} \leftarrow […]` names the updated weights itself.
    if (this.results.namesUpdatedWeights(labels[0]!)) return labels[0]!;
    const layer = bareWeightLayer(labels[0]!);
    return layer === null ? null : this.updatedWeightsOf(layer);
  }

  /** Returns the label of a layer's updated weights, or null when the section has no such question. */
  private updatedWeightsOf(layer: string): string | null {
    const updated = `W_${layer}^{new}`;
    return this.results.namesUpdatedWeights(updated) ? updated : null;
  }

  /**
   * Returns the last step of a statement when it is only a label that names a question and the
   * step before it reads as a value, as the `Y_2` of `S_2 = x W_1 = [2, 3] = Y_2`. Returns null
   * otherwise.
   */
  private labelAfterValue(segments: Span[]): string | null {
    if (segments.length < 3) return null;
    // Most statements end in a value, which starts as no label does, and testing that first spares
    // them the label tests.
    const last = segments[segments.length - 1];
    const lastText = this.text.slice(last.start, last.end);
    if (VALUE_START.test(lastText) || readValue(lastText, this.options).kind !== "none") return null;
    const previous = segments[segments.length - 2];
    if (readValue(this.text.slice(previous.start, previous.end), this.options).kind !== "value") return null;
    const label = this.labelParts(lastText).trimmed;
    return label !== "" && isLabelLike(label) && this.results.namesAnything(label) ? label : null;
  }

  /**
   * Returns the value before a last step that only approximates it, as the `1,338,378` of
   * `FLOPs = 1,338,378 \approx 1.34M`: the exact value is the answer, and the rounded one would
   * miss an exact count. Returns null when the last step is no approximation or what comes before
   * it is no value, as in `L = -\log 0.2 \approx 1.609`.
   */
  private valueBeforeApproximation(segments: Span[]): Span | null {
    if (segments.length < 3) return null;
    const last = segments[segments.length - 1];
    const previous = segments[segments.length - 2];
    if (!APPROXIMATION.test(this.text.slice(previous.end, last.start).trim())) return null;
    const reading = readValue(this.text.slice(previous.start, previous.end), this.options);
    return reading.kind === "value" ? previous : null;
  }

  /**
   * Reads the value before a remark, for a value text that did not read as a whole:
   * `dW_2 = $[[10, 20], [15, 30]]$ (rounded)`, `669706 (biases included)`, or `[2, -1]$ (see step 2)`
   * with the label inside the math. Returns null, with a note when one helps, when there is no
   * such value, or when the remark has a value of its own, as in `Y_2 = $[2, 3]$ or $[3, 2]$`:
   * then which one is the answer cannot be told.
   */
  private readValueBeforeRemark(
    labels: readonly string[],
    valueText: string,
    valueSpan: Span,
  ): { valueSpan: Span; valueText: string; reading: ValueReading } | null {
    const math = mathBeforeRemark(valueText);
    let span: Span | null = null;
    let remark = "";
    if (math !== null) {
      span = { start: valueSpan.start + math.content.start, end: valueSpan.start + math.content.end };
      remark = valueText.slice(math.remarkStart);
    } else {
      const end = valueBeforeRemark(valueText, this.isValue);
      if (end >= 0) {
        span = { start: valueSpan.start, end: valueSpan.start + end };
        // A single `$` at the start of the remark closes the math that the value is in.
        remark = valueText.slice(end).replace(/^\s*(?:\$\$?|\\\))/, "");
      }
    }
    const text = span === null ? "" : this.text.slice(span.start, span.end);
    const reading = span === null ? null : readValue(text, this.options);
    if (span === null || reading === null || reading.kind === "none") {
      this.noteRemarkAfterValue(labels, valueText, valueSpan);
      return null;
    }
    if (this.remarkHasValue(remark)) {
      const label = labels.find((candidate) => this.results.namesAnything(candidate));
      if (label !== undefined) this.results.noteRemarkAfterValue(label, valueSpan);
      return null;
    }
    return { valueSpan: span, valueText: text, reading };
  }

  /**
   * Tells whether a remark after a value has math of its own with an `=` or a value, which may be
   * the answer instead, as in `(using $Y_2 = [2, 3]$)`. The symbol of `(close to $\delta_2$)`
   * does not count, and a remark that starts a new sentence is no part of the value.
   */
  private remarkHasValue(remark: string): boolean {
    if (/^[.!?]\s/.test(remark)) return false;
    return mathSpans(remark).some((math) => math.includes("=") || this.isValue(math));
  }

  /**
   * Notes a labelled value that text after its math made unreadable, when the math alone reads as
   * a value that readValueBeforeRemark did not take. The note tells the student why the question
   * shows as missing.
   */
  private noteRemarkAfterValue(labels: readonly string[], valueText: string, valueSpan: Span): void {
    const label = labels.find((candidate) => this.results.namesAnything(candidate));
    if (label === undefined) return;

    // The math closes inside the value when the value contains an odd number of `$`, or more `\)`
    // than `\(`.
    const oddDollars = occurrences(valueText, "$") % 2 === 1;
    const closingParenthesis = occurrences(valueText, "\\)") > occurrences(valueText, "\\(");
    if (!oddDollars && !closingParenthesis) return;

    const close = valueText.search(/\$|\\\)/);
    const before = valueText.slice(0, Math.max(close, 0));
    if (before.trim() === "" || readValue(before, this.options).kind !== "value") return;
    this.results.noteRemarkAfterValue(label, valueSpan);
  }

  /**
   * Notes a label such as `S^{(2)}` or `\delta^{[3]}` when the same name with a subscript near its
   * number names a question. Such a label is not read, because counting layers from the input
   * makes `S^{(2)}` the problem's `S_2`, and counting from the first hidden layer its `S_3`.
   */
  private noteLayerSuperscript(firstPart: string, valueSpan: Span): void {
    const match = LAYER_SUPERSCRIPT.exec(firstPart.trim());
    if (match === null) return;
    const [, name, digits] = match;
    const layer = Number(digits);
    const names = [layer - 1, layer, layer + 1]
      .map((candidate) => `${name}_${candidate}`)
      .filter((candidate) => this.results.namesAnything(candidate));
    if (names.length > 0) this.results.noteLayerSuperscript(firstPart, names, valueSpan);
  }

  /**
   * Reads "The network has $669{,}706$ parameters." and "669706 parameters and 1338378 FLOPs"
   * when the words after a number name a question.
   */
  private readNumberBeforeWords(span: Span, statement: string): void {
    // numberBeforeWords needs a digit before the words, so a sentence without one has none.
    if (!DIGIT.test(this.text.slice(span.start, span.end))) return;
    for (const clause of clauses(this.text, span)) {
      const found = numberBeforeWords(this.text, clause);
      if (found === null || !this.results.namesAnything(found.words)) continue;
      // "Each multiply-accumulate counts as 2 operations" gives a count per unit, not the total.
      if (PER_UNIT.test(this.text.slice(clause.start, found.value.start))) continue;
      const reading = readValue(this.text.slice(found.value.start, found.value.end), this.options);
      if (reading.kind === "value" && reading.value.kind === "number") {
        this.results.record([found.words], reading, "", found.value, statement);
      }
    }
  }

  /**
   * Reads "The number of operations is $1338378$.": words that name a question, a verb such as
   * "is", then a number closing the clause. The label must be at least two words of letters, so
   * that a restated weight (`W_1 is [[2, 1], [0, 1]]`) and "x is 2" are not read.
   */
  private readNumberAfterVerb(span: Span, statement: string): void {
    // Most lines of prose have no digit, and so no such number.
    if (!DIGIT.test(statement)) return;
    // A sentence after the number, as in "… is 669706. This matches numpy.", would otherwise
    // take the number for words after it, so each sentence is searched on its own.
    for (const sentence of sentences(this.text, span)) {
      // A clause after one that is no such result may qualify it, as in "Without biases, the
      // number of parameters is 668672.", so only the first clause of a sentence and clauses after
      // one that was read count.
      for (const clause of clauses(this.text, sentence)) {
        // ", and" makes a clause of white space between the comma and the word.
        if (this.text.slice(clause.start, clause.end).trim() === "") continue;
        if (!this.readClauseAfterVerb(clause, statement)) break;
      }
    }
  }

  /** Reads one clause for readNumberAfterVerb, and returns true when it recorded a result. */
  private readClauseAfterVerb(clause: Span, statement: string): boolean {
    // Longer clauses are prose, and the search below is then kept short.
    if (clause.end - clause.start > MAX_VERB_CLAUSE) return false;
    const match = WORDS_VERB_NUMBER.exec(this.text.slice(clause.start, clause.end));
    if (match === null) return false;
    // The words must be the question's name, after words such as "the" or "total": "The number of
    // bias parameters" ends with an alias of the parameter count but counts only some of them.
    const words = match[1]!.replace(LEADING_FILLER, "");
    if (!match[1]!.includes(" ") || !this.results.namesWhole(words)) return false;
    const [valueStart, valueEnd] = match.indices![2]!;
    // Words after the number, as in "is 2 times larger", mean that the number is not the result.
    if (WORD_IN_NUMBER.test(match[2]!.replace(NUMBER_COMMANDS, ""))) return false;
    const value = { start: clause.start + valueStart, end: clause.start + valueEnd };
    const reading = readValue(this.text.slice(value.start, value.end), this.options);
    if (reading.kind !== "value" || reading.value.kind !== "number") return false;
    this.results.record([match[1]!], reading, "", value, statement);
    return true;
  }

  /** In text, `dW1: [[…]]` is a result when the part before the colon names a question. */
  private splitAtColon(tokens: Token[], span: Span): Span[] {
    const colon = tokens.find((t) => t.depth === 0 && t.name === ":");
    if (colon === undefined) return [span];
    const label = this.text.slice(span.start, colon.start).replace(/^[\s#*+-]+|\*+/g, "");
    if (!this.results.namesAnything(label)) return [span];
    return [
      { start: span.start, end: colon.start },
      { start: colon.end, end: span.end },
    ];
  }

  /**
   * Collects a statement's labels: its first part, then each further part that is itself a
   * label (`S_2 = Y_2 = …`). A statement starting with `=` keeps the previous statement's.
   */
  private statementLabels(segments: Span[]): readonly string[] {
    const first = this.labelParts(this.text.slice(segments[0].start, segments[0].end));
    if (first.trimmed === "") {
      this.usedPreviousLabels = true;
      return this.previousLabels;
    }

    first.hasCandidates ??= labelCandidates(first.text).length > 0;
    const label = first.hasCandidates ? first.trimmed : this.labelBeforeMath(segments[0]);
    // Most statements have one label, and a list made whole is smaller than one grown by push.
    const labels: string[] = label === null ? [] : [label];
    for (let s = 1; s < segments.length - 1; s++) {
      const part = this.labelParts(this.text.slice(segments[s].start, segments[s].end));
      part.isLabelLike ??= isLabelLike(part.text);
      if (!part.isLabelLike || !this.results.namesAnything(part.text)) break;
      labels.push(part.trimmed);
    }
    this.previousLabels = labels;
    return labels;
  }

  /**
   * Returns the text before inline math as the label when it ends with a colon or a verb such as
   * "is" and the math's own left side is an expression, as in
   * `Parameters: $784 \cdot 512 + … = 669706$`. Returns null otherwise.
   */
  private labelBeforeMath(segment: Span): string | null {
    const raw = this.text.slice(segment.start, segment.end);
    const mathStart = raw.search(/\$|\\\(/);
    if (mathStart < 0) return null;
    // The math that contains the value may follow other math in the sentence, as in "Each layer
    // has $n$ weights, so the number of parameters is $784 \cdot 512 + … = 669706$". When the text
    // before the first math is not a label, the text between the last two maths is tried.
    const first = this.labelBeforeMathAt(raw, mathStart, 0);
    if (first !== null) return first;
    const last = lastMathOpening(raw);
    return last > mathStart ? this.labelBeforeMathAt(raw, last, lastMathClosing(raw, last)) : null;
  }

  /** Returns the label before the math that opens at `mathStart`, taking text from `from` on. */
  private labelBeforeMathAt(raw: string, mathStart: number, from: number): string | null {
    const before = raw.slice(from, mathStart);
    const expression = raw.slice(mathStart).replace(/^\$+|^\\\(/, "");
    // `Number of parameters: $784 \cdot 512 + … = 669706$`, or `the number of parameters is $…$`.
    const verb = /\s(?:is|are|equals|was|were|gives)\s*$/i.exec(before);
    if ((!/:\s*$/.test(before) && verb === null) || expression.trim() === "" || isLabelLike(expression)) return null;
    const label = this.labelParts(verb === null ? before : before.slice(0, verb.index)).trimmed;
    if (label !== "" && isLabelLike(label)) return label;
    // A long sentence may lead up to the label, as in "For the cost, every weight is used in one
    // multiply-accumulate (2 FLOPs), so the number of operations is $…$". Its last clause is
    // taken only when it names a question, because the rest of the sentence is prose.
    const comma = label.lastIndexOf(", ");
    const lastClause = comma < 0 ? "" : label.slice(comma + 2).trim();
    return lastClause !== "" && isLabelLike(lastClause) && this.results.namesAnything(lastClause) ? lastClause : null;
  }

  /** Returns the label part of a segment: up to the first `&`, without `$`, list marks or `**`. */
  private labelText(segment: string): string {
    return this.labelParts(segment).text;
  }

  /** Returns the label part of a segment, as labelText does, with the same text trimmed. */
  private labelParts(segment: string): LabelParts {
    const cached = labelTexts.get(segment);
    if (cached !== undefined) return cached;

    // Tokenizing only finds an `&` the text contains, so text without one skips it.
    const ampersand = segment.includes("&")
      ? topLevelTokens(segment, 0, segment.length, AMPERSANDS).find((t) => t.name === "&")
      : undefined;
    const label = segment
      .slice(0, ampersand === undefined ? segment.length : ampersand.start)
      // Math delimiters: `$`, and LaTeX's inline `\(` and `\)`.
      .replace(/\$|\\[()]/g, " ")
      .replace(/\*\*/g, "")
      .replace(LABEL_PREFIX, "")
      .replace(/:\s*$/, "");
    const parts: LabelParts = {
      text: label,
      trimmed: label.trim(),
      hasCandidates: undefined,
      isLabelLike: undefined,
    };
    if (segment.length <= MAX_CACHED_SEGMENT) {
      if (labelTexts.size >= MAX_CACHED_LABEL_TEXTS) labelTexts.clear();
      // A segment is a slice, which as a key would keep the whole write-up in memory.
      labelTexts.set(detachedCopy(segment), parts);
    }
    return parts;
  }
}

/**
 * Returns the span of the first heading without a qualifier of each problem that also has a
 * qualified heading, as `## Problem 2` has beside `## Practice problem 2`. Prose that starts with
 * the problem's name, as in "Problem 5 is a bonus, so I did it at the end.", is no such heading,
 * because `## Bonus problem 5` is then the problem's only heading.
 */
function plainHeadingsOf(units: Unit[], markers: (SectionMarker | null)[]): Map<Problem, Span> {
  const qualified = new Set<Problem>();
  for (const marker of markers) if (marker?.strong && marker.qualifier !== null) qualified.add(marker.problem);
  const plain = new Map<Problem, Span>();
  if (qualified.size === 0) return plain;
  markers.forEach((marker, index) => {
    if (marker?.isHeading && marker.qualifier === null && qualified.has(marker.problem) && !plain.has(marker.problem)) {
      plain.set(marker.problem, units[index].span);
    }
  });
  return plain;
}

/** Assignment arrows, which separate steps like `=` but write an update. */
const ARROWS: ReadonlySet<string> = new Set(["leftarrow", "gets"]);

/** Tells whether the first separator of a statement's tokens is an assignment arrow. */
function startsWithArrow(tokens: Token[], isSeparator: (token: Token) => boolean): boolean {
  const first = tokens.find((token) => token.depth === 0 && isSeparator(token));
  return first !== undefined && first.kind === "command" && ARROWS.has(first.name);
}

/**
 * The label part of a segment and the same text trimmed. Labels are compared by cached lookups,
 * and handing out one trimmed string per segment spares each lookup hashing a fresh copy.
 * statementLabels keeps the results of two pure tests of `text` here, once made, which spares
 * their lookups in the caches of labels.ts.
 */
interface LabelParts {
  text: string;
  trimmed: string;
  /** Whether labelCandidates(text) is not empty. */
  hasCandidates?: boolean;
  /** isLabelLike(text). */
  isLabelLike?: boolean;
}

/**
 * Tells whether a token is the line break `\\`. Declared once, not as an arrow in mathRows, so
 * that no display makes a new function.
 */
function isLineBreak(token: Token): boolean {
  return token.kind === "command" && token.name === "\\";
}

/** A name with a layer number in brackets as its superscript: `S^{(2)}`, `\delta^{[3]}`, `a^(1)`. */
const LAYER_SUPERSCRIPT = /^(\\?[A-Za-z]+)\s*\^\s*\{?\s*[([]\s*(\d{1,2})\s*[)\]]\s*\}?$/;

// A class writes the same labels again and again, so each segment's label text is kept for
// reuse. Long segments are derivations, which rarely repeat, and the map is emptied when full.
const labelTexts = new Map<string, LabelParts>();
const MAX_CACHED_LABEL_TEXTS = 4096;
const MAX_CACHED_SEGMENT = 200;

/** Returns the content of each `$…$` or `\(…\)` of a text, in order. */
function mathSpans(text: string): string[] {
  const spans: string[] = [];
  for (const match of text.matchAll(/\$\$?([^$]*)\$\$?|\\\(([\s\S]*?)\\\)/g)) spans.push(match[1] ?? match[2] ?? "");
  return spans;
}

/**
 * Returns the span of the content of a `\boxed{…}` that is the whole statement, apart from white
 * space, `$` and a full stop, when the content contains an `=`; else null.
 */
function wholeBox(text: string, span: Span): Span | null {
  // The box must open the statement after white space and `$`. Most statements open with
  // something else, and testing for `\boxed` there first spares them the slice and the regex.
  let first = span.start;
  while (first < span.end && (text.charCodeAt(first) === 36 || isWhitespaceAt(text, first))) first += 1;
  if (!text.startsWith("\\boxed", first)) return null;

  const statement = text.slice(span.start, span.end);
  const open = /^[\s$]*\\boxed\s*\{/.exec(statement);
  if (open === null) return null;
  const close = closingBrace(statement, open[0].length - 1);
  if (close < 0 || !/^[\s$.]*$/.test(statement.slice(close))) return null;
  const content = { start: span.start + open[0].length, end: span.start + close - 1 };
  return text.slice(content.start, content.end).includes("=") ? content : null;
}

/**
 * Returns a label that is a fraction of names, such as the misspelt
 * `\frac{\partial L}{\patial W_2}`, or null. The label reader does not take it as a derivative,
 * but a student who wrote it meant a label, so its value gets a note instead of vanishing.
 */
function misspeltDerivative(segment: string): string | null {
  const label = segment.trim();
  const command = /^\\[dt]?frac\s*/.exec(label);
  if (command === null || label[command[0].length] !== "{") return null;
  const numeratorEnd = closingBrace(label, command[0].length);
  if (numeratorEnd < 0 || label[numeratorEnd] !== "{") return null;
  const denominatorEnd = closingBrace(label, numeratorEnd);
  if (denominatorEnd !== label.length) return null;
  const numerator = label.slice(command[0].length, numeratorEnd);
  const denominator = label.slice(numeratorEnd, denominatorEnd);
  return /[A-Za-z]/.test(numerator) && /[A-Za-z]/.test(denominator) ? label : null;
}
