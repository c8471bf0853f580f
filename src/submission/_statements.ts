import { closingBrace, type Span, type Token, type TokenMarks } from "./_scan.js";

/**
 * Commands that, like `=`, separate the steps of a result; the last step is the value. `\leftarrow`
 * and `\gets` write a weight update, `W \leftarrow W - \eta \, \partial L / \partial W = …`.
 */
export const SEPARATOR_COMMANDS: ReadonlySet<string> = new Set(["approx", "simeq", "coloneqq", "leftarrow", "gets"]);

/**
 * Spacing commands and arrows that may stand between two results, as in `S_2 = 2, \qquad Y_2 = 3`
 * or `S_2 = [2, -1] \Rightarrow Y_2 = [2, 0]`.
 */
const JOINING_SPACES = new Set(["quad", "qquad", ";", "hspace", "hfill", "Rightarrow", "implies", "Longrightarrow", "therefore"]);

/** Text commands whose content, when it is only `and`, `,` or `;`, joins two results. */
const JOINING_TEXT_COMMANDS = new Set(["text", "textrm", "mbox", "mathrm"]);

/** Longest source text kept with an answer, in characters. */
const MAX_SOURCE = 300;

// Character codes that the loops below compare.
const BACKSLASH = 92;
const DOLLAR = 36;
const COMMA = 44;
const SEMICOLON = 59;
const COLON = 58;
const EXCLAMATION_MARK = 33;
const FULL_STOP = 46;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const TILDE = 126;

/**
 * Matches every text in which separatorIn can find a separator or splitAtColon a colon: an `=`,
 * `≈`, `:` or separator command. Text it does not match needs no tokenizing to be split.
 */
const SEPARATOR_OR_COLON = new RegExp(`[=:\u2248]|\\\\(?:${[...SEPARATOR_COMMANDS].join("|")})`);

/**
 * The tokens splitResults, splitAtTopLevel and splitAtColon look at: brackets, separators,
 * joining marks (among them the `&` between two results in a row of `align*`), the colon (also
 * `\:`), `a` or `A`, which may start the joining word "and", and the full stop, which may end a
 * sentence. Other tokens change nothing there, so statements are
 * tokenized without them.
 */
export const STATEMENT_MARKS: TokenMarks = {
  characters: "[]()=\u2248,;:aA.&",
  commands: new Set([...SEPARATOR_COMMANDS, ...JOINING_SPACES, ...JOINING_TEXT_COMMANDS, ":"]),
  braces: false,
};

/** Tells whether a sentence may end inside the text: a full stop followed by white space. */
function mayContainFullStop(text: string): boolean {
  return FULL_STOP_BEFORE_WHITESPACE.test(text);
}

/** Made once, because a regular expression literal in a function makes an object per call. */
const FULL_STOP_BEFORE_WHITESPACE = /\.\s/;

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
  /**
   * Tells whether a text reads as a value, such as `[2, 3]` but not `x W_1`, alone or before a
   * remark, as in `669706 (biases included)`.
   */
  readsAsValue: (text: string) => boolean;
  /** Tells whether a text can be a label, such as `T` or `\delta_3`, but not `2 + 3`. */
  isLabel: (text: string) => boolean;
}

/**
 * Splits a statement that contains several results, such as `S_2 = 2, \qquad Y_2 = 3` or
 * `w_5 = 10; w_6 = 15 \text{ and } w_7 = 20`, into one span per result. A cut happens at a
 * joining mark (`,`, `;`, `\quad`, `\qquad`, `\text{and}`, the word `and`, a full stop before
 * white space) outside brackets when a separator comes before it and the text between it and the
 * next separator names a question. Without such a label, the statement stays whole, because
 * `S_2 = x W_1, \quad x = 1` is one result.
 *
 * A sentence also ends at a full stop after a value (`S_2 = [2, 3]. Then x = 4`), a result ends at
 * a word that starts a definition (`S_2 = [2, 3] where x = [1, 2]`) or a consequence (`so Y_2 =`),
 * and new math or another label after a value starts a statement, so that the last `=` of the
 * statement is not taken for the result's. A definition is left out, even when its label names a
 * question. After a formula, a definition is left out too unless it repeats the formula, as in
 * `S_2 = x W_1, where x W_1 = [2, 3]`, which gives the formula its value.
 */
