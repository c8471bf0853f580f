import type { Network } from "../problem/types.js";
import { html, type SafeHtml } from "./html.js";
import { formatShortNumber } from "./numbers.js";
import type { ForwardValues } from "./types.js";

/** Largest layer drawn; wider layers (an MNIST input) would be an unreadable tangle of edges. */
const MAX_UNITS = 8;

// Drawing units of the SVG's viewBox.
const RADIUS = 22;
const COLUMN_GAP = 190;
const ROW_GAP = 84;
const MARGIN_X = 40;
const TOP = 64;
const RIGHT_EXTRA = 72;

/** Largest font size of a unit's value, in drawing units: styles.ts sets 12, and 15 on narrow screens. */
const VALUE_FONT_SIZE = 15;
/** Minimum space between a unit's value and the side of its shape, in drawing units. */
const VALUE_PADDING = 4;

interface Unit {
  x: number;
  y: number;
  /** Half the width of the unit's shape: RADIUS for a circle, more for a pill around a long value. */
  halfWidth: number;
}

/**
 * Draws a network as inline SVG, with the input and each layer as a column of units and every
 * weight on its edge. Each unit shows its activation Y inside the circle, and below it the
 * pre-activation S (unless the activation is the identity) and the bias. The targets are right
 * of the output units. Returns nothing when a layer has more than eight units.
 */
export function renderNetwork(network: Network, forward: ForwardValues | undefined): SafeHtml {
  const sizes = [network.input.length, ...network.layers.map((layer) => layer.weights[0]?.length ?? 0)];
  if (sizes.some((size) => size === 0 || size > MAX_UNITS)) {
    return html``;
  }

  const tallest = Math.max(...sizes);
  // The units of a column share one width, wide enough for the longest value drawn in any of them.
  const halfWidths = sizes.map((_, c) => unitHalfWidth(c === 0 ? network.input : (forward?.activations[c - 1] ?? [])));
  const columns = sizes.map((size, c) =>
    Array.from({ length: size }, (_, i): Unit => ({
      x: MARGIN_X + halfWidths[0] + c * COLUMN_GAP,
      y: TOP + RADIUS + ((tallest - size) * ROW_GAP) / 2 + i * ROW_GAP,
      halfWidth: halfWidths[c],
    })),
  );
  const output = columns[columns.length - 1];
  const width = output[0].x + output[0].halfWidth + MARGIN_X + RIGHT_EXTRA;
  const noteLines = network.layers.map((layer) => (layer.bias === null ? 0 : 1) + (forward !== undefined && layer.activation !== "identity" ? 1 : 0));
  const height = TOP + RADIUS * 2 + (tallest - 1) * ROW_GAP + 8 + 13 * Math.max(0, ...noteLines);

  const headings = sizes.map((_, c) => {
    const x = columns[c][0].x;
    if (c === 0) {
      return html`<text class="layer-name" x="${x}" y="18">input</text><text class="layer-activation" x="${x}" y="34">x</text>`;
    }
    const layer = network.layers[c - 1];
    return html`<text class="layer-name" x="${x}" y="18">${layer.name}</text><text class="layer-activation" x="${x}" y="34">${layer.activation}</text>`;
  });

  const edges: SafeHtml[] = [];
  const labels: SafeHtml[] = [];
  network.layers.forEach((layer, l) => {
    const sources = columns[l];
    const targets = columns[l + 1];
    // Labels sit at 1/(n+1) of the way from each source, which keeps the n labels leaving one
    // unit apart from each other and from those of the next unit. The part of a pill wider than a
    // circle is taken off the way, so the labels stay clear of the pill.
    const t = 1 / (targets.length + 1);
    sources.forEach((source, i) => {
      targets.forEach((target, j) => {
        const weight = layer.weights[i][j];
        const zero = weight === 0 ? " zero" : "";
        // Name the entry as the problem writes its matrix: units × inputs in the column layout.
        const entry = network.layout === "column" ? `${j + 1}][${i + 1}` : `${i + 1}][${j + 1}`;
        edges.push(html`<line class="edge${zero}" x1="${source.x}" y1="${source.y}" x2="${target.x}" y2="${target.y}"><title>${`${layer.name}: W[${entry}] = ${weight}`}</title></line>`);
        const sourceExtra = source.halfWidth - RADIUS;
        const targetExtra = target.halfWidth - RADIUS;
        const fraction = t + (sourceExtra * (1 - t) - targetExtra * t) / (target.x - source.x);
        const x = source.x + fraction * (target.x - source.x);
        const y = source.y + fraction * (target.y - source.y);
        labels.push(html`<text class="weight" x="${round(x)}" y="${round(y + 4)}">${formatShortNumber(weight)}</text>`);
      });
    });
  });

  const units = columns.map((column, c) =>
    column.map((unit, i) => {
      if (c === 0) {
        return renderUnit(unit, network.input[i], `input ${i + 1}: x = ${network.input[i]}`, []);
      }
      const layer = network.layers[c - 1];
      const activation = forward?.activations[c - 1]?.[i];
      const preActivation = forward?.preActivations[c - 1]?.[i];
      const notes: string[] = [];
      if (preActivation !== undefined && layer.activation !== "identity") notes.push(`S = ${formatShortNumber(preActivation)}`);
      const bias = typeof layer.bias === "number" ? layer.bias : (layer.bias?.[i] ?? null);
      if (bias !== null) notes.push(`b = ${formatShortNumber(bias)}`);
      const title =
        `${layer.name} unit ${i + 1}` +
        (activation === undefined ? "" : `: Y = ${titleNumber(activation)}`) +
        (preActivation === undefined ? "" : `, S = ${titleNumber(preActivation)}`);
      return renderUnit(unit, activation, title, notes);
    }),
  );

  const targets = output.map((unit, j) =>
    network.target[j] === undefined ? "" : html`<text class="target" x="${unit.x + unit.halfWidth + 8}" y="${unit.y + 4}">t = ${formatShortNumber(network.target[j])}</text>`,
  );

  const description = sizes.map((size, c) => (c === 0 ? `${size} inputs` : `${network.layers[c - 1].name} with ${size} ${network.layers[c - 1].activation} units`)).join(", ");
  return html`<figure class="network">
<div class="network-scroll"><svg class="network-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${`Network: ${description}.`}" xmlns="http://www.w3.org/2000/svg">
${headings}
${edges}
${labels}
${units}
${targets}
</svg></div>
<figcaption>${forward === undefined ? "Each node is a unit, and edges carry the weights." : "Each unit shows its activation Y; S is its pre-activation and b its bias."} Edge labels are the weights; t is the target.</figcaption>
</figure>`;
}

