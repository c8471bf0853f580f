import { MISTAKE_TITLES } from "../grading/mistakes.js";
import { stringifyJson } from "../grading/json.js";
import type { JsonValue, QuestionResult, StudentResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import { isWholeFileNote, notebookPlaceOf } from "../submission/notes.js";
import { escapeHtml, html, type SafeHtml } from "./html.js";
import { describeMisconception, describeQuestion, formatPercent, renderStatusBadge, renderVerdictBadge } from "./_labels.js";
import { renderMarkdown } from "./markdown.js";
import { renderNetwork } from "./network.js";
import { formatPoints } from "./numbers.js";
import { EncodedMarkup, joinPageParts, renderDocumentParts, type PagePart } from "./page.js";
import type { ReportContext } from "./types.js";
import { answerValueMarkup, isGridValue, isSameValue, orientVector } from "./values.js";

/**
 * Renders one student's page, meant for `reports/students/<name>.html`. It shows the score, then
 * each problem with its statement and its network drawn with the forward pass. Per question it
 * gives the verdict, the submitted and expected values side by side with wrong cells marked by
 * their error, the feedback and the line the value was read from. An extra-credit problem the
 * student did not attempt folds into one line.
 */
export function renderStudentPage(student: StudentResult, context: ReportContext): string {
  return joinPageParts(renderStudentPageParts(student, context));
}

/**
 * Renders one student's page as `renderStudentPage` does, in parts: the statements and network
 * drawings, the same on every page, come already encoded for writing.
 */
export function renderStudentPageParts(student: StudentResult, context: ReportContext): PagePart[] {
  const bonus = context.bonus ?? new Set<string>();
  const top = html`<a class="back" href="../index.html">← Class summary</a>
<header class="page-header">
<div class="eyebrow">${context.assignment}</div>
<h1><bdi>${student.student}</bdi>${context.names?.get(student.student) ? html` <span class="muted">(<bdi>${context.names.get(student.student)!}</bdi>)</span>` : ""}</h1>
<dl class="facts">
<div><dt>File</dt><dd>${student.file === null ? html`<span class="muted">none</span>` : html`<span class="mono">${student.file}</span>`}</dd></div>
<div><dt>Status</dt><dd>${renderStatusBadge(student.status)}</dd></div>
</dl>
</header>
${renderScoreCard(student, bonus)}
${renderStatusAlert(student)}
`;

  const body: PagePart[] = [top.markup];
  for (const group of groupByProblem(student.questions, context.problems)) body.push(...renderProblem(group, context));
  body.push(`\n${renderNotes(student).markup}`);
  return renderDocumentParts(`${student.student} · ${context.assignment}`, body);
}

/**
 * Shows the score and how many answers got each verdict. Like `nngrade check`, it counts the
 * answers worth points outside extra credit. Checkpoints (worth no points) are counted apart, and
 * extra credit shows as the points it earned.
 */
function renderScoreCard(student: StudentResult, bonus: Set<string>): SafeHtml {
  // An unreadable file, or none at all, was not graded: 0% would read as a graded zero.
  if (student.status !== "graded") {
    return html`<section class="card score-card" aria-label="Score">
<div class="score">– <small>/ ${formatPoints(student.max_points)}</small></div>
<div class="score-detail"><div><span class="muted">Not graded</span></div></div>
</section>`;
  }
  const share = student.max_points > 0 ? Math.min(1, Math.max(0, student.points / student.max_points)) : 0;
  const summary = summariseVerdicts(student.questions, bonus);

  return html`<section class="card score-card" aria-label="Score">
<div class="score">${formatPoints(student.points)} <small>/ ${formatPoints(student.max_points)}</small></div>
<div class="score-detail">
<div><strong>${formatPercent(student.points, student.max_points)}</strong> <span class="muted">of the points${summary === "" ? "" : ` · ${summary}`}</span></div>
<div class="meter"><span style="width: ${(100 * share).toFixed(1)}%"></span></div>
</div>
</section>`;
}

/**
 * Counts verdicts for the score card, for example "5 of 6 graded answers correct · 1 partial ·
 * 0 incorrect · 0 missing · checkpoints: 6 of 8 right, 2 not answered · 2 extra-credit points".
 */
function summariseVerdicts(results: readonly QuestionResult[], bonus: Set<string>): string {
  const graded = { correct: 0, partial: 0, incorrect: 0, missing: 0 };
  const checkpoints = { right: 0, blank: 0, total: 0 };
  let extraPoints = 0;
  for (const result of results) {
    if (bonus.has(result.problem)) {
      extraPoints += result.points;
    } else if (result.max_points === 0) {
      checkpoints.total++;
      if (result.verdict === "correct") checkpoints.right++;
      if (result.verdict === "missing") checkpoints.blank++;
    } else {
      graded[result.verdict]++;
    }
  }

  const parts: string[] = [];
  const gradedTotal = graded.correct + graded.partial + graded.incorrect + graded.missing;
  if (gradedTotal > 0) {
    parts.push(`${graded.correct} of ${gradedTotal} graded ${gradedTotal === 1 ? "answer" : "answers"} correct`);
    parts.push(`${graded.partial} partial`, `${graded.incorrect} incorrect`, `${graded.missing} missing`);
  }
  if (checkpoints.total > 0) {
    const blank = checkpoints.blank > 0 ? `, ${checkpoints.blank} not answered` : "";
    parts.push(`checkpoints: ${checkpoints.right} of ${checkpoints.total} right${blank}`);
  }
  if (extraPoints > 0) {
    parts.push(`${formatPoints(extraPoints)} extra-credit ${extraPoints === 1 ? "point" : "points"}`);
  }
  return parts.join(" · ");
}

function renderStatusAlert(student: StudentResult): SafeHtml {
  if (student.status === "unreadable") {
    return html`<div class="alert" role="alert"><strong>This file could not be read.</strong>
<pre><code>${student.error ?? "No reason was recorded."}</code></pre></div>`;
  }
  if (student.status === "missing") {
    return html`<div class="alert neutral"><strong>No submission was found for this student.</strong></div>`;
  }
  return html``;
}

interface ProblemGroup {
  id: string;
  problem: Problem | undefined;
  results: QuestionResult[];
}

/** Groups results by problem, in the order of `problems`, then problems that only the results name. */
function groupByProblem(results: readonly QuestionResult[], problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const problem of problems) {
    groups.set(problem.id, { id: problem.id, problem, results: [] });
  }
  for (const result of results) {
    let group = groups.get(result.problem);
    if (group === undefined) {
      group = { id: result.problem, problem: undefined, results: [] };
      groups.set(result.problem, group);
    }
    group.results.push(result);
  }
  return [...groups.values()].filter((group) => group.results.length > 0);
}

