import {
  COUNT_KINDS,
  type LossName,
  type Network,
  type Problem,
  type Question,
  type QuestionKind,
} from "../problem/types.js";
import type { LayerGradient } from "./backward.js";
import { layerSizes } from "./counts.js";
import { inLayout } from "./_linalg.js";
import { latexMatrix, latexNumber, latexVector, latexWeights, symbol } from "./_latex.js";
import { isBinaryCrossEntropy } from "./losses.js";
import type { NetworkResults } from "./solve.js";
import type { Step, Value } from "./types.js";

// Substituting numbers into a formula stops helping once a matrix has more entries than this.
const MAX_SUBSTITUTED_ENTRIES = 64;

const LOSS_FORMULAS: Record<LossName, string> = {
  half_sse: "L = \\tfrac{1}{2} \\sum_j (t_j - y_j)^2",
  sse: "L = \\sum_j (t_j - y_j)^2",
  mse: "L = \\tfrac{1}{m} \\sum_j (t_j - y_j)^2",
  cross_entropy: "L = -\\sum_j t_j \\log y_j",
};

const BINARY_CROSS_ENTROPY = "L = -\\sum_j \\left[t_j \\log y_j + (1 - t_j) \\log(1 - y_j)\\right]";

function findQuestion(problem: Problem, kind: QuestionKind, layer: string | null): string | null {
  const found = problem.questions.find(
    (question) => question.kind === kind && question.layer === layer,
  );
  return found?.id ?? null;
}

function vectorValue(values: number[]): Value {
  return { kind: "vector", values };
}

function forwardSteps(problem: Problem, network: Network, results: NetworkResults): Step[] {
  const { layout } = network;
  const steps: Step[] = [];

  network.layers.forEach((layer, i) => {
    const k = i + 1;
    const input = i === 0 ? network.input : results.forward.activations[i - 1];
    const s = results.forward.preActivations[i];
    const product =
      layout === "row"
        ? `${symbol("Y", k - 1)} ${symbol("W", k)}`
        : `${symbol("W", k)} ${symbol("Y", k - 1)}`;
    const biasTerm = layer.bias === null ? "" : ` + ${symbol("b", k)}`;

    let substituted = "";
    if (layer.weights.length * layer.weights[0].length <= MAX_SUBSTITUTED_ENTRIES) {
      const x = latexVector(input, layout);
      const w = latexWeights(layer.weights, layout);
      const numbers = layout === "row" ? `${x} ${w}` : `${w} ${x}`;
      let bias = "";
      if (typeof layer.bias === "number") bias = ` + ${latexNumber(layer.bias)}`;
      else if (layer.bias !== null) bias = ` + ${latexVector(layer.bias, layout)}`;
      substituted = ` = ${numbers}${bias}`;
    }
    steps.push({
      question: findQuestion(problem, "pre_activation", layer.name),
      title: `${layer.name}: pre-activation`,
      latex: `${symbol("S", k)} = ${product}${biasTerm}${substituted} = ${latexVector(s, layout)}`,
      value: vectorValue(s),
    });

    const y = results.forward.activations[i];
    const activation = `\\operatorname{${layer.activation.replace("_", "\\_")}}`;
    steps.push({
      question: findQuestion(problem, "activation", layer.name),
      title: `${layer.name}: activation`,
      latex: `${symbol("Y", k)} = ${activation}(${symbol("S", k)}) = ${latexVector(y, layout)}`,
      value: vectorValue(y),
    });
  });

  const outputActivation = network.layers[network.layers.length - 1].activation;
  const formula = isBinaryCrossEntropy(network.loss, outputActivation)
    ? BINARY_CROSS_ENTROPY
    : LOSS_FORMULAS[network.loss];
  steps.push({
    question: findQuestion(problem, "loss", null),
    title: "loss",
    latex: `${formula} = ${latexNumber(results.forward.loss)}`,
    value: { kind: "scalar", value: results.forward.loss },
  });
  return steps;
}

function deltaFormula(network: Network, i: number): string {
  const k = i + 1;
  const last = network.layers.length - 1;
  const layer = network.layers[i];
  const upstream =
    i === last
      ? `\\frac{\\partial L}{\\partial ${symbol("Y", k)}}`
      : network.layout === "row"
        ? `${symbol("\\delta", k + 1)} ${symbol("W", k + 1, "\\top")}`
        : `${symbol("W", k + 1, "\\top")} ${symbol("\\delta", k + 1)}`;
  if (layer.activation === "softmax") return `J_{\\operatorname{softmax}}^{\\top} ${upstream}`;
  const factor = i === last ? upstream : `(${upstream})`;
  return `${factor} \\odot f'(${symbol("S", k)})`;
}

