import { foldIdCase } from "./studentIds.js";
import { pageKey } from "./pageName.js";
import { MISTAKE_TITLES } from "../grading/mistakes.js";
import type { Verdict } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import { html, trustedHtml, type SafeHtml } from "./html.js";
import { binOf, binScores, renderHistogram } from "./_histogram.js";
import { describeMisconception, formatPercent, renderStatusBadge } from "./_labels.js";
import type { ClassSummary, StudentRow } from "./_accumulator.js";
import type { QuestionStats } from "./_questionStats.js";
import type { QuestionColumn } from "./_questions.js";
import { SORT_SCRIPT } from "./_sortScript.js";
import { formatPoints } from "./numbers.js";
import { renderDocumentEnds } from "./page.js";
import type { ReportContext } from "./types.js";

/** Discrimination below this is flagged: the question hardly separates strong and weak students. */
const LOW_DISCRIMINATION = 0.2;

/** Common mistakes listed per question; the rest are summed up as "n more". */
const MISTAKES_SHOWN = 3;

/**
 * Renders the class page, meant for `reports/index.html`. It shows the number of students, the
 * mean score, roster problems, a histogram of scores and a student table that sorts by name or
 * score. Per question it gives the mean points, the share of each verdict, the common mistakes
 * and a discrimination index. Students start in the order of `summary.students`; build the
 * summary with `ClassAccumulator` or `summariseClass`. A row without `page` links to the page
 * that `context.pageNames` names.
 */
export function renderClassPage(summary: ClassSummary, context: ReportContext): string {
  const rows = summary.students.map((row) => (row.page !== undefined ? row : { ...row, page: context.pageNames.get(pageKey(row)) }));
  const overview = new ClassOverview(context.roster ?? null);
  for (const row of rows) overview.add(row);
  if (overview.needsCardRows()) for (const row of rows) overview.addCardRow(row);

  const [start, end] = renderClassPageParts(overview, summary, context);
  let page = start;
  for (const row of rows) page += renderStudentRow(row, context, overview.isOffRoster(row));
  return page + end;
}

/**
 * The figures and lists of the class page besides the rows of its student table, gathered one
 * row at a time, so that the rows themselves need not stay in memory. Pass every row to `add`.
 * Then, when `needsCardRows` returns true, pass every row again, in the same order, to
 * `addCardRow`, which keeps only the rows that the roster and repeated-id cards list.
 */
export class ClassOverview {
  students = 0;
  graded = 0;
  unreadable = 0;
  missing = 0;
  /** Rows whose file got notes from reading it. */
  withNotes = 0;
  /** Sum of the graded students' points, added in the order of the rows. */
  gradedSum = 0;
  /** The graded students' points, in the order they were added. */
  readonly gradedPoints: number[] = [];
  /** Graded students per tenth of the maximum score. */
  readonly bins = binScores([]);
  /** Rows of roster students without a submission. */
  readonly missingRows: StudentRow[] = [];
  /** Rows of submissions whose id is not on the roster. */
  readonly offRosterRows: StudentRow[] = [];
  /**
   * Ids on more than one row, with their rows, in the order the ids first came. Ids that differ
   * only in letter case, such as `Ben-Okafor` and `ben-okafor`, count as one, under the spelling
   * that came first.
   */
  readonly repeated = new Map<string, StudentRow[]>();

  /** Ids seen, folded by foldIdCase. */
  private readonly ids = new Set<string>();
  /** Folded ids on more than one row. */
  private readonly repeatedIds = new Set<string>();
  /** The first spelling of each folded id in `repeated`. */
  private readonly repeatedSpellings = new Map<string, string>();
  private offRoster = 0;

  constructor(private readonly roster: ReadonlySet<string> | null) {}

  /** Counts a row and notes its id. */
  add(row: StudentRow): void {
    this.students++;
    if (row.status === "graded") {
      this.graded++;
      this.gradedSum += row.points;
      this.gradedPoints.push(row.points);
      this.bins[binOf(row)]++;
    } else if (row.status === "unreadable") {
      this.unreadable++;
    } else {
      this.missing++;
    }
    if (this.isOffRoster(row)) this.offRoster++;
    if (row.notes !== undefined) this.withNotes++;
    const id = foldIdCase(row.student);
    if (this.ids.has(id)) this.repeatedIds.add(id);
    else this.ids.add(id);
  }

  /** Tells whether the row's id, in any letter case, names other rows too. */
  isRepeated(row: StudentRow): boolean {
    return this.repeatedIds.has(foldIdCase(row.student));
  }

  /** The number of rows whose id is not on the roster. */
  get offRosterCount(): number {
    return this.offRoster;
  }