// The statement and network drawing are the same on every student's page, and rendering their
// math dominated the time to grade a class, so each problem's is rendered and encoded once.
const preambles = new WeakMap<Problem, { forward: unknown; preamble: EncodedMarkup }>();

function problemPreamble(problem: Problem | undefined, context: ReportContext): EncodedMarkup | string {
  if (problem === undefined) return "";
  const forward = context.forwardValues?.get(problem.id);
  const cached = preambles.get(problem);
  if (cached && cached.forward === forward) return cached.preamble;

  const statement = problem.statement.trim() !== "" ? html`<div class="statement">${renderMarkdown(problem.statement)}</div>` : "";
  const network = problem.network ? renderNetwork(problem.network, context.forwardValues?.get(problem.id)) : "";
  const preamble = new EncodedMarkup(html`${statement}
${network}`.markup);
  preambles.set(problem, { forward, preamble });
  return preamble;
}

/**
 * Renders a problem's card in parts: its opening, its statement and network, its questions. Blank
 * questions and the tops of answers equal to the expected value come as encoded parts of their
 * own, because their markup is the same on many pages.
 */
function renderProblem(group: ProblemGroup, context: ReportContext): PagePart[] {
  const { id, problem, results } = group;
  const isBonus = context.bonus?.has(id) ?? false;
  const title = escapeHtml(problem === undefined ? id : `Problem ${problem.number}. ${problem.title}`);
  const questions: PagePart[] = [];
  let markup = "\n";
  // An encoded part follows the markup collected before it.
  const addEncoded = (part: EncodedMarkup): void => {
    if (markup !== "") questions.push(markup);
    questions.push(part);
    markup = "";
  };
  let attempted = false;
  for (const result of results) {
    if (result.verdict === "missing") {
      const missing = renderMissingQuestion(result, problem);
      if (typeof missing === "string") markup += missing;
      else addEncoded(missing);
      continue;
    }
    attempted = true;
    const [top, rest] = renderQuestionParts(result, problem);
    if (typeof top === "string") markup += top;
    else addEncoded(top);
    markup += rest;
  }
  markup += "\n";

  if (isBonus && !attempted) {
    // Nothing to grade: one line, which opens onto the statement and the expected values.
    const open = `<details class="card problem folded">
<summary><span class="folded-title">${title}</span> <span class="badge badge-bonus">Extra credit</span> <span class="muted">not attempted</span></summary>
`;
    return [open, problemPreamble(problem, context), ...questions, `${markup}</details>`];
  }

  const open = `<section class="card problem">
<div class="problem-header"><h2>${title}</h2><span class="problem-points">${isBonus ? '<span class="badge badge-bonus">Extra credit</span> ' : ""}${describeProblemPoints(results)}</span></div>
`;
  return [open, problemPreamble(problem, context), ...questions, `${markup}</section>`];
}

