import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cli } from "../_cli.js";

import { EncodedMarkup, PageEncoder, joinPageParts } from "../../src/report/page.js";
import { renderStudentPage, renderStudentPageParts } from "../../src/report/studentPage.js";
import { hostileStudent, linearProblem, makeContext, missingStudent, partialStudent } from "./_fixtures.js";

const context = makeContext();

describe("renderStudentPage", () => {
  const page = renderStudentPage(partialStudent, context);

  it("is a self-contained document", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });

  it("shows the score and links back", () => {
    expect(page).toContain('<a class="back" href="../index.html">');
    expect(page).toContain('<div class="score">7 <small>/ 10</small></div>');
    expect(page).toContain("<strong>70%</strong>");
  });

  it("renders the statement math as MathML", () => {
    expect(page).toContain("<math");
    expect(page).toContain("<h2>Problem 2. Two-layer linear network</h2>");
  });

  it("marks the wrong cells only", () => {
    const marked = [...page.matchAll(/<td class="cell-wrong"[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, " ").trim());
    // 51 against 50: the error shown under it is submitted − expected = +1.
    expect(marked).toEqual(["51 +1"]);
    expect(page.match(/<td>/g)).toHaveLength(3 + 4);
    expect(page).toContain("Marked cells are outside the tolerance");
  });

  it("shows the error of a wrong number", () => {
    // The loss 0.00125 against 62.5: 0.00125 − 62.5 = −62.49875, shown to three digits.
    expect(page).toContain('<span class="value-number cell-wrong">0.00125</span><span class="delta-inline" title="submitted − expected">−62.5</span>');
  });

  it("shows verdict badges in words", () => {
    expect(page).toContain("Partially correct</span>");
    expect(page).toContain("Incorrect</span>");
    expect(page).toContain("Correct</span>");
  });

  it("shows feedback, misconception, warnings and source", () => {
    expect(page).toContain("Three of four entries are within tolerance.");
    // A code without a title in MISTAKE_TITLES is spelled out in words.
    expect(page).toContain("<strong>Likely mistake:</strong> forgot half");
    expect(page).toContain("Only two significant digits were given.");
    expect(page).toContain("within 1% of the expected value");
    expect(page).toContain("Read from line 34");
  });

  it("places a notebook answer by cell", () => {
    const question = { ...partialStudent.questions[0]!, line: 1, source: "cell 2, line 3: S_2 = [2, 3]" };
    const notebookPage = renderStudentPage({ ...partialStudent, questions: [question] }, context);

    expect(notebookPage).toContain("Read from cell 2, line 3");
    expect(notebookPage).not.toContain("Read from line 1");
  });

  it("escapes the source text and notes", () => {
    expect(page).not.toContain("</textarea>");
    expect(page).not.toContain("<b>[[");
    expect(page).toContain("w_1 = &lt;/textarea&gt;&lt;b&gt;[[25, 25], [50, 51]]");
    expect(page).toContain("The label &lt;i&gt;z&lt;/i&gt; matched no question.");
  });

  it("shows notes without their codes", () => {
    // The code is for tools reading results.json; a student reads the message.
    expect(page).toContain("<li><span class=\"key\">Line ");
    expect(page).not.toContain("(submission.");
  });

  it("labels whole-file notes without a line", () => {
    const notes = [
      { line: 1, code: "submission.skippedFile", message: "scan.pdf was not read." },
      { line: 1, code: "label.unknown", message: "Z_9 matched no question." },
    ];
    const withNotes = renderStudentPage({ ...partialStudent, notes }, context);

    expect(withNotes).toContain('<li><span class="key">Whole file</span>scan.pdf was not read.</li>');
    expect(withNotes).toContain('<li><span class="key">Line 1</span>Z_9 matched no question.</li>');
  });

  it("writes small numbers without exponents", () => {
    expect(page).toContain(">0.00125<");
    expect(page).toContain(">62.5<");
  });

  it("renders the same bytes twice", () => {
    expect(renderStudentPage(partialStudent, makeContext())).toBe(page);
  });
});

