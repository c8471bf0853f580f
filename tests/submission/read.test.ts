import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSubmission, SubmissionError } from "../../src/submission/read.js";
import type { ReadAnswer, ReadNumber, Submission } from "../../src/submission/types.js";
import { assignmentProblems } from "./_problems.js";

// A copy of the course's sample write-up, kept in the repository so that the tests run in any clone.
const SAMPLE = new URL("../fixtures/samples/student-writeup.md", import.meta.url);

function read(text: string, file: string): Submission {
  return readSubmission({ bytes: new TextEncoder().encode(text), file }, assignmentProblems());
}

/** Plain numbers of an answer's value, so expectations stay short. */
function plain(answer: ReadAnswer | undefined): number | number[][] | null | undefined {
  if (answer === undefined) return undefined;
  if (answer.value === null) return null;
  if (answer.value.kind === "number") return answer.value.number.value;
  return answer.value.rows.map((row) => row.map((n) => n.value));
}

/** The single number of an answer; fails the test when the answer is not a number. */
function readNumber(answer: ReadAnswer): ReadNumber {
  if (answer.value?.kind !== "number") throw new Error(`${answer.question} is not a number`);
  return answer.value.number;
}

function find(submission: Submission, problem: string, question: string): ReadAnswer[] {
  return submission.answers.filter((a) => a.problem === problem && a.question === question);
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof SubmissionError) return error.code;
    throw error;
  }
  return "no error";
}

describe("readSubmission on the sample write-up", () => {
  const submission = readSubmission(
    { bytes: readFileSync(SAMPLE), file: "student-writeup.md" },
    assignmentProblems(),
  );

  // Values and lines checked by hand against the sample file.
  it.each([
    ["p2-linear", "S2", [[2, 3]], 3],
    ["p2-linear", "Y2", [[2, 3]], 3],
    ["p2-linear", "S3", [[5, 10]], 5],
    ["p2-linear", "Y3", [[5, 10]], 5],
    ["p2-linear", "dW1", [[25, 25], [50, 50]], 47],
    ["p2-linear", "dW2", [[10, 20], [15, 30]], 61],
    ["p3-relu", "S2", [[2], [-1]], 65],
    ["p3-relu", "Y2", [[2, 0]], 67],
    ["p3-relu", "S3", [[-2, 4]], 69],
    ["p3-relu", "Y3", [[0, 4]], 71],
    ["p3-relu", "dW1", [[8, 0], [16, 0]], 90],
    ["p3-relu", "dW2", [[0, 8], [0, 0]], 100],
    ["p4-mlp-size", "params", 669706, 111],
    ["p4-mlp-size", "flops", 1338378, 113],
  ])("reads %s %s", (problem, question, value, line) => {
    const answers = find(submission, problem, question);
    expect(answers).toHaveLength(1);
    expect(plain(answers[0])).toEqual(value);
    expect(answers[0].line).toBe(line);
    expect(answers[0].error).toBeNull();
    expect(answers[0].assembled).toBe(false);
  });

  it("keeps counts exact", () => {
    const params = find(submission, "p4-mlp-size", "params")[0];
    expect(readNumber(params).integer).toBe(669706n);
  });

  it("keeps the label and source", () => {
    const dW1 = find(submission, "p2-linear", "dW1")[0];
    expect(dW1.label).toBe("w_1");
    expect(dW1.source).toContain("\\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}");
  });

  it("reads nothing else", () => {
    expect(submission.answers).toHaveLength(14);
    expect(submission.notes).toEqual([]);
    expect(submission.student).toBe("");
  });
});