/** Sums a problem's points, or names it a checkpoint when none of its questions is worth any. */
function describeProblemPoints(results: QuestionResult[]): string {
  let points = 0;
  let maxPoints = 0;
  for (const result of results) {
    points += result.points;
    maxPoints += result.max_points;
  }
  if (maxPoints === 0) {
    return results.length === 1 ? "checkpoint" : "checkpoints";
  }
  return `${formatPoints(points)} / ${formatPoints(maxPoints)} points`;
}

// From here on, the markup of questions is built as plain strings rather than with `html`,
// because it is rendered for every answer of every student. Every piece of text that can come
// from a submission or a problem file goes through escapeHtml. Numbers formatted here and
// constant markup need none.

// Many questions are left blank, extra credit above all, and a blank question looks the same on
// every page, so its markup is rendered and encoded once per problem and distinct result.
const missingMarkup = new WeakMap<Problem, Map<string, EncodedMarkup>>();
const MISSING_MARKUP_LIMIT = 1000;

// The grader shares one result object for a blank question among students, and a batch of them
// reaches a page thread as one copy, so most look-ups find the object itself.
const missingMarkupByObject = new WeakMap<QuestionResult, { problem: Problem; markup: EncodedMarkup }>();

function renderMissingQuestion(result: QuestionResult, problem: Problem | undefined): EncodedMarkup | string {
  if (problem === undefined) return renderQuestion(result, problem);
  const known = missingMarkupByObject.get(result);
  if (known !== undefined && known.problem === problem) return known.markup;
  const markup = renderMissingQuestionOnce(result, problem);
  missingMarkupByObject.set(result, { problem, markup });
  return markup;
}

function renderMissingQuestionOnce(result: QuestionResult, problem: Problem): EncodedMarkup {
  let byResult = missingMarkup.get(problem);
  if (byResult === undefined) {
    byResult = new Map();
    missingMarkup.set(problem, byResult);
  }
  const key = stringifyJson(result, 0);
  let markup = byResult.get(key);
  if (markup === undefined) {
    markup = new EncodedMarkup(renderQuestion(result, problem));
    if (byResult.size >= MISSING_MARKUP_LIMIT) byResult.clear();
    byResult.set(key, markup);
  }
  return markup;
}