export function splitResults(text: string, tokens: Token[], span: Span, tests: ResultTests): Span[] {
  const pieces: Span[] = [];
  let pieceStart: number | null = span.start;
  let valueStart = -1;
  let lastJoin: Span | null = null;
  let stops = null as Stops | null;
  let brackets = 0;
  // Whether the statement contains a `$` or `\(`, without which no range in it opens math. Most
  // statements are display math, and this spares endOfResult a search of each range.
  let mayOpenMath: boolean | null = null;
  // Whether full stops count: only in a statement in which mayContainFullStop finds one before
  // white space. Most statements have no full stop token at all, so it is tested at the first.
  let stopsCount: boolean | null = null;

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
        mayOpenMath ??= containsMathOpening(text.slice(span.start, span.end));
        const between = { start: valueStart, end: token.start };
        const end = endOfResult(text, between, stops, lastJoin, tests, mayOpenMath);
        if (end !== null) {
          if (pieceStart !== null) pieces.push({ start: pieceStart, end: end.resultEnd });
          pieceStart = end.nextStart;
        }
      }
      valueStart = token.end;
      lastJoin = null;
      stops = null;
      continue;
    }
    if (valueStart < 0) continue;
    const isStop =
      isFullStop(text, token) && (stopsCount ??= mayContainFullStop(text.slice(span.start, span.end)));
    if (isStop) stops = { first: stops?.first ?? token, last: token };
    const join = joinAt(text, token, span.end);
    if (join !== null) lastJoin = join;
  }
  if (pieceStart !== null) {
    const last = { start: pieceStart, end: span.end };
    // Most statements are one piece, and a list made whole is smaller than one grown by push.
    if (pieces.length === 0) return [last];
    pieces.push(last);
  }
  return pieces;
}

/** The first and the last full stop between two separators. */
interface Stops {
  first: Span;
  last: Span;
}

/**
 * Decides where the result whose value starts the range `between`, which ends at the next
 * separator, ends. Returns where the result ends and where the next piece starts (null when the
 * next piece is a definition to leave out), or null when the result goes on. `mayOpenMath` is
 * false when the statement contains no `$` or `\(`, so that no new math opens in `between`.
 */
function endOfResult(
  text: string,
  between: Span,
  stops: Stops | null,
  lastJoin: Span | null,
  tests: ResultTests,
  mayOpenMath: boolean,
): { resultEnd: number; nextStart: number | null } | null {
  if (lastJoin !== null && tests.namesQuestion(text.slice(lastJoin.end, between.end))) {
    return { resultEnd: lastJoin.start, nextStart: lastJoin.end };
  }
  const valueBefore = (end: number): boolean => tests.readsAsValue(text.slice(between.start, end));

  // The math that opens the next statement, as in `… gives $S_3 = …`, when its label names a question.
  const math = mayOpenMath ? mathOpeningBefore(text, between) : null;
  const questionMath = math !== null && tests.namesQuestion(text.slice(math.labelStart, between.end)) ? math.start : null;

  const word = definitionWordIn(text, between.start, between.end);
  if (word !== null) {
    // What is left out after the word ends at a result in math that prose after the word starts,
    // as in `with $W_2$ gives $S_3 = …$`, or else at a later sentence.
    const laterMath = questionMath !== null && text.slice(word.end, questionMath).trim() !== "" ? questionMath : null;
    const laterSentence = stops !== null && stops.last.start > word.end ? stops.last.end : null;
    const skipToLater = { resultEnd: word.start, nextStart: laterMath ?? laterSentence };

    if (valueBefore(word.start)) {
      if (!word.definition && tests.namesQuestion(text.slice(word.end, between.end))) {
        return { resultEnd: word.start, nextStart: word.end };
      }
      // A definition such as `where $W_2 = …$` is left out. After a word such as "so", a later
      // sentence is found by the full stops below.
      if (word.definition || laterMath !== null || stops === null) return skipToLater;
    } else if (word.definition && !sameExpression(text.slice(between.start, word.start), text.slice(word.end, between.end))) {
      // `$dW_1 = x^T \delta_2$ where $\delta_2 = [25, 25]$`: the result is a formula, and the value
      // after "where" is another quantity's, so it is left out. `$S_2 = x W_1$, where
      // $x W_1 = [2, 3]$` gives the formula its value, and reads on.
      return skipToLater;
    }
  }
  if (stops !== null && valueBefore(stops.first.start)) {
    // Sentences between the two results, without a separator of their own, are prose.
    const nextStart = questionMath !== null && questionMath > stops.last.start ? questionMath : stops.last.end;
    return { resultEnd: stops.first.start, nextStart };
  }

  // `= \begin{bmatrix}0 & 8 \\ 0 & 0\end{bmatrix}, \quad T = [0, 0]`: after a value, a joining mark
  // and the label of another quantity start a statement of their own.
  if (lastJoin !== null) {
    const label = text.slice(lastJoin.end, between.end);
    if (label.length <= MAX_LABEL_LENGTH && tests.isLabel(label) && valueBefore(lastJoin.start)) {
      return { resultEnd: lastJoin.start, nextStart: lastJoin.end };
    }
  }

  // `$dW_2 = [[10, 20], [15, 30]]$ and the target was $T = [0, 0]$`: new math that opens with a
  // label starts a statement of its own when a value comes before it.
  if (math === null) return null;
  const label = text.slice(math.labelStart, between.end);
  if (label.length > MAX_LABEL_LENGTH || !tests.isLabel(label) || !valueBefore(math.start)) return null;
  return { resultEnd: math.start, nextStart: math.start };
}

