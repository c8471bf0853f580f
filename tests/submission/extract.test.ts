import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/submission/read.js";
import type { Submission } from "../../src/submission/types.js";
import { trailingSymbol } from "../../src/submission/_recorder.js";
import { bundledProblems } from "./_bundled.js";

function read(text: string): Submission {
  return readSubmission({ bytes: new TextEncoder().encode(text), file: "a.md" }, bundledProblems());
}

/** Question, value and line of each answer, so expectations stay short. */
function found(submission: Submission): [string, number | null, number][] {
  return submission.answers.map((answer) => [
    answer.question,
    answer.value?.kind === "number" ? answer.value.number.value : null,
    answer.line,
  ]);
}

const SUM = "784 \\cdot 512 + 512 \\cdot 512 + 512 \\cdot 10 + 1034";

describe("text label before inline math", () => {
  // 784·512 + 512·512 + 512·10 + 1034 = 401408 + 262144 + 5120 + 1034 = 669706.
  it.each([
    [`Number of parameters: $${SUM} = 669706$`],
    [`Parameters: $${SUM} = 669706$`],
    [`**Number of parameters:** $${SUM} = 669706$`],
    [`(a) Parameters: $${SUM} = 669706$`],
  ])("reads %s", (line) => {
    const submission = read(`## Problem 4\n\n${line}\n`);

    expect(found(submission)).toEqual([["params", 669706, 3]]);
    expect(submission.notes).toEqual([]);
  });

  it("reads FLOPs before an expression", () => {
    // 2·334336 = 668672.
    expect(found(read("## Problem 4\n\nFLOPs: $2 \\cdot 334336 = 668672$\n"))).toEqual([["flops", 668672, 3]]);
  });

  it("ignores text without a colon", () => {
    const submission = read(`## Problem 4\n\nWe add up $${SUM} = 669706$\n`);

    expect(submission.answers).toEqual([]);
    expect(submission.notes).toEqual([]);
  });

  it("notes an unknown text label", () => {
    const submission = read("## Problem 4\n\nBytes: $4 \\cdot 669706 = 2678824$\n");

    expect(submission.answers).toEqual([]);
    expect(submission.notes.map((note) => [note.code, note.line])).toEqual([["submission.unknownLabel", 3]]);
    expect(submission.notes[0].message).toContain('"Bytes"');
  });
});

describe("unrecognised label note", () => {
  const misspelt = "## Problem 3\n\n$$\\frac{\\partial L}{\\patial W_2} = \\begin{bmatrix} 0 & 8 \\\\ 0 & 0 \\end{bmatrix}$$\n";

  it("names a misspelt derivative", () => {
    const [note] = read(misspelt).notes;

    expect(note.code).toBe("submission.unknownLabel");
    expect(note.line).toBe(3);
    expect(note.message).toContain('"\\frac{\\partial L}{\\patial W_2}"');
  });

  it("lists the closest question first", () => {
    const [note] = read(misspelt).notes;

    expect(note.message).toMatch(/Closest question names: dW2 \(as "\\frac\{\\partial L\}\{\\partial W_2\}"\)/);
  });

  it("lists names for an unknown label", () => {
    const [note] = read("## Problem 3\n\n$$\\gamma_2 = 4$$\n").notes;

    expect(note.message).toContain('"\\gamma_2"');
    expect(note.message).toContain("Closest question names: ");
  });

  it("skips a fraction of numbers", () => {
    expect(read("## Problem 3\n\n$$\\frac{1}{2} = 0.5$$\n").notes).toEqual([]);
  });

  it("names the problem outside any section", () => {
    const [note] = read("$$\\frac{\\partial L}{\\patial W_9} = 4$$\n").notes;

    expect(note.message).toMatch(/Closest question names: p\d-[a-z-]+ /);
  });
});

describe("cells and a whole matrix for one question", () => {
  const cells = "## Problem 2\n\nw_1 = 25, w_2 = 50, w_3 = 25, w_4 = 50\n\n";

  it("notes cells overridden by a matrix", () => {
    // The matrix is problem 3's, under a "3." line that a write-up with headings does not read as
    // the start of problem 3.
    const submission = read(`${cells}3. For the ReLU network,\n$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 8 & 16 \\\\ 0 & 0 \\end{bmatrix}$\n`);
    const notes = submission.notes.filter((note) => note.code === "submission.cellsOverridden");

    expect(notes).toHaveLength(1);
    expect(notes[0]!.line).toBe(6);
    expect(notes[0]!.message).toContain("dW1 (problem 2) given one by one on line 3 differ from the whole matrix on line 6");
  });

  it("skips a matrix repeating the cells", () => {
    const submission = read(`${cells}$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$\n`);

    expect(submission.notes.filter((note) => note.code === "submission.cellsOverridden")).toEqual([]);
  });
});