function backwardSteps(problem: Problem, network: Network, gradients: LayerGradient[]): Step[] {
  const { layout } = network;
  const steps: Step[] = [];

  for (let i = network.layers.length - 1; i >= 0; i--) {
    const k = i + 1;
    const layer = network.layers[i];
    const gradient = gradients[i];

    steps.push({
      question: findQuestion(problem, "delta", layer.name),
      title: `${layer.name}: delta`,
      latex:
        `${symbol("\\delta", k)} = \\frac{\\partial L}{\\partial ${symbol("S", k)}} = ` +
        `${deltaFormula(network, i)} = ${latexVector(gradient.delta, layout)}`,
      value: vectorValue(gradient.delta),
    });

    const matrix = inLayout(gradient.weightGradient, layout);
    const product =
      layout === "row"
        ? `${symbol("Y", k - 1, "\\top")} ${symbol("\\delta", k)}`
        : `${symbol("\\delta", k)} ${symbol("Y", k - 1, "\\top")}`;
    steps.push({
      question: findQuestion(problem, "gradient", layer.name),
      title: `${layer.name}: weight gradient`,
      latex:
        `\\frac{\\partial L}{\\partial ${symbol("W", k)}} = ` +
        `${product} = ${latexMatrix(matrix)}`,
      value: { kind: "matrix", values: matrix },
    });

    if (gradient.biasGradient !== null) {
      const shared = typeof gradient.biasGradient === "number";
      const formula = shared ? `\\sum_j ${symbol("\\delta", k)}_j` : symbol("\\delta", k);
      const value: Value = shared
        ? { kind: "scalar", value: gradient.biasGradient as number }
        : vectorValue(gradient.biasGradient as number[]);
      const valueText = shared
        ? latexNumber(gradient.biasGradient as number)
        : latexVector(gradient.biasGradient as number[], layout);
      steps.push({
        question: findQuestion(problem, "bias_gradient", layer.name),
        title: `${layer.name}: bias gradient`,
        latex: `\\frac{\\partial L}{\\partial ${symbol("b", k)}} = ${formula} = ${valueText}`,
        value,
      });
    }
  }
  return steps;
}

function valueLatex(value: Value, network: Network | null): string {
  switch (value.kind) {
    case "scalar":
      return latexNumber(value.value);
    case "vector":
      return latexVector(value.values, network?.layout ?? "row");
    case "matrix":
      return latexMatrix(value.values);
    case "count":
      return value.value.toString();
  }
}

function updateStep(results: NetworkResults, question: Question, value: Value): Step {
  const { network } = results;
  const i = network.layers.findIndex((layer) => layer.name === question.layer);
  const layer = network.layers[i];
  const gradient = (results.gradients as LayerGradient[])[i];
  const weights = question.kind === "updated_weights";
  const name = symbol(weights ? "W" : "b", i + 1);
  const eta = latexNumber(network.learningRate as number);

  let current: string;
  let change: string;
  if (weights) {
    current = latexWeights(layer.weights, network.layout);
    change = latexWeights(gradient.weightGradient, network.layout);
  } else if (typeof layer.bias === "number") {
    current = latexNumber(layer.bias);
    change = latexNumber(gradient.biasGradient as number);
  } else {
    current = latexVector(layer.bias as number[], network.layout);
    change = latexVector(gradient.biasGradient as number[], network.layout);
  }

  const formula = `${name} - \\eta \\frac{\\partial L}{\\partial ${name}}`;
  return {
    question: question.id,
    title: `${question.layer}: ${weights ? "updated weights" : "updated bias"}`,
    latex: `${formula} = ${current} - ${eta} ${change} = ${valueLatex(value, network)}`,
    value,
  };
}

function countStep(problem: Problem, question: Question, value: Value): Step {
  const model = problem.network ?? problem.architecture;
  const sizes = layerSizes(model as NonNullable<typeof model>).filter(
    (size) => question.layer === null || size.name === question.layer,
  );
  const weights = sizes.map((size) => `${size.inputs} \\cdot ${size.units}`).join(" + ");
  const scope = question.layer === null ? "network" : question.layer;
  let latex: string;

  if (question.kind === "parameter_count") {
    const biases = sizes
      .filter((size) => size.biasParameters > 0n)
      .map((size) => `${size.biasParameters}`);
    latex = [weights, ...biases].join(" + ");
  } else if (question.kind === "mac_count") {
    latex = weights;
  } else {
    const { perMac, biasAdd, activation } = question.convention;
    const biasedUnits = sizes
      .filter((size) => size.biased)
      .reduce((total, size) => total + size.units, 0n);
    const activatedUnits = sizes
      .filter((size) => size.activation !== "identity")
      .reduce((total, size) => total + size.units, 0n);
    latex =
      `${perMac} \\cdot (${weights}) + ${biasAdd} \\cdot ${biasedUnits} + ` +
      `${activation} \\cdot ${activatedUnits}`;
  }

  return {
    question: question.id,
    title: `${scope}: ${question.kind.replace("_", " ")}`,
    latex: `${latex} = ${valueLatex(value, null)}`,
    value,
  };
}

/**
 * Builds the worked solution shown by `solve --steps`: the forward pass and the loss, the
 * backward pass when a question needs it, then one step per update or count question. A step
 * names the question whose answer it computes.
 */
export function workedSteps(
  problem: Problem,
  results: NetworkResults | null,
  answers: Map<string, Value>,
): Step[] {
  const steps: Step[] = [];

  if (results !== null) {
    steps.push(...forwardSteps(problem, results.network, results));
    if (results.gradients !== null) {
      steps.push(...backwardSteps(problem, results.network, results.gradients));
    }
  }

  for (const question of problem.questions) {
    const value = answers.get(question.id) as Value;
    if (question.kind === "updated_weights" || question.kind === "updated_bias") {
      steps.push(updateStep(results as NetworkResults, question, value));
    } else if (COUNT_KINDS.includes(question.kind)) {
      steps.push(countStep(problem, question, value));
    }
  }
  return steps;
}