describe("readSubmission assembling cells", () => {
  it("assembles the sample's cells without its matrices", () => {
    // Blank the two lines that give W_1 and W_2 whole, keeping every other line where it is.
    const text = readFileSync(SAMPLE, "utf8")
      .split("\n")
      .map((line) => (/^\$\$w_1 =|^\$\$W_[12] =/.test(line) ? "" : line))
      .join("\n");
    const submission = read(text, "cells.md");

    const p2dW1 = find(submission, "p2-linear", "dW1");
    expect(plain(p2dW1[0])).toEqual([[25, 25], [50, 50]]);
    expect(p2dW1[0].assembled).toBe(true);
    expect(p2dW1[0].line).toBe(27);
    expect(plain(find(submission, "p2-linear", "dW2")[0])).toEqual([[10, 20], [15, 30]]);
    expect(plain(find(submission, "p3-relu", "dW1")[0])).toEqual([[8, 0], [16, 0]]);
    expect(plain(find(submission, "p3-relu", "dW2")[0])).toEqual([[0, 8], [0, 0]]);
  });

  it("reads every way of naming a cell", () => {
    const text = [
      "## Problem 2",
      "$$w_{5,\\text{new}} = 2 \\times 5 = \\boxed{10}$$",
      "$$\\frac{\\partial L}{\\partial w_6} = 15$$",
      "$$w_7^{+} = 20$$",
      "\u2202L/\u2202w\u2088 = 30",
    ].join("\n");
    const answers = find(read(text, "a.md"), "p2-linear", "dW2");
    expect(answers).toHaveLength(1);
    expect(plain(answers[0])).toEqual([[10, 20], [15, 30]]);
    expect(answers[0].line).toBe(2);
  });

  it("names missing cells", () => {
    const text = "## Problem 2\n$$w_5 = 10$$\n$$w_8 = 30$$\n";
    const answer = find(read(text, "a.md"), "p2-linear", "dW2")[0];
    expect(answer.value).toBeNull();
    expect(answer.error?.code).toBe("submission.missingCells");
    expect(answer.error?.message).toContain("w7, w6");
  });

  it("prefers a direct answer to cells", () => {
    const text = "## Problem 2\n$$w_5 = 1$$\n$$W_2 = \\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}$$\n";
    const answers = find(read(text, "a.md"), "p2-linear", "dW2");
    expect(answers).toHaveLength(1);
    expect(answers[0].assembled).toBe(false);
    expect(answers[0].line).toBe(3);
  });
});