describe("unknown label notes", () => {
  it("name the symbol, not the sentence", () => {
    const submission = read("## Problem 2\n\nHidden sum: $z_2 = \\begin{bmatrix} 25 & 25 \\end{bmatrix}$.\n");
    const notes = submission.notes.filter((note) => note.code === "submission.unknownLabel");

    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('the label "z_2" was not recognised');
    expect(notes[0]!.message).not.toContain("Hidden sum");
  });

  it.each([
    ["Hidden error: $\\delta_2 = \\begin{bmatrix} 25 & 25 \\end{bmatrix}$."],
    ["$$\\delta_3 = (Y_3 - T) \\odot \\phi'(S_3) = \\begin{pmatrix} 5 & 10 \\end{pmatrix}$$"],
    ["δ_2 = [25, 25]"],
    ["delta_3 = [5, 10]"],
    ["δ3 = [5, 10]"],
    ["$\\boldsymbol{\\delta}_3 = [5, 10]$"],
    ["$\\delta_3^T = \\begin{bmatrix} 5 \\\\ 10 \\end{bmatrix}$"],
  ])("skip the error term in %s", (line) => {
    const submission = read(`## Problem 2\n\n${line}\n`);

    expect(submission.notes).toEqual([]);
  });

  it.each([
    ["\\delta_{W_1}"],
    ["\\delta_W"],
    ["delta_W1"],
    ["δ_{W_1}"],
    ["\\delta_1 W"],
    // A matrix, not one example's error term.
    ["\\delta_1"],
  ])("keep %s with a weight matrix", (label) => {
    const notes = read(`## Problem 2\n\n$${label} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$\n`).notes;

    expect(notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
  });

  it("name a whole label naming a question", () => {
    const [note] = read("## Problem 2\n\n$\\delta W_1 = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$\n").notes;

    expect(note.message).toContain('the label "\\delta W_1" was not recognised');
  });

  it("keep a weight update", () => {
    const notes = read("## Problem 2\n\n$\\Delta W_2 = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$\n").notes;

    expect(notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
  });

  it("keep a δ label in problem 6", () => {
    // Problem 6 has a question delta3, so \delta_2 there may be a mislabelled answer.
    const notes = read("## Problem 6\n\n$\\delta_2 = [1, 2]$\n").notes;

    expect(notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
    expect(notes[0]!.message).toContain('"\\delta_2"');
  });

  it.each([
    ["Output error, since the loss is half the squared error:  \\delta_3", "\\delta_3"],
    ["the learning rate \\eta", "\\eta"],
    ["so W^{(2)}", "W^{(2)}"],
    ["dL/dW_3", "dL/dW_3"],
    ["Number of parameters", "Number of parameters"],
    ["  z  ", "z"],
  ])("keeps %j as %j", (label, symbol) => {
    expect(trailingSymbol(label)).toBe(symbol);
  });
});

describe("a value followed by punctuation or a remark", () => {
  // Problem 2's dW2, written out by hand: Y2ᵀ·δ3 = [2, 3]ᵀ·[5, 10] = [[10, 20], [15, 30]].
  const matrix = "\\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}";

  it.each([
    [`$$W_2 = ${matrix}.$$`],
    [`$W_2 = ${matrix}.$`],
    [`\\(W_2 = ${matrix}\\)`],
    [`\\(W_2 = ${matrix}.\\)`],
  ])("reads %s", (line) => {
    const submission = read(`## Problem 2\n\n${line}\n`);

    expect(submission.answers.map((answer) => answer.question)).toEqual(["dW2"]);
    expect(submission.answers[0]!.value).toMatchObject({ kind: "matrix" });
  });

  it.each([
    // The remark's math is not the value of S3: reading it would grade [2, 3] as S3.
    ["$S_3 = [5, 10]$ (using $Y_2 = [2, 3]$)", "S3"],
    ["\\(S_3 = [5, 10]\\) (from \\(Y_2 = [2, 3]\\))", "S3"],
  ])("skips a remark's value in %s", (line, question) => {
    const { answers, notes } = read(`## Problem 2\n\n${line}\n`);

    expect(answers.filter((answer) => answer.question === question)).toEqual([]);
    expect(notes.map((note) => note.code)).toEqual(["submission.textAfterValue"]);
  });

  it("reads a value before a remark", () => {
    const { answers, notes } = read(`## Problem 2\n\n$W_2 = ${matrix}$ (rounded)\n`);

    expect(answers.map((answer) => answer.question)).toEqual(["dW2"]);
    expect(answers[0]!.value).toMatchObject({ kind: "matrix", rows: [[{ value: 10 }, { value: 20 }], [{ value: 15 }, { value: 30 }]] });
    expect(notes).toEqual([]);
  });

  it("notes a value hidden by a remark with math", () => {
    const [note] = read(`## Problem 2\n\n$W_2 = ${matrix}$ (from $Y_2^T \\delta_3 = [2, 3]^T [5, 10]$)\n`).notes;

    expect(note!.line).toBe(3);
    expect(note!.message).toBe(
      'line 3: the value of "W_2" could not be read, because text follows the math on its line, so it was not graded. Put the value last, or the remark on a line of its own.',
    );
  });

  it.each([
    // The math opens after the value's first part, so no math closes inside the value.
    [`dW_2 = 5 $${matrix}$`],
    // A formula, not a value, before the remark.
    ["$Y_2 = \\operatorname{id}(S_2)$, where id is the identity"],
  ])("adds no note for %s", (line) => {
    expect(read(`## Problem 2\n\n${line}\n`).notes).toEqual([]);
  });

  it.each([
    ["dW_2 = $[[10, 20], [15, 30]]$ (rounded)"],
    ["dW_2 = \\([[10, 20], [15, 30]]\\) approximately"],
    [`dW_2 = $$${matrix}$$ as expected`],
  ])("reads the math before a remark in %s", (line) => {
    const { answers, notes } = read(`## Problem 2\n\n${line}\n`);

    expect(answers.map((answer) => answer.question)).toEqual(["dW2"]);
    expect(answers[0]!.value).toMatchObject({ kind: "matrix", rows: [[{ value: 10 }, { value: 20 }], [{ value: 15 }, { value: 30 }]] });
    expect(notes).toEqual([]);
  });

  it("notes two values in one answer's math", () => {
    const { answers, notes } = read("## Problem 2\n\nY_2 = $[2, 3]$ or $[3, 2]$\n");

    expect(answers).toEqual([]);
    expect(notes.map((note) => note.code)).toEqual(["submission.textAfterValue"]);
  });

  it("reads numbers each in math", () => {
    // dW1 = [[25, 25], [50, 50]] for problem 2, each entry in its own inline math.
    const [answer] = read("## Problem 2\n\ndW_1 = [[$25$, $25$], [$50$, $50$]]\n").answers;

    expect(answer!.question).toBe("dW1");
    expect(answer!.value).toMatchObject({ kind: "matrix", rows: [[{ value: 25 }, { value: 25 }], [{ value: 50 }, { value: 50 }]] });
  });

  it("keeps the point of a number", () => {
    // `3.` is the number 3, not 3 and a full stop; 3 = S2's second entry is a checkpoint.
    const [answer] = read("## Problem 2\n\n$S_2 = [2, 3.]$\n").answers;

    expect(answer!.value).toMatchObject({ kind: "matrix", rows: [[{ value: 2 }, { value: 3 }]] });
  });

  it.each([
    ["loss = 0.08.", 0.08],
    ["loss = 8e-2.", 0.08],
    ["The loss is $L = 1e-3.$", 0.001],
    ["loss = .5.", 0.5],
  ])("drops the full stop after %s", (line, value) => {
    expect(found(read(`## Problem 5\n\n${line}\n`))).toEqual([["loss", value, 3]]);
  });

  it("reads a value after empty math", () => {
    const [answer] = read("## Problem 2\n\n$W_2 = $ [[10, 20], [15, 30]]\n").answers;

    expect(answer!.question).toBe("dW2");
  });
});

describe("a label in several problems", () => {
  it("gets one note", () => {
    const notes = read("$$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$$\n").notes;

    expect(notes.map((note) => note.code)).toEqual(["submission.ambiguousLabel"]);
  });
});

describe("results ended by a sentence or a definition", () => {
  // Problem 2: x = [1, 2] is given, S2 = x·W1 = [2, 3], S3 = Y2·W2 = [5, 10], Y3 = S3.
  /** Question and entries of each matrix answer. */
  function matrices(text: string): [string, number[][] | null][] {
    return read(`## Problem 2\n\n${text}\n`).answers.map((answer) => [
      answer.question,
      answer.value?.kind === "matrix" ? answer.value.rows.map((row) => row.map((cell) => cell.value)) : null,
    ]);
  }

  it("reads two sentences on one line", () => {
    expect(matrices("S_2 = [2, 3]. Y_2 = [2, 3].")).toEqual([
      ["S2", [[2, 3]]],
      ["Y2", [[2, 3]]],
    ]);
  });

  it("keeps each value of its own sentence", () => {
    // Read as one statement, the line would give S3 alone, with the value after its last `=`.
    expect(matrices("$S_3 = [5, 10]$. $Y_3 = [5, 10]$.")).toEqual([
      ["S3", [[5, 10]]],
      ["Y3", [[5, 10]]],
    ]);
    const numbers = found(read("## Problem 5\n\ny_3 = 0.6. loss = 0.08.\n"));
    expect(numbers).toEqual([
      ["y3", 0.6, 3],
      ["loss", 0.08, 3],
    ]);
  });

  it.each([
    ["$S_2 = [2, 3]$ where $x = [1, 2]$"],
    ["$S_2 = [2, 3]$, where $x = [1, 2]$ is the input."],
    ["$S_2 = [2, 3] \\text{ for } x = [1, 2]$"],
    ["$S_2 = [2, 3] \\quad \\text{where} \\quad x = [1, 2]$"],
    ["S_2 = [2, 3] with x = [1, 2]"],
  ])("leaves out the definition in %s", (line) => {
    const { answers, notes } = read(`## Problem 2\n\n${line}\n`);

    expect(matrices(line)).toEqual([["S2", [[2, 3]]]]);
    expect(answers).toHaveLength(1);
    // x is given, not asked for, so it gets no note either.
    expect(notes).toEqual([]);
  });

  it("leaves out a question named in a definition", () => {
    // Problem 5 has aliases such as W_2 for dW2, so `where W_2 = [old weights]` would grade the
    // old weights as the gradient.
    expect(matrices("$Y_3 = [5, 10]$ where $S_3 = [5, 10]$")).toEqual([["Y3", [[5, 10]]]]);
  });

  it("reads a result after a definition and prose", () => {
    expect(matrices("$S_2 = [2, 3]$ and then with $W_2$ we get $S_3 = [5, 10]$.")).toEqual([
      ["S2", [[2, 3]]],
      ["S3", [[5, 10]]],
    ]);
  });

  it("reads a result after the word so", () => {
    expect(matrices("$S_2 = [2, 3]$, so $Y_2 = [2, 3]$")).toEqual([
      ["S2", [[2, 3]]],
      ["Y2", [[2, 3]]],
    ]);
  });

  it("reads past a word after a formula", () => {
    // The text before "where" is not a value, so the value comes after the last `=`.
    expect(matrices("$S_2 = x W_1$, where $x W_1 = [2, 3]$")).toEqual([["S2", [[2, 3]]]]);
  });

  it.each([
    ["$S_2 = [2, 3.]$"],
    ["$S_2 = \\begin{bmatrix} 2. & 3. \\end{bmatrix}$"],
    ["S_2 = [2., 3.]. Next, x = [1, 2] is given."],
  ])("keeps points of numbers in %s", (line) => {
    expect(matrices(line)[0]).toEqual(["S2", [[2, 3]]]);
  });
});

describe("layer numbers written as superscripts", () => {
  it.each([
    ["## Problem 2", "$S^{(2)} = [2, 3]$", "S_2 or S_3"],
    ["## Problem 2", "$Y^{[3]} = [5, 10]$", "Y_2 or Y_3"],
    ["## Problem 6", "$\\delta^{(3)} = [0.86, -0.88, 0.03]$", "\\delta_3"],
  ])("notes %s %s", (heading, line, names) => {
    const { answers, notes } = read(`${heading}\n\n${line}\n`);

    // S^{(2)} is S_2 when layers count from the input, and S_3 when they count from the first
    // hidden layer, so the value is not graded as either.
    expect(answers).toEqual([]);
    expect(notes.map((note) => note.code)).toEqual(["submission.layerSuperscript"]);
    expect(notes[0]!.line).toBe(3);
    expect(notes[0]!.message).toContain(`as the problem does: ${names}.`);
  });

  it("adds no note for a name no question has", () => {
    expect(read("## Problem 2\n\n$a^{(7)} = [1, 2]$\n").notes).toEqual([]);
  });

  it("reads a weight gradient with a superscript", () => {
    // W^{(2)} is the second weight matrix whichever way layers are counted.
    const { answers } = read("## Problem 2\n\n$\\frac{\\partial L}{\\partial W^{(2)}} = [[10, 20], [15, 30]]$\n");

    expect(answers.map((answer) => answer.question)).toEqual(["dW2"]);
  });
});

describe("a stray $$", () => {
  it("keeps the headings after it", () => {
    // `$Y_2 = [2, 3]$$` has one `$` too many; the next `$$` opens a display under problem 3.
    const text = "## Problem 2\n\nWe get $Y_2 = [2, 3]$$ and more.\n\n## Problem 3\n\n$$dW_1 = [[8, 0], [16, 0]]$$\n";
    const { answers } = read(text);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([
      ["p2-linear", "Y2", 3],
      ["p3-relu", "dW1", 7],
    ]);
  });

  it("pairs a multi-line display", () => {
    const { answers } = read("## Problem 2\n\n$$\ndW_1 = [[25, 25], [50, 50]]\n$$\n");

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 4]]);
  });
});

