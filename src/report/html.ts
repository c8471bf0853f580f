/**
 * HTML building with escaping by default: every value interpolated into an `html` template is
 * escaped unless it is already `SafeHtml`, so text from students, rosters and problem files can
 * only reach a page as text.
 */

/** A fragment of markup that is already safe to place in a page as is. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape, and then one regular-expression test is all it costs.
  if (!SPECIAL.test(text)) return text;

  // Copies the text in slices between the special characters, with no callback per match.
  let escaped = "";
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    let entity: string;
    switch (text.charCodeAt(i)) {
      case 0x26:
        entity = "&amp;";
        break;
      case 0x3c:
        entity = "&lt;";
        break;
      case 0x3e:
        entity = "&gt;";
        break;
      case 0x22:
        entity = "&quot;";
        break;
      case 0x27:
        entity = "&#39;";
        break;
      default:
        continue;
    }
    escaped += text.slice(copiedTo, i) + entity;
    copiedTo = i + 1;
  }
  return escaped + text.slice(copiedTo);
}

const SPECIAL = /[&<>"']/;

/**
 * Marks markup produced by this module's own code (temml's MathML, the style sheet) as safe.
 * Never pass it text that came from a submission, a roster or a problem file.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A value an `html` template accepts: nested arrays are flattened, and null, undefined and false render as nothing. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (typeof value === "string") {
    return escapeHtml(value);
  }
  if (value instanceof SafeHtml) {
    return value.markup;
  }
  if (Array.isArray(value)) {
    let markup = "";
    for (const item of value) markup += renderValue(item);
    return markup;
  }
  if (value === null || value === undefined || value === false) {
    return "";
  }
  return escapeHtml(String(value));
}

/**
 * Builds markup from a template literal, escaping every interpolated value that is not `SafeHtml`.
 *
 * @example html`<td>${student.student}</td>` // "<td>&lt;b&gt;</td>" for the id "<b>"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0];
  for (let i = 0; i < values.length; i++) {
    markup += renderValue(values[i]) + strings[i + 1];
  }
  return new SafeHtml(markup);
}

/** Joins fragments with a separator that is itself escaped. */
export function joinHtml(fragments: HtmlValue[], separator: string): SafeHtml {
  return new SafeHtml(fragments.map(renderValue).join(escapeHtml(separator)));
}
