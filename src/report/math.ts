import temml from "temml";

import { html, trustedHtml, type SafeHtml } from "./html.js";

/**
 * Renders LaTeX as MathML with temml. LaTeX that temml cannot parse is shown as escaped source
 * text, so one bad formula in a statement does not stop the report.
 */
export function renderLatex(latex: string, displayMode: boolean): SafeHtml {
  try {
    // `trust: false` turns off \href, \class and similar commands that could add links or
    // attributes; temml escapes every text node it writes.
    const mathml = temml.renderToString(latex, { displayMode, trust: false, throwOnError: true });
    return trustedHtml(mathml);
  } catch {
    const delimiter = displayMode ? "$$" : "$";
    return html`<code class="math-error" title="This formula could not be rendered">${delimiter}${latex}${delimiter}</code>`;
  }
}