describe("weights the problem gives", () => {
  // Problem 2 gives W_1 = [[2, 1], [0, 1]] and W_2 = [[1, 2], [1, 2]]; its dW1 is [[25, 25], [50, 50]].
  const dW1 = "$$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$$";

  it.each([
    ["Given $W_1 = \\begin{bmatrix} 2 & 1 \\\\ 0 & 1 \\end{bmatrix}$."],
    ["Check: with $W_1 = [[2, 1], [0, 1]]$ the output is right."],
    ["$W_1 = [[2, 0], [1, 1]]$ (transposed)"],
    ["$$\\mathbf{W}_1 = \\begin{bmatrix} 2 & 1 \\\\ 0 & 1 \\end{bmatrix}$$"],
    ["Given $\\boldsymbol{W}_{1} = [[2, 1], [0, 1]]$."],
  ])("are no gradient in %s", (line) => {
    const { answers, notes } = read(`## Problem 2\n\n${dW1}\n\n${line}\n`);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
    expect(notes).toEqual([]);
  });

  it("grade as a gradient under the gradient's own name", () => {
    const { answers } = read("## Problem 2\n\n$dW_1 = [[2, 1], [0, 1]]$\n");

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
  });

  it("answer the updated weights after an update", () => {
    // Problem 5: W_1 - 0.1 dW1 = [[0.2010977, -0.4006844], [0.6005488, 0.0996578]].
    const update = "$$W_1 = W_1 - \\eta \\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 0.20110 & -0.40068 \\\\ 0.60055 & 0.099658 \\end{bmatrix}$$";
    const { answers } = read(`## Problem 5\n\n${update}\n`);

    expect(answers.map((answer) => [answer.problem, answer.question])).toEqual([["p5-sigmoid", "W1_new"]]);
  });

  it.each([
    ["The update gives $W_1 = W_1 - \\eta \\, dW_1 = [[0.20110, -0.40068], [0.60055, 0.099658]]$."],
    ["Updated: $W_1 = W_1 - \\eta \\nabla_{W_1} L = [[0.20110, -0.40068], [0.60055, 0.099658]]$"],
    ["$$\\mathbf{W}_1 = \\mathbf{W}_1 - \\eta \\, dW_1 = [[0.20110, -0.40068], [0.60055, 0.099658]]$$"],
    ["$$W_1 = W_1 + \\eta \\, x^T \\delta_2 = [[0.20110, -0.40068], [0.60055, 0.099658]]$$"],
  ])("answer the updated weights in %s", (line) => {
    const { answers } = read(`## Problem 5\n\n${line}\n`);

    expect(answers.map((answer) => [answer.problem, answer.question])).toEqual([["p5-sigmoid", "W1_new"]]);
  });

  it.each([["\\leftarrow"], ["\\gets"]])("answer the updated weights after %s", (arrow) => {
    // Problem 5's own notation: W_1 - 0.1 dW1 = [[0.2010977, -0.4006844], [0.6005488, 0.0996578]].
    const update = `$$W_1 ${arrow} W_1 - \\eta \\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 0.20110 & -0.40068 \\\\ 0.60055 & 0.099658 \\end{bmatrix}$$`;
    const { answers } = read(`## Problem 5\n\n${update}\n`);

    expect(answers.map((answer) => [answer.problem, answer.question])).toEqual([["p5-sigmoid", "W1_new"]]);
  });

  it.each([
    // Problem 2 has no question on updated weights, so the assignment is working.
    ["## Problem 2", "$$W_2 \\leftarrow \\begin{bmatrix} 0 & 0 \\\\ -0.5 & -1 \\end{bmatrix}$$"],
    // A step of an algorithm, not a result.
    ["## Problem 2", "Then reset the accumulator: $dW_2 \\gets 0$."],
    ["## Problem 2", "Let $x \\gets 2$ be the input."],
  ])("read no answer from an assignment under %s: %s", (heading, line) => {
    const dW2 = "$$dW_2 = \\begin{bmatrix} 10 & 20 \\\\ 15 & 30 \\end{bmatrix}$$";
    const { answers, notes } = read(`${heading}\n\n${dW2}\n\n${line}\n`);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW2", 3]]);
    expect(notes).toEqual([]);
  });

  it.each([
    ["$$W_2 \\leftarrow \\begin{bmatrix} 0.5061955 \\\\ -0.2962638 \\end{bmatrix}$$"],
    ["$$W_2^{new} \\gets \\begin{bmatrix} 0.5061955 \\\\ -0.2962638 \\end{bmatrix}$$"],
  ])("answer the updated weights from %s", (line) => {
    const { answers } = read(`## Problem 5\n\n${line}\n`);

    expect(answers.map((answer) => [answer.problem, answer.question])).toEqual([["p5-sigmoid", "W2_new"]]);
  });

  it("leave an update out where none is asked", () => {
    const update = "$$W_1 = W_1 - 0.1 \\cdot \\frac{\\partial L}{\\partial W_1} = [[-0.5, -1.5], [-5, -4]]$$";
    const { answers, notes } = read(`## Problem 2\n\n${dW1}\n\n${update}\n`);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
    expect(notes).toEqual([]);
  });
});

