import type { Alias, Document } from "yaml";
import { isAlias, isMap, isScalar, parseDocument } from "../_yaml.js";
import { COUNT_KINDS, type Problem, type QuestionKind } from "../problem/types.js";
import { readAnswersFile } from "./answers.js";
import { assembleAnswers } from "./assemble.js";
import { decodeSubmissionText } from "./decode.js";
import { SubmissionError } from "./errors.js";
import { MAX_NOTES } from "./_recorder.js";
import { extractResults } from "./extract.js";
import { describePlace, notebookText } from "./notebook.js";
import { withoutLinePrefix } from "./notes.js";
import type { NumberOptions } from "./numbers.js";
import type { ReadNote, Submission } from "./types.js";

export { SubmissionError } from "./errors.js";
export { parseNumber, isFormatError } from "./numbers.js";

/** Options for reading submissions. */
export type ReadOptions = NumberOptions;

const ANSWERS_EXTENSIONS = ["yaml", "yml", "json"];
const WRITE_UP_EXTENSIONS = ["md", "markdown", "tex", "txt", "ipynb"];

/**
 * Reads one submission file into answers, choosing the format by its extension: an answers file
 * (`.yaml`, `.yml`, `.json`) or a write-up (`.md`, `.tex`, `.txt`, `.ipynb`). Values that cannot
 * be read become `ReadAnswer.error`s. Throws SubmissionError only when the whole file cannot be
 * read (binary, not UTF-8 or UTF-16, broken YAML or JSON, unknown extension).
 *
 * `student` is the answers file's `student`, or a write-up front matter's `student` or `name`,
 * else "" (the caller then uses the folder name or the file stem).
 */
export function readSubmission(
  input: { bytes: Uint8Array; file: string },
  problems: Problem[],
  options: ReadOptions = {},
): Submission {
  const submission = readAnyFormat(input, problems, options);
  submission.notes = limitNotes(submission.notes);
  return submission;
}

/**
 * Makes the note for a submission file in which no answer was found, with an example of how to
 * label one in the file's format. Without it, a write-up of plain prose looks like one whose
 * answers are all wrong, because both score 0.
 */
export function noAnswersNote(file: string, problems: Problem[]): ReadNote {
  const problem = problems[0];
  const question = problem?.questions[0];
  const problemId = problem?.id ?? "p2-linear";
  const problemNumber = problem?.number ?? 2;
  const questionId = question?.id ?? "dW1";
  const value = exampleValue(question?.kind);

  const message = ANSWERS_EXTENSIONS.includes(extensionOf(file))
    ? `No answer in this file names a problem and a question of this assignment. ` +
      `Write each answer under its problem id and question id, such as answers: {${problemId}: {${questionId}: ${value}}}.`
    : `No labelled answer was found in this file. ` +
      `Start each problem with its number, such as "## Problem ${problemNumber}", and write each result after its label, ` +
      `such as "${questionId} = ${value}".`;
  return { line: 1, code: "submission.noAnswers", message };
}

/** Returns a made-up value of the form a question of this kind expects, for examples in messages. */
function exampleValue(kind: QuestionKind | undefined): string {
  if (kind === undefined) return "[[1.5, 2], [0, -3]]";
  if (COUNT_KINDS.includes(kind)) return "1200";
  if (kind === "loss") return "0.25";
  if (VECTOR_KINDS.includes(kind)) return "[1.5, -3]";
  return "[[1.5, 2], [0, -3]]";
}

/** Question kinds whose value is one vector: a value or a gradient per unit of a layer. */
const VECTOR_KINDS: readonly QuestionKind[] = ["pre_activation", "activation", "delta", "bias_gradient", "updated_bias"];

export { MAX_NOTES } from "./_recorder.js";

/** Keeps the first MAX_NOTES notes and, when there were more, adds a note with the count left out. */
function limitNotes(notes: ReadNote[]): ReadNote[] {
  if (notes.length <= MAX_NOTES) return notes;
  const kept = notes.slice(0, MAX_NOTES);
  const omitted = notes.length - MAX_NOTES;
  kept.push({
    line: notes[MAX_NOTES]!.line,
    code: "submission.tooManyNotes",
    message: `${omitted} more ${omitted === 1 ? "note was" : "notes were"} left out, from this line on. Fix the lines above and check again to see them.`,
  });
  return kept;
}

