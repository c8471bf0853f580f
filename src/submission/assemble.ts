import type { Problem, Question } from "../problem/types.js";
import type { Finding } from "./extract.js";
import type { ReadAnswer, ReadNote, ReadNumber, ReadValue } from "./types.js";

/** Answers and notes made from a submission's findings. */
export interface Assembly {
  answers: ReadAnswer[];
  notes: ReadNote[];
}

/**
 * Turns findings into answers, question by question in problem order. Every distinct direct
 * answer to a question is kept, so the grader can report disagreement. A question without a
 * direct answer gets a matrix assembled from its cells (`w_5 = 10`), or a FormatError naming
 * the cells that are missing.
 */
export function assembleAnswers(findings: Finding[], problems: Problem[]): Assembly {
  const answers: ReadAnswer[] = [];
  const notes: ReadNote[] = [];

  // Grouping once, in file order, keeps the work linear in the findings and the questions.
  const byQuestion = new Map<Question, Finding[]>();
  for (const finding of findings) {
    const group = byQuestion.get(finding.target.question);
    if (group === undefined) byQuestion.set(finding.target.question, [finding]);
    else group.push(finding);
  }

  for (const problem of problems) {
    for (const question of problem.questions) {
      const group = byQuestion.get(question);
      if (group === undefined) continue;
      // One pass sorts this problem's findings into direct answers and single cells.
      const direct: Finding[] = [];
      const cells: Finding[] = [];
      for (const finding of group) {
        if (finding.problem !== problem) continue;
        if (finding.target.cell === null) direct.push(finding);
        else cells.push(finding);
      }
      if (direct.length > 0) {
        for (const finding of distinct(direct)) answers.push(toAnswer(finding, false));
        if (cells.length > 0) noteOverriddenCells(problem, question, cells, direct[direct.length - 1]!, notes);
        continue;
      }
      if (cells.length > 0) answers.push(assembleCells(problem, question, cells, notes));
    }
  }
  return { answers, notes };
}

function toAnswer(finding: Finding, assembled: boolean): ReadAnswer {
  return {
    problem: finding.problem.id,
    question: finding.target.question.id,
    value: finding.value,
    error: finding.error,
    line: finding.line,
    label: finding.label,
    source: finding.source,
    assembled,
  };
}

/**
 * Drops repeats of the same value, keeping the first; different values and every unreadable
 * answer all stay. Values are compared by a key, so many answers to one question stay linear.
 */
function distinct(findings: Finding[]): Finding[] {
  // Most questions have one answer, which has nothing to be a repeat of.
  if (findings.length < 2) return findings;
  const unique: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const key = finding.value === null ? null : valueKey(finding.value);
    if (key !== null && seen.has(key)) continue;
    if (key !== null) seen.add(key);
    unique.push(finding);
  }
  return unique;
}

/**
 * Returns a key equal for two values exactly when their kinds, shapes and entries are equal
 * (`-0` equals `0`), or null for a value with a NaN entry, which equals nothing.
 */
function valueKey(value: ReadValue): string | null {
  const rows = value.kind === "number" ? [[value.number]] : value.rows;
  // One loop builds the entries, rows joined by ";" and entries by ",", without a list per row.
  let entries = "";
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (r > 0) entries += ";";
    for (let c = 0; c < row.length; c++) {
      const entry = row[c].value;
      if (Number.isNaN(entry)) return null;
      // String(-0) is "0", matching -0 === 0.
      entries += c > 0 ? "," + String(entry) : String(entry);
    }
  }
  return `${value.kind} ${rows.length}: ${entries}`;
}

/**
 * Adds a note on single cells (`w_1 = 25`) that a whole matrix given later for the same question overrides
 * with other values. Such a matrix is often another problem's, read here because that problem did
 * not start the way the write-up's other problems do.
 */
