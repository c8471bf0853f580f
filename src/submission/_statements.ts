import { closingBrace, type Span, type Token, type TokenMarks } from "./_scan.js";

/** Commands that, like `=`, separate the steps of a result; the last step is the value. */
const SEPARATOR_COMMANDS = new Set(["approx", "simeq", "coloneqq"]);

/** Spacing commands that may stand between two results, as in `S_2 = 2, \qquad Y_2 = 3`. */
const JOINING_SPACES = new Set(["quad", "qquad", ";", "hspace", "hfill"]);

/** Text commands whose content, when it is only `and`, `,` or `;`, joins two results. */
const JOINING_TEXT_COMMANDS = new Set(["text", "textrm", "mbox", "mathrm"]);

/** Longest source text kept with an answer, in characters. */
const MAX_SOURCE = 300;

/**
 * Matches every text in which separatorIn can find a separator or splitAtColon a colon: an `=`,
 * `≈`, `:` or separator command. Text it does not match needs no tokenizing to be split.
 */
const SEPARATOR_OR_COLON = new RegExp(`[=:\u2248]|\\\\(?:${[...SEPARATOR_COMMANDS].join("|")})`);

/**
 * The tokens splitResults, splitAtTopLevel and splitAtColon look at: brackets, separators,
 * joining marks, the colon (also `\:`), and `a` or `A`, which may start the joining word "and".
 * Other tokens change nothing there, so statements are tokenized without them.
 */
export const STATEMENT_MARKS: TokenMarks = {
  characters: "[]()=\u2248,;:aA",
  commands: new Set([...SEPARATOR_COMMANDS, ...JOINING_SPACES, ...JOINING_TEXT_COMMANDS, ":"]),
  braces: false,
};

/** STATEMENT_MARKS and the full stop, for statements in which a sentence may end. */
export const STATEMENT_MARKS_WITH_STOPS: TokenMarks = { ...STATEMENT_MARKS, characters: `${STATEMENT_MARKS.characters}.` };

/** Tells whether a sentence may end inside the text: a full stop followed by white space. */
export function mayContainFullStop(text: string): boolean {
  return /\.\s/.test(text);
}

/** Tells whether text may contain a separator or a colon, so that splitting it needs its tokens. */
export function mayContainSeparator(text: string): boolean {
  return SEPARATOR_OR_COLON.test(text);
}

/** Makes a test for `=`, `≈` and `\approx` in `text`; `<=`, `>=`, `!=` and `==` do not count. */
export function separatorIn(text: string): (token: Token) => boolean {
  return (token) => {
    if (token.kind === "command") return SEPARATOR_COMMANDS.has(token.name);
    if (token.kind !== "char") return false;
    if (token.name === "\u2248") return true;
    if (token.name !== "=") return false;
    const before = text[token.start - 1] ?? "";
    const after = text[token.end] ?? "";
    return !"<>!=".includes(before === "" ? " " : before) && after !== "=";
  };
}

/** Tests that splitResults uses on the text of a statement. */
export interface ResultTests {
  isSeparator: (token: Token) => boolean;
  /** Tells whether the label part of a text names a question. */
  namesQuestion: (label: string) => boolean;
  /** Tells whether a text reads as a value, such as `[2, 3]` but not `x W_1`. */
  readsAsValue: (text: string) => boolean;
}

/**
 * Splits a statement that contains several results, such as `S_2 = 2, \qquad Y_2 = 3` or
 * `w_5 = 10; w_6 = 15 \text{ and } w_7 = 20`, into one span per result. A cut happens at a
 * joining mark (`,`, `;`, `\quad`, `\qquad`, `\text{and}`, the word `and`, a full stop before
 * white space) outside brackets when a separator comes before it and the text between it and the
 * next separator names a question. Without such a label, the statement stays whole, because
 * `S_2 = x W_1, \quad x = 1` is one result.
 *
 * A sentence also ends at a full stop after a value (`S_2 = [2, 3]. Then x = 4`), and a result
 * ends at a word that starts a definition (`S_2 = [2, 3] where x = [1, 2]`), so that the last `=`
 * of the statement is not taken for the result's. Such a definition is left out unless it names a
 * question. After a text that is not a value, as in `S_2 = x W_1, where x W_1 = [2, 3]`, neither
 * ends the result.
 */
export function splitResults(text: string, tokens: Token[], span: Span, tests: ResultTests): Span[] {
  const pieces: Span[] = [];
  let pieceStart: number | null = span.start;
  let valueStart = -1;
  let lastJoin: Span | null = null;
  let lastStop: Span | null = null;
  let brackets = 0;

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.depth !== 0) continue;
    if (token.kind === "char" && (token.name === "[" || token.name === "(")) brackets += 1;
    if (token.kind === "char" && (token.name === "]" || token.name === ")")) {
      brackets = Math.max(0, brackets - 1);
    }
    if (brackets > 0) continue;

    if (tests.isSeparator(token)) {
      if (valueStart >= 0) {
        const end = endOfResult(text, valueStart, lastStop, lastJoin, token, tests);
        if (end !== null) {
          if (pieceStart !== null) pieces.push({ start: pieceStart, end: end.resultEnd });
          pieceStart = end.nextStart;
        }
      }
      valueStart = token.end;
      lastJoin = null;
      lastStop = null;
      continue;
    }
    if (valueStart < 0) continue;
    if (isFullStop(text, token)) lastStop = token;
    const join = joinAt(text, token, span.end);
    if (join !== null) lastJoin = join;
  }
  if (pieceStart !== null) pieces.push({ start: pieceStart, end: span.end });
  return pieces;
}

