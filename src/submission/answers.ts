import type { Problem } from "../problem/types.js";
import { MAX_NESTING, parseWithLimit } from "./_nesting.js";
import { readPlainJson, readPlainYaml } from "./_plainReader.js";
import { collapseWhitespace } from "./_statements.js";
import { sourceTreeFromDocument, valueAt, type SourceList, type SourceNode } from "./_sourceTree.js";
import { assembleAnswers } from "./assemble.js";
import { SubmissionError } from "./errors.js";
import type { Finding } from "./extract.js";
import { readValue } from "./latex.js";
import { matchLabel } from "./labelMatch.js";
import { isFormatError, NOT_A_NUMBER, parseNumber, type NumberOptions } from "./numbers.js";
import type { FormatError, ReadNote, ReadNumber, ReadValue, Submission } from "./types.js";

/** Longest source text kept with an answer, in characters. */
const MAX_SOURCE = 300;

/**
 * Reads an answers file (YAML, or JSON, which YAML also parses):
 * `student: id` and `answers: {<problem>: {<question>: value}}`. A problem is named by its id,
 * number or an alias; a question by its id, an alias or a cell name. Values are numbers, nested
 * lists, or strings such as "3/4", "2.5e-3" or LaTeX. Each answer keeps the line of its value.
 * Throws SubmissionError when the file is not valid YAML or has no `answers` mapping.
 */
export function readAnswersFile(
  text: string,
  file: string,
  problems: Problem[],
  options: NumberOptions,
  parser: AnswersParser = "auto",
): Submission {
  const fast = parser === "auto" ? readPlainAnswers(text) : null;
  const { root, lineOf } = fast ?? parseWithYamlPackage(text, file);

  const answersNode = root?.kind === "map" ? valueAt(root, "answers") : undefined;
  if (answersNode?.kind !== "map") {
    throw new SubmissionError(
      "submission.invalidAnswersFile",
      file,
      1,
      `${file}: an answers file needs an "answers" mapping from problems to questions, ` +
        `such as answers: {p2-linear: {dW1: [[25, 25], [50, 50]]}}.`,
    );
  }

  const lineOfNode = (node: SourceNode | null | undefined): number => lineOf(node?.start ?? 0);
  const studentNode = root?.kind === "map" ? valueAt(root, "student") : undefined;
  const student =
    studentNode?.kind === "scalar" && studentNode.value !== null ? String(studentNode.value).trim() : "";

  const findings: Finding[] = [];
  const notes: ReadNote[] = [];
  for (const pair of answersNode.pairs) {
    const problemKey = keyText(pair.key);
    const problem = findProblem(problemKey, problems);
    if (problem === null) {
      notes.push({
        line: lineOfNode(pair.key),
        code: "submission.unknownProblem",
        message:
          `line ${lineOfNode(pair.key)}: "${problemKey}" is not a problem of this assignment. ` +
          `Use a problem id or number: ${problems.map((p) => `${p.id} (${p.number})`).join(", ")}.`,
      });
      continue;
    }
    if (pair.value?.kind !== "map") {
      notes.push({
        line: lineOfNode(pair.key),
        code: "submission.invalidAnswersFile",
        message:
          `line ${lineOfNode(pair.key)}: the answers to ${problem.id} must map question names ` +
          `to values, such as {dW1: [[25, 25], [50, 50]]}.`,
      });
      continue;
    }

    for (const answer of pair.value.pairs) {
      const label = keyText(answer.key);
      const { value, error } = readNode(answer.value, text, options);
      const kind = value?.kind ?? (answer.value?.kind === "list" ? "matrix" : "number");
      const target =
        matchLabel(problem, label, kind) ??
        (() => {
          const question = problem.questions.find((q) => q.id === label);
          return question === undefined ? null : { question, cell: null };
        })();
      const line = lineOfNode(answer.value ?? answer.key);

      if (target === null) {
        notes.push({
          line,
          code: "submission.unknownLabel",
          message:
            `line ${line}: "${label}" is not a question of ${problem.id}. Use a question id: ` +
            `${problem.questions.map((q) => q.id).join(", ")}.`,
        });
        continue;
      }
      const start = answer.key?.start ?? 0;
      const end = answer.value?.end ?? answer.key?.end ?? start;
      findings.push({
        problem,
        target,
        value,
        error,
        line,
        label,
        source: collapseWhitespace(text.slice(start, end)).trim().slice(0, MAX_SOURCE),
      });
    }
  }

  const assembly = assembleAnswers(findings, problems);
  return { student, file, answers: assembly.answers, notes: [...notes, ...assembly.notes] };
}