describe("readSubmission on write-ups", () => {
  it("returns two different answers to one question", () => {
    const text = "## Problem 2\nS_2 = [2, 3]\n\nLater:\n\nS_2 = [2, 4]\n\nS_2 = [2, 3]\n";
    const answers = find(read(text, "a.md"), "p2-linear", "S2");
    expect(answers.map(plain)).toEqual([[[2, 3]], [[2, 4]]]);
    expect(answers.map((a) => a.line)).toEqual([2, 6]);
  });

  it("reads a LaTeX write-up with sections", () => {
    const text = [
      "\\documentclass{article}",
      "\\newcommand{\\half}{0.5} % x = 3",
      "\\begin{document}",
      "\\section{Problem 2}",
      "\\[ S_2 = \\begin{bmatrix} 2 & 3 \\end{bmatrix} \\]",
      "\\begin{align*}",
      "  \\frac{\\partial L}{\\partial W_2} &= Y_2^T (Y_3 - T) \\\\",
      "  &= \\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}",
      "\\end{align*}",
      "\\section*{Problem 4}",
      "The network has $669{,}706$ parameters. % FLOPs = 1",
      "\\begin{equation} \\text{FLOPs} \\approx 1.34 \\times 10^{6} \\end{equation}",
      "\\end{document}",
    ].join("\n");
    const submission = read(text, "writeup.tex");
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
    const dW2 = find(submission, "p2-linear", "dW2")[0];
    expect(plain(dW2)).toEqual([[10, 20], [15, 30]]);
    expect(dW2.line).toBe(8);
    expect(plain(find(submission, "p4-mlp-size", "flops")[0])).toBe(1340000);
    expect(find(submission, "p4-mlp-size", "flops")).toHaveLength(1);
  });

  it("reads answers under question headings", () => {
    const text = [
      "# Problem 3",
      "## dW1",
      "$$\\begin{bmatrix} 8 & 0 \\\\ 16 & 0 \\end{bmatrix}$$",
      "- Y3: [0, 4]",
      "- **S_3**",
      "  first $[-1, 4]$, then corrected:",
      "  $$\\boxed{\\begin{bmatrix} -2 & 4 \\end{bmatrix}}$$",
    ].join("\n");
    const submission = read(text, "a.md");
    expect(plain(find(submission, "p3-relu", "dW1")[0])).toEqual([[8, 0], [16, 0]]);
    expect(find(submission, "p3-relu", "dW1")[0].line).toBe(3);
    expect(plain(find(submission, "p3-relu", "Y3")[0])).toEqual([[0, 4]]);
    expect(plain(find(submission, "p3-relu", "S3")[0])).toEqual([[-2, 4]]);
  });

  it("reports a ragged matrix by row", () => {
    const text = "## Problem 2\n$$W_1 = \\begin{bmatrix} 25 & 25 \\\\ 50 \\end{bmatrix}$$\n";
    const answer = find(read(text, "a.md"), "p2-linear", "dW1")[0];
    expect(answer.value).toBeNull();
    expect(answer.error?.code).toBe("submission.raggedMatrix");
    expect(answer.error?.message).toContain("row 2");
    expect(answer.line).toBe(2);
  });

  it("notes a numeric value with an unknown label", () => {
    const submission = read("## Problem 2\n$$Z_9 = 4$$\n$$T = x + y$$\n", "a.md");
    expect(submission.answers).toEqual([]);
    expect(submission.notes.map((n) => [n.code, n.line])).toEqual([["submission.unknownLabel", 2]]);
  });

  it("reads the student from front matter", () => {
    const submission = read("---\nstudent: ada\n---\n## Problem 2\nS_2 = [2, 3]\n", "a.md");
    expect(submission.student).toBe("ada");
    expect(find(submission, "p2-linear", "S2")[0].line).toBe(5);
  });

  it("reads a numpy printout over several lines", () => {
    const text = "Problem 2\ndW1 = [[25. 25.]\n [50. 50.]]\n";
    const answer = find(read(text, "out.txt"), "p2-linear", "dW1")[0];
    expect(plain(answer)).toEqual([[25, 25], [50, 50]]);
    expect(answer.line).toBe(2);
  });

  it("reads CRLF with a BOM", () => {
    const text = "\ufeff## Problem 2\r\n\r\n$$S_2 = \\begin{bmatrix} 2 & 3 \\end{bmatrix}$$\r\n";
    const answer = find(read(text, "a.md"), "p2-linear", "S2")[0];
    expect(plain(answer)).toEqual([[2, 3]]);
    expect(answer.line).toBe(3);
  });

  it("reads UTF-16 with a BOM", () => {
    const text = "## Problem 4\nparameters = 669706\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const submission = readSubmission({ bytes, file: "a.txt" }, assignmentProblems());
    expect(plain(find(submission, "p4-mlp-size", "params")[0])).toBe(669706);
  });

  it("reads past an unclosed $$", () => {
    const text = "## Problem 2\nCost in $$ and cents\n$$S_2 = [2, 3]$$\n";
    const answer = find(read(text, "a.md"), "p2-linear", "S2")[0];
    expect(plain(answer)).toEqual([[2, 3]]);
    expect(answer.line).toBe(3);
  });

  it("rejects an unknown extension", () => {
    expect(codeOf(() => read("x", "a.docx"))).toBe("submission.unsupportedType");
  });
});