describe("renderStudentPage for unreadable files", () => {
  const page = renderStudentPage(hostileStudent, context);

  it("escapes the student id and error", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("This file could not be read.");
    expect(page).toContain("unclosed \\begin{bmatrix} &lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows no score unless graded", () => {
    expect(page).toContain('<div class="score">– <small>/ ');
    expect(page).toContain("Not graded");
    expect(page).not.toContain("0% </strong>");
    expect(page).not.toContain("of the points");
  });

  it("shows a missing submission", () => {
    const missing = renderStudentPage(missingStudent, context);
    expect(missing).toContain("No submission was found for this student.");
    expect(missing).toContain("Zoë, &quot;Z&quot; Müller");
  });
});

describe("renderStudentPage score card", () => {
  it("counts blank checkpoints apart", () => {
    const checkpoint = { ...partialStudent.questions[0], question: "S2", verdict: "missing" as const, points: 0, max_points: 0, submitted: null };
    const blank = { ...partialStudent.questions[0], question: "dW1", verdict: "missing" as const, points: 0, submitted: null };
    const page = renderStudentPage({ ...partialStudent, questions: [checkpoint, checkpoint, blank] }, context);

    expect(page).toContain("0 of 1 graded answer correct · 0 partial · 0 incorrect · 1 missing · checkpoints: 0 of 2 right, 2 not answered");
  });

  it("counts only answers worth points", () => {
    // Two right checkpoints, one blank, and the fixture's three graded answers: dW1 partial,
    // loss incorrect, params correct.
    const checkpoint = { ...partialStudent.questions[2], problem: "p2-linear", question: "S2", points: 0, max_points: 0 };
    const blank = { ...checkpoint, question: "Y2", verdict: "missing" as const, submitted: null };
    const student = { ...partialStudent, questions: [checkpoint, { ...checkpoint, question: "S3" }, blank, ...partialStudent.questions] };
    const page = renderStudentPage(student, context);

    expect(page).toContain("1 of 3 graded answers correct · 1 partial · 1 incorrect · 0 missing · checkpoints: 2 of 3 right, 1 not answered</span>");
  });

  it("leaves extra credit out of the counts", () => {
    // params (4 of 4 points) is extra credit, which leaves dW1 partial and loss incorrect.
    const page = renderStudentPage(partialStudent, { ...context, bonus: new Set(["p4-mlp-size"]) });

    expect(page).toContain("0 of 2 graded answers correct · 1 partial · 1 incorrect · 0 missing · 4 extra-credit points</span>");
  });
});

describe("score card and check", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "nngrade-score-card-"));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("count chen-wei's answers alike", async () => {
    const graded = await cli("grade", "submissions", "--rubric", "rubrics/backprop-hw.yaml", "--out", folder);
    const checked = await cli("check", "submissions/chen-wei/hw3-writeup.md", "--rubric", "rubrics/backprop-hw.yaml");
    const page = readFileSync(join(folder, "students", "chen-wei.html"), "utf8");

    expect(graded.code).toBe(0);
    // By hand: of the six answers worth points, only problem 3's dW1 is wrong, because it leaves
    // out ReLU′(S2) = [1, 0] and gives [[8, 8], [16, 16]] for [[8, 0], [16, 0]]. Six of the eight
    // checkpoints are answered, all right. Y2 and Y3 of problem 2 are blank.
    expect(checked.stdout).toContain("5 of 6 graded answers are correct");
    expect(page).toContain("5 of 6 graded answers correct · 1 partial · 0 incorrect · 0 missing · checkpoints: 6 of 8 right, 2 not answered</span>");
  });
});