function keyText(node: SourceNode | null): string {
  if (node?.kind === "scalar" && node.value !== null) return String(node.value).trim();
  return "";
}

/** Finds a problem by id, number ("2", "Problem 2", "Q2") or alias, ignoring case. */
function findProblem(key: string, problems: Problem[]): Problem | null {
  const lower = key.toLowerCase();
  const byName = problems.find(
    (p) => p.id.toLowerCase() === lower || p.aliases.some((a) => a.toLowerCase() === lower),
  );
  if (byName !== undefined) return byName;
  const number = /^(?:problem|exercise|question|q|p)?\s*(\d+)$/i.exec(key);
  if (number === null) return null;
  return problems.find((p) => p.number === Number(number[1])) ?? null;
}

type NodeReading = { value: ReadValue | null; error: FormatError | null };

/** Reads a scalar, a list (a vector) or a list of lists (a matrix). */
function readNode(node: SourceNode | null, text: string, options: NumberOptions): NodeReading {
  if (node?.kind === "list") {
    const { items } = node;
    const nested = items.filter((item) => item?.kind === "list").length;
    if (nested > 0 && nested < items.length) {
      return failure("submission.raggedMatrix", "mixes numbers and lists; write a list of rows such as [[1, 2], [3, 4]]");
    }
    const rowNodes = nested > 0 ? items.map((item) => (item as SourceList).items) : [items];
    const rows: ReadNumber[][] = [];
    for (const [r, rowNode] of rowNodes.entries()) {
      const row: ReadNumber[] = [];
      for (const [c, item] of rowNode.entries()) {
        const number = readScalarNumber(item, text, options);
        if (isFormatError(number)) {
          return { value: null, error: { code: number.code, message: `row ${r + 1}, entry ${c + 1}: ${number.message}` } };
        }
        row.push(number);
      }
      rows.push(row);
    }
    const ragged = rows.findIndex((row) => row.length !== rows[0].length);
    if (ragged >= 0) {
      return failure(
        "submission.raggedMatrix",
        `has ${rows[ragged].length} entries in row ${ragged + 1} but ${rows[0].length} in row 1; ` +
          `give every row the same number of entries`,
      );
    }
    return { value: { kind: "matrix", rows }, error: null };
  }

  if (node?.kind === "scalar" && typeof node.value === "string") {
    const reading = readValue(node.value, options);
    if (reading.kind === "value") return { value: reading.value, error: null };
    if (reading.kind === "error") return { value: null, error: reading.error };
  }
  const number = readScalarNumber(node, text, options);
  return isFormatError(number) ? { value: null, error: number } : { value: { kind: "number", number }, error: null };
}

/**
 * Reads a scalar from its text as typed, so "1.0000" keeps 5 significant digits and a count
 * beyond 2^53 stays exact; YAML's own conversion to a float would lose both.
 */
function readScalarNumber(node: SourceNode | null, text: string, options: NumberOptions): ReadNumber | FormatError {
  if (node?.kind === "alias") {
    return {
      code: "submission.yamlAlias",
      message: `*${node.source} is a YAML alias, which nngrade does not follow. Write the value itself.`,
    };
  }
  if (node?.kind === "map") {
    return {
      code: NOT_A_NUMBER,
      message: "the value is a mapping (key: value pairs), not a number. Write a number or a list of rows.",
    };
  }
  if (node?.kind === "list") {
    return {
      code: "submission.raggedMatrix",
      message: "the value is a list inside a row. Write a matrix as a list of rows, such as [[1, 2], [3, 4]].",
    };
  }
  if (node?.kind !== "scalar" || node.value === null || node.value === "") {
    return { code: "submission.emptyAnswer", message: "the value is empty. Write a number or a list of rows." };
  }
  if (typeof node.value === "boolean") {
    return { code: NOT_A_NUMBER, message: `${String(node.value)} is not a number.` };
  }
  if (typeof node.value === "string") return parseNumberOnce(node.value, options);
  return parseNumberOnce(text.slice(node.start, node.end), options);
}

// A class's answers files repeat the same few number texts ("2", "25", "669706"), and reading
// one costs far more than a lookup, so readings are kept by text. A cache is cleared when full,
// which keeps memory flat for any class size.
const CACHE_ENTRIES = 4096;
const numberReadings = new Map<string, ReadNumber | FormatError>();
const numberReadingsWithDecimalComma = new Map<string, ReadNumber | FormatError>();

