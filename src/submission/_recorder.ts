import type { Problem, Question } from "../problem/types.js";
import type { Span } from "./_scan.js";
import { isWhitespaceAt, sourceText } from "./_statements.js";
import { closestQuestions, type Suggestion } from "./_suggest.js";
import { ambiguityNote, countedOnlyNote, matchTargets, unknownLabelNote, type Target } from "./_targets.js";
import type { ValueReading } from "./latex.js";
import { isWholeName, matchLabel, type LabelTarget } from "./labelMatch.js";
import { labelCandidates, normaliseLabel } from "./labels.js";
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

const AMBIGUOUS_LABEL = "submission.ambiguousLabel";

/**
 * Distinct unrecognised labels per write-up that get closest names. Each costs a few hundred
 * edit distances, so a write-up full of unknown labels stays linear; later notes list none.
 */
const MAX_SUGGESTED_LABELS = 200;

/**
 * Maximum number of notes readSubmission keeps from one file. A file that repeats a puzzling line
 * thousands of times would otherwise make reports of megabytes, and the first notes show what to
 * fix.
 */
export const MAX_NOTES = 100;

/** A heading or list item that named a question: unlabelled values after it answer it. */
interface QuestionScope {
  problem: Problem;
  question: Question;
  candidates: { reading: ValueReading; boxed: boolean; line: number; source: string }[];
}

/**
 * Collects the findings and notes of one write-up while it is read, and keeps the state they
 * depend on: the current problem section and the question a heading left open.
 */
