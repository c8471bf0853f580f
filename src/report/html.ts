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

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape, and testing for that is much cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (character) => ENTITIES[character]) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

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
  if (value instanceof SafeHtml) {
    return value.markup;
  }
  if (Array.isArray(value)) {
    return value.map(renderValue).join("");
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