function noteOverriddenCells(problem: Problem, question: Question, cells: Finding[], direct: Finding, notes: ReadNote[]): void {
  if (direct.value === null) return;
  // Only the matrix is compared, so the answer's label, source and notes are not built.
  const assembled = cellMatrix(problem, question, cells, null);
  if (assembled.missing.length > 0 || assembled.unreadable.length > 0) return;
  const matrix: ReadValue = { kind: "matrix", rows: assembled.rows as ReadNumber[][] };
  const directKey = valueKey(direct.value);
  if (directKey !== null && directKey === valueKey(matrix)) return;

  const lines = [...new Set(cells.map((finding) => finding.line))].sort((a, b) => a - b);
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(", ")}`;
  notes.push({
    line: direct.line,
    code: "submission.cellsOverridden",
    message:
      `The entries of ${question.id} (problem ${problem.number}) given one by one on ${where} differ from ` +
      `the whole matrix on line ${direct.line}, which counts. If line ${direct.line} belongs to another ` +
      `problem, start that problem the way the others start, such as with a heading "## Problem N".`,
  });
}

/**
 * Builds a question's matrix from single-cell findings, in the layout of its `cells`. When a
 * cell was given several values, the last one in the file counts, and a note records the conflict.
 */
function assembleCells(
  problem: Problem,
  question: Question,
  findings: Finding[],
  notes: ReadNote[],
): ReadAnswer {
  const names = question.cells ?? [];
  const { rows, missing, unreadable } = cellMatrix(problem, question, findings, notes);

  const first = findings.reduce((a, b) => (b.line < a.line ? b : a));
  const labels = [...new Set(findings.map((f) => f.label))];
  const answer: ReadAnswer = {
    problem: problem.id,
    question: question.id,
    value: null,
    error: null,
    line: first.line,
    label: labels.join(", "),
    source: [...new Set(findings.map((f) => f.source))].join("; ").slice(0, 300),
    assembled: true,
  };

  if (missing.length > 0 || unreadable.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing ${missing.join(", ")}`);
    if (unreadable.length > 0) parts.push(`unreadable ${unreadable.join(", ")}`);
    answer.error = {
      code: "submission.missingCells",
      message:
        `${question.id} was given entry by entry, but some entries are ${parts.join("; ")}. ` +
        `Give every entry (${names.flat().join(", ")}) or write the whole matrix.`,
    };
    return answer;
  }

  answer.value = { kind: "matrix", rows: rows as ReadNumber[][] };
  return answer;
}

/**
 * Fills a question's cells from single-cell findings, the last readable value of each counting,
 * and lists the names of the cells left missing or unreadable. With `notes`, it adds a note for
 * each cell given different values. Without, it skips that work.
 */
function cellMatrix(
  problem: Problem,
  question: Question,
  findings: Finding[],
  notes: ReadNote[] | null,
): { rows: (ReadNumber | null)[][]; missing: string[]; unreadable: string[] } {
  const names = question.cells ?? [];
  const rows: (ReadNumber | null)[][] = names.map((row) => row.map(() => null));
  const missing: string[] = [];
  const unreadable: string[] = [];

  for (const [r, row] of names.entries()) {
    for (const [c, name] of row.entries()) {
      const cellFindings = findings.filter((f) => f.target.cell![0] === r && f.target.cell![1] === c);
      const readable = cellFindings.filter((f) => f.value?.kind === "number");
      if (readable.length === 0) {
        (cellFindings.length > 0 ? unreadable : missing).push(name);
        continue;
      }

      const last = readable[readable.length - 1];
      rows[r][c] = last.value!.kind === "number" ? last.value!.number : null;
      if (notes === null) continue;
      const values = new Set(readable.map((f) => (f.value!.kind === "number" ? f.value!.number.value : NaN)));
      if (values.size > 1) {
        notes.push({
          line: last.line,
          code: "submission.repeatedCell",
          message:
            `${name} of ${question.id} (problem ${problem.number}) is given different values on ` +
            `lines ${readable.map((f) => f.line).join(", ")}; line ${last.line} counts. ` +
            `Keep one final value per entry.`,
        });
      }
    }
  }
  return { rows, missing, unreadable };
}
