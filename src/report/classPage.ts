import type { ClassResults, StudentResult, Verdict } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import { html, type SafeHtml } from "./html.js";
import { formatPercent, renderStatusBadge } from "./_labels.js";
import { columnKey, indexQuestions, listQuestionColumns, type QuestionColumn } from "./_questions.js";
import { formatPoints } from "./numbers.js";
import { renderDocument } from "./page.js";
import type { ReportContext } from "./types.js";

const VERDICTS: Verdict[] = ["correct", "partial", "incorrect", "missing"];

/**
 * Renders the class page, meant for `reports/index.html`: the number of students and the mean
 * score, a histogram of scores, a table of students linking to their pages, and per question the
 * share of graded submissions with each verdict. Students keep the order of `results.students`.
 */
export function renderClassPage(results: ClassResults, context: ReportContext): string {
  const graded = results.students.filter((student) => student.status === "graded");
  const maxPoints = results.max_points;

  const body = html`<header class="page-header">
<div class="eyebrow">Class report</div>
<h1>${context.assignment}</h1>
</header>
${renderStats(results.students, graded, maxPoints)}
${graded.length > 0 ? renderHistogram(graded) : ""}
${renderStudentTable(results.students, context)}
${renderQuestionTable(graded, listQuestionColumns(results, context.problems), context.problems)}`;

  return renderDocument(`${context.assignment} · class report`, body);
}

function renderStats(students: StudentResult[], graded: StudentResult[], maxPoints: number): SafeHtml {
  const unreadable = students.filter((student) => student.status === "unreadable").length;
  const missing = students.filter((student) => student.status === "missing").length;
  const points = graded.map((student) => student.points).sort((a, b) => a - b);
  const over = html`<div class="note">over ${graded.length} graded ${graded.length === 1 ? "submission" : "submissions"}</div>`;

  return html`<div class="stats">
<div class="stat"><div class="label">Students</div><div class="value">${students.length}</div>
<div class="note">${graded.length} graded · ${unreadable} unreadable · ${missing} without a submission</div></div>
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

/** Draws how many graded students scored in each tenth of the maximum (the last bin includes 100%). */
function renderHistogram(graded: StudentResult[]): SafeHtml {
  const bins = new Array<number>(10).fill(0);
  for (const student of graded) {
    const share = student.max_points > 0 ? student.points / student.max_points : 0;
    bins[Math.min(9, Math.max(0, Math.floor(share * 10)))]++;
  }
  const tallest = Math.max(...bins);

  const bars = bins.map((count, i) => {
    const label = `${count} ${count === 1 ? "student" : "students"} scored ${i * 10}–${i === 9 ? 100 : i * 10 + 10}%`;
    const height = tallest > 0 ? (100 * count) / tallest : 0;
    const countLabel = count > 0 ? html`<span class="count" style="bottom: calc(${height.toFixed(1)}% + 2px)">${count}</span>` : "";
    return html`<div class="bin" title="${label}"><div class="bar" style="height: ${height.toFixed(1)}%"></div>${countLabel}</div>`;
  });
  const axis = bins.map((_, i) => html`<span>${i * 10}%</span>`).concat(html`<span class="end">100%</span>`);

  return html`<section class="card"><h2>Score distribution</h2>
<div class="histogram" role="img" aria-label="Histogram of scores of graded submissions">${bars}</div>
<div class="histogram-axis" aria-hidden="true">${axis}</div>
</section>`;
}

function renderStudentTable(students: StudentResult[], context: ReportContext): SafeHtml {
  const rows = students.map((student) => {
    const page = context.pageNames.get(student.student);
    const name = page === undefined ? html`<bdi>${student.student}</bdi>` : html`<a href="students/${page}"><bdi>${student.student}</bdi></a>`;
    return html`<tr>
<th scope="row" class="id">${name}</th>
<td>${renderStatusBadge(student.status)}</td>
<td class="num">${formatPoints(student.points)}</td>
<td class="num wide-only">${formatPoints(student.max_points)}</td>
<td class="num">${formatPercent(student.points, student.max_points)}</td>
</tr>`;
  });

  return html`<section class="card"><h2>Students</h2>
<div class="table-wrap"><table class="data-table">
<thead><tr><th scope="col">Student</th><th scope="col">Status</th><th scope="col" class="num">Points</th><th scope="col" class="num wide-only">Max</th><th scope="col" class="num">Score</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

/**
 * Tabulates each question's verdicts over the graded submissions. A graded submission with no
 * result for a question counts as missing it.
 */
function renderQuestionTable(graded: StudentResult[], columns: QuestionColumn[], problems: readonly Problem[]): SafeHtml {
  const indexed = graded.map((student) => indexQuestions(student.questions));
  const titles = new Map(problems.map((problem) => [problem.id, `${problem.number}. ${problem.title}`]));

  const rows = columns.map(({ problem, question }) => {
    const counts: Record<Verdict, number> = { correct: 0, partial: 0, incorrect: 0, missing: 0 };
    for (const byQuestion of indexed) {
      const verdict = byQuestion.get(columnKey(problem, question))?.verdict ?? "missing";
      counts[verdict] = (counts[verdict] ?? 0) + 1;
    }
    const segments = VERDICTS.map((verdict) => {
      const width = graded.length > 0 ? (100 * counts[verdict]) / graded.length : 0;
      return width > 0 ? html`<span class="${verdict}" style="width: ${width.toFixed(1)}%"></span>` : "";
    });

    return html`<tr>
<td>${titles.get(problem) ?? problem}</td>
<th scope="row" class="mono">${question}</th>
${VERDICTS.map((verdict) => html`<td class="num">${formatPercent(counts[verdict], graded.length)}</td>`)}
<td class="wide-only"><div class="distribution" aria-hidden="true">${segments}</div></td>
</tr>`;
  });

  const key = VERDICTS.map((verdict) => html`<li><span class="${verdict}"></span>${verdict}</li>`);

  return html`<section class="card"><h2>Questions</h2>
<p class="table-note">Share of the ${graded.length} graded ${graded.length === 1 ? "submission" : "submissions"} with each verdict.</p>
<div class="table-wrap"><table class="data-table">
<thead><tr><th scope="col">Problem</th><th scope="col">Question</th><th scope="col" class="num">Correct</th><th scope="col" class="num">Partial</th><th scope="col" class="num">Incorrect</th><th scope="col" class="num">Missing</th><th scope="col" class="wide-only">Distribution</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
<ul class="key-list wide-only" aria-hidden="true">${key}</ul>
</section>`;
}