/** Calls parseNumber, reusing an earlier reading of the same text; returns a fresh copy. */
function parseNumberOnce(text: string, options: NumberOptions): ReadNumber | FormatError {
  const cache = options.decimalComma ? numberReadingsWithDecimalComma : numberReadings;
  let reading = cache.get(text);
  if (reading === undefined) {
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    reading = parseNumber(text, options);
    cache.set(text, reading);
  }
  return { ...reading };
}

function failure(code: string, problem: string): NodeReading {
  return { value: null, error: { code, message: `the list ${problem}.` } };
}

/**
 * The parser readAnswersFile uses. "auto" tries the fast readers of the common subset of YAML
 * and JSON first, and the yaml package when they give up. "yamlPackage" always uses the yaml
 * package, so that tests can check that both give the same Submission.
 */
export type AnswersParser = "auto" | "yamlPackage";

/** A parsed answers file: its root node, and the 1-based line of an offset into the text. */
interface ParsedAnswers {
  root: SourceNode | null;
  lineOf: (offset: number) => number;
}

/** Reads JSON (text starting with `{`) or YAML with the fast readers; null outside their subset. */
function readPlainAnswers(text: string): ParsedAnswers | null {
  const root = /^\s*\{/.test(text) ? readPlainJson(text) : readPlainYaml(text);
  return root === null ? null : { root, lineOf: lineIndex(text) };
}

/** Returns a function giving the 1-based line of an offset, from the offsets of line feeds. */
function lineIndex(text: string): (offset: number) => number {
  const lineFeeds: number[] = [];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lineFeeds.push(at);
  return (offset) => {
    // Counts the line feeds before `offset` by binary search.
    let low = 0;
    let high = lineFeeds.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lineFeeds[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}

/**
 * The yaml package's message for a `[` or `{` left open, which it reports where the next key
 * starts, on a later line. The group is the missing bracket.
 */
const UNCLOSED_FLOW = /^Flow (?:sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/;

/**
 * Returns the offset of the last `[` (or `{`) before `end` that no bracket of its kind closes
 * before `end`, or -1. Brackets inside quotes on a line are skipped.
 */
function openingBracketBefore(text: string, end: number, open: "[" | "{"): number {
  const close = open === "[" ? "]" : "}";
  const openings: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote || c === "\n") quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      // A comment runs to the end of its line.
      const lineEnd = text.indexOf("\n", i);
      i = lineEnd < 0 ? text.length : lineEnd;
    } else if (c === open) {
      openings.push(i);
    } else if (c === close) {
      openings.pop();
    }
  }
  return openings.at(-1) ?? -1;
}

/**
 * Parses with the yaml package. Throws SubmissionError when the text nests too deeply or is not
 * valid YAML.
 */
function parseWithYamlPackage(text: string, file: string): ParsedAnswers {
  const { document, lineCounter } = parseWithLimit(
    text,
    file,
    `the answers file's nesting is deeper than ${MAX_NESTING} levels. ` +
      `Answers need only 5 levels, as in answers: {p2-linear: {dW1: [[1, 2], [3, 4]]}}. Flatten the file.`,
  );
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const unclosed = UNCLOSED_FLOW.exec(error.message);
    const opening = unclosed === null ? -1 : openingBracketBefore(text, error.pos[0], unclosed[1] === "]" ? "[" : "{");
    if (unclosed !== null && opening >= 0) {
      const line = lineCounter.linePos(opening).line;
      throw new SubmissionError(
        "submission.invalidYaml",
        file,
        line,
        `${file}:${line}: the answers file is not valid YAML or JSON: the ${text[opening]} on line ${line} is never closed. Close it with ${unclosed[1]}.`,
      );
    }
    const line = error.linePos?.[0].line ?? 1;
    // The yaml package ends its first line with the place of the error, which the message names anyway.
    const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new SubmissionError(
      "submission.invalidYaml",
      file,
      line,
      `${file}:${line}: the answers file is not valid YAML or JSON (${reason}). ${syntaxAdvice(file)}`,
    );
  }
  return { root: sourceTreeFromDocument(document), lineOf: (offset) => lineCounter.linePos(offset).line };
}

/** Returns how to fix a syntax error, in the terms of the format that the file's extension names. */
function syntaxAdvice(file: string): string {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? "";
  const yaml =
    "In YAML, indent with spaces, never tabs, so that each question lines up under its problem. " +
    "Put a space after each colon, and match each [ with one ] and each { with one }.";
  const json = "In JSON, keys need double quotes and items need commas.";
  if (extension === "yaml" || extension === "yml") return `Fix the syntax at that line. ${yaml}`;
  if (extension === "json") return `Fix the syntax at that line. ${json}`;
  return `Fix the syntax at that line. ${yaml} ${json}`;
}
