import type { ClassResults, StudentResult } from "../../src/grading/types.js";
import type { Problem, Question } from "../../src/problem/types.js";
import { DEFAULT_FLOP_CONVENTION } from "../../src/problem/types.js";
import { assignPageNames } from "../../src/report/pageName.js";
import type { ReportContext } from "../../src/report/types.js";

function question(id: string, kind: Question["kind"], layer: string | null): Question {
  return {
    id,
    kind,
    layer,
    aliases: [],
    cells: null,
    expected: undefined,
    line: 1,
    tolerance: {},
    convention: DEFAULT_FLOP_CONVENTION,
  };
}

/** A 2-2-2 linear network asking for the first layer's gradient and the loss. */
export const linearProblem: Problem = {
  id: "p2-linear",
  number: 2,
  aliases: [],
  title: "Two-layer linear network",
  statement: [
    "A network with *identity* activations computes $S = x W + b$ for the input $x = [1, 2]$.",
    "",
    "$$L = \\frac{1}{2} \\sum_k (t_k - y_k)^2$$",
    "",
    "$$W_1 = \\begin{bmatrix} w_1 & w_3 \\\\ w_2 & w_4 \\end{bmatrix}, \\quad",
    "W_2 = \\begin{pmatrix} 1 & 2 \\\\ 1 & 2 \\end{pmatrix}$$",
    "",
    "Find:",
    "- the gradient $\\frac{\\partial L}{\\partial W_1}$,",
    "- the **loss** $L$.",
  ].join("\n"),
  file: "problems/p2-linear.yaml",
  network: {
    layout: "row",
    input: [1, 2],
    layers: [
      { name: "hidden", weights: [[2, 1], [0, 1]], bias: null, activation: "identity", alpha: 0 },
      { name: "output", weights: [[1, 2], [1, 2]], bias: null, activation: "identity", alpha: 0 },
    ],
    loss: "half_sse",
    target: [0, 0],
    learningRate: null,
  },
  architecture: null,
  questions: [question("dW1", "gradient", "hidden"), question("loss", "loss", null)],
  tolerance: {},
};

/** A counting problem with one question. */
export const sizeProblem: Problem = {
  id: "p4-mlp-size",
  number: 4,
  aliases: [],
  title: "Size of an MLP",
  statement: "How many parameters does a 784-512-512-10 network with biases have?",
  file: "problems/p4-mlp-size.yaml",
  network: null,
  architecture: { input: 784, layers: [] },
  questions: [question("params", "parameter_count", null)],
  tolerance: {},
};

const hostileId = "<script>alert(1)</script>";

/** A student with a wrong cell, a misconception, a warning and hostile source text. */
export const partialStudent: StudentResult = {
  student: "ana-lopez",
  file: "ana-lopez.md",
  status: "graded",
  points: 7,
  max_points: 10,
  questions: [
    {
      problem: "p2-linear",
      question: "dW1",
      verdict: "partial",
      points: 3,
      max_points: 4,
      submitted: [[25, 25], [50, 51]],
      expected: [[25, 25], [50, 50]],
      feedback: "Three of four entries are within tolerance.",
      line: 34,
      wrong_cells: [[1, 1]],
      warnings: ["Only two significant digits were given."],
      source: "w_1 = </textarea><b>[[25, 25], [50, 51]]",
      tolerance: "within 1% of the expected value",
    },
    {
      problem: "p2-linear",
      question: "loss",
      verdict: "incorrect",
      points: 0,
      max_points: 2,
      submitted: 0.00125,
      expected: 62.5,
      feedback: "The loss is off by a factor of 50000.",
      line: 40,
      misconception: "forgot_half",
    },
    {
      problem: "p4-mlp-size",
      question: "params",
      verdict: "correct",
      points: 4,
      max_points: 4,
      submitted: 669706,
      expected: 669706,
      feedback: "Correct.",
      line: 52,
    },
  ],
  notes: [{ line: 12, code: "submission.unknownLabel", message: "The label <i>z</i> matched no question." }],
};

/** A student whose id tries to inject a script and a spreadsheet formula. */
export const hostileStudent: StudentResult = {
  student: hostileId,
  file: "=cmd|' /C calc'!A0.md",
  status: "unreadable",
  error: "Line 3: unclosed \\begin{bmatrix} <img src=x onerror=alert(1)>",
  points: 0,
  max_points: 10,
  questions: [],
};

/** A roster entry with no file. */
export const missingStudent: StudentResult = {
  student: "Zoë, \"Z\" Müller",
  file: null,
  status: "missing",
  points: 0,
  max_points: 10,
  questions: [],
};

export const classResults: ClassResults = {
  assignment: "backprop-hw",
  max_points: 10,
  students: [partialStudent, hostileStudent, missingStudent],
};

/** Builds the context that `grade` would build for `results`. */
export function makeContext(results: ClassResults = classResults): ReportContext {
  return {
    assignment: results.assignment,
    problems: [linearProblem, sizeProblem],
    maxPoints: results.max_points,
    pageNames: assignPageNames(results.students),
  };
}
