/**
 * The style sheet inlined into every page. Pages load nothing else, so their look depends only
 * on the reader's system fonts: sans-serif text and the browser's own MathML support.
 */
export const STYLE_SHEET = `
:root {
  --text: #1f2328;
  --muted: #59636e;
  --border: #d1d9e0;
  --surface: #f6f8fa;
  --card: #ffffff;
  --accent: #0969da;
  --correct-text: #116329; --correct-fill: #dafbe1; --correct-line: #4ac26b;
  --partial-text: #7d4e00; --partial-fill: #fff4d4; --partial-line: #d4a72c;
  --incorrect-text: #a40e26; --incorrect-fill: #ffebe9; --incorrect-line: #ff8182;
  --missing-text: #59636e; --missing-fill: #eff2f5; --missing-line: #afb8c1;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--surface);
  color: var(--text);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.75rem; font-weight: 650; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; font-weight: 650; }
h3 { font-size: 1rem; font-weight: 650; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.875em; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }

.back { display: inline-block; margin-bottom: 0.75rem; font-size: 0.875rem; }
.page-header { margin-bottom: 1.5rem; }
.eyebrow { color: var(--muted); font-size: 0.8rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; margin-bottom: 0.25rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 1rem 0 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 0.8rem; }
.facts dd { margin: 0; font-weight: 550; overflow-wrap: anywhere; }

.card { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; box-shadow: 0 1px 2px rgba(31, 35, 40, 0.06); }
.score-card { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; }
.score { font-size: 2.25rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1; }
.score small { font-size: 1.1rem; color: var(--muted); font-weight: 500; }
.score-detail { flex: 1 1 16rem; }
.meter { height: 0.5rem; border-radius: 999px; background: var(--missing-fill); overflow: hidden; margin-top: 0.4rem; }
.meter span { display: block; height: 100%; background: var(--accent); border-radius: 999px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 1rem; margin-bottom: 1.25rem; }
.stat { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 1rem 1.25rem; }
.stat .label { color: var(--muted); font-size: 0.8rem; }
.stat .value { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.stat .value small { font-size: 0.95rem; color: var(--muted); font-weight: 500; }
.stat .note { color: var(--muted); font-size: 0.8rem; margin-top: 0.15rem; }

.alert { border: 1px solid var(--incorrect-line); background: var(--incorrect-fill); color: var(--incorrect-text); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1.25rem; }
.alert.neutral { border-color: var(--missing-line); background: var(--missing-fill); color: var(--text); }
.alert pre { margin: 0.5rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }

.problem-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; margin-bottom: 0.75rem; }
.problem-points { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.statement { border-left: 3px solid var(--border); padding: 0.1rem 0 0.1rem 1rem; margin: 0 0 1rem; color: #31373d; }
.statement p { margin: 0.5rem 0; }
.statement ul, .statement ol { margin: 0.5rem 0; padding-left: 1.5rem; }
.statement h4 { margin: 0.75rem 0 0.25rem; }
.display-math { overflow-x: auto; margin: 0.6rem 0; }
math { font-size: 1.08em; font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", "Noto Sans Math", math; }
.math-error { color: var(--incorrect-text); }

.question { border-top: 1px solid var(--border); padding: 1rem 0 0.25rem; }
.question-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
.question-id { font-weight: 650; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.question-kind { color: var(--muted); font-size: 0.9rem; }
.question-points { margin-left: auto; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.answers { display: flex; flex-wrap: wrap; gap: 0.75rem 3.5rem; margin: 0.85rem 0; }
.answer { min-width: 0; max-width: 100%; }
.answer-label { color: var(--muted); font-size: 0.8rem; font-weight: 600; margin-bottom: 0.3rem; }
.answer-value { overflow-x: auto; padding-bottom: 0.15rem; }
.no-answer { color: var(--muted); font-style: italic; }
.value-number { font-variant-numeric: tabular-nums; font-size: 1.05rem; }
.value-number.cell-wrong { padding: 0.05rem 0.35rem; border-radius: 4px; }
.value-text { overflow-wrap: anywhere; }
.times { padding: 0 0.12em; }

.bracket { display: inline-block; position: relative; padding: 0.15rem 0.55rem; }
.bracket::before, .bracket::after { content: ""; position: absolute; top: 0; bottom: 0; width: 0.4rem; border: 1.5px solid var(--text); }
.bracket::before { left: 0; border-right: none; }
.bracket::after { right: 0; border-left: none; }
.matrix { border-collapse: separate; border-spacing: 0.15rem; font-variant-numeric: tabular-nums; }
.matrix td { text-align: right; padding: 0.1rem 0.5rem; border-radius: 4px; white-space: nowrap; }
.cell-wrong { background: var(--incorrect-fill); color: var(--incorrect-text); outline: 1.5px dashed var(--incorrect-line); outline-offset: -1.5px; font-weight: 600; }
.legend { color: var(--muted); font-size: 0.8rem; margin: -0.35rem 0 0.6rem; }
.legend .swatch { display: inline-block; width: 0.8em; height: 0.8em; vertical-align: -0.05em; margin-right: 0.3em; border-radius: 2px; background: var(--incorrect-fill); outline: 1.5px dashed var(--incorrect-line); outline-offset: -1.5px; }

.feedback { margin: 0.5rem 0; }
.details { list-style: none; padding: 0; margin: 0.5rem 0 0.75rem; font-size: 0.9rem; }
.details li { margin: 0.3rem 0; }
.details .key { color: var(--muted); font-weight: 600; margin-right: 0.35rem; }
.details .warning .key { color: var(--partial-text); }
.misconception { border-left: 3px solid var(--partial-line); background: var(--partial-fill); padding: 0.4rem 0.75rem; border-radius: 0 6px 6px 0; margin: 0.5rem 0; }
pre code { font-size: inherit; }
.source { margin: 0.25rem 0 0; padding: 0.5rem 0.75rem; background: var(--surface); border: 1px solid var(--border); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }

.badge { display: inline-flex; align-items: center; gap: 0.3em; padding: 0.08rem 0.6rem; border-radius: 999px; border: 1px solid; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge-correct, .badge-graded { color: var(--correct-text); background: var(--correct-fill); border-color: var(--correct-line); }
.badge-partial { color: var(--partial-text); background: var(--partial-fill); border-color: var(--partial-line); }
.badge-incorrect, .badge-unreadable { color: var(--incorrect-text); background: var(--incorrect-fill); border-color: var(--incorrect-line); }
.badge-missing { color: var(--missing-text); background: var(--missing-fill); border-color: var(--missing-line); }

.table-wrap { overflow-x: auto; margin: 0 -0.25rem; padding: 0 0.25rem; }
.data-table { width: 100%; border-collapse: collapse; font-size: 0.925rem; }
.table-note { color: var(--muted); font-size: 0.85rem; margin: -0.4rem 0 0.6rem; }
.data-table th, .data-table td { padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: middle; }
.data-table thead th { font-size: 0.8rem; color: var(--muted); font-weight: 600; background: var(--surface); border-bottom-color: var(--border); white-space: nowrap; }
.data-table tbody tr:last-child td, .data-table tbody tr:last-child th { border-bottom: none; }
.data-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.data-table .id { white-space: nowrap; font-weight: 550; }
.card > h2 { margin-bottom: 0.9rem; }
.histogram-chart { display: block; width: 100%; max-width: 600px; height: auto; margin: 0.25rem 0 0; font-variant-numeric: tabular-nums; }
.histogram-chart .bar { fill: var(--accent); opacity: 0.85; }
.histogram-chart .slot { fill: transparent; }
.histogram-chart .bin:hover .bar { opacity: 1; }
.histogram-chart .bin:hover .slot { fill: var(--surface); }
.histogram-chart .count { fill: var(--muted); font-size: 13px; text-anchor: middle; }
.histogram-chart .axis, .histogram-chart .tick { stroke: var(--border); stroke-width: 1; }
.histogram-chart .axis-label { fill: var(--muted); font-size: 13px; }

.sortable th[data-sort] { padding: 0; }
.sortable th[data-sort] button { font: inherit; color: inherit; background: none; border: 0; padding: 0.55rem 0.75rem; width: 100%; text-align: inherit; cursor: pointer; white-space: nowrap; }
.sortable th[data-sort] button:hover { color: var(--accent); }
.sortable th[data-sort] button:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.sortable th[data-sort] button::after { content: "↕"; margin-left: 0.35em; opacity: 0.45; }
.sortable th[aria-sort="ascending"] button::after { content: "▲"; opacity: 1; }
.sortable th[aria-sort="descending"] button::after { content: "▼"; opacity: 1; }
.badge-notes { color: var(--muted); background: transparent; margin-left: 0.35rem; }
.badge-offroster { color: var(--partial-text); background: var(--partial-fill); border-color: var(--partial-line); margin-left: 0.35rem; }
.badge-bonus { color: var(--accent); background: #ddf4ff; border-color: #54aeff; }

.roster-card { border-color: var(--partial-line); }
.roster-group + .roster-group { margin-top: 1rem; }
.roster-group h3 { margin-bottom: 0.5rem; }
.roster-group .table-note { margin: 0 0 0.4rem; }
.roster-list { margin: 0; padding-left: 1.25rem; }
.roster-list li { margin: 0.15rem 0; overflow-wrap: anywhere; }

.question-table .group-row th { background: var(--card); font-size: 0.9rem; font-weight: 650; padding-top: 0.9rem; border-bottom: 1px solid var(--border); }
.question-table .group-row .badge { margin-left: 0.5rem; vertical-align: 0.1em; }
.question-table td.mistakes { min-width: 13rem; font-size: 0.85rem; }
.mistake-list { list-style: none; margin: 0; padding: 0; }
.mistake-list li { margin: 0.1rem 0; }
.mistake-count { color: var(--muted); white-space: nowrap; }
.mistake-count::before { content: "· "; }
.low-discrimination { color: var(--partial-text); background: var(--partial-fill); border-radius: 4px; padding: 0.05rem 0.3rem; font-weight: 600; }
abbr[title] { text-decoration: underline dotted; cursor: help; }
.footnote-ref { margin-left: 0.1em; }
.footnote { color: var(--muted); font-size: 0.8rem; margin: 0.75rem 0 0; }

.network { margin: 0 0 1rem; }
.network-scroll { overflow-x: auto; }
.network-chart { display: block; width: 100%; min-width: 24rem; max-width: 36rem; height: auto; font-variant-numeric: tabular-nums; }
.network-chart .edge { stroke: #8c959f; stroke-width: 1.2; }
.network-chart .edge.zero { stroke-dasharray: 3 3; opacity: 0.6; }
.network-chart circle, .network-chart .unit-pill { fill: var(--card); stroke: var(--accent); stroke-width: 1.6; }
.network-chart .unit-value { font-size: 12px; font-weight: 650; text-anchor: middle; fill: var(--text); }
.network-chart .unit-note { font-size: 11px; text-anchor: middle; fill: var(--muted); }
.network-chart .weight { font-size: 11px; text-anchor: middle; fill: var(--text); paint-order: stroke; stroke: var(--card); stroke-width: 4px; stroke-linejoin: round; }
.network-chart .layer-name { font-size: 13px; font-weight: 650; text-anchor: middle; fill: var(--text); }
.network-chart .layer-activation { font-size: 11px; text-anchor: middle; fill: var(--muted); }
.network-chart .target { font-size: 11px; fill: var(--muted); }
.network figcaption { color: var(--muted); font-size: 0.8rem; margin-top: 0.3rem; }

.matrix td.cell-wrong { vertical-align: top; }
.delta { display: block; font-size: 0.7rem; font-weight: 500; line-height: 1.1; text-align: right; }
.delta-inline { margin-left: 0.4rem; font-size: 0.8rem; color: var(--incorrect-text); }

details.folded { padding-top: 0.85rem; padding-bottom: 0.85rem; }
details.folded > summary { cursor: pointer; display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.6rem; }
details.folded > summary::marker { color: var(--muted); }
.folded-title { font-weight: 650; }
details.folded[open] > summary { margin-bottom: 0.9rem; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; margin-top: 2rem; }

@media (max-width: 40rem) {
  main { padding: 1rem 0.75rem 2rem; }
  .card { padding: 1rem; }
  h1 { font-size: 1.4rem; }
  .question-points { margin-left: 0; }
  .data-table th, .data-table td { padding: 0.5rem 0.5rem; }
  .stats { grid-template-columns: 1fr 1fr; }
  .stats .stat:first-child { grid-column: 1 / -1; }
  .wide-only { display: none; }
  /* The chart shrinks to the screen, so its text grows in drawing units to stay legible. */
  .histogram-chart .count, .histogram-chart .axis-label { font-size: 22px; }
  .sortable th[data-sort] button { padding: 0.5rem; }
  .network-chart .unit-value { font-size: 15px; }
  .network-chart .weight, .network-chart .unit-note, .network-chart .target, .network-chart .layer-activation { font-size: 14px; }
  .network-chart .layer-name { font-size: 15px; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .back { display: none; }
  .card, .stat { box-shadow: none; border-color: #bbb; }
  .question, .data-table tr { break-inside: avoid; }
  .problem-header { break-after: avoid; }
  a { color: inherit; }
  .badge, .cell-wrong, .meter, .histogram-chart, .network-chart, .low-discrimination, .legend .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .answer-value, .display-math, .table-wrap, .network-scroll { overflow: visible; }
  .network, .histogram-chart { break-inside: avoid; }
  .sortable th[data-sort] button::after { content: none; }
  details.folded > summary::marker { content: ""; }
}
`;