/**
 * Decides where the result whose value starts at `valueStart` ends, now that another separator
 * follows at `separator`. Returns where the result ends and where the next piece starts (null when
 * the next piece is a definition to leave out), or null when the result goes on.
 */
function endOfResult(
  text: string,
  valueStart: number,
  lastStop: Span | null,
  lastJoin: Span | null,
  separator: Token,
  tests: ResultTests,
): { resultEnd: number; nextStart: number | null } | null {
  if (lastJoin !== null && tests.namesQuestion(text.slice(lastJoin.end, separator.start))) {
    return { resultEnd: lastJoin.start, nextStart: lastJoin.end };
  }
  const definition = definitionWordIn(text, valueStart, separator.start);
  const end = definition ?? lastStop;
  if (end === null || !tests.readsAsValue(text.slice(valueStart, end.start))) return null;
  if (end === lastStop) return { resultEnd: end.start, nextStart: end.end };
  const namesQuestion = tests.namesQuestion(text.slice(end.end, separator.start));
  return { resultEnd: end.start, nextStart: namesQuestion ? end.end : null };
}

/** True for a `.` token followed by white space, which ends a sentence, unlike `2.5`. */
function isFullStop(text: string, token: Token): boolean {
  return token.kind === "char" && token.name === "." && isWhitespaceAt(text, token.end);
}

/**
 * Words that start a definition of what a result was computed from, as in `where x = [1, 2]`,
 * standing alone or as the text of a command such as `\text{ where }`.
 */
const DEFINITION_WORD = /(?<=^|[\s${~])(?:where|with|for|given|using|when|since|if)(?=$|[\s$}~,])/gi;

/** A text command opened just before a word, as in `\text{ where }`. */
const TEXT_COMMAND_BEFORE = /\\(?:text|textrm|mbox|mathrm)\s*\{\s*$/;

/**
 * Returns the span of the first definition word in [start, end) outside square and round
 * brackets, or null when there is none. A word that is the whole text of a command such as
 * `\text{ where }` gives the span of the command.
 */
function definitionWordIn(text: string, start: number, end: number): Span | null {
  const part = text.slice(start, end);
  DEFINITION_WORD.lastIndex = 0;
  for (let match = DEFINITION_WORD.exec(part); match !== null; match = DEFINITION_WORD.exec(part)) {
    const before = part.slice(0, match.index);
    if (bracketBalance(before) !== 0 || occurrences(before, "(") !== occurrences(before, ")")) continue;

    const wordEnd = match.index + match[0].length;
    const command = TEXT_COMMAND_BEFORE.exec(before);
    const close = part.indexOf("}", wordEnd);
    if (command !== null && close >= 0 && part.slice(wordEnd, close).trim() === "") {
      return { start: start + command.index, end: start + close + 1 };
    }
    return { start: start + match.index, end: start + wordEnd };
  }
  return null;
}

/** Returns the span of a joining mark that starts at `token`, or null when it is none. */
function joinAt(text: string, token: Token, end: number): Span | null {
  if (token.kind === "char") {
    if (token.name === "," || token.name === ";") return token;
    const isWordStart = token.start === 0 || /[\s$]/.test(text[token.start - 1]);
    const word = text.slice(token.start, token.start + 3).toLowerCase();
    const after = text[token.start + 3] ?? " ";
    if (isWordStart && word === "and" && /[\s$]/.test(after)) {
      return { start: token.start, end: token.start + 3 };
    }
    return null;
  }
  if (token.kind !== "command") return null;
  if (JOINING_SPACES.has(token.name)) {
    if (token.name !== "hspace") return token;
    const open = text.indexOf("{", token.end);
    const close = open === token.end ? closingBrace(text, open, end) : -1;
    return close < 0 ? token : { start: token.start, end: close };
  }
  if (!JOINING_TEXT_COMMANDS.has(token.name) || text[token.end] !== "{") return null;
  const close = closingBrace(text, token.end, end);
  if (close < 0) return null;
  const content = text.slice(token.end + 1, close - 1).trim().toLowerCase();
  return /^(?:and|,|;)?$/.test(content) ? { start: token.start, end: close } : null;
}

/** Math delimiters, each with its closing one, longest first. */
const MATH_DELIMITERS: [string, string][] = [
  ["$$", "$$"],
  ["$", "$"],
  ["\\(", "\\)"],
  ["\\[", "\\]"],
];

/**
 * Finds the math that opens a value's text when a remark follows it, as in
 * ` $[[10, 20], [15, 30]]$ (rounded)`. Returns the span of the math's content and whether the
 * remark has math of its own, which may hold the value instead. Returns null when the text does
 * not open with math or nothing follows the math.
 */
export function mathBeforeRemark(text: string): { content: Span; remarkHasMath: boolean } | null {
  const start = text.length - text.trimStart().length;
  for (const [open, close] of MATH_DELIMITERS) {
    if (!text.startsWith(open, start)) continue;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return null;
    const remark = text.slice(end + close.length);
    if (remark.trim() === "") return null;
    return { content: { start: start + open.length, end }, remarkHasMath: /\$|\\[()[\]]/.test(remark) };
  }
  return null;
}

/** Counts `[` minus `]`, so that a numpy printout spread over lines is read as one value. */
export function bracketBalance(text: string): number {
  return occurrences(text, "[") - occurrences(text, "]");
}

/** Counts the places where `character` (or a longer piece of text) occurs, with the built-in search. */
export function occurrences(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) count += 1;
  return count;
}