/** Tells whether text contains a `$` or `\(`, either of which mathOpeningBefore looks for. */
function containsMathOpening(text: string): boolean {
  return text.includes("$") || text.includes("\\(");
}

/** Tells whether two texts are one expression, apart from spaces, math delimiters and punctuation. */
function sameExpression(first: string, second: string): boolean {
  const plain = (text: string): string => text.replace(/[\s$,;:.{}]|\\[,;!]/g, "");
  return plain(first) !== "" && plain(first) === plain(second);
}

/**
 * Finds the last `$` or `\(` in `range` that text other than white space follows before the
 * range ends: the opening of the math that contains the next label. Returns its offset and where
 * the label starts, or null.
 */
function mathOpeningBefore(text: string, range: Span): { start: number; labelStart: number } | null {
  // A loop bounded by the range, not lastIndexOf, which would search the text before it too: a
  // statement's ranges do not overlap, so all its searches together stay linear. It compares
  // character codes, which costs less than one-character strings or two lastIndexOf calls on
  // slices, measured on the stretches between separators of generated write-ups.
  for (let i = range.end - 1; i > range.start; i--) {
    const code = text.charCodeAt(i);
    const isParenthesis = code === OPEN_PARENTHESIS && text.charCodeAt(i - 1) === BACKSLASH;
    if (code !== DOLLAR && !isParenthesis) continue;
    const start = isParenthesis ? i - 1 : i;
    if (start <= range.start) return null;
    return text.slice(i + 1, range.end).trim() === "" ? null : { start, labelStart: i + 1 };
  }
  return null;
}

/** Maximum length of a label after a value, in characters; longer text is prose. */
const MAX_LABEL_LENGTH = 80;

/**
 * True for a `.` token followed by white space, which ends a sentence, unlike `2.5`. The math may
 * close between the two, as in `$L = 0.0799.$ The`.
 */
function isFullStop(text: string, token: Token): boolean {
  if (token.kind !== "char" || token.name !== ".") return false;
  let after = token.end;
  if (text.startsWith("$$", after)) after += 2;
  else if (text[after] === "$") after += 1;
  else if (text.startsWith("\\)", after)) after += 2;
  return isWhitespaceAt(text, after) || after === text.length;
}

/**
 * Words that end a result: the start of a definition of what it was computed from, as in
 * `where x = [1, 2]`, or of what follows from it, as in `so Y_2 = [2, 3]`. Each is a word of its
 * own or the text of a command such as `\text{ where }`, so nextResultEndWord also checks the
 * character before it.
 */
const RESULT_END_WORD = /(?:where|with|for|given|using|when|since|if|which|so|thus|hence|therefore)(?=$|[\s$}~,])/gi;

/** The words of RESULT_END_WORD that start a definition, whose values are working, not answers. */
const DEFINITION_WORDS = new Set(["where", "with", "for", "given", "using", "when", "since", "if", "which"]);

