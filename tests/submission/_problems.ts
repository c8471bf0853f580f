import type { Problem, Question, QuestionKind } from "../../src/problem/types.js";
import { DEFAULT_FLOP_CONVENTION } from "../../src/problem/types.js";

/** Builds a question with the defaults a loader would fill in. */
export function question(
  id: string,
  kind: QuestionKind,
  layer: string | null,
  aliases: string[],
  cells: string[][] | null = null,
): Question {
  return {
    id,
    kind,
    layer,
    aliases,
    cells,
    expected: null,
    line: 1,
    tolerance: {},
    convention: DEFAULT_FLOP_CONVENTION,
  };
}

function problem(id: string, number: number, questions: Question[]): Problem {
  return {
    id,
    number,
    aliases: [],
    title: id,
    statement: "",
    file: `problems/${id}.yaml`,
    network: null,
    architecture: null,
    questions,
    tolerance: {},
  };
}

/** Builds the forward and backward questions of the two-layer problems 2 and 3. */
function twoLayerQuestions(): Question[] {
  return [
    question("S2", "pre_activation", "hidden", ["S_2"]),
    question("Y2", "activation", "hidden", ["Y_2"]),
    question("S3", "pre_activation", "output", ["S_3"]),
    question("Y3", "activation", "output", ["Y_3"]),
    question("dW1", "gradient", "hidden", ["W_1", "dW_1", "dL/dW_1"], [
      ["w1", "w3"],
      ["w2", "w4"],
    ]),
    question("dW2", "gradient", "output", ["W_2", "dW_2", "dL/dW_2"], [
      ["w5", "w7"],
      ["w6", "w8"],
    ]),
  ];
}

/** Builds problems 2, 3 and 4, the ones the sample write-up solves. */
export function assignmentProblems(): Problem[] {
  return [
    problem("p2-linear", 2, twoLayerQuestions()),
    problem("p3-relu", 3, twoLayerQuestions()),
    problem("p4-mlp-size", 4, [
      question("params", "parameter_count", null, ["Number of parameters", "parameters"]),
      question("flops", "flop_count", null, ["Number of operations", "FLOPs", "operations"]),
    ]),
  ];
}
