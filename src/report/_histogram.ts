import type { StudentResult } from "../grading/types.js";

/** The part of a student's result the histogram reads. */
type Score = Pick<StudentResult, "points" | "max_points">;
import { html, type SafeHtml } from "./html.js";

const BINS = 10;

// Drawing units of the chart's viewBox; the SVG scales to the width of its card.
const WIDTH = 600;
const HEIGHT = 190;
const PLOT = { left: 8, right: 592, top: 22, bottom: 160 };

/**
 * Counts graded students per tenth of the maximum score. A score of exactly 100% (or more, with
 * extra credit) lands in the last bin, and a negative one in the first.
 */
export function binScores(graded: readonly Score[]): number[] {
  const bins = new Array<number>(BINS).fill(0);
  for (const student of graded) bins[binOf(student)]++;
  return bins;
}

/** Returns the index of the bin that `binScores` counts a graded student in. */
export function binOf(student: Score): number {
  const share = student.max_points > 0 ? student.points / student.max_points : 0;
  return Math.min(BINS - 1, Math.max(0, Math.floor(share * BINS)));
}

/**
 * Draws the histogram of `graded` students, counted into `bins` as `binScores` counts them, as
 * inline SVG: one bar per tenth of the maximum with its count above it, and the axis labelled
 * every 20%. Each bar's `<title>` gives its range in words, which browsers show as a tooltip and
 * screen readers read out.
 */
export function renderHistogram(bins: readonly number[], graded: number): SafeHtml {
  const tallest = Math.max(1, ...bins);
  const slot = (PLOT.right - PLOT.left) / BINS;
  const gap = 4;

  const bars = bins.map((count, i) => {
    const range = `${i * 10}–${i === BINS - 1 ? 100 : i * 10 + 10}%`;
    const label = `${count} ${count === 1 ? "student" : "students"} scored ${range}`;
    const height = ((PLOT.bottom - PLOT.top) * count) / tallest;
    const x = PLOT.left + i * slot + gap / 2;
    const y = PLOT.bottom - height;
    const countText = count > 0 ? html`<text class="count" x="${round(x + (slot - gap) / 2)}" y="${round(y - 5)}">${count}</text>` : "";
    // The hit area spans the whole slot, so an empty bin still has a tooltip.
    return html`<g class="bin"><title>${label}</title><rect class="slot" x="${round(x)}" y="${PLOT.top}" width="${round(slot - gap)}" height="${PLOT.bottom - PLOT.top}"></rect><rect class="bar" x="${round(x)}" y="${round(y)}" width="${round(slot - gap)}" height="${round(height)}" rx="2"></rect>${countText}</g>`;
  });

  const ticks = [0, 20, 40, 60, 80, 100].map((percent) => {
    const x = PLOT.left + (percent / 100) * (PLOT.right - PLOT.left);
    // The end labels align inwards so they stay inside the chart.
    let anchor = "middle";
    if (percent === 0) anchor = "start";
    if (percent === 100) anchor = "end";
    return html`<line class="tick" x1="${round(x)}" x2="${round(x)}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}"></line><text class="axis-label" x="${round(x)}" y="${PLOT.bottom + 20}" text-anchor="${anchor}">${percent}%</text>`;
  });

  const summary = bins.map((count, i) => `${i * 10}–${i === BINS - 1 ? 100 : i * 10 + 10}%: ${count}`).join(", ");
  return html`<section class="card"><h2>Score distribution</h2>
<svg class="histogram-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="histogram-title histogram-desc" xmlns="http://www.w3.org/2000/svg">
<title id="histogram-title">Histogram of the scores of ${graded} graded ${graded === 1 ? "submission" : "submissions"}</title>
<desc id="histogram-desc">Students per tenth of the maximum score: ${summary}.</desc>
${bars}
<line class="axis" x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}"></line>
${ticks}
</svg>
</section>`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
