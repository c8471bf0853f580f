import type { Problem } from "../problem/types.js";

/** Start of a problem's part of a write-up. */
export interface SectionMarker {
  problem: Problem;
  /** Offset just past the marker; the rest of the line may hold a result. */
  end: number;
  /**
   * Headings, `Problem 2`, `Q2` and `**2.**` are strong. A bare `2.`, `2)` or `(2)` is weak,
   * because numbered lists inside an answer look the same; weak markers count only when a
   * write-up has no strong ones, or in a list under an "Answers" heading.
   */
  strong: boolean;
  /**
   * The word before the problem word of a heading, such as "Practice" in `## Practice problem 2`,
   * or null when the heading has none.
   */
  qualifier: string | null;
  /**
   * Set for a Markdown or LaTeX heading and a bold start such as `**Problem 2.**`. A line of prose
   * such as "Problem 5 is a bonus." or "Q5 asks …" is a strong marker but no heading.
   */
  isHeading: boolean;
}

const MARKDOWN_HEADING = /^[ \t]{0,3}#{1,6}[ \t]+(.*)$/;
const LATEX_HEADING = /^[ \t]*\\(?:sub)*section\*?\{([^{}]*)\}/;
const BOLD_START = /^[ \t]*\*\*([^*]+)\*\*/;
const PROBLEM_WORD = /^[ \t]*(?:problem|exercise|question|task|q)[ \t]*\.?[ \t]*(\d+)(?![\d.]\d)[.:)]?/i;
const BARE_NUMBER = /^[ \t]*(?:\((\d+)\)|(\d+)[.)])(?=[ \t]|$)/;
const TITLE_NUMBER = /^(?:problem|exercise|question|task|q|p)?[ \t]*\.?[ \t]*(\d+)(?!\d)/i;

/**
 * Finds a problem marker at the start of a text line: a heading (`## Problem 2`,
 * `\section{Problem 2}`), `**2.**`, `Problem 2`, `Q2`, an alias of the problem, or a bare `2.`.
 */
export function sectionMarkerOfLine(
  line: string,
  offset: number,
  problems: Problem[],
): SectionMarker | null {
  const heading = MARKDOWN_HEADING.exec(line) ?? LATEX_HEADING.exec(line);
  if (heading !== null) {
    const problem = problemOfTitle(heading[1], problems);
    return problem === null ? null : { problem, end: offset + line.length, strong: true, qualifier: qualifierOf(heading[1]), isHeading: true };
  }

  const bold = BOLD_START.exec(line);
  if (bold !== null) {
    const problem = problemOfTitle(bold[1], problems);
    if (problem !== null) return { problem, end: offset + bold[0].length, strong: true, qualifier: qualifierOf(bold[1]), isHeading: true };
  }

  const word = PROBLEM_WORD.exec(line);
  if (word !== null) {
    const problem = problemNumbered(Number(word[1]), problems);
    if (problem !== null) return { problem, end: offset + word[0].length, strong: true, qualifier: null, isHeading: false };
  }

  const alias = aliasAtStart(line, problems);
  if (alias !== null) return { problem: alias.problem, end: offset + alias.length, strong: true, qualifier: null, isHeading: false };

  return bareNumberMarker(line, offset, problems);
}

const HEADING_LEVEL = /^[ \t]{0,3}(#{1,6})[ \t]|^[ \t]*\\((?:sub)*)section\*?\{/;

/**
 * Returns the level of a Markdown or LaTeX heading, 1 for `#` and `\section`, 2 for `##` and
 * `\subsection` and so on, or null when the line is no such heading.
 */
export function headingLevel(line: string): number | null {
  const match = HEADING_LEVEL.exec(line);
  if (match === null) return null;
  return match[1] !== undefined ? match[1].length : 1 + match[2]!.length / 3;
}

/** A heading's problem word and number: `Problem 7`, `Question 7`, `Q7` or a bare `7.`. */
const HEADING_NUMBER = /^[ \t]*(problem|exercise|question|task|q)?[ \t]*\.?[ \t]*(\d+)(?![\d.]\d)([.:)]|[ \t]|$)/i;