  /** Tells whether a card lists any row, so that `addCardRow` has to see the rows again. */
  needsCardRows(): boolean {
    return this.missing > 0 || this.offRoster > 0 || this.repeatedIds.size > 0;
  }

  /** Keeps the row if the roster card or the repeated-id card lists it. */
  addCardRow(row: StudentRow): void {
    if (row.status === "missing") this.missingRows.push(row);
    if (this.isOffRoster(row)) this.offRosterRows.push(row);
    const id = foldIdCase(row.student);
    if (!this.repeatedIds.has(id)) return;
    const spelling = this.repeatedSpellings.get(id);
    if (spelling === undefined) {
      this.repeatedSpellings.set(id, row.student);
      this.repeated.set(row.student, [row]);
    } else {
      this.repeated.get(spelling)!.push(row);
    }
  }

  /** Tells whether a student handed in a file that matches no roster entry. */
  isOffRoster(row: StudentRow): boolean {
    return this.roster !== null && row.status !== "missing" && !this.roster.has(row.student);
  }

  /**
   * Tells whether an id was seen on some row, in any letter case. A roster with two ids that differ
   * only in case therefore counts both as handed in when one of them is.
   */
  hasStudent(id: string): boolean {
    return this.ids.has(foldIdCase(id));
  }
}

/**
 * Renders the class page around its student table's rows: the text before the first row and the
 * text after the last. The rows go between them, each from `renderStudentRow`.
 */
export function renderClassPageParts(
  overview: ClassOverview,
  figures: Pick<ClassSummary, "max_points" | "questions">,
  context: ReportContext,
): [string, string] {
  const top = html`<header class="page-header">
<div class="eyebrow">Class report</div>
<h1>${context.assignment}</h1>
</header>
${renderStats(overview, figures.max_points)}
${renderRosterCard(overview, context)}${renderRepeatedIdsCard(overview)}
${overview.graded > 0 ? renderHistogram(overview.bins, overview.graded) : ""}
${STUDENT_TABLE_START}`;
  const bottom = html`${STUDENT_TABLE_END}
${renderQuestionTable(overview.graded, figures.questions, context)}`;

  const [documentStart, documentEnd] = renderDocumentEnds(`${context.assignment} · class report`, SORT_SCRIPT);
  return [documentStart + top.markup, bottom.markup + documentEnd];
}

function renderStats(overview: ClassOverview, maxPoints: number): SafeHtml {
  const points = [...overview.gradedPoints].sort((a, b) => a - b);
  const graded = overview.graded;
  const over = html`<div class="note">over ${graded} graded ${graded === 1 ? "submission" : "submissions"}</div>`;

  return html`<div class="stats">
<div class="stat"><div class="label">Students</div><div class="value">${overview.students}</div>
<div class="note">${graded} graded · ${overview.unreadable} unreadable · ${overview.missing} without a submission</div></div>
<div class="stat"><div class="label">Mean score</div><div class="value">${renderScore(mean(points), maxPoints)}</div>${over}</div>
<div class="stat"><div class="label">Median score</div><div class="value">${renderScore(median(points), maxPoints)}</div>${over}</div>
</div>`;
}

