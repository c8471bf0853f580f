import type { RawProblem } from "./load.js";
import type { DataPath } from "./yaml.js";
import type { QuestionKind } from "./types.js";

/** Something wrong with a problem that its schema cannot see, such as shapes that do not chain. */
export interface ProblemFinding {
  code: string;
  path: DataPath;
  message: string;
}

const NETWORK_KINDS: QuestionKind[] = [
  "gradient",
  "bias_gradient",
  "updated_weights",
  "updated_bias",
  "pre_activation",
  "activation",
  "delta",
  "loss",
];
const WHOLE_NETWORK_KINDS: QuestionKind[] = ["loss", "parameter_count", "mac_count", "flop_count"];

/**
 * Checks what the schema cannot: rectangular matrices, shapes that chain from layer to layer,
 * questions about layers that exist, cells that match the shape they name. Returns every finding,
 * in file order.
 */
export function checkProblemMeaning(raw: RawProblem): ProblemFinding[] {
  const findings: ProblemFinding[] = [];
  const layerUnits = new Map<string, number>();
  const layerInputs = new Map<string, number>();
  const biasKinds = new Map<string, "vector" | "shared" | "none">();

  if (raw.network) {
    checkNetwork(raw.network, findings, layerUnits, layerInputs, biasKinds);
  } else if (raw.architecture) {
    let inputs = raw.architecture.input;
    raw.architecture.layers.forEach((layer, index) => {
      if (layerUnits.has(layer.name)) {
        findings.push({
          code: "problem.duplicateLayer",
          path: ["architecture", "layers", index, "name"],
          message: `two layers are named "${layer.name}"; give each layer its own name`,
        });
      }
      layerUnits.set(layer.name, layer.units);
      layerInputs.set(layer.name, inputs);
      biasKinds.set(layer.name, layer.bias === false ? "none" : "vector");
      inputs = layer.units;
    });
  }

  checkQuestions(raw, findings, layerUnits, layerInputs, biasKinds);
  return findings;
}

function checkNetwork(
  network: NonNullable<RawProblem["network"]>,
  findings: ProblemFinding[],
  layerUnits: Map<string, number>,
  layerInputs: Map<string, number>,
  biasKinds: Map<string, "vector" | "shared" | "none">,
): void {
  const layout = network.layout ?? "row";
  let inputs = network.input.length;
  let inputName = `the input has ${inputs} values`;

  network.layers.forEach((layer, index) => {
    const path: DataPath = ["network", "layers", index];
    const rows = layer.weights.length;
    const columns = layer.weights[0]!.length;
    const raggedRow = layer.weights.findIndex((row) => row.length !== columns);
    if (raggedRow >= 0) {
      findings.push({
        code: "problem.raggedMatrix",
        path: [...path, "weights", raggedRow],
        message: `layer "${layer.name}": row ${raggedRow + 1} of the weights has ${plural(layer.weights[raggedRow]!.length, "entry", "entries")} but row 1 has ${columns}; every row needs the same length`,
      });
      return;
    }

    const units = layout === "row" ? columns : rows;
    const fanIn = layout === "row" ? rows : columns;
    if (fanIn !== inputs) {
      const wanted = layout === "row" ? `${inputs}×${units}` : `${units}×${inputs}`;
      const hint =
        layout === "row"
          ? "in the row layout weights are inputs × units"
          : "in the column layout weights are units × inputs";
      findings.push({
        code: "problem.shapeMismatch",
        path: [...path, "weights"],
        message: `layer "${layer.name}" has weights ${rows}×${columns} but ${inputName} (hint: ${hint}, so ${wanted})`,
      });
    }

    if (layerUnits.has(layer.name)) {
      findings.push({
        code: "problem.duplicateLayer",
        path: [...path, "name"],
        message: `two layers are named "${layer.name}"; give each layer its own name`,
      });
    }
    layerUnits.set(layer.name, units);
    layerInputs.set(layer.name, fanIn);

    if (Array.isArray(layer.bias)) {
      biasKinds.set(layer.name, "vector");
      if (layer.bias.length !== units) {
        findings.push({
          code: "problem.shapeMismatch",
          path: [...path, "bias"],
          message: `layer "${layer.name}" has ${units} units but ${layer.bias.length} biases; give one bias per unit, or one number shared by all units`,
        });
      }
    } else {
      biasKinds.set(layer.name, layer.bias === undefined ? "none" : "shared");
    }

    if (layer.activation === "softmax" && index !== network.layers.length - 1) {
      findings.push({
        code: "problem.softmaxNotLast",
        path: [...path, "activation"],
        message: `layer "${layer.name}" uses softmax, which is supported on the output layer only`,
      });
    }

    inputs = units;
    inputName = `the layer before it has ${units} units`;
  });

  if (network.target.length !== inputs) {
    findings.push({
      code: "problem.shapeMismatch",
      path: ["network", "target"],
      message: `the target has ${network.target.length} values but the output layer has ${inputs} units`,
    });
  }

  const outputActivation = network.layers[network.layers.length - 1]!.activation;
  if (network.loss === "cross_entropy" && outputActivation !== "softmax" && outputActivation !== "sigmoid") {
    findings.push({
      code: "problem.crossEntropyOutput",
      path: ["network", "loss"],
      message: `cross_entropy needs softmax or sigmoid outputs, but the output layer uses ${outputActivation}`,
    });
  }
}