/**
 * A word before a problem's heading that names the kind of problem or the part of the write-up:
 * `Bonus problem 5`, `Extra: Problem 7`, `Bonus, problem 5`, `Extra credit (Problem 5)`,
 * `Ungraded problem 5` or `Part 2: Problem 5`.
 */
const QUALIFIER = /^(?:bonus|extra(?:[ \t]+credit)?|optional|practice|challenge|additional|ungraded|part[ \t]+[A-Za-z0-9]{1,3})[ \t]*[:,(\-\u2013\u2014]?[ \t]*(?=(?:problem|exercise|question|task)\b)/i;

/** Leaves out a qualifier such as "Bonus" before the problem word of a heading's text. */
function withoutQualifier(title: string): string {
  return title.replace(QUALIFIER, "");
}

/** Returns the qualifier before the problem word of a heading's text, such as "Practice", or null. */
function qualifierOf(title: string): string | null {
  const match = QUALIFIER.exec(title.replace(/\*\*|__/g, "").trim());
  return match === null ? null : match[0].replace(/[ \t:,(\-\u2013\u2014]+$/, "");
}

/** The words that name a whole problem rather than a part of one, in any write-up. */
const WHOLE_PROBLEM_WORDS = new Set(["problem", "exercise"]);

/**
 * Returns the word and number of a heading that starts with a problem number, such as
 * ["question", 7] for `## Question 7 (practice)` and ["", 7] for `## 7. Extra practice`, or null.
 */
export function headingNumber(line: string): [string, number] | null {
  const heading = MARKDOWN_HEADING.exec(line) ?? LATEX_HEADING.exec(line) ?? BOLD_START.exec(line);
  if (heading === null) return null;
  const match = HEADING_NUMBER.exec(withoutQualifier(heading[1].replace(/\*\*|__/g, "").trimStart()));
  if (match === null) return null;
  return [(match[1] ?? "").toLowerCase(), Number(match[2])];
}

/**
 * Returns the number of a problem that a heading names when no problem of the assignment has that
 * number, as in `## Problem 7 (practice, not graded)`; else null. `Problem` and `Exercise` always
 * name a problem. Other words, such as `Question 1`, and bare numbers such as `## 7.` count only
 * when the write-up's own headings of the assignment's problems use them (`usedWords`), because
 * elsewhere they may number the parts of a problem. Prose such as "Problem 1 gave us W_1" is no
 * heading.
 */
export function unknownProblemOfLine(line: string, problems: Problem[], usedWords: ReadonlySet<string>): number | null {
  const found = headingNumber(line);
  if (found === null) return null;
  const [word, number] = found;
  if (!WHOLE_PROBLEM_WORDS.has(word) && !usedWords.has(word)) return null;
  return problemNumbered(number, problems) === null ? number : null;
}

const HEADING_START = /^[ \t]*[#\\*]/;

/** A heading's text that names more than one problem, as in `Problems 5 and 6` or `Exercises 3-4`. */
const SEVERAL_PROBLEMS = /^(?:problems|exercises)[ \t]+\d+/i;

/**
 * Tells whether a line is a heading that names more than one problem, such as
 * `## Problems 5 and 6`, under which the reader cannot assign an answer to a problem.
 */
export function namesSeveralProblems(line: string): boolean {
  // Every heading form starts with `#`, `\` or `*` after spaces, which most lines do not.
  if (!HEADING_START.test(line)) return false;
  const heading = MARKDOWN_HEADING.exec(line) ?? LATEX_HEADING.exec(line) ?? BOLD_START.exec(line);
  return heading !== null && SEVERAL_PROBLEMS.test(withoutQualifier(heading[1].replace(/\*\*|__/g, "").trim()));
}

const ANSWERS_HEADING = /^(?:final[ \t]+|short[ \t]+)?(?:answers?|results|summary)\b/i;

/**
 * Tells whether a heading starts a final list of answers ("Answers", "Final answers",
 * "Summary"), where `2. …` items name problems even when the write-up also has strong markers.
 * Returns null when the line is no heading.
 */
export function isAnswersHeading(line: string): boolean | null {
  const heading = MARKDOWN_HEADING.exec(line) ?? LATEX_HEADING.exec(line) ?? BOLD_START.exec(line);
  if (heading === null) return null;
  return ANSWERS_HEADING.test(heading[1].replace(/\*\*|__/g, "").trim());
}

/** Finds a bare `2.` at the start of a display-math block, as in `$$2. S_2 = …$$`. */
export function sectionMarkerOfMath(
  content: string,
  offset: number,
  problems: Problem[],
): SectionMarker | null {
  return bareNumberMarker(content, offset, problems);
}

function bareNumberMarker(text: string, offset: number, problems: Problem[]): SectionMarker | null {
  const bare = BARE_NUMBER.exec(text);
  if (bare === null) return null;
  const problem = problemNumbered(Number(bare[1] ?? bare[2]), problems);
  return problem === null ? null : { problem, end: offset + bare[0].length, strong: false, qualifier: null, isHeading: false };
}

function problemOfTitle(title: string, problems: Problem[]): Problem | null {
  const text = withoutQualifier(title.replace(/\*\*|__/g, "").trim());
  const alias = aliasAtStart(text, problems);
  if (alias !== null) return alias.problem;
  const number = TITLE_NUMBER.exec(text);
  return number === null ? null : problemNumbered(Number(number[1]), problems);
}

function problemNumbered(number: number, problems: Problem[]): Problem | null {
  return problems.find((problem) => problem.number === number) ?? null;
}

/** Finds a problem id or alias at the start of the text, followed by a non-word character. */
function aliasAtStart(text: string, problems: Problem[]): { problem: Problem; length: number } | null {
  const trimmed = text.trimStart();
  // A name can only match text whose first letter, in lower case, starts the name. Testing that
  // first spares most lines a lower-cased copy. Outside ASCII, lower-casing may depend on more
  // than one character, so such text takes the full path.
  const code = trimmed.charCodeAt(0);
  if (code < 128 && !startsSomeName(code >= 65 && code <= 90 ? code + 32 : code, problems)) return null;
  const indent = text.length - trimmed.length;
  const lower = trimmed.toLowerCase();
  for (const problem of problems) {
    for (const wanted of lowerCaseNames(problem)) {
      if (wanted !== "" && lower.startsWith(wanted) && !/[\w-]/.test(lower[wanted.length] ?? "")) {
        return { problem, length: indent + wanted.length };
      }
    }
  }
  return null;
}

/** Tells whether the lower-case name of some problem starts with the character `code`. */
function startsSomeName(code: number, problems: Problem[]): boolean {
  for (const problem of problems) {
    for (const name of lowerCaseNames(problem)) if (name.charCodeAt(0) === code) return true;
  }
  return false;
}

const problemNames = new WeakMap<Problem, string[]>();

/** Returns a problem's id and aliases in lower case, made once per problem. */
function lowerCaseNames(problem: Problem): string[] {
  let names = problemNames.get(problem);
  if (names === undefined) {
    names = [problem.id, ...problem.aliases].map((name) => name.toLowerCase());
    problemNames.set(problem, names);
  }
  return names;
}

const LIST_OR_HEADING = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\\item\b[ \t]*|\\(?:sub)*section\*?\{|\*\*)/;

/**
 * Returns the offset just past a heading's or list item's marker and its first word, as in
 * `* **dW2.**` or `(b)`: what follows on the line may be that question's answer.
 */
export function endOfQuestionName(line: string): number {
  const marker = LIST_OR_HEADING.exec(line);
  let i = marker === null ? 0 : marker[0].length;
  while (i < line.length && /\s/.test(line[i])) i += 1;
  while (i < line.length && !/\s/.test(line[i])) i += 1;
  return i;
}

/**
 * Returns the text of a heading or list item without its marker (`## `, `- `, `\item`), or null
 * when the line is neither. `(b) …` and `a) …` count as list items and keep their label.
 */
export function headingText(line: string): string | null {
  const marker = LIST_OR_HEADING.exec(line);
  if (marker !== null) return line.slice(marker[0].length).replace(/[}*]+/g, " ").trim();
  if (/^[ \t]*\(?[A-Za-z0-9]{1,3}[.)]?\)[ \t]/.test(line)) return line.trim();
  return null;
}
