import type { StudentStatus, Verdict } from "../grading/types.js";
import type { Question, QuestionKind } from "../problem/types.js";
import { html, type SafeHtml } from "./html.js";

const VERDICT_LABELS: Record<Verdict, { icon: string; text: string }> = {
  correct: { icon: "✓", text: "Correct" },
  partial: { icon: "◐", text: "Partially correct" },
  incorrect: { icon: "✗", text: "Incorrect" },
  missing: { icon: "–", text: "Missing" },
};

const STATUS_LABELS: Record<StudentStatus, string> = {
  graded: "Graded",
  unreadable: "Unreadable",
  missing: "No submission",
};

/** Renders a verdict as a coloured badge that also names it in words, for readers who cannot tell the colours apart. */
export function renderVerdictBadge(verdict: Verdict): SafeHtml {
  return VERDICT_BADGES.get(verdict) ?? buildVerdictBadge(verdict);
}

function buildVerdictBadge(verdict: Verdict): SafeHtml {
  const { icon, text } = VERDICT_LABELS[verdict] ?? { icon: "?", text: verdict };
  return html`<span class="badge badge-${verdict}"><span aria-hidden="true">${icon}</span>${text}</span>`;
}

// Every question of every page has a badge, so the four known ones are built once.
const VERDICT_BADGES = new Map(Object.keys(VERDICT_LABELS).map((verdict) => [verdict, buildVerdictBadge(verdict as Verdict)]));

/** Renders a student's status as a badge. */
export function renderStatusBadge(status: StudentStatus): SafeHtml {
  return html`<span class="badge badge-${status}">${STATUS_LABELS[status] ?? status}</span>`;
}

const KIND_PHRASES: Record<QuestionKind, string> = {
  gradient: "weight gradient",
  bias_gradient: "bias gradient",
  updated_weights: "updated weights",
  updated_bias: "updated bias",
  pre_activation: "pre-activation",
  activation: "activation",
  delta: "delta",
  loss: "loss",
  parameter_count: "parameter count",
  mac_count: "multiply-accumulate count",
  flop_count: "FLOP count",
};

/** Describes the quantity a question requests, such as "weight gradient, layer hidden". */
export function describeQuestion(question: Question): string {
  const phrase = KIND_PHRASES[question.kind] ?? question.kind;
  return question.layer === null ? phrase : `${phrase}, layer ${question.layer}`;
}

/** Turns a misconception code such as `sign_flipped` into words. */
export function describeMisconception(code: string): string {
  return code.replace(/[_-]+/g, " ");
}

/** Formats a share as a whole percentage, or an en dash when there is nothing to divide by. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "–";
}