describe("a problem the assignment does not have", () => {
  // Problem 2's dW1 is [[25, 25], [50, 50]]; the bundled problems are numbered 2 to 6.
  const problem2 = "## Problem 2\n\n$dW_1 = [[25, 25], [50, 50]]$\n\n";

  it.each([
    ["## Problem 7 (practice problem from lecture, not graded)"],
    ["\\section*{Exercise 1}"],
    ["**Problem 9.** A practice run"],
    ["## Bonus problem 7"],
    ["## Extra: Problem 7"],
    ["\\subsection{Optional exercise 8}"],
    ["## Bonus (problem 7)"],
  ])("skips answers under %s", (heading) => {
    const { answers, notes } = read(`${problem2}${heading}\n\n$dW_1 = [[1, 2], [3, 4]]$\n`);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.unknownProblem", 5]]);
    expect(notes[0]!.message).toContain("(its problems are 2, 3, 4, 5 and 6), so the answers under this heading were not graded.");
  });

  it.each([
    ["## Question 2\n\n$dW_1 = [[25, 25], [50, 50]]$\n\n## Question 7 (practice)\n\n$dW_1 = [[1, 2], [3, 4]]$\n"],
    ["## 2. Linear network\n\n$dW_1 = [[25, 25], [50, 50]]$\n\n## 7. Extra practice\n\n$dW_1 = [[1, 2], [3, 4]]$\n"],
  ])("skips a heading in the write-up's own style", (text) => {
    const { answers, notes } = read(text);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.unknownProblem", 5]]);
  });

  it.each([
    ["## Bonus problem 5"],
    ["## Extra credit: Problem 5"],
    ["**Optional Problem 5.**"],
    ["## Extra credit (Problem 5)"],
    ["## Bonus, problem 5"],
    ["## Ungraded problem 5"],
    ["## Part 2: Problem 5"],
    ["## Part B - Problem 5"],
  ])("reads a known problem under %s", (heading) => {
    // A value named dW_2 under problem 5's heading is problem 5's, whatever its shape.
    const { answers } = read(`${problem2}${heading}\n\n$dW_2 = [[1, 2]]$\n`);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([
      ["p2-linear", "dW1", 3],
      ["p5-sigmoid", "dW2", 7],
    ]);
  });

  it.each([
    ["## Practice problem 2"],
    ["**Practice problem 2.**"],
    ["## Optional: Problem 2"],
  ])("skips %s beside problem 2's own heading", (heading) => {
    const { answers, notes } = read(`${problem2}${heading}\n\n$dW_1 = [[1, 2], [3, 4]]$\n\n## Problem 3\n\n$dW_1 = [[8, 0], [16, 0]]$\n`);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([
      ["p2-linear", "dW1", 3],
      ["p3-relu", "dW1", 11],
    ]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.repeatedProblem", 5]]);
    expect(notes[0]!.message).toContain("problem 2 has its own heading on line 1, so the answers under this");
  });

  it.each([
    ["an intro line naming problem 5", "Problem 5 is a bonus, so I did it at the end.\n\n", ""],
    ["an intro line naming Q5", "Q5 asks for the sigmoid gradients.\n\n", ""],
    ["a summary line naming problem 5", "", "\n## Summary\n\nProblem 5: see above.\n"],
  ])("reads a bonus heading beside %s", (_case, before, after) => {
    const { answers, notes } = read(`${before}${problem2}## Bonus problem 5\n\n$dW_2 = [[1, 2]]$\n${after}`);

    expect(answers.map((answer) => [answer.problem, answer.question])).toEqual([
      ["p2-linear", "dW1"],
      ["p5-sigmoid", "dW2"],
    ]);
    expect(notes.map((note) => note.code)).not.toContain("submission.repeatedProblem");
  });

  it.each([
    ["Markdown", "## Problem 2", "### Practice problem 2 (from the lecture)", "### My answer"],
    ["LaTeX", "\\section*{Problem 2}", "\\subsection*{Practice problem 2}", "\\subsection*{My answer}"],
  ])("reads on after a nested practice heading in %s", (_syntax, heading, practice, sibling) => {
    const text = `${heading}\n\n${practice}\n\n$dW_1 = [[1, 2], [3, 4]]$\n\n${sibling}\n\n$dW_1 = [[25, 25], [50, 50]]$\n`;
    const { answers, notes } = read(text);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([["p2-linear", "dW1", 9]]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.repeatedProblem", 3]]);
  });

  it("skips a practice heading up to the next problem", () => {
    const text = `${problem2}## Practice problem 2\n\n### Worked answer\n\n$dW_1 = [[1, 2], [3, 4]]$\n`;
    const { answers } = read(text);

    expect(answers.map((answer) => [answer.question, answer.line])).toEqual([["dW1", 3]]);
  });

  it("skips a practice heading before the problem's own", () => {
    const { answers, notes } = read(`## Practice problem 2\n\n$dW_1 = [[1, 2], [3, 4]]$\n\n${problem2}`);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([["p2-linear", "dW1", 7]]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.repeatedProblem", 1]]);
    expect(notes[0]!.message).toContain('own heading on line 5, so the answers under this "Practice" heading were not graded');
  });

  it.each([["## Problems 5 and 6"], ["\\section{Exercises 5--6}"]])("skips answers under %s", (heading) => {
    const { answers, notes } = read(`${problem2}${heading}\n\n$dW_2 = [[1, 2]]$\n`);

    expect(answers.map((answer) => [answer.problem, answer.question, answer.line])).toEqual([["p2-linear", "dW1", 3]]);
    expect(notes.map((note) => [note.code, note.line])).toEqual([["submission.severalProblems", 5]]);
  });

  it("reads the next known problem", () => {
    const { answers } = read(`${problem2}## Problem 7\n\n$dW_1 = [[1, 2], [3, 4]]$\n\n## Problem 3\n\n$dW_1 = [[8, 0], [16, 0]]$\n`);

    expect(answers.map((answer) => [answer.problem, answer.line])).toEqual([
      ["p2-linear", 3],
      ["p3-relu", 11],
    ]);
  });

  it.each([
    ["Problem 1 gave us the weights, so"],
    ["### Question 1"],
  ])("keeps reading after %s", (line) => {
    const { answers, notes } = read(`## Problem 2\n\n${line}\n\n$dW_1 = [[25, 25], [50, 50]]$\n`);

    expect(answers.map((answer) => answer.question)).toEqual(["dW1"]);
    expect(notes).toEqual([]);
  });
});

describe("results with remarks and several sentences", () => {
  // Problem 2: S2 = [2, 3], S3 = [5, 10], dW1 = [[25, 25], [50, 50]], dW2 = [[10, 20], [15, 30]];
  // problem 4: 669706 parameters and 1338378 FLOPs; problem 5: y3 ≈ 0.6001, loss ≈ 0.0799.
  function readings(heading: string, line: string): [string, string][] {
    return read(`${heading}\n\n${line}\n`).answers.map((answer) => [answer.question, answerText(answer.value)]);
  }

  function answerText(value: Submission["answers"][number]["value"]): string {
    if (value === null) return "unreadable";
    if (value.kind === "number") return String(value.number.value);
    return JSON.stringify(value.rows.map((row) => row.map((cell) => cell.value)));
  }

  it.each([
    ["## Problem 4", "Number of parameters = 669706 (biases included). Number of operations = 1338378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 4", "1. Number of parameters = 669706. 2. Number of operations = 1338378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 4", "Number of parameters = 669,706 incl. biases. Number of operations = 1,338,378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 5", "The output is $y_3 = 0.6001.$ The loss is $L = 0.0799.$", [["y3", "0.6001"], ["loss", "0.0799"]]],
    ["## Problem 2", "$dW_2 = [[10, 20], [15, 30]]$. Since $x = [1, 2]$ this gives $dW_1 = [[25, 25], [50, 50]]$.", [["dW1", "[[25,25],[50,50]]"], ["dW2", "[[10,20],[15,30]]"]]],
    ["## Problem 2", "$dW_2 = [[10, 20], [15, 30]]$. The gradient for layer 1 is $dW_1 = [[25, 25], [50, 50]]$.", [["dW1", "[[25,25],[50,50]]"], ["dW2", "[[10,20],[15,30]]"]]],
    ["## Problem 2", "(a) $S_3 = [5, 10]$. (b) $Y_3 = [5, 10]$. Part c: $dW_2 = [[10, 20], [15, 30]]$.", [["S3", "[[5,10]]"], ["Y3", "[[5,10]]"], ["dW2", "[[10,20],[15,30]]"]]],
    ["## Problem 2", "$S_2 = [2, 3]$ (see step 2). $Y_2 = [2, 3]$.", [["S2", "[[2,3]]"], ["Y2", "[[2,3]]"]]],
    ["## Problem 2", "dW_2 = [[10, 20], [15, 30]] (matches numpy)", [["dW2", "[[10,20],[15,30]]"]]],
    // `10. & 20.` are entries with points, not sentences, inside the matrix.
    ["## Problem 2", "$dW_2 = \\begin{bmatrix} 10. & 20. \\\\ 15. & 30. \\end{bmatrix}$ (checked). $Y_3 = [5, 10]$, see eq. 3.", [["Y3", "[[5,10]]"], ["dW2", "[[10,20],[15,30]]"]]],
    ["## Problem 4", "Number of parameters = 6.69706 \\times 10^5.", [["params", "669706"]]],
    // A label after the value names a second question.
    ["## Problem 2", "$S_2 = xW_1 = [2, 3] = Y_2$, and $S_3 = Y_2 W_2 = [5, 10] = Y_3$.", [["S2", "[[2,3]]"], ["Y2", "[[2,3]]"], ["S3", "[[5,10]]"], ["Y3", "[[5,10]]"]]],
    ["## Problem 2", "$$dW_2 = [[10, 20], [15, 30]] = \\frac{\\partial L}{\\partial W_2}$$", [["dW2", "[[10,20],[15,30]]"]]],
    // The exact count before a rounded one, which would miss it.
    ["## Problem 4", "Number of operations = 1,338,378 \u2248 1.34M", [["flops", "1338378"]]],
    ["## Problem 4", "Number of parameters = 669,706 \\approx 6.7 \\times 10^5", [["params", "669706"]]],
    ["## Problem 6", "L = -\\log 0.1166 \\approx 2.1490", [["loss", "2.149"]]],
    // A number with its scale in words or a letter: 1.34 × 10^6 and 670 × 10^3.
    ["## Problem 4", "Number of operations = 1.34 million", [["flops", "1340000"]]],
    ["## Problem 4", "Number of operations = 1.34M.", [["flops", "1340000"]]],
    ["## Problem 4", "Number of parameters = 670k parameters", [["params", "670000"]]],
    // 784 · 512 + 512 + 512 · 512 + 512 + 512 · 10 + 10 = 669706, after other math in the sentence.
    ["## Problem 4", "Each layer has $n_{in} n_{out}$ weights plus $n_{out}$ biases, so the number of parameters is $784 \\cdot 512 + 512 + 512 \\cdot 512 + 512 + 512 \\cdot 10 + 10 = 669706$.", [["params", "669706"]]],
    ["## Problem 4", "With \\(n\\) inputs, the number of parameters is \\(784 \\cdot 512 + 10 = 669706\\).", [["params", "669706"]]],
    // 2 · 668672 + 1034 = 1338378, after a long sentence that leads up to the label.
    ["## Problem 4", "For the cost, every weight is used in one multiply-accumulate (2 FLOPs) and every bias in one addition, so the number of operations is $2 \\cdot 668672 + 1034 = 1338378$ (activations not counted).", [["flops", "1338378"]]],
    ["## Problem 2", "dW_2 = [[10, 20], [15, 30]]. This matches the numpy output to 2 decimals.", [["dW2", "[[10,20],[15,30]]"]]],
  ])("reads %s: %s", (heading, line, expected) => {
    expect(readings(heading, line)).toEqual(expected);
  });

  it.each([
    ["## Problem 4", "The number of operations is $1338378$.", [["flops", "1338378"]]],
    ["## Problem 4", "So the number of parameters is 669,706, and the number of operations is 1338378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 4", "We counted by layer. The total number of parameters comes to $669{,}706$.", [["params", "669706"]]],
    ["## Problem 6", "The loss is 2.1532", [["loss", "2.1532"]]],
    ["## Problem 4", "The number of parameters is 669706. This matches the count by layer.", [["params", "669706"]]],
    ["## Problem 4", "The number of parameters is 669706. The number of operations is 1338378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 4", "So the total number of parameters is 669,706, and the number of operations is 1338378.", [["params", "669706"], ["flops", "1338378"]]],
    ["## Problem 4", "The number of parameters is 669706. The number of multiply-accumulate operations is 668672.", [["params", "669706"]]],
    ["## Problem 4", "The number of operations is 1338378. Each multiply-accumulate counts as 2 operations.", [["flops", "1338378"]]],
    // After an enumerator or a list mark, and in bold.
    ["## Problem 4", "(a) The number of parameters is 669706.", [["params", "669706"]]],
    ["## Problem 4", "**(a)** The number of parameters is 669706.", [["params", "669706"]]],
    ["## Problem 4", "b) The number of operations is $1338378$.", [["flops", "1338378"]]],
    ["## Problem 4", "\\item The number of parameters is 669706.", [["params", "669706"]]],
    ["## Problem 4", "**The number of parameters is 669706.**", [["params", "669706"]]],
    ["## Problem 4", "- __The number of operations is 1338378__", [["flops", "1338378"]]],
  ])("reads a number after 'is' under %s: %s", (heading, line, expected) => {
    expect(readings(heading, line)).toEqual(expected);
  });

  it.each([
    // A restated weight, a one-word label, a number that does not close the clause, and a value
    // that is not a number.
    ["## Problem 2", "W_1 is 2 here."],
    ["## Problem 2", "Output is 5."],
    ["## Problem 6", "The loss is 2 times larger than before."],
    ["## Problem 2", "The gradient is [[10, 20], [15, 30]]."],
    ["## Problem 6", "The loss is 2 times larger. It was 1."],
    // Part of a count, or a count qualified by what comes before it: 1034 of the 669706
    // parameters are biases, and 784 × 512 + 512 = 401920 are the first layer's.
    ["## Problem 4", "The number of bias parameters is 1034."],
    ["## Problem 4", "In the first layer alone the number of parameters is 401920."],
    ["## Problem 4", "Without biases, the number of parameters is 668672."],
    ["## Problem 6", "The initial loss was 0.5"],
    // A count per unit, not the total.
    ["## Problem 4", "Each multiply-accumulate counts as 2 operations."],
    ["## Problem 4", "Every weight adds 2 operations per input."],
    ["## Problem 4", "(a) The number of bias parameters is 1034."],
    ["## Problem 4", "**Without biases, the number of parameters is 668672.**"],
  ])("reads no number after 'is' under %s: %s", (heading, line) => {
    expect(readings(heading, line)).toEqual([]);
  });

  it("reads a count in words under a question's heading", () => {
    // 2 · 668672 + 1034 = 1338378 comes from the display; the sentence before it gives no count.
    const text = "### Number of parameters\n\nThe number of parameters is 669706.\n\n### FLOPs\n\nWe count 2 per multiply-accumulate.\n\n$$2 \\cdot 668672 + 1034 = 1338378$$";

    expect(readings("## Problem 4", text)).toEqual([
      ["params", "669706"],
      ["flops", "1338378"],
    ]);
  });

  it("reads no part of a count under a question's heading", () => {
    // 784 · 512 + 512 = 401920 is the first layer's share of the 669706 parameters.
    const text = "### Number of parameters\n\nThe first layer has 401920 parameters.\n\n$$401920 + 262656 + 5130 = 669706$$";

    expect(readings("## Problem 4", text)).toEqual([["params", "669706"]]);
  });

  it("reads a sentence after a definition", () => {
    expect(readings("## Problem 2", "S_2 = [2, 3] where x is the input. Y_2 = [2, 3].")).toEqual([
      ["S2", "[[2,3]]"],
      ["Y2", "[[2,3]]"],
    ]);
  });

  it.each([
    ["- $dW_2 = [[10, 20], [15, 30]]$. Note $x = [1, 2]$."],
    ["- $dW_2 = [[10, 20], [15, 30]]$\n\nThe learning rate is $\\eta = 0.1$."],
  ])("keeps a list item's own answer in %s", (text) => {
    // The list item names dW2, but its own label answers it, so x and eta are not taken for it.
    expect(readings("## Problem 2", text)).toEqual([["dW2", "[[10,20],[15,30]]"]]);
  });

  it.each([
    ["$dW_1 = [[25, 25], [50, 50]]$.\n\nCheck: $dW_1 = x^T \\delta_2$ where $\\delta_2 = [25, 25]$."],
    ["$dW_1 = [[25, 25], [50, 50]]$ because $dW_1 = x^T \\delta_2$ with $\\delta_2 = [25, 25]$."],
  ])("keeps a formula's definition out of %s", (text) => {
    // dW1 = x^T δ2 is a formula, and [25, 25] is δ2's value, not dW1's.
    expect(readings("## Problem 2", text)).toEqual([["dW1", "[[25,25],[50,50]]"]]);
  });

  it.each([
    ["$$S_2 = [2, 3] \\text{, where } x = [1, 2]$$", [["S2", "[[2,3]]"]]],
    ["$$dW_1 = [[25, 25], [50, 50]] \\text{ with the error } \\delta_2 = [25, 25]$$", [["dW1", "[[25,25],[50,50]]"]]],
    ["$$dW_2 = [[10, 20], [15, 30]] \\quad \\textrm{(using } \\delta_3 = [5, 10])$$", [["dW2", "[[10,20],[15,30]]"]]],
  ])("ends a result at a word in text in %s", (text, expected) => {
    expect(readings("## Problem 2", text)).toEqual(expected);
  });

  it.each([
    ["Output-layer gradient: $dW_2 = [[10, 20], [15, 30]]$", [["dW2", "[[10,20],[15,30]]"]]],
    ["In part (b), $dW_2 = [[10, 20], [15, 30]]$.", [["dW2", "[[10,20],[15,30]]"]]],
    ["Step 2 - backward: $dW_2 = [[10, 20], [15, 30]]$", [["dW2", "[[10,20],[15,30]]"]]],
    ["Now we backpropagate. $dW_2 = [[10, 20], [15, 30]]$", [["dW2", "[[10,20],[15,30]]"]]],
    ["I got $dW_2 = [[10, 20], [15, 30]]$.", [["dW2", "[[10,20],[15,30]]"]]],
  ])("finds the label after prose in %s", (text, expected) => {
    expect(readings("## Problem 2", text)).toEqual(expected);
  });

  it("reads two counts with prose labels", () => {
    // The comma of 669,706 groups thousands, so it does not join two results.
    expect(readings("## Problem 4", "Total #params = 669,706; forward-pass FLOPs = 1338378.")).toEqual([
      ["params", "669706"],
      ["flops", "1338378"],
    ]);
  });

  it.each([
    ["## Problem 4", "Number of operations = 1338378 (2 FLOPs per MAC; bias adds = 1034)", [["flops", "1338378"]]],
    ["## Problem 4", "Number of parameters = 669706 (\\approx 0.67 \\text{M}).", [["params", "669706"]]],
    ["## Problem 4", "$\\text{Number of parameters} = 669706 \\ (\\approx 0.67\\,\\text{M})$", [["params", "669706"]]],
    ["## Problem 4", "$\\text{Number of operations} = 1338378\\ \\text{FLOPs}$", [["flops", "1338378"]]],
    ["## Problem 4", "$\\text{Number of operations} = 1\\,338\\,378~\\text{FLOPs}$", [["flops", "1338378"]]],
  ])("reads past a remark with its own = in %s: %s", (heading, line, expected) => {
    expect(readings(heading, line)).toEqual(expected);
  });

  it.each([
    ["cross-entropy = 2.1532"],
    ["$L = -\\ln(0.1161) = 2.1532\\ldots$"],
  ])("reads problem 6's loss in %s", (line) => {
    // -ln(0.1161) = 2.1532 to four decimals, the cross-entropy of problem 6.
    expect(readings("## Problem 6", line)).toEqual([["loss", "2.1532"]]);
  });

  it("reads a result boxed whole", () => {
    const text = "$$\\boxed{\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}}$$";
    expect(readings("## Problem 2", text)).toEqual([["dW1", "[[25,25],[50,50]]"]]);
  });

  it.each([
    ["## Problem 3", "$$\\frac{\\partial L}{\\partial W_2} = \\begin{bmatrix} 0 & 8 \\\\ 0 & 0 \\end{bmatrix}, \\quad T = [0, 0].$$", [["dW2", "[[0,8],[0,0]]"]]],
    ["## Problem 3", "$\\frac{\\partial L}{\\partial W_2} = \\begin{bmatrix} 0 & 8 \\\\ 0 & 0 \\end{bmatrix}$, since only $y_{21}$ is non-zero.", [["dW2", "[[0,8],[0,0]]"]]],
    ["## Problem 2", "$\\frac{\\partial L}{\\partial W_1} = \\begin{bmatrix} 25 & 25 \\\\ 50 & 50 \\end{bmatrix}$. Both rows are multiples of $\\delta_2$.", [["dW1", "[[25,25],[50,50]]"]]],
    ["## Problem 4", "Number of parameters $= 669706$. The biases add $1034$ of these.", [["params", "669706"]]],
    ["## Problem 4", "So the number of parameters is $784 \\cdot 512 + 512 = 669706$.", [["params", "669706"]]],
    ["## Problem 4", "params = **669706**", [["params", "669706"]]],
    ["## Problem 3", "$S_2 = [2, -1] \\Rightarrow Y_2 = [2, 0]$", [["S2", "[[2,-1]]"], ["Y2", "[[2,0]]"]]],
  ])("reads a full write-up's line %s: %s", (heading, line, expected) => {
    expect(readings(heading, line)).toEqual(expected);
  });

  it("reads the named rows of a table with an error term", () => {
    const table = "| quantity | value |\n|---|---|\n| $\\delta_3$ | [5, 10] |\n| $dW_2$ | [[10, 20], [15, 30]] |";
    expect(readings("## Problem 2", table)).toEqual([["dW2", "[[10,20],[15,30]]"]]);
  });

  it("keeps a pre-activation off the error term", () => {
    // Problem 6 names delta3 dL/dS_3; S_3 itself is the pre-activation, no question there.
    const { answers, notes } = read("## Problem 6\n\n$S_3 = Y_2 W_2 + b_2 = [2, 0, -1.5]$\n");

    expect(answers).toEqual([]);
    expect(notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
  });

  it("keeps each entry of its own sentence", () => {
    // Each entry of dW2 in a sentence of its own, with the full stop inside the math.
    const line = "$\\frac{\\partial L}{\\partial w_5} = 10.$ $\\frac{\\partial L}{\\partial w_6} = 15.$ $\\frac{\\partial L}{\\partial w_7} = 20.$ $\\frac{\\partial L}{\\partial w_8} = 30.$";
    expect(readings("## Problem 2", line)).toEqual([["dW2", "[[10,20],[15,30]]"]]);
  });

  it("notes another quantity's math after a value", () => {
    const { answers, notes } = read("## Problem 2\n\n$dW_2 = [[10, 20], [15, 30]]$ and the target was $T = [0, 0]$.\n");

    // Before, the value of T, the last `=` of the line, was graded as dW2.
    expect(answers.map((answer) => [answer.question, answerText(answer.value)])).toEqual([["dW2", "[[10,20],[15,30]]"]]);
    expect(notes.map((note) => note.code)).toEqual(["submission.unknownLabel"]);
  });

  it("reads a value before many words of prose", () => {
    const prose = " and so on.".repeat(20_000);
    expect(readings("## Problem 2", `S_2 = [2, 3]${prose} Y_2 = [2, 3]`)).toEqual([
      ["S2", "[[2,3]]"],
      ["Y2", "[[2,3]]"],
    ]);
  });
});
