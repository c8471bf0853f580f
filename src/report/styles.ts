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
.distribution { display: flex; height: 0.6rem; min-width: 8rem; border-radius: 999px; overflow: hidden; background: var(--missing-fill); }
.distribution span { display: block; height: 100%; }
.distribution .correct { background: var(--correct-line); }
.distribution .partial { background: var(--partial-line); }
.distribution .incorrect { background: var(--incorrect-line); }
.distribution .missing { background: var(--missing-line); }
.key-list { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; color: var(--muted); font-size: 0.8rem; margin: 0.75rem 0 0; padding: 0; list-style: none; }
.key-list span { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 2px; margin-right: 0.3em; }
.key-list .correct { background: var(--correct-line); }
.key-list .partial { background: var(--partial-line); }
.key-list .incorrect { background: var(--incorrect-line); }
.key-list .missing { background: var(--missing-line); }
.histogram { display: grid; grid-template-columns: repeat(10, 1fr); gap: 0.35rem; height: 7rem; margin-top: 1.5rem; border-bottom: 1px solid var(--border); }
.histogram .bin { position: relative; height: 100%; }
.histogram .bar { position: absolute; left: 0; right: 0; bottom: 0; background: var(--accent); opacity: 0.85; border-radius: 3px 3px 0 0; }
.histogram .count { position: absolute; left: 0; right: 0; text-align: center; color: var(--muted); font-size: 0.75rem; font-variant-numeric: tabular-nums; }
.histogram-axis { position: relative; display: grid; grid-template-columns: repeat(10, 1fr); gap: 0.35rem; color: var(--muted); font-size: 0.7rem; margin-top: 0.3rem; }
.histogram-axis .end { position: absolute; right: 0; top: 0; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; margin-top: 2rem; }

@media (max-width: 40rem) {
  main { padding: 1rem 0.75rem 2rem; }
  .card { padding: 1rem; }
  h1 { font-size: 1.4rem; }
  .question-points { margin-left: 0; }
  .data-table th, .data-table td { padding: 0.5rem 0.5rem; }
  .stats { grid-template-columns: 1fr 1fr; }
  .stats .stat:first-child { grid-column: 1 / -1; }
  .histogram-axis span:nth-child(even):not(.end) { visibility: hidden; }
  .wide-only { display: none; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .back { display: none; }
  .card, .stat { box-shadow: none; border-color: #bbb; }
  .question, .data-table tr { break-inside: avoid; }
  .problem-header { break-after: avoid; }
  a { color: inherit; }
  .badge, .cell-wrong, .meter, .distribution, .histogram, .legend .swatch, .key-list span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .answer-value, .display-math, .table-wrap { overflow: visible; }
}
`;