/** A text command still open before a word, as in `\text{ where }` or `\text{, with the error }`. */
const TEXT_COMMAND_BEFORE = /\\(?:text|textrm|mbox|mathrm)\s*\{[^{}]*$/;

/**
 * Returns the span of the first word of RESULT_END_WORD in [start, end) outside square and round
 * brackets, and whether it starts a definition, or null when there is none. A word in the text of
 * a command, such as `\text{ where }` or `\textrm{(using }`, gives the span of the command.
 */
function definitionWordIn(text: string, start: number, end: number): (Span & { definition: boolean }) | null {
  const part = text.slice(start, end);
  // Bracket counts up to `counted`, kept from match to match so that many words stay linear.
  let counted = 0;
  let squareBrackets = 0;
  let roundBrackets = 0;
  RESULT_END_WORD.lastIndex = 0;
  for (let match = nextResultEndWord(part); match !== null; match = nextResultEndWord(part)) {
    const skipped = part.slice(counted, match.index);
    squareBrackets += bracketBalance(skipped);
    roundBrackets += occurrences(skipped, "(") - occurrences(skipped, ")");
    counted = match.index;

    // A word in the text of a command, as in `\textrm{(using }`, ends the result where the
    // command starts, and a bracket of that text does not count.
    const before = part.slice(0, match.index);
    const command = TEXT_COMMAND_BEFORE.exec(before);
    const commandText = command === null ? "" : command[0];
    const square = squareBrackets - bracketBalance(commandText);
    const round = roundBrackets - (occurrences(commandText, "(") - occurrences(commandText, ")"));
    if (square !== 0 || round !== 0) continue;

    const wordEnd = match.index + match[0].length;
    const definition = DEFINITION_WORDS.has(match[0].toLowerCase());
    if (command !== null) {
      const close = part.indexOf("}", wordEnd);
      const open = part.indexOf("{", wordEnd);
      if (close >= 0 && (open < 0 || open > close)) return { start: start + command.index, end: start + close + 1, definition };
    }
    return { start: start + match.index, end: start + wordEnd, definition };
  }
  return null;
}

/**
 * Returns the next match of RESULT_END_WORD in `part`, from its `lastIndex`, that starts `part` or
 * follows white space, `$`, `{`, `~` or `(`, or null. Testing the character before a match here,
 * instead of with a lookbehind in the expression, lets the engine skip to the words' first letters
 * rather than try the lookbehind at every offset, which was about five times slower on write-ups.
 */
function nextResultEndWord(part: string): RegExpExecArray | null {
  for (let match = RESULT_END_WORD.exec(part); match !== null; match = RESULT_END_WORD.exec(part)) {
    if (match.index === 0 || isWordOpening(part, match.index - 1)) return match;
    RESULT_END_WORD.lastIndex = match.index + 1;
  }
  return null;
}

/** Tells whether the character at `i` may come just before a word: white space, `$`, `{`, `~`, `(`. */
function isWordOpening(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  const isMark = code === DOLLAR || code === OPEN_BRACE || code === TILDE || code === OPEN_PARENTHESIS;
  return isMark || isWhitespaceAt(text, i);
}

/**
 * Makes a test for separators outside round and square brackets, for tokens passed in their
 * order, so that the `=` of a remark such as `(2 FLOPs per MAC; bias adds = 1034)` does not
 * split a result.
 */
export function outsideBrackets(isSeparator: (token: Token) => boolean): (token: Token) => boolean {
  let brackets = 0;
  return (token) => {
    if (token.kind === "char" && (token.name === "[" || token.name === "(")) brackets += 1;
    if (token.kind === "char" && (token.name === "]" || token.name === ")")) brackets = Math.max(0, brackets - 1);
    return brackets === 0 && isSeparator(token);
  };
}

/** Returns the span of a joining mark that starts at `token`, or null when it is none. */
/** An `=`, `:=` or separator command right after an `&`, as in `S_2 &= …` or `S_2 &:= …`. */
const ALIGNED_SEPARATOR = new RegExp(`^\\s*(?:[=\u2248]|:\\s*=|\\\\(?:${[...SEPARATOR_COMMANDS].join("|")}))`);

function joinAt(text: string, token: Token, end: number): Span | null {
  if (token.kind === "char") {
    // A comma between digits groups thousands, as in `669,706`.
    const isThousands = token.name === "," && DIGIT.test(text[token.start - 1] ?? "") && DIGIT.test(text[token.end] ?? "");
    if ((token.name === "," && !isThousands) || token.name === ";") return token;
    // `S_2 &= [2, -1] & Y_2 &= [2, 0]` in `align*`: the `&` before a label joins two results, and
    // the one before `=` only aligns it.
    if (token.name === "&") return ALIGNED_SEPARATOR.test(text.slice(token.end, token.end + 16)) ? null : token;
    // Comparing codes spares each `a` token a slice and a lower-cased copy. No character outside
    // ASCII lower-cases to `n` or `d`, so the test finds "and" in any case as toLowerCase() would.
    const isAnd =
      (token.name === "a" || token.name === "A") &&
      (text.charCodeAt(token.start + 1) | 0x20) === 110 &&
      (text.charCodeAt(token.start + 2) | 0x20) === 100;
    if (!isAnd) return null;
    const isWordStart = token.start === 0 || DOLLAR_OR_WHITESPACE.test(text[token.start - 1]);
    const after = text[token.start + 3] ?? " ";
    return isWordStart && DOLLAR_OR_WHITESPACE.test(after) ? { start: token.start, end: token.start + 3 } : null;
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
 * ` $[[10, 20], [15, 30]]$ (rounded)`. Returns the span of the math's content and the offset where
 * the remark starts, or null when the text does not open with math or nothing follows the math.
 */
export function mathBeforeRemark(text: string): { content: Span; remarkStart: number } | null {
  const start = text.length - text.trimStart().length;
  for (const [open, close] of MATH_DELIMITERS) {
    if (!text.startsWith(open, start)) continue;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return null;
    const remarkStart = end + close.length;
    if (text.slice(remarkStart).trim() === "") return null;
    return { content: { start: start + open.length, end }, remarkStart };
  }
  return null;
}

/**
 * Returns the end of the value that opens `text` when a remark follows it, as in
 * `669706 (biases included)`, `[2, -1]$ (see step 2)` or `[[10, 20], [15, 30]]. This matches`, or
 * -1. The remark starts at the first of these outside brackets: the `$` or `\)` that closes the
 * value's math, a ` (`, a full stop or a comma before white space. The value before it must read
 * as one, by `isValue`. A value inside a remark, such as the `[2, 3]$)` of
 * `$S_3 = [5, 10]$ (using $Y_2 = [2, 3]$)`, gives -1: the remark closes a bracket it never opened.
 */
export function valueBeforeRemark(text: string, isValue: (text: string) => boolean): number {
  const cut = remarkStart(text);
  if (cut <= 0) return -1;
  const remark = text.slice(cut);
  if (occurrences(remark, ")") > occurrences(remark, "(") || bracketBalance(remark) < 0) return -1;
  return isValue(text.slice(0, cut)) ? cut : -1;
}

function remarkStart(text: string): number {
  // With an odd number of `$`, the first one closes the math that the value is in.
  const dollarCloses = occurrences(text, "$") % 2 === 1;
  let depth = 0;
  // The loop compares character codes, and a name's first letter before the name, because it
  // runs over every value text that does not read as a whole.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (depth === 0 && (next === CLOSE_PARENTHESIS || next === CLOSE_BRACKET)) return i;
      // Inside an environment, such as a matrix with entries `10. & 20.`, nothing is a remark.
      if ((next === 98 && text.startsWith("begin", i + 1)) || (next === 108 && text.startsWith("left", i + 1))) {
        depth += 1;
      } else if ((next === 101 && text.startsWith("end", i + 1)) || (next === 114 && text.startsWith("right", i + 1))) {
        depth = Math.max(0, depth - 1);
      }
      i += 1;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
    } else if (code === OPEN_PARENTHESIS) {
      // The space before the remark may be LaTeX's control space, `\ (`.
      if (depth === 0 && i > 0 && isWhitespaceAt(text, i - 1)) return text.charCodeAt(i - 2) === BACKSLASH ? i - 2 : i - 1;
      depth += 1;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE || code === CLOSE_PARENTHESIS) {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && code === DOLLAR && dollarCloses) {
      return i;
    } else if (depth === 0 && (code === FULL_STOP || code === COMMA) && isWhitespaceAt(text, i + 1)) {
      return i;
    }
  }
  return -1;
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

/**
 * The runs of whitespace that collapsing changes, each matched whole: a space and more
 * whitespace, or a run that starts with other whitespace. A single space, which most runs are,
 * is no match and stays as it is.
 */
const UNCOLLAPSED_WHITESPACE = / \s+|[^\S ]\s*/g;
const WHITESPACE = /\s/;

/**
 * Replaces each run of whitespace with one space. Only the runs that change are matched, so one
 * pass of replace does the work of a test and a replace of every run, about a third faster on the
 * display math of generated write-ups.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(UNCOLLAPSED_WHITESPACE, " ");
}

/**
 * Tells whether the UTF-16 code unit at `i` is whitespace as `\s` in a regular expression
 * defines it, without a regular expression for ASCII. Past the end of the text it is not.
 */
export function isWhitespaceAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITESPACE.test(text[i]);
}

/**
 * Returns the characters before the first whitespace, as `^\S*` would match them, without the
 * match array a regular expression makes. Most lines of prose pass through here.
 */
export function firstWord(text: string): string {
  let end = 0;
  while (end < text.length && !isWhitespaceAt(text, end)) end += 1;
  return text.slice(0, end);
}

/**
 * Splits a clause into sentences after each `.`, `!` or `?` that white space follows, outside
 * brackets, braces and `$` math. A decimal point, as in `6.7`, has a digit after it and splits
 * nothing. Each sentence keeps its closing mark.
 */
export function sentences(text: string, span: Span): Span[] {
  const parts: Span[] = [];
  let start = span.start;
  let depth = 0;
  let inMath = false;
  for (let i = span.start; i < span.end; i++) {
    const c = text[i];
    if (c === "$") inMath = !inMath;
    else if (c === "[" || c === "(" || c === "{") depth += 1;
    else if ((c === "]" || c === ")" || c === "}") && depth > 0) depth -= 1;
    if (depth > 0 || inMath || (c !== "." && c !== "!" && c !== "?")) continue;
    if (i + 1 >= span.end || !isWhitespaceAt(text, i + 1)) continue;
    parts.push({ start, end: i + 1 });
    start = i + 1;
  }
  if (start < span.end) parts.push({ start, end: span.end });
  return parts;
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
  // The loops test character codes, because a regular expression literal per character made a
  // new object and ran the engine for each one.
  let end = span.end;
  while (end > span.start && isSentenceEnd(text, end - 1)) end -= 1;

  // Walk back over up to a few words of letters.
  let wordsStart = end;
  let count = 0;
  for (;;) {
    let i = wordsStart;
    while (i > span.start && isWhitespaceAt(text, i - 1)) i -= 1;
    let j = i;
    while (j > span.start && isWordCharacter(text.charCodeAt(j - 1))) j -= 1;
    const isWord =
      j < i &&
      ASCII_LETTER.test(text.slice(j, i)) &&
      (j === span.start || text.charCodeAt(j - 1) === DOLLAR || isWhitespaceAt(text, j - 1));
    if (!isWord || count === MAX_TRAILING_LABEL_WORDS) break;
    wordsStart = j;
    count += 1;
  }
  if (count === 0) return null;

  // The number is the whitespace-free chunk just before the words, such as `$669{,}706$`.
  let valueEnd = wordsStart;
  while (valueEnd > span.start && isWhitespaceAt(text, valueEnd - 1)) valueEnd -= 1;
  let valueStart = valueEnd;
  while (valueStart > span.start && !isWhitespaceAt(text, valueStart - 1)) valueStart -= 1;
  if (valueStart === valueEnd || !DIGIT.test(text.slice(valueStart, valueEnd))) return null;
  return { value: { start: valueStart, end: valueEnd }, words: text.slice(wordsStart, end) };
}

const ASCII_LETTER = /[A-Za-z]/;
const DIGIT = /\d/;
const DOLLAR_OR_WHITESPACE = /[\s$]/;

/** Tells whether the character at `i` may end a sentence: white space, `.`, `,`, `;`, `:`, `!`. */
function isSentenceEnd(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  const isPunctuation = code === FULL_STOP || code === COMMA || code === SEMICOLON || code === COLON || code === EXCLAMATION_MARK;
  return isPunctuation || isWhitespaceAt(text, i);
}

/** Tells whether a code is an ASCII letter, `#` or `-`, the characters of a trailing word. */
function isWordCharacter(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 35 || code === 45;
}