function renderScore(points: number | null, maxPoints: number): SafeHtml {
  const formatted = points === null ? "–" : formatPoints(Math.round(points * 100) / 100);
  return html`${formatted} <small>/ ${formatPoints(maxPoints)}</small>`;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Returns the median of sorted numbers: the middle one, or the mean of the two middle ones. */
function median(sorted: number[]): number | null {
  if (sorted.length === 0) {
    return null;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Lists the students a TA has to follow up: those on the roster without a submission, and files
 * whose student is not on the roster (a typo in a file name, or a student who joined late).
 * Renders nothing when there are none.
 */
function renderRosterCard(overview: ClassOverview, context: ReportContext): SafeHtml {
  const missing = overview.missingRows;
  const offRoster = overview.offRosterRows;
  if (missing.length === 0 && offRoster.length === 0) {
    return html``;
  }

  const list = (title: string, hint: string, entries: StudentRow[]) =>
    entries.length === 0
      ? ""
      : html`<div class="roster-group"><h3>${title} <span class="muted">(${entries.length})</span></h3>
<p class="table-note">${hint}</p>
<ul class="roster-list">${entries.map((student) => html`<li>${renderStudentLink(student, context)}${student.file === null ? "" : html` <span class="muted mono">${student.file}</span>`}</li>`)}</ul></div>`;

  return html`<section class="card roster-card"><h2>Roster</h2>
${list("No submission", "On the roster, but no file was found for them.", missing)}
${list("Not on the roster", "Handed in, but their id matches no roster entry; check the file name or the answers file's student field.", offRoster)}
</section>`;
}

/**
 * Lists the student ids that name more than one row, such as `ana.md` beside a folder `ana/`, or
 * an answers file whose `student:` is another student's id. Each row was graded on its own, and
 * a gradebook keyed by id would keep only one of them.
 */
function renderRepeatedIdsCard(overview: ClassOverview): SafeHtml {
  const repeated = [...overview.repeated];
  if (repeated.length === 0) {
    return html``;
  }

  const fileLink = (student: StudentRow) => {
    const file = html`<span class="mono">${student.file ?? "no file"}</span>`;
    return student.page === undefined ? file : html`<a href="students/${student.page}">${file}</a>`;
  };
  return html`<section class="card roster-card"><h2>Student ids on several rows <span class="muted">(${repeated.length})</span></h2>
<p class="table-note">Each row below was graded on its own. A gradebook keeps one row per id, so grades.csv leaves these rows' grades empty: enter the one that counts by hand.</p>
<ul class="roster-list">${repeated.map(([id, rows]) => html`<li><bdi>${id}</bdi>: ${rows.map((row, index) => html`${index > 0 ? "; " : ""}${fileLink(row)}`)}</li>`)}</ul>
</section>`;
}

function renderStudentLink(student: StudentRow, context: ReportContext): SafeHtml {
  const name = context.names?.get(student.student);
  const label = name ? html`<bdi>${student.student}</bdi> <span class="muted">(<bdi>${name}</bdi>)</span>` : html`<bdi>${student.student}</bdi>`;
  return student.page === undefined ? label : html`<a href="students/${student.page}">${label}</a>`;
}

/** Renders one row of the student table. `offRoster` marks a submission whose id is not on the roster. */
export function renderStudentRow(student: StudentRow, context: ReportContext, offRoster: boolean): string {
  const share = student.max_points > 0 ? student.points / student.max_points : 0;
  // An unreadable file, or none at all, was not graded, so it shows no points rather than 0.
  const graded = student.status === "graded";
  const badge = offRoster ? html` <span class="badge badge-offroster">Not on roster</span>` : "";
  const notes = student.notes === undefined ? "" : html` <span class="badge badge-notes" title="notes from reading the file, on the student's page">${student.notes} ${student.notes === 1 ? "note" : "notes"}</span>`;
  return html`<tr data-name="${student.student}" data-score="${String(share)}">
<th scope="row" class="id">${renderStudentLink(student, context)}</th>
<td>${renderStatusBadge(student.status)}${badge}${notes}</td>
<td class="num wide-only">${graded ? formatPoints(student.points) : "–"}</td>
<td class="num wide-only">${formatPoints(student.max_points)}</td>
<td class="num">${graded ? formatPercent(student.points, student.max_points) : "–"}</td>
</tr>`.markup;
}

// Each sortable header contains a button, so keyboards and screen readers can use it, and
// aria-sort names the column the rows follow. The script in SORT_SCRIPT does the sorting.
const STUDENT_TABLE_START = trustedHtml(`<section class="card"><h2>Students</h2>
<p class="table-note">Select the Student or Score header to sort the table.</p>
<div class="table-wrap"><table class="data-table sortable" id="student-table">
<thead><tr><th scope="col" data-sort="name" data-first="ascending" aria-sort="ascending"><button type="button">Student</button></th><th scope="col">Status</th><th scope="col" class="num wide-only">Points</th><th scope="col" class="num wide-only">Max</th><th scope="col" class="num" data-sort="score" data-first="descending" aria-sort="none"><button type="button">Score</button></th></tr></thead>
<tbody>`);

const STUDENT_TABLE_END = trustedHtml(`</tbody>
</table></div>
</section>`);

const DISCRIMINATION_NOTE =
  "Point-biserial index: correlation of the question's score with the total score, from −1 to 1; below 0.2 the question hardly separates strong and weak students.";

const VERDICT_COLUMNS: Verdict[] = ["correct", "partial", "incorrect", "missing"];

/**
 * Tabulates each question over the graded submissions, grouped by problem: mean points, the share
 * of each verdict, the discrimination index and the most common mistakes. A graded submission
 * with no result for a question counts as missing it.
 */
function renderQuestionTable(graded: number, questions: ClassSummary["questions"], context: ReportContext): SafeHtml {
  const problems = new Map(context.problems.map((problem) => [problem.id, problem]));
  const bonus = context.bonus ?? new Set<string>();

  const groups: { problem: string; questions: ClassSummary["questions"] }[] = [];
  for (const question of questions) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.problem === question.column.problem) last.questions.push(question);
    else groups.push({ problem: question.column.problem, questions: [question] });
  }

  const bodies = groups.map(({ problem, questions: members }) => {
    const heading = problemHeading(problem, problems.get(problem));
    const extra = bonus.has(problem) ? html` <span class="badge badge-bonus">Extra credit</span>` : "";
    const rows = members.map(({ column, stats }) => renderQuestionRow(column, stats));
    return html`<tbody>
<tr class="group-row"><th scope="rowgroup" colspan="8">${heading}${extra}</th></tr>
${rows}
</tbody>`;
  });

  const noun = graded === 1 ? "submission" : "submissions";
  return html`<section class="card"><h2>Questions</h2>
<p class="table-note">Over the ${graded} graded ${noun}; an answer not found counts as missing.</p>
<div class="table-wrap"><table class="data-table question-table">
<thead><tr><th scope="col">Question</th><th scope="col" class="num">Mean points</th><th scope="col" class="num">Correct</th><th scope="col" class="num">Partial</th><th scope="col" class="num">Incorrect</th><th scope="col" class="num">Missing</th><th scope="col" class="num"><abbr title="${DISCRIMINATION_NOTE}">Discrimination</abbr><a class="footnote-ref" href="#discrimination-note" aria-label="about the discrimination index">*</a></th><th scope="col">Common mistakes</th></tr></thead>
${bodies}
</table></div>
<p class="footnote" id="discrimination-note"><strong>* Discrimination</strong> is the point-biserial index: the correlation between a question's score (the share of its points, or for a checkpoint 1 when correct and ½ when partial) and the total score, over the graded submissions. It runs from −1 to 1. Above 0.3 the question separates strong and weak students well; below ${LOW_DISCRIMINATION} (marked) it hardly does, and a negative value often means a wrong key or an ambiguous question. It needs two graded submissions whose scores vary, else it shows –. With fewer than 10 graded submissions it is shown grey and unmarked: read it as a hint only.</p>
</section>`;
}

function problemHeading(id: string, problem: Problem | undefined): string {
  return problem === undefined ? id : `Problem ${problem.number}. ${problem.title}`;
}

function renderQuestionRow(column: QuestionColumn, stats: QuestionStats): SafeHtml {
  const meanPoints =
    stats.meanPoints === null
      ? "–"
      : stats.maxPoints === 0
        ? html`<span class="muted">checkpoint</span>`
        : html`${formatPoints(Math.round(stats.meanPoints * 100) / 100)} <small class="muted">/ ${formatPoints(stats.maxPoints)}</small>`;

  return html`<tr>
<th scope="row" class="mono">${column.question}</th>
<td class="num">${meanPoints}</td>
${VERDICT_COLUMNS.map((verdict) => html`<td class="num">${formatPercent(stats.verdicts[verdict], stats.graded)}</td>`)}
<td class="num">${renderDiscrimination(stats.discrimination, stats.graded)}</td>
<td class="mistakes">${renderMistakes(stats.mistakes)}</td>
</tr>`;
}

// Below this many graded submissions, one student moves the correlation so much that marking low
// values would flag most questions for no reason. The value is shown but not marked.
const MIN_GRADED_FOR_MARKING = 10;

function renderDiscrimination(value: number | null, graded: number): SafeHtml {
  if (value === null) {
    return html`<span class="muted" title="undefined: fewer than two graded submissions, or everyone scored the same">–</span>`;
  }
  const text = value.toFixed(2).replace(/^-/, "−");
  if (graded < MIN_GRADED_FOR_MARKING) {
    return html`<span class="muted" title="only ${String(graded)} graded submissions: too few to judge the question">${text}</span>`;
  }
  return value < LOW_DISCRIMINATION ? html`<span class="low-discrimination" title="hardly separates strong and weak students">${text}</span>` : html`${text}`;
}

function renderMistakes(mistakes: QuestionStats["mistakes"]): SafeHtml {
  if (mistakes.length === 0) {
    return html`<span class="muted">–</span>`;
  }
  const shown = mistakes.slice(0, MISTAKES_SHOWN).map(
    ({ code, students }) =>
      html`<li title="${code}">${MISTAKE_TITLES[code] ?? describeMisconception(code)} <span class="mistake-count">${students} ${students === 1 ? "student" : "students"}</span></li>`,
  );
  const rest = mistakes.slice(MISTAKES_SHOWN);
  const more = rest.length === 0 ? "" : html`<li class="muted">${rest.length} more ${rest.length === 1 ? "kind" : "kinds"}</li>`;
  return html`<ul class="mistake-list">${shown}${more}</ul>`;
}