function checkQuestions(
  raw: RawProblem,
  findings: ProblemFinding[],
  layerUnits: Map<string, number>,
  layerInputs: Map<string, number>,
  biasKinds: Map<string, "vector" | "shared" | "none">,
): void {
  const seen = new Set<string>();
  const layerNames = [...layerUnits.keys()];
  const layout = raw.network?.layout ?? "row";

  raw.questions.forEach((question, index) => {
    const path: DataPath = ["questions", index];
    if (seen.has(question.id)) {
      findings.push({
        code: "problem.duplicateQuestion",
        path: [...path, "id"],
        message: `two questions have the id "${question.id}"; give each question its own id`,
      });
    }
    seen.add(question.id);

    if (NETWORK_KINDS.includes(question.ask) && !raw.network) {
      findings.push({
        code: "problem.needsNetwork",
        path: [...path, "ask"],
        message: `question "${question.id}" asks for ${question.ask}, which needs a network with weights, not an architecture`,
      });
      return;
    }

    if (question.layer === undefined) {
      if (!WHOLE_NETWORK_KINDS.includes(question.ask)) {
        findings.push({
          code: "problem.missingLayer",
          path,
          message: `question "${question.id}" asks for ${question.ask} but names no layer; add layer: one of ${layerNames.join(", ")}`,
        });
      }
      return;
    }

    const units = layerUnits.get(question.layer);
    const fanIn = layerInputs.get(question.layer);
    if (units === undefined || fanIn === undefined) {
      findings.push({
        code: "problem.unknownLayer",
        path: [...path, "layer"],
        message: `question "${question.id}" names layer "${question.layer}", which does not exist; the layers are ${layerNames.join(", ")}`,
      });
      return;
    }

    if ((question.ask === "updated_weights" || question.ask === "updated_bias") && raw.network?.learning_rate === undefined) {
      findings.push({
        code: "problem.missingLearningRate",
        path: [...path, "ask"],
        message: `question "${question.id}" asks for ${question.ask}, which needs network.learning_rate`,
      });
    }

    if ((question.ask === "bias_gradient" || question.ask === "updated_bias") && biasKinds.get(question.layer) === "none") {
      findings.push({
        code: "problem.noBias",
        path: [...path, "ask"],
        message: `question "${question.id}" asks for ${question.ask} of layer "${question.layer}", which has no bias`,
      });
    }

    if (question.cells) checkCells(question, path, units, fanIn, layout, findings);
  });
}

function checkCells(
  question: RawProblem["questions"][number],
  path: DataPath,
  units: number,
  fanIn: number,
  layout: "row" | "column",
  findings: ProblemFinding[],
): void {
  const cells = question.cells!;
  const isMatrix = question.ask === "gradient" || question.ask === "updated_weights";
  // A weight matrix is inputs × units in the row layout and units × inputs in the column layout.
  let [rows, columns] = [1, units];
  if (isMatrix) [rows, columns] = layout === "row" ? [fanIn, units] : [units, fanIn];
  const flat = cells.length === 1 || cells.every((row) => row.length === 1);
  const count = cells.reduce((sum, row) => sum + row.length, 0);
  const fits = isMatrix
    ? cells.length === rows && cells.every((row) => row.length === columns)
    : flat && count === units;

  if (!fits) {
    findings.push({
      code: "problem.shapeMismatch",
      path: [...path, "cells"],
      message: `question "${question.id}" names cells in a ${cells.length}×${cells[0]!.length} grid but its answer is ${rows}×${columns}; give one name per entry, laid out like the answer`,
    });
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