function renderQuestion(result: QuestionResult, problem: Problem | undefined): string {
  const [top, rest] = renderQuestionParts(result, problem);
  return (typeof top === "string" ? top : top.markup) + rest;
}

/**
 * Renders a question in two parts: its top, from its opening tag to the end of its values, and
 * the rest. Most answers are exactly the expected value, and then the top is the same for every
 * student with the same verdict and points, so it is kept with the question, already encoded.
 */
function renderQuestionParts(result: QuestionResult, problem: Problem | undefined): [EncodedMarkup | string, string] {
  const shared = problem === undefined ? undefined : sharedQuestionMarkup(problem, result.question);
  const showLegend = (result.wrong_cells ?? []).length > 0 && isGridValue(result.submitted);
  const mistake = result.misconception === undefined ? undefined : (MISTAKE_TITLES[result.misconception] ?? describeMisconception(result.misconception));

  const rest = `
${showLegend ? '<p class="legend"><span class="swatch" aria-hidden="true"></span>Marked cells are outside the tolerance; the small number is submitted − expected.</p>' : ""}
${result.feedback === "" ? "" : `<p class="feedback">${escapeHtml(result.feedback)}</p>`}
${mistake === undefined ? "" : `<p class="misconception"><strong>Likely mistake:</strong> ${escapeHtml(mistake)}</p>`}
${renderDetails(result)}
</article>`;
  return [renderQuestionTop(result, problem, shared), rest];
}

function renderQuestionTop(result: QuestionResult, problem: Problem | undefined, shared: SharedQuestionMarkup | undefined): EncodedMarkup | string {
  const wrongCells = result.wrong_cells ?? [];
  const wrongNumber = result.verdict === "incorrect" || result.verdict === "partial";
  // The submitted value is drawn as the student wrote it. Results store an expected vector as a
  // flat list in either layout, so it is laid out as the problem writes its vectors.
  const expectedValue = orientVector(result.expected, problem?.network?.layout ?? "row");
  const expected = renderExpected(expectedValue, shared);
  const isExpected = wrongCells.length === 0 && !wrongNumber && isSameValue(result.submitted, expectedValue);
  const known = shared?.expectedAnswerTop;
  if (
    isExpected &&
    known !== undefined &&
    known.expected === expected &&
    known.verdict === result.verdict &&
    known.points === result.points &&
    known.maxPoints === result.max_points
  ) {
    return known.top;
  }

  // An answer equal to the expected value needs no second rendering.
  const submitted = isExpected ? expected : answerValueMarkup(result.submitted, { wrongCells, expected: expectedValue, wrongNumber });
  // A checkpoint is worth no points, and "0 / 0 pts" would read like a grading error.
  const worth = result.max_points === 0 ? "checkpoint" : `${formatPoints(result.points)} / ${formatPoints(result.max_points)} pts`;
  const markup = `<article class="question">
<div class="question-header">
<h3 class="question-id">${escapeHtml(result.question)}</h3>
${shared === undefined ? renderQuestionKind(result.question, problem) : shared.kind}
${renderVerdictBadge(result.verdict).markup}
<span class="question-points${result.max_points === 0 ? " muted" : ""}">${worth}</span>
</div>
<div class="answers">
<div class="answer"><div class="answer-label">Submitted</div><div class="answer-value">${submitted}</div></div>
<div class="answer"><div class="answer-label">Expected</div><div class="answer-value">${expected}</div></div>
</div>`;
  if (!isExpected || shared === undefined) return markup;
  const top = new EncodedMarkup(markup);
  shared.expectedAnswerTop = { expected, verdict: result.verdict, points: result.points, maxPoints: result.max_points, top };
  return top;
}