/** Returns a file name's extension in lower case, without the dot, or "" when it has none. */
function extensionOf(file: string): string {
  return /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? "";
}

function readAnyFormat(input: { bytes: Uint8Array; file: string }, problems: Problem[], options: ReadOptions): Submission {
  const { file } = input;
  const extension = extensionOf(file);
  if (!ANSWERS_EXTENSIONS.includes(extension) && !WRITE_UP_EXTENSIONS.includes(extension)) {
    throw new SubmissionError(
      "submission.unsupportedType",
      file,
      null,
      `${file}: nngrade cannot read ".${extension}" files. Hand in a write-up ` +
        `(${WRITE_UP_EXTENSIONS.map((e) => "." + e).join(", ")}) or an answers file ` +
        `(${ANSWERS_EXTENSIONS.map((e) => "." + e).join(", ")}).`,
    );
  }

  const text = decodeSubmissionText(input.bytes, file);
  if (ANSWERS_EXTENSIONS.includes(extension)) return readAnswersFile(text, file, problems, options);

  if (extension === "ipynb") {
    const notebook = notebookText(text, file);
    const extraction = extractResults(notebook.text, problems, options);
    const { answers, notes } = assembleAnswers(extraction.findings, problems);
    for (const answer of answers) {
      const place = notebook.place(answer.line);
      answer.source = `${describePlace(place)}: ${answer.source}`;
      answer.line = place.fileLine;
    }
    // A note's line is the line of the JSON, which a student does not see, so its message starts
    // with the cell and the line in it.
    for (const note of [...extraction.notes, ...notes]) {
      const place = notebook.place(note.line);
      note.message = `${describePlace(place)}: ${withoutLinePrefix(note.message)}`;
      note.line = place.fileLine;
    }
    return { student: "", file, answers, notes: [...extraction.notes, ...notes] };
  }

  let body = text;
  let student = "";
  if (extension === "md" || extension === "markdown") {
    const frontMatter = readFrontMatter(text);
    body = frontMatter.body;
    student = frontMatter.student;
  } else if (extension === "tex") {
    body = blankLatexNoise(text);
  }

  const extraction = extractResults(body, problems, options);
  const { answers, notes } = assembleAnswers(extraction.findings, problems);
  return { student, file, answers, notes: [...extraction.notes, ...notes] };
}

/** Replaces every character except line ends with a space, keeping offsets and line numbers. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/**
 * Reads YAML front matter (`---` … `---` at the very start) for the student's id and blanks it
 * out of the body. Front matter that is not valid YAML is left as text.
 */
function readFrontMatter(text: string): { body: string; student: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (match === null) return { body: text, student: "" };

  const document = parseDocument(match[1]);
  if (document.errors.length > 0) return { body: text, student: "" };
  return { body: blank(match[0]) + text.slice(match[0].length), student: frontMatterStudent(document) };
}

/**
 * Returns the front matter's `student`, else its `name`, else "". Only these two keys are
 * looked up, and an alias is resolved one step, never expanded. Converting the whole document
 * with toJS() would expand an alias bomb to millions of nodes, so yaml 2.9 throws "Excessive
 * alias count" instead.
 */
function frontMatterStudent(document: Document): string {
  const root = document.contents;
  if (!isMap(root)) return "";
  for (const key of ["student", "name"]) {
    let node: unknown = root.get(key, true);
    if (isAlias(node)) node = resolveAlias(node, document);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) continue;
    if (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number")) {
      return String(node.value).trim();
    }
    return "";
  }
  return "";
}

/** Returns the node an alias points at, or undefined when finding it overflows the stack. */
function resolveAlias(alias: Alias, document: Document): unknown {
  try {
    return alias.resolve(document);
  } catch (error) {
    // The yaml package finds the anchor with a recursive walk, which deep nesting can overflow.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Blanks LaTeX comments and the preamble, which hold no answers but may hold `=` and numbers. */
function blankLatexNoise(text: string): string {
  let result = text.replace(/(^|[^\\])%[^\n]*/g, (comment, before: string) => before + blank(comment.slice(before.length)));
  const documentStart = result.indexOf("\\begin{document}");
  if (documentStart >= 0) {
    const end = documentStart + "\\begin{document}".length;
    result = blank(result.slice(0, end)) + result.slice(end);
  }
  return result;
}