describe("renderStudentPage details", () => {
  it("names known mistakes by title", () => {
    const student = { ...partialStudent, questions: [{ ...partialStudent.questions[0], misconception: "transposed" }] };
    expect(renderStudentPage(student, context)).toContain("<strong>Likely mistake:</strong> transposed matrix");
  });

  it("shows checkpoint instead of 0 / 0", () => {
    const checkpoint = { ...partialStudent.questions[2], problem: "p2-linear", question: "dW1", points: 0, max_points: 0 };
    const page = renderStudentPage({ ...partialStudent, questions: [checkpoint] }, context);

    expect(page).toContain('<span class="question-points muted">checkpoint</span>');
    expect(page).toContain('<span class="problem-points">checkpoint</span>');
    expect(page).not.toContain("0 / 0");
  });

  it("draws the network with its forward pass", () => {
    // x = [1, 2] through W1 = [[2, 1], [0, 1]] gives S = Y = [2, 3]; then W2 = [[1, 2], [1, 2]] gives [5, 10].
    const forwardValues = new Map([["p2-linear", { preActivations: [[2, 3], [5, 10]], activations: [[2, 3], [5, 10]] }]]);
    const page = renderStudentPage(partialStudent, { ...context, forwardValues });

    expect(page).toContain('<svg class="network-chart"');
    const values = [...page.matchAll(/<text class="unit-value"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(values).toEqual(["1", "2", "2", "3", "5", "10"]);
  });

  it("folds an unattempted bonus problem", () => {
    const missing = partialStudent.questions.slice(0, 2).map((result) => ({ ...result, verdict: "missing" as const, points: 0, submitted: null }));
    const student = { ...partialStudent, questions: [...missing, partialStudent.questions[2]] };
    const page = renderStudentPage(student, { ...context, bonus: new Set(["p2-linear"]) });

    expect(page).toContain('<details class="card problem folded">');
    expect(page).toContain('<span class="badge badge-bonus">Extra credit</span> <span class="muted">not attempted</span>');
    // The two unattempted extra-credit answers are not counted as missing.
    expect(page).toContain("1 of 1 graded answer correct · 0 partial · 0 incorrect · 0 missing</span>");
  });

  it("counts extra-credit points", () => {
    const page = renderStudentPage(partialStudent, { ...context, bonus: new Set(["p4-mlp-size"]) });

    expect(page).toContain("4 extra-credit points");
    expect(page).toContain('<span class="problem-points"><span class="badge badge-bonus">Extra credit</span> 4 / 4 points</span>');
  });
});

describe("renderStudentPage caches", () => {
  const correct = partialStudent.questions[2];

  it("renders an equal answer like the expected value", () => {
    const page = renderStudentPage({ ...partialStudent, questions: [correct] }, context);
    const values = [...page.matchAll(/<div class="answer-value">(.*?)<\/div><\/div>/g)].map((match) => match[1]);

    expect(values).toEqual(['<span class="value-number">669706</span>', '<span class="value-number">669706</span>']);
  });

  it("renders a changed expected value afresh", () => {
    // The same question of the same problem, first expecting 669706 and then 669716.
    const changed = { ...correct, expected: 669716, submitted: 669716 };
    renderStudentPage({ ...partialStudent, questions: [correct] }, context);
    const page = renderStudentPage({ ...partialStudent, questions: [changed] }, context);

    expect(page).toContain('<span class="value-number">669716</span>');
    expect(page).not.toContain("669706");
  });

  it("renders a reshaped expected value afresh", () => {
    // The entries 1 and 2 as a column, then as a row: two table rows, then one.
    const column = { ...correct, expected: [[1], [2]], submitted: [[1], [2]] };
    const row = { ...correct, expected: [1, 2], submitted: [1, 2] };
    const first = renderStudentPage({ ...partialStudent, questions: [column] }, context);
    const second = renderStudentPage({ ...partialStudent, questions: [row] }, context);

    expect(first.match(/<tr>/g)).toHaveLength(4);
    expect(second.match(/<tr>/g)).toHaveLength(2);
  });

  it("encodes blank questions once", () => {
    const blank = { ...correct, verdict: "missing" as const, points: 0, submitted: null, feedback: "Not answered." };
    const student = { ...partialStudent, questions: [blank] };
    const first = renderStudentPageParts(student, context);
    const second = renderStudentPageParts(student, context);
    const encodedBlank = first.filter((part) => part instanceof EncodedMarkup && part.markup.includes("no answer"));

    expect(encodedBlank).toHaveLength(1);
    expect(second).toContain(encodedBlank[0]);
  });

  it("encodes the top of an equal answer once", () => {
    const student = { ...partialStudent, questions: [correct] };
    const first = renderStudentPageParts(student, context);
    const second = renderStudentPageParts({ ...student, questions: [{ ...correct }] }, context);
    const encodedTop = first.filter((part) => part instanceof EncodedMarkup && part.markup.startsWith('<article class="question">'));

    expect(encodedTop).toHaveLength(1);
    expect(encodedTop[0].markup).toContain("4 / 4 pts");
    expect(second).toContain(encodedTop[0]);
  });

  it("renders the top afresh for other points", () => {
    // The same value and verdict as before, but with 2 of 4 points.
    renderStudentPage({ ...partialStudent, questions: [correct] }, context);
    const page = renderStudentPage({ ...partialStudent, questions: [{ ...correct, points: 2 }] }, context);

    expect(page).toContain('<span class="question-points">2 / 4 pts</span>');
  });

  it("joins parts into the page", () => {
    const blank = { ...correct, verdict: "missing" as const, points: 0, submitted: null, feedback: "Not answered." };
    const student = { ...partialStudent, questions: [...partialStudent.questions, blank] };
    const parts = renderStudentPageParts(student, context);
    const page = renderStudentPage(student, context);
    const bytes = new PageEncoder().encode(parts);

    expect(joinPageParts(parts)).toBe(page);
    expect(bytes.equals(Buffer.from(page, "utf8"))).toBe(true);
  });
});

describe("renderStudentPage column layout", () => {
  const columnProblem = {
    ...linearProblem,
    network: { ...linearProblem.network!, layout: "column" as const },
    questions: [{ ...linearProblem.questions[0], id: "S2", kind: "pre_activation" as const }],
  };
  const columnContext = { ...context, problems: [columnProblem] };
  // A column answer [1; 0.25] against S2 = [1, 1.25], wrong in entry 2 by 0.25 − 1.25 = −1.
  const answer = {
    problem: "p2-linear",
    question: "S2",
    verdict: "partial" as const,
    points: 0,
    max_points: 0,
    submitted: [[1], [0.25]],
    expected: [1, 1.25],
    feedback: "1 of 2 entries are right; entry 2 is not within 1% of the expected value.",
    line: 3,
    wrong_cells: [[0, 1]] as [number, number][],
  };

  /** Returns the markup of the Submitted and Expected values, in that order. */
  function answerValues(page: string): string[] {
    return [...page.matchAll(/<div class="answer-value">(.*?)<\/div><\/div>/g)].map((match) => match[1]);
  }

  it("draws the expected vector as a column", () => {
    const [, expected] = answerValues(renderStudentPage({ ...partialStudent, questions: [answer] }, columnContext));
    expect(expected).toContain("<tr><td>1</td></tr><tr><td>1.25</td></tr>");
  });

  it("marks the wrong entry of a column answer", () => {
    const [submitted] = answerValues(renderStudentPage({ ...partialStudent, questions: [answer] }, columnContext));
    expect(submitted).toContain('<tr><td class="cell-wrong" title="outside tolerance">0.25<span class="delta" title="submitted − expected">−1</span></td></tr>');
  });

  it("draws a row answer as a row", () => {
    // A right answer written as a row is still drawn as the student wrote it.
    const row = { ...answer, verdict: "correct" as const, submitted: [1, 1.25], wrong_cells: undefined, feedback: "Correct." };
    const [submitted, expected] = answerValues(renderStudentPage({ ...partialStudent, questions: [row] }, columnContext));

    expect(submitted).toContain("<tr><td>1</td><td>1.25</td></tr>");
    expect(expected).toContain("<tr><td>1</td></tr><tr><td>1.25</td></tr>");
  });

  it("keeps row-layout vectors as rows", () => {
    const [, expected] = answerValues(renderStudentPage({ ...partialStudent, questions: [answer] }, { ...context, problems: [{ ...columnProblem, network: linearProblem.network }] }));
    expect(expected).toContain("<tr><td>1</td><td>1.25</td></tr>");
  });
});

describe("graded column-layout answer", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "nngrade-column-"));
    mkdirSync(join(folder, "problems"));
    mkdirSync(join(folder, "rubrics"));
    mkdirSync(join(folder, "submissions"));
    // S2 = W x + b = [[0.5, −0.5], [1, 0.25]] · [1, −1] + [0, 0.5] = [0.5 + 0.5, 1 − 0.25 + 0.5] = [1, 1.25].
    writeFileSync(
      join(folder, "problems", "p1-column.yaml"),
      [
        "id: p1-column",
        "number: 1",
        "title: One layer in the column layout",
        "network:",
        "  layout: column",
        "  input: [1, -1]",
        "  layers:",
        "    - name: hidden",
        "      weights: [[0.5, -0.5], [1, 0.25]]",
        "      bias: [0, 0.5]",
        "      activation: identity",
        "  loss: half_sse",
        "  target: [0, 0]",
        "questions:",
        "  - id: S2",
        "    ask: pre_activation",
        "    layer: hidden",
        '    aliases: ["S_2"]',
        "",
      ].join("\n"),
    );
    writeFileSync(join(folder, "rubrics", "column.yaml"), "assignment: column\nproblems: [p1-column]\npoints:\n  p1-column.S2: 2\n");
    writeFileSync(join(folder, "submissions", "gina.md"), "## Problem 1\n\n$$S_2 = \\begin{bmatrix} 1 \\\\ 0.25 \\end{bmatrix}$$\n");
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("marks and names entry 2 of a column", async () => {
    const run = await cli("grade", join(folder, "submissions"), "--rubric", join(folder, "rubrics", "column.yaml"), "--out", join(folder, "reports"));
    const page = readFileSync(join(folder, "reports", "students", "gina.html"), "utf8");
    const marked = [...page.matchAll(/<td class="cell-wrong"[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, " ").trim());

    expect(run.code).toBe(0);
    // Entry 2 is 0.25 against 1.25: the error shown is 0.25 − 1.25 = −1.
    expect(marked).toEqual(["0.25 −1"]);
    expect(page).toContain("<tr><td>1</td></tr><tr><td>1.25</td></tr>");
    expect(page).toContain("1 of 2 entries are right; entry 2 is not within 1% of the expected value.");
  });
});