/** Markup that is the same for every student's answer to one question, rendered on first use. */
interface SharedQuestionMarkup {
  /** The kind of quantity the question requests, or "" when its id already names it. */
  kind: string;
  /** The expected value last rendered for the question, and its markup. */
  expected?: { value: JsonValue; markup: string };
  /** The top of the question last rendered for an answer equal to the expected value. */
  expectedAnswerTop?: { expected: string; verdict: string; points: number; maxPoints: number; top: EncodedMarkup };
}

const sharedMarkup = new WeakMap<Problem, Map<string, SharedQuestionMarkup>>();

function sharedQuestionMarkup(problem: Problem, question: string): SharedQuestionMarkup {
  let byQuestion = sharedMarkup.get(problem);
  if (byQuestion === undefined) {
    byQuestion = new Map();
    sharedMarkup.set(problem, byQuestion);
  }
  let shared = byQuestion.get(question);
  if (shared === undefined) {
    // Results may name questions the problem does not have, so the entries are capped.
    if (byQuestion.size >= SHARED_MARKUP_LIMIT) byQuestion.clear();
    shared = { kind: renderQuestionKind(question, problem) };
    byQuestion.set(question, shared);
  }
  return shared;
}

const SHARED_MARKUP_LIMIT = 1000;

/**
 * Renders the expected value. Every student of a class has the same expected value for a
 * question, so its markup is kept with the question and reused while the value stays the same.
 * Results that reach a page thread are copies, so the values are compared entry by entry.
 */
function renderExpected(value: JsonValue, shared: SharedQuestionMarkup | undefined): string {
  if (shared === undefined) return answerValueMarkup(value);
  if (shared.expected !== undefined && isSameValue(shared.expected.value, value)) return shared.expected.markup;
  const markup = answerValueMarkup(value);
  shared.expected = { value, markup };
  return markup;
}

/** Describes the quantity a question requests, unless its id already names it (a question named "loss"). */
function renderQuestionKind(id: string, problem: Problem | undefined): string {
  const question = problem?.questions.find((candidate) => candidate.id === id);
  if (question === undefined) {
    return "";
  }
  const description = describeQuestion(question);
  return description.toLowerCase() === id.toLowerCase() ? "" : `<span class="question-kind">${escapeHtml(description)}</span>`;
}

function renderDetails(result: QuestionResult): string {
  let items = "";

  if (result.tolerance !== undefined) {
    items += `<li><span class="key">Tolerance</span>${escapeHtml(result.tolerance)}</li>`;
  }
  for (const warning of result.warnings ?? []) {
    items += `<li class="warning"><span class="key">Warning</span>${escapeHtml(warning)}</li>`;
  }
  if (result.line !== null || result.source !== undefined) {
    const place = notebookPlaceOf(result.source) ?? (result.line === null ? null : `line ${result.line}`);
    let where = place === null ? "Read from" : `Read from ${place}`;
    if (result.file !== undefined) where += ` of ${result.file}`;
    const source = result.source === undefined ? "" : `<pre class="source"><code>${escapeHtml(result.source)}</code></pre>`;
    items += `<li><span class="key">${escapeHtml(where)}</span>${source}</li>`;
  }

  return items === "" ? "" : `<ul class="details">${items}</ul>`;
}

function renderNotes(student: StudentResult): SafeHtml {
  const notes = student.notes ?? [];
  if (notes.length === 0) {
    return html``;
  }
  const items = notes.map(
    (note) => html`<li><span class="key">${noteKey(note)}</span>${note.message}</li>`,
  );
  return html`<section class="card"><h2>Notes from reading the file</h2><ul class="details">${items}</ul></section>`;
}

/** Returns the key a note is listed under: its line, "Whole file", or "Notebook" for a note whose message starts with its cell. */
function noteKey(note: { line: number; code: string; message: string }): string {
  if (isWholeFileNote(note)) return "Whole file";
  return notebookPlaceOf(note.message) === null ? `Line ${note.line}` : "Notebook";
}