/**
 * Draws one unit: a circle, or a pill as tall as the circle when its column has a long value, with
 * the value inside and short notes such as "S = 2" below it.
 */
function renderUnit(unit: Unit, value: number | undefined, title: string, notes: string[]): SafeHtml {
  const shape =
    unit.halfWidth === RADIUS
      ? html`<circle cx="${unit.x}" cy="${unit.y}" r="${RADIUS}"></circle>`
      : html`<rect class="unit-pill" x="${unit.x - unit.halfWidth}" y="${unit.y - RADIUS}" width="${unit.halfWidth * 2}" height="${RADIUS * 2}" rx="${RADIUS}"></rect>`;
  const inside = value === undefined ? "" : html`<text class="unit-value" x="${unit.x}" y="${unit.y + 4}">${formatShortNumber(value)}</text>`;
  const below = notes.map((note, k) => html`<text class="unit-note" x="${unit.x}" y="${unit.y + RADIUS + 14 + k * 13}">${note}</text>`);
  return html`<g class="unit"><title>${title}</title>${shape}${inside}${below}</g>`;
}

/**
 * Returns half the width of the units of a column: RADIUS when every value fits in a circle,
 * else enough for the widest value at the largest font size the stylesheet gives.
 */
function unitHalfWidth(values: readonly number[]): number {
  let widest = 0;
  for (const value of values) {
    widest = Math.max(widest, estimateValueWidth(formatShortNumber(value)));
  }
  return Math.max(RADIUS, Math.ceil(widest / 2) + VALUE_PADDING);
}

/**
 * Estimates the drawn width of a unit's value in drawing units. The widths per character come
 * from headless Chromium on Linux, which drew the values in DejaVu Sans Bold: 0.696 em for a
 * digit, 0.678 em for "e", 0.38 em for "." and 0.838 em for "−", here rounded up.
 *
 * NOTE: a font with wider glyphs than DejaVu Sans Bold can still overflow the shape.
 */
function estimateValueWidth(text: string): number {
  let ems = 0;
  for (const character of text) {
    if (character === ".") ems += 0.4;
    else if (/[0-9a-z]/.test(character)) ems += 0.7;
    else ems += 0.84;
  }
  return ems * VALUE_FONT_SIZE;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * Formats a value for a unit's tooltip with six significant digits, so that 0.1 + 0.2 shows as
 * 0.3 rather than 0.30000000000000004.
 */
function titleNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}
