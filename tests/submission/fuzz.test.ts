import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/submission/read.js";
import { bundledProblems } from "./_bundled.js";

// Arbitrary text must never make the reader throw (other than a SubmissionError for a file it
// rejects as a whole) or hang. Fragments of LaTeX and Markdown make the text reach deep paths.
const FRAGMENTS = [
  "$$", "$", "\\[", "\\]", "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{align*}", "\\end{align*}",
  "\\left[", "\\right]", "\\frac{", "}{", "}", "{", "&", "\\\\", "=", "\\approx", "\\boxed{", "\\text{and}",
  ", \\qquad ", "; ", " and ", "[[", "]]", "[", "]", "(", ")", "|", "|---|", "\n", "\r\n", "## Problem 2\n",
  "**3.**", "Q4 ", "(5) ", "6) ", "## Answers\n", "S_2", "W_1", "w_5", "dL/dw5", "\u2202L/\u2202w\u2085", "params",
  "669,706", "669\\,706", "1 338 378", "0,75", "1.2e-3", "3E.5", "0.08.2", "\\times 10^{", "\u2212", "np.array(",
  "\\delta", "^{+}", "'", "#", "* ", "- ", "---\n", "%", "\\section*{Problem 2}", "\\begin{document}", ":",
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 }), fc.integer().map(String)), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));

describe("reader on arbitrary text", () => {
  it.each(["a.md", "a.tex", "a.txt"])("never throws on %s", (file) => {
    const problems = bundledProblems();
    fc.assert(
      fc.property(text, (body) => {
        const submission = readSubmission({ bytes: new TextEncoder().encode(body), file }, problems);
        for (const answer of submission.answers) {
          expect(answer.value === null).toBe(answer.error !== null);
          expect(answer.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