describe("readSubmission on answers files", () => {
  it("reads YAML with lines", () => {
    const text = [
      "student: ada",
      "answers:",
      "  p2-linear:",
      "    dW1: [[25, 25], [50, 50]]",
      "    S_2:",
      "      - 2",
      "      - 3",
      "  3:",
      "    Y2: \"[2, 0]\"",
      "  p4-mlp-size:",
      "    parameters: 669706",
      "    flops: \"1.338378e6\"",
    ].join("\n");
    const submission = read(text, "ada.yaml");
    expect(submission.student).toBe("ada");
    expect(plain(find(submission, "p2-linear", "dW1")[0])).toEqual([[25, 25], [50, 50]]);
    expect(find(submission, "p2-linear", "dW1")[0].line).toBe(4);
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
    expect(find(submission, "p2-linear", "S2")[0].line).toBe(6);
    expect(plain(find(submission, "p3-relu", "Y2")[0])).toEqual([[2, 0]]);
    expect(find(submission, "p4-mlp-size", "params")[0].line).toBe(11);
    const flops = find(submission, "p4-mlp-size", "flops")[0];
    expect(readNumber(flops).integer).toBe(1338378n);
  });

  it("reads JSON with lines", () => {
    const text = [
      "{",
      '  "student": "bo",',
      '  "answers": {',
      '    "p3-relu": {',
      '      "dW2": [[0, 8],',
      '              [0, 0]],',
      '      "S3": [-2, 4.000]',
      "    }",
      "  }",
      "}",
    ].join("\n");
    const submission = read(text, "bo.json");
    expect(submission.student).toBe("bo");
    expect(find(submission, "p3-relu", "dW2")[0].line).toBe(5);
    const s3 = find(submission, "p3-relu", "S3")[0];
    expect(plain(s3)).toEqual([[-2, 4]]);
    expect(s3.value?.kind).toBe("matrix");
    if (s3.value?.kind === "matrix") expect(s3.value.rows[0][1].significantDigits).toBe(4);
  });

  it("keeps bad values as errors", () => {
    const text = "answers:\n  2:\n    dW1: [[1, 2], [3]]\n    S2: 0.08.2\n    Y2: \"?\"\n";
    const submission = read(text, "a.yaml");
    expect(find(submission, "p2-linear", "dW1")[0].error?.code).toBe("submission.raggedMatrix");
    expect(find(submission, "p2-linear", "S2")[0].error?.code).toBe("submission.invalidNumber");
    expect(find(submission, "p2-linear", "Y2")[0].error?.code).toBe("submission.notANumber");
  });

  it("notes unknown problems and questions", () => {
    const submission = read("answers:\n  9:\n    a: 1\n  2:\n    zz: 1\n", "a.yaml");
    expect(submission.notes.map((n) => [n.code, n.line])).toEqual([
      ["submission.unknownProblem", 2],
      ["submission.unknownLabel", 5],
    ]);
  });

  it("rejects broken YAML with its line", () => {
    let error: unknown = null;
    try {
      read("student: a\nanswers:\n  2: {dW1: [1, 2\n", "a.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SubmissionError);
    expect((error as SubmissionError).code).toBe("submission.invalidYaml");
    expect((error as SubmissionError).message).toContain("a.yaml:");
  });

  it("rejects a file without answers", () => {
    expect(codeOf(() => read("student: a\n", "a.yaml"))).toBe("submission.invalidAnswersFile");
  });
});

describe("readSubmission on notebooks", () => {
  it("reads Markdown cells and text outputs", () => {
    const notebook = {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["## Problem 2\n", "\n", "$$S_2 = [2, 3]$$"] },
        {
          cell_type: "code",
          metadata: {},
          source: ["print('dW1 =', dW1)"],
          outputs: [{ output_type: "stream", name: "stdout", text: ["dW1 = [[25. 25.]\n", " [50. 50.]]\n"] }],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = JSON.stringify(notebook, null, 1);
    const fileLines = text.split("\n");
    const submission = read(text, "hw.ipynb");

    const s2 = find(submission, "p2-linear", "S2")[0];
    expect(plain(s2)).toEqual([[2, 3]]);
    expect(fileLines[s2.line - 1]).toContain("$$S_2 = [2, 3]$$");
    expect(s2.source).toMatch(/^cell 1, line 3: /);

    const dW1 = find(submission, "p2-linear", "dW1")[0];
    expect(plain(dW1)).toEqual([[25, 25], [50, 50]]);
    expect(fileLines[dW1.line - 1]).toContain("dW1 = [[25. 25.]");
    // The value comes from the code cell's printed output, not its source.
    expect(dW1.source).toMatch(/^cell 2, output line 1: /);
  });

  it("places a note by its cell", () => {
    const cells = [{ cell_type: "markdown", metadata: {}, source: ["## Problem 2\n", "\n", "$$Q_7 = [1, 2]$$"] }];
    const text = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const submission = read(text, "hw.ipynb");

    expect(submission.notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
    expect(submission.notes[0]!.message).toMatch(/^cell 1, line 3: the label "Q_7"/);
  });

  it("reads cells with Windows line ends", () => {
    const source = ["## Problem 2\r\n", "\r\n", "$$S_2 = [2, 3]$$\r\n", "\r\n", "$$dW_2 = [[10, 20], [15, 30]]$$"];
    const text = JSON.stringify({ cells: [{ cell_type: "markdown", metadata: {}, source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const submission = read(text, "hw.ipynb");

    const s2 = find(submission, "p2-linear", "S2")[0];
    const dW2 = find(submission, "p2-linear", "dW2")[0];
    expect(plain(s2)).toEqual([[2, 3]]);
    expect(s2.source).toMatch(/^cell 1, line 3: /);
    expect(plain(dW2)).toEqual([[10, 20], [15, 30]]);
    expect(submission.notes).toEqual([]);
  });
});

describe("readSubmission on results sharing a line", () => {
  it.each([
    [", \\qquad"],
    ["\\quad"],
    [";"],
    ["\\text{and}"],
    [","],
    [" and "],
  ])("reads two results joined by %s", (joiner) => {
    const text = `## Problem 2\n$$S_2 = [2, 3]${joiner} Y_2 = [4, 5]$$\n`;
    const submission = read(text, "a.md");
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
    expect(plain(find(submission, "p2-linear", "Y2")[0])).toEqual([[4, 5]]);
  });

  it("keeps a derivation with a comma whole", () => {
    const text = "## Problem 2\n$$S_2 = x W_1, \\quad \\text{so } S_2 = [2, 3]$$\n";
    const answers = find(read(text, "a.md"), "p2-linear", "S2");
    expect(answers.map(plain)).toEqual([[[2, 3]]]);
  });

  it("reads `$= 669706$.` after a label in text", () => {
    const submission = read("\\section*{Problem 4}\nNumber of parameters $= 669706$.\n", "a.tex");
    const params = find(submission, "p4-mlp-size", "params")[0];
    expect(params.error).toBeNull();
    expect(readNumber(params).integer).toBe(669706n);
  });
});

describe("readSubmission on hostile input", () => {
  /** Nine levels of nine aliases each, 9^9 strings once expanded. */
  const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    .concat([..."bcdefghi"].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`))
    .join("\n");

  function errorOf(action: () => unknown): SubmissionError {
    try {
      action();
    } catch (error) {
      if (error instanceof SubmissionError) return error;
      throw error;
    }
    throw new Error("no SubmissionError was thrown");
  }

  it("reads front matter with an alias bomb", () => {
    const submission = read(`---\n${aliasBomb}\nstudent: *i\n---\n## Problem 2\nS_2 = [2, 3]\n`, "a.md");
    expect(submission.student).toBe("");
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
  });

  it("follows a front-matter alias to a name", () => {
    expect(read("---\nid: &id ada\nstudent: *id\n---\n", "a.md").student).toBe("ada");
    expect(read("---\nstudent: ~\nname: bo\n---\n", "a.md").student).toBe("bo");
  });

  it("reads front matter nested too deep as text", () => {
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const submission = read(`---\nx: ${deep}\nstudent: ada\n---\n## Problem 2\nS_2 = [2, 3]\n`, "a.md");
    expect(submission.student).toBe("");
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
  });

  it("names a YAML alias in an answers file", () => {
    const submission = read("answers:\n  2:\n    S2: &s [2, 3]\n    dW1: *s\n", "a.yaml");
    const dW1 = find(submission, "p2-linear", "dW1")[0];
    expect(dW1.error?.code).toBe("submission.yamlAlias");
    expect(dW1.error?.message).toContain("*s is a YAML alias");
  });

  it.each([
    ["a mapping", "{a: 1}", "submission.notANumber", "mapping"],
    ["a list in a row", "[[[1, 2]], [[3, 4]]]", "submission.raggedMatrix", "list inside a row"],
    ["nothing", "", "submission.emptyAnswer", "empty"],
  ])("names %s as an answer", (_case, value, code, words) => {
    const dW1 = find(read(`answers:\n  2:\n    dW1: ${value}\n`, "a.yaml"), "p2-linear", "dW1")[0];
    expect(dW1.error?.code).toBe(code);
    expect(dW1.error?.message).toContain(words);
  });

  it.each([
    ["an answers file", (nest: string) => `answers: {2: {dW1: [[1, 2], [3, 4]]}}\nextra: ${nest}\n`, "a.yaml"],
    ["a notebook", (nest: string) => `{"cells": [], "extra": ${nest}}`, "a.ipynb"],
  ])("rejects %s nested too deep", (_case, build, file) => {
    // The root mapping is level 1, so 63 lists under one of its keys reach level 64.
    const levels = (count: number): string => "[".repeat(count) + "1" + "]".repeat(count);
    expect(codeOf(() => read(build(levels(63)), file))).toBe("no error");
    expect(codeOf(() => read(build(levels(64)), file))).toBe("submission.nestingTooDeep");

    const error = errorOf(() => read(build(levels(100_000)), file));
    expect(error.code).toBe("submission.nestingTooDeep");
    expect(error.message).toContain("nesting is deeper than 64 levels");
    expect(error.message).not.toContain("call stack");
  });

  it.each([
    ["no value", "| params |", "submission.emptyAnswer", 'row "params" has no value'],
    ["an empty cell", "| params | |", "submission.emptyAnswer", 'row "params" has no value'],
    ["words", "| params | see above |", "submission.notANumber", '"see above"'],
  ])("reports a table row with %s", (_case, row, code, words) => {
    const params = find(read(`## Problem 4\n${row}\n`, "a.md"), "p4-mlp-size", "params")[0];
    expect(params.value).toBeNull();
    expect(params.error?.code).toBe(code);
    expect(params.error?.message).toContain(words);
  });

  it("reads a table whose header names the questions", () => {
    const text = "## Problem 4\n\n| Number of parameters | Number of FLOPs |\n|---|---|\n| 669706 | **1338378** |\n";
    const submission = read(text, "a.md");
    const params = find(submission, "p4-mlp-size", "params");
    const flops = find(submission, "p4-mlp-size", "flops");

    expect(params.map(plain)).toEqual([669706]);
    expect(params[0]!.line).toBe(5);
    expect(flops.map(plain)).toEqual([1338378]);
  });

  it.each([
    // A table of working: one row per layer, or a column that names no question.
    ["| layer | params | FLOPs |\n|---|---|---|\n| 1 | 401920 | 803328 |\n| 2 | 262656 | 524800 |"],
    ["| params | FLOPs | layers |\n|---|---|---|\n| 669706 | 1338378 | 3 |"],
  ])("reads no count from %s", (table) => {
    const submission = read(`## Problem 4\n\n${table}\n`, "a.md");

    expect(find(submission, "p4-mlp-size", "params")).toEqual([]);
    expect(find(submission, "p4-mlp-size", "flops")).toEqual([]);
  });

  it("reports an empty cell under a question's header", () => {
    const params = find(read("## Problem 4\n\n| params | flops |\n|---|---|\n| | 1338378 |\n", "a.md"), "p4-mlp-size", "params")[0];

    expect(params.error?.code).toBe("submission.emptyAnswer");
    expect(params.error?.message).toContain('column "params" has no value');
  });

  it.each([
    ["1e999", "submission.notFinite"],
    ["10^{999}", "submission.notFinite"],
    ["-1e999", "submission.notFinite"],
  ])("reports %s in a write-up as not finite", (value, code) => {
    const params = find(read(`## Problem 4\nparameters = ${value}\n`, "a.md"), "p4-mlp-size", "params")[0];
    expect(params.value).toBeNull();
    expect(params.error?.code).toBe(code);
  });

  it("reads aligned rows without an end", () => {
    const text = "## Problem 2\n$$\\begin{aligned} S_2 &= [2, 3] \\\\ Y_2 &= [2, 0] $$\n";
    const submission = read(text, "a.md");
    expect(plain(find(submission, "p2-linear", "S2")[0])).toEqual([[2, 3]]);
    expect(plain(find(submission, "p2-linear", "Y2")[0])).toEqual([[2, 0]]);
  });

  it.each([
    ["S_2 &= [2, -1] & Y_2 &= [2, 0]"],
    ["S_2 &= \\begin{bmatrix} 2 & -1 \\end{bmatrix}, & Y_2 &= \\text{ReLU}(S_2) = \\begin{bmatrix} 2 & 0 \\end{bmatrix}"],
    ["S_2 &\\approx [2, -1] && Y_2 &\\approx [2, 0]"],
    ["S_2 &:= [2, -1] & Y_2 &:= [2, 0]"],
  ])("reads two results in one aligned row: %s", (row) => {
    // Problem 3's S_2 = [2, -1] and Y_2 = ReLU(S_2) = [2, 0]; each must keep its own value.
    const text = `## Problem 3\n\\begin{align*}\n${row} \\\\\nS_3 &= [-2, 4] & Y_3 &= [0, 4]\n\\end{align*}\n`;
    const submission = read(text, "a.tex");

    expect(plain(find(submission, "p3-relu", "S2")[0])).toEqual([[2, -1]]);
    expect(plain(find(submission, "p3-relu", "Y2")[0])).toEqual([[2, 0]]);
    expect(plain(find(submission, "p3-relu", "S3")[0])).toEqual([[-2, 4]]);
    expect(plain(find(submission, "p3-relu", "Y3")[0])).toEqual([[0, 4]]);
  });

  it("keeps an aligned row with one result whole", () => {
    const text = "## Problem 2\n\\begin{align*}\ndW_2 &= Y_2^T \\delta_3 & \\text{(chain rule)} \\\\\n&= \\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}\n\\end{align*}\n";
    const dW2 = find(read(text, "a.tex"), "p2-linear", "dW2");

    expect(dW2.map(plain)).toEqual([[[10, 20], [15, 30]]]);
  });

  it("reads many unclosed aligned displays in linear time", () => {
    // Each display used to search back through the whole text for "\end{aligned}".
    const text = "$$\\begin{aligned}".repeat(60_000);
    const started = performance.now();
    read(text, "a.md");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("keeps many repeated unreadable answers in linear time", () => {
    const text = "## Problem 4\n" + "| params | see above |\n\n".repeat(100_000);
    const started = performance.now();
    const answers = find(read(text, "a.md"), "p4-mlp-size", "params");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answers).toHaveLength(100_000);
  });

  it.each([
    ["N parameters, ", (count: number) => `${count} parameters, `],
    ["The number of parameters is N. ", (count: number) => `The number of parameters is ${count}. `],
  ])("reads a long line of '%s' in linear time", (_pattern, answer) => {
    // 20,000 different results on one line of about 320 to 740 KB.
    const answerList = Array.from({ length: 20_000 }, (_, index) => answer(600_000 + index));
    const text = "## Problem 4\n" + answerList.join("") + "\n";
    const started = performance.now();
    const answers = find(read(text, "a.md"), "p4-mlp-size", "params");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(answers).toHaveLength(20_000);
  });

  it("keeps one of equal answers", () => {
    const text = "## Problem 2\nS_2 = [-0, 3]\n\nS_2 = [0, 3]\n\nS_2 = [[0], [3]]\n";
    expect(find(read(text, "a.md"), "p2-linear", "S2").map(plain)).toEqual([[[0, 3]], [[0], [3]]]);
  });
});

describe("readSubmission on repetitive files", () => {
  it("keeps the first 100 notes and counts the rest", () => {
    // Without a problem heading, each "S2" line is ambiguous: one note a line, 300 in all.
    const submission = read("S2 = [2, 3]\n".repeat(300), "repeat.md");
    expect(submission.notes.length).toBe(101);
    const last = submission.notes.at(-1)!;
    expect(last.code).toBe("submission.tooManyNotes");
    expect(last.message).toContain("200 more notes were left out");
    expect(last.line).toBe(101);
  });

  it("keeps the messages of the notes it shows", () => {
    // The reader leaves the messages of notes past the 101st empty, since only their count shows.
    const submission = read("S2 = [2, 3]\n".repeat(300), "repeat.md");
    const empty = submission.notes.filter((note) => note.message === "");
    expect(empty).toEqual([]);
  });
});

describe("answers file with a bracket left open", () => {
  it("names the line of the bracket", () => {
    // The yaml package reports the next key, on line 5; the `[` that is never closed is on line 4.
    const text = "student: zed\nanswers:\n  p2-linear:\n    S2: [2, 3\n    Y2: [2, 3]\n";
    expect(() => readSubmission({ bytes: new TextEncoder().encode(text), file: "zed.yaml" }, assignmentProblems())).toThrow(
      "zed.yaml:4: the answers file is not valid YAML or JSON: the [ on line 4 is never closed. Close it with ].",
    );
  });

  it("drops the yaml package's place from other errors", () => {
    const text = "student: zed\nanswers:\n  p2-linear:\n    S2: [2, 3]\n    S2: [2, 4]\n";
    expect(() => readSubmission({ bytes: new TextEncoder().encode(text), file: "zed.yaml" }, assignmentProblems())).toThrow(
      "zed.yaml:5: the answers file is not valid YAML or JSON (Map keys must be unique). Fix",
    );
  });
});

describe("answers file syntax advice", () => {
  function messageOf(text: string, file: string): string {
    try {
      read(text, file);
    } catch (error) {
      if (error instanceof SubmissionError) return error.message;
      throw error;
    }
    return "no error";
  }

  // The second question is indented one space less than the first.
  const misindented = "student: a\nanswers:\n  p2-linear:\n    dW1: [[25, 25], [50, 50]]\n   dW2: 3\n";

  it.each(["a.yaml", "a.yml", "A.YAML"])("gives YAML advice for %s", (file) => {
    const message = messageOf(misindented, file);
    expect(message).toContain(`${file}:5: the answers file is not valid YAML or JSON`);
    expect(message).toContain("In YAML, indent with spaces, never tabs");
    expect(message).not.toContain("In JSON");
  });

  it("gives JSON advice for a .json file", () => {
    // No comma between the two questions.
    const text = '{"student": "a", "answers": {"p2-linear": {"dW1": [[25, 25], [50, 50]] "dW2": 1}}}\n';
    const message = messageOf(text, "a.json");
    expect(message).toContain("a.json:1: the answers file is not valid YAML or JSON");
    expect(message).toContain("In JSON, keys need double quotes and items need commas.");
    expect(message).not.toContain("In YAML");
  });

  it("keeps the line of a bracket left open in a .json file", () => {
    const text = '{"student": "a",\n "answers": {"p2-linear": {"dW1": [[25, 25], [50, 50]\n}}}\n';
    const message = messageOf(text, "a.json");
    expect(message).toMatch(/^a\.json:2: /);
  });
});