export class ResultRecorder {
  readonly findings: Finding[] = [];
  readonly notes: ReadNote[] = [];
  /** The problem whose section is being read, or null before the first marker. */
  problem: Problem | null = null;
  private scope: QuestionScope | null = null;
  /** Closest question names per unrecognised label, by problem section and label. */
  private readonly suggestions = new Map<string, Suggestion[]>();
  private readonly lineStarts: number[] = [0];
  /** The list candidateProblems returns inside a problem section: that problem alone. */
  private sectionProblems: Problem[] = [];
  /**
   * The last statement given to sourceOf, and its source text. A line with many results passes the
   * same statement for each, and shortening it again each time made reading quadratic.
   */
  private lastStatement = "";
  private lastSource = "";

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
  ) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  /**
   * True when the notes hold more than MAX_NOTES, so that readSubmission shows none of the notes
   * that follow, only their count. Their messages are then left empty, because building them
   * for every line of a file that repeats a puzzling line would take most of its reading time.
   */
  get notesAreFull(): boolean {
    return this.notes.length > MAX_NOTES;
  }

  /** True while a heading or list item that named a question waits for its value. */
  get hasScope(): boolean {
    return this.scope !== null;
  }

  /** Tells whether a label names any question of the current problem (of any, outside one). */
  namesAnything(label: string): boolean {
    // Called for most statements, so the current problem is checked without building a list.
    if (this.problem !== null) return namesIn(this.problem, label);
    return this.problems.some((problem) => namesIn(problem, label));
  }

  /**
   * Tells whether a label names a question on updated weights in the current problem (in any,
   * outside one). A lenient match may take `W_1^{new}` for the gradient's alias `W_1`.
   */
  namesUpdatedWeights(label: string): boolean {
    const problems = this.problem !== null ? [this.problem] : this.problems;
    return problems.some((problem) => matchLabel(problem, label, "matrix")?.question.kind === "updated_weights");
  }

  /** Returns true when the whole label, not only its last words, names a question (isWholeName). */
  namesWhole(label: string): boolean {
    if (this.problem !== null) return isWholeName(this.problem, label);
    return this.problems.some((problem) => isWholeName(problem, label));
  }

  /**
   * Records a reading for the questions its labels name. Returns false when they name none, so
   * the caller can offer the value to an open question instead. `statement` is the text the
   * value came from, shortened to the answer's source text (sourceText) only when something is
   * recorded, because most statements record nothing.
   */
  record(
    labels: readonly string[],
    reading: ValueReading,
    valueText: string,
    valueSpan: Span,
    statement: string,
  ): boolean {
    const line = this.lineOf(valueSpan);
    const kind = valueKind(reading, valueText);
    const problems = this.candidateProblems();
    const matched = matchTargets(labels, problems, kind, line, this.notes, !this.notesAreFull);
    if (matched.length === 0) return false;
    // `W_1 = [[2, 1], [0, 1]]` restates the weights the problem gives, so it is no answer to dW1,
    // though a bare W_1 may name the gradient. Recorded, it would replace the answer before it.
    const targets = reading.kind === "value" ? matched.filter((target) => !restatesGivenWeights(target, reading.value)) : matched;
    if (targets.length === 0) return true;

    const note = ambiguityNote(reading, targets[0].label, line);
    if (note !== null) this.notes.push(note);
    const source = this.sourceOf(statement);
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
    return true;
  }

  /**
   * Tells whether the last note is an ambiguousLabel note on `line` or a later line. noteUnknownLabel
   * adds no note for a value on such a note's line, so a unit read after it may add fewer notes
   * than the same unit elsewhere.
   */
  endsWithAmbiguousLabelFrom(line: number): boolean {
    const last = this.notes.at(-1);
    return last !== undefined && last.line >= line && last.code === AMBIGUOUS_LABEL;
  }

  /** Notes a value whose label names no question, with the closest question names. */
  noteUnknownLabel(label: string, value: ReadValue, valueSpan: Span): void {
    // A label that names questions of several problems has its note already, and is not unknown.
    const line = this.lineOf(valueSpan);
    const last = this.notes.at(-1);
    if (last !== undefined && last.line === line && last.code === AMBIGUOUS_LABEL) return;
    const problems = this.candidateProblems();
    // A symbol that names a question is not the unknown part: "\delta W_1" is unknown as a whole.
    const symbol = trailingSymbol(label);
    const unknownPart = symbol !== label.trim() && this.namesAnything(symbol) ? label.trim() : symbol;
    // Error terms are the usual working of backpropagation, so a value labelled with one gets a
    // note only when a problem has a question on error terms, and a correct write-up shows none.
    if (isErrorTerm(unknownPart, value) && !problems.some(hasErrorTermQuestion)) return;
    if (this.notesAreFull) {
      this.notes.push(countedOnlyNote(this.lineOf(valueSpan), "submission.unknownLabel"));
      return;
    }
    const key = `${this.problem?.id ?? ""}\u0000${unknownPart}`;
    let suggestions = this.suggestions.get(key);
    if (suggestions === undefined && this.suggestions.size < MAX_SUGGESTED_LABELS) {
      suggestions = closestQuestions(unknownPart, problems);
      this.suggestions.set(key, suggestions);
    }
    this.notes.push(unknownLabelNote(unknownPart, this.lineOf(valueSpan), this.problem, suggestions));
  }

  /**
   * Notes the heading of a problem that the assignment does not have, such as a practice problem,
   * whose answers are not graded.
   */
  noteUnknownProblem(number: number, heading: Span): void {
    this.addNote(this.lineOf(heading), "submission.unknownProblem", (line) => {
      const numbers = this.problems.map((problem) => problem.number);
      const list = numbers.length === 1 ? `${numbers[0]}` : `${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
      return (
        `line ${line}: this assignment has no problem ${number} (its problems are ${list}), so the answers under this heading were not graded. ` +
        `If they belong to another problem, put that problem's number in the heading.`
      );
    });
  }

  /**
   * Notes a heading that names more than one problem, such as `## Problems 5 and 6`, whose
   * answers were not graded because the reader cannot tell which problem each one belongs to.
   */
  noteSeveralProblems(heading: Span): void {
    this.addNote(
      this.lineOf(heading),
      "submission.severalProblems",
      (line) =>
        `line ${line}: this heading names more than one problem, so the answers under it were not graded. ` +
        `Give each problem a heading of its own, such as "## Problem ${this.problems[0]?.number ?? 2}", and put its answers under it.`,
    );
  }

  /**
   * Notes the heading of a problem with a qualifier, such as `## Practice problem 2`, when the
   * write-up also has a heading of that problem without one (`plainHeading`), so that the answers
   * under the qualified heading were not graded.
   */
  noteRepeatedProblem(problem: Problem, qualifier: string, heading: Span, plainHeading: Span): void {
    const plainLine = this.lineOf(plainHeading);
    this.addNote(
      this.lineOf(heading),
      "submission.repeatedProblem",
      (line) =>
        `line ${line}: problem ${problem.number} has its own heading on line ${plainLine}, so the answers under this "${qualifier}" heading were not graded. ` +
        `If they are your answers to problem ${problem.number}, move them under the heading on line ${plainLine}.`,
    );
  }

  /**
   * Notes a value labelled with a layer number as a superscript, such as `S^{(2)}`, which was not
   * read because the number may count layers from the input or from the first hidden layer.
   * `names` are the questions it may mean, as the problem writes them.
   */
  noteLayerSuperscript(label: string, names: string[], valueSpan: Span): void {
    this.addNote(
      this.lineOf(valueSpan),
      "submission.layerSuperscript",
      (line) =>
        `line ${line}: the label "${label.trim()}" was not read, because a layer number written as a superscript may count ` +
        `from the input or from the first hidden layer, so its value was not graded. Write the name with a subscript, as the problem does: ${names.join(" or ")}.`,
    );
  }

  /** Notes that text after the math made the value of `label` unreadable, so it was not graded. */
  noteRemarkAfterValue(label: string, valueSpan: Span): void {
    this.addNote(
      this.lineOf(valueSpan),
      "submission.textAfterValue",
      (line) =>
        `line ${line}: the value of "${label.trim()}" could not be read, because text follows the math ` +
        `on its line, so it was not graded. Put the value last, or the remark on a line of its own.`,
    );
  }

  /** Adds a note, or only counts it once the notes are full, without writing its message. */
  private addNote(line: number, code: string, message: (line: number) => string): void {
    this.notes.push(this.notesAreFull ? countedOnlyNote(line, code) : { line, code, message: message(line) });
  }

  /** Makes unlabelled values that follow answer `question`, closing any question left open. */
  openScope(question: Question): void {
    this.closeScope();
    if (this.problem !== null) this.scope = { problem: this.problem, question, candidates: [] };
  }

  /**
   * Offers an unlabelled value to the open question, if any. `statement` is the text the value
   * came from, as for record.
   */
  offerToScope(reading: ValueReading, boxed: boolean, valueSpan: Span, statement: string): void {
    if (this.scope === null || reading.kind === "none") return;
    const line = this.lineOf(valueSpan);
    this.scope.candidates.push({ reading, boxed, line, source: this.sourceOf(statement) });
  }

  /** Ends a question's scope; its answer is its last boxed value, else its last value. */
  closeScope(): void {
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

  /** 1-based line of the first non-space character of a span. */
  lineOf(span: Span): number {
    let offset = span.start;
    while (offset < span.end && isWhitespaceAt(this.text, offset)) offset += 1;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** Returns the source text of a statement, reusing the last one for the same statement. */
  private sourceOf(statement: string): string {
    if (statement !== this.lastStatement) {
      this.lastStatement = statement;
      this.lastSource = sourceText(statement);
    }
    return this.lastSource;
  }

  private candidateProblems(): Problem[] {
    if (this.problem === null) return this.problems;
    // One list per problem section, not one per call, because record calls this for every
    // statement. Callers only read the list.
    if (this.sectionProblems[0] !== this.problem) this.sectionProblems = [this.problem];
    return this.sectionProblems;
  }
}

/**
 * Returns the layer number of a label that ends in only a weight matrix's name, such as `W_1`,
 * `W_{2}`, `\mathbf{W}_1` or the `W_2` of "Check: with W_2". Returns null for any other label,
 * `dW_1`, `dL/d W_1` and `\frac{\partial L}{\partial W_1}` included.
 */
export function bareWeightLayer(label: string): string | null {
  const whole = normaliseLabel(label);
  if (whole !== null && (whole.derivative || whole.updated)) return null;
  // The shortest candidate is the label's last words, the name that a prose label ends in.
  const key = normaliseLabel(labelCandidates(label).at(-1) ?? label);
  if (key === null || key.derivative || key.updated) return null;
  return /^w(\d+)$/.exec(key.key)?.[1] ?? null;
}

/**
 * Tells whether a value labelled with a bare weight name (`W_1`) for a gradient question is the
 * weight matrix its problem gives that layer, as written or transposed.
 */
function restatesGivenWeights(target: Target, value: ReadValue): boolean {
  const question = target.target.question;
  if (question.kind !== "gradient" || value.kind !== "matrix") return false;
  const weights = target.problem.network?.layers.find((layer) => layer.name === question.layer)?.weights;
  if (weights === undefined) return false;
  const rows = value.rows.map((row) => row.map((cell) => cell.value));
  const transposed = weights[0]?.map((_, column) => weights.map((row) => row[column]!)) ?? [];
  // The values are compared first, because they seldom equal the weights and the label test costs more.
  return (sameMatrix(rows, weights) || sameMatrix(rows, transposed)) && bareWeightLayer(target.label) !== null;
}

/** Tells whether two matrices have the same shape and entries. */
function sameMatrix(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  return a.length === b.length && a.every((row, r) => row.length === b[r]!.length && row.every((entry, c) => entry === b[r]![c]));
}

function namesIn(problem: Problem, label: string): boolean {
  if (matchLabel(problem, label, "number") !== null) return true;
  return matchLabel(problem, label, "matrix") !== null;
}

/** Guesses whether a value is a matrix or a number, to look up names even for a malformed one. */
function valueKind(reading: ValueReading, valueText: string): "number" | "matrix" {
  if (reading.kind === "value") return reading.value.kind;
  return /\\begin|\[|\\left/.test(valueText) ? "matrix" : "number";
}

/**
 * Returns the symbol that ends a label of prose and math, such as `\delta_2` of "Hidden error:
 * \delta_2", so that a note names the symbol rather than quoting the sentence. Other labels are
 * returned trimmed.
 */
export function trailingSymbol(label: string): string {
  const trimmed = label.trim();
  // Only the end is searched, so a label of any length costs the same.
  const end = trimmed.slice(-MAX_SYMBOL_LENGTH);
  const match = TRAILING_SYMBOL.exec(end);
  if (match === null) return trimmed;
  const before = trimmed.slice(0, trimmed.length - match[0].length);
  // A space before the symbol marks prose, while a label such as "dL/dW_3" is kept whole.
  return /\s$/.test(before) ? match[0] : trimmed;
}

const MAX_SYMBOL_LENGTH = 80;

/**
 * An error term: `\delta`, `δ` or `delta`, perhaps bold, with layer numbers only and perhaps
 * transposed, such as `\delta_3`, `\delta^{(2)}`, `δ3`, `\boldsymbol{\delta}_3` or `\delta_3^T`.
 * `\delta_{W_1}` names a weight gradient, and the capital `\Delta` of an update is not one.
 */
const ERROR_TERM =
  /^(?:\\(?:boldsymbol|mathbf|bm)\s*\{\s*)?(?:\\delta|δ|delta)(?:\s*\})?\d*(?:\s*[_^]\s*(?:\d+|\{\s*\(?\s*\d+\s*\)?\s*\}))*(?:\s*\^\s*(?:T|\\top|\{\s*(?:T|\\top)\s*\}))?$/;

/**
 * Tells whether a label and its value are an error term of one example: a number or a vector
 * (one row or one column), not a matrix such as a weight gradient.
 */
function isErrorTerm(label: string, value: ReadValue): boolean {
  if (!ERROR_TERM.test(label)) return false;
  return value.kind === "number" || value.rows.length === 1 || value.rows.every((row) => row.length === 1);
}

function hasErrorTermQuestion(problem: Problem): boolean {
  return problem.questions.some((question) => question.kind === "delta");
}

// A command or a name with at least one subscript or superscript, or a command alone (`\eta`).
// Subscripts are letters and digits only, so that no two ways of matching compete.
const TRAILING_SYMBOL = /(?:\\[A-Za-z]+|[A-Za-z]+)(?:\s*[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9]+))+$|\\[A-Za-z]+$/;