/** Collapses whitespace and shortens long derivations to their start and their end. */
export function sourceText(text: string): string {
  const flat = collapseWhitespace(text).trim();
  if (flat.length <= MAX_SOURCE) return flat;
  return flat.slice(0, 100) + " … " + flat.slice(flat.length - (MAX_SOURCE - 103));
}

/** Whitespace that collapsing changes: two characters in a row, or one that is not a space. */
const UNCOLLAPSED_WHITESPACE = /\s\s|[^\S ]/;

/**
 * Replaces each run of whitespace with one space. Most statements are one line with single
 * spaces, which the test finds unchanged without building a new string.
 */
function collapseWhitespace(text: string): string {
  return UNCOLLAPSED_WHITESPACE.test(text) ? text.replace(/\s+/g, " ") : text;
}

/**
 * Tells whether the UTF-16 code unit at `i` is whitespace as `\s` in a regular expression
 * defines it, without a regular expression for ASCII. Past the end of the text it is not.
 */
function isWhitespaceAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[i]);
}

/**
 * Splits a sentence into clauses at `;`, at a comma followed by a space and at the word `and`,
 * outside brackets and braces, so "669,706 parameters and 1,338,378 FLOPs" gives two clauses.
 */
export function clauses(text: string, span: Span): Span[] {
  const parts: Span[] = [];
  let start = span.start;
  let depth = 0;
  for (let i = span.start; i < span.end; i++) {
    const c = text[i];
    if (c === "[" || c === "(" || c === "{") depth += 1;
    else if ((c === "]" || c === ")" || c === "}") && depth > 0) depth -= 1;
    if (depth > 0) continue;

    let joinEnd = -1;
    if (c === ";" || (c === "," && isWhitespaceAt(text, i + 1))) {
      joinEnd = i + 1;
    } else if (isWhitespaceAt(text, i) && isAndAt(text, i + 1)) {
      joinEnd = i + 4;
    }
    if (joinEnd < 0) continue;
    parts.push({ start, end: i });
    start = joinEnd;
    i = joinEnd - 1;
  }
  parts.push({ start, end: span.end });
  return parts;
}

/**
 * Tells whether the text at `i` is "and " in any case. A first character that is neither `a`,
 * `A` nor outside ASCII rules it out without copying the text, which most words do.
 */
function isAndAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if ((code | 0x20) !== 97 && !(code > 127)) return false;
  return text.slice(i, i + 4).toLowerCase() === "and ";
}

/** Words after a number that may name what it counts, as in "669,706 parameters". */
const MAX_TRAILING_LABEL_WORDS = 4;

/**
 * Finds a number followed by a few words at the end of a sentence, as in "The network has
 * $669{,}706$ trainable parameters." Returns the number's span and the words, or null.
 * Only plain words count, so "2 FLOPs per MAC" gives the words "FLOPs per MAC" and the caller
 * decides whether they name a question.
 */
export function numberBeforeWords(text: string, span: Span): { value: Span; words: string } | null {
  let end = span.end;
  while (end > span.start && /[\s.,;:!]/.test(text[end - 1])) end -= 1;

  // Walk back over up to a few words of letters.
  let wordsStart = end;
  let count = 0;
  for (;;) {
    let i = wordsStart;
    while (i > span.start && /\s/.test(text[i - 1])) i -= 1;
    let j = i;
    while (j > span.start && /[A-Za-z#-]/.test(text[j - 1])) j -= 1;
    const isWord = j < i && /[A-Za-z]/.test(text.slice(j, i)) && (j === span.start || /[\s$]/.test(text[j - 1]));
    if (!isWord || count === MAX_TRAILING_LABEL_WORDS) break;
    wordsStart = j;
    count += 1;
  }
  if (count === 0) return null;

  // The number is the whitespace-free chunk just before the words, such as `$669{,}706$`.
  let valueEnd = wordsStart;
  while (valueEnd > span.start && /\s/.test(text[valueEnd - 1])) valueEnd -= 1;
  let valueStart = valueEnd;
  while (valueStart > span.start && !/\s/.test(text[valueStart - 1])) valueStart -= 1;
  if (valueStart === valueEnd || !/\d/.test(text.slice(valueStart, valueEnd))) return null;
  return { value: { start: valueStart, end: valueEnd }, words: text.slice(wordsStart, end) };
}
