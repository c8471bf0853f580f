import { ProblemError, type Location } from "../errors.js";
import { checkProblemSchema } from "./schema.js";
import { checkProblemMeaning } from "./check.js";
import { findNonFiniteNumber, isYamlSyntaxError, parseLocatedYaml, type LocatedYaml } from "./yaml.js";
import {
  DEFAULT_FLOP_CONVENTION,
  type ActivationName,
  type Architecture,
  type Layer,
  type LossName,
  type Matrix,
  type Network,
  type Problem,
  type Question,
  type QuestionKind,
  type ToleranceSpec,
} from "./types.js";

/** Problem file data after the schema check, in the spelling of the YAML file. */
export interface RawProblem {
  id: string;
  number: number;
  aliases?: string[];
  title: string;
  statement?: string;
  tolerance?: ToleranceSpec;
  network?: {
    layout?: "row" | "column";
    input: number[];
    layers: {
      name: string;
      weights: Matrix;
      bias?: number | number[];
      activation: ActivationName;
      alpha?: number;
    }[];
    loss: LossName;
    target: number[];
    learning_rate?: number;
  };
  architecture?: {
    input: number;
    layers: { name: string; units: number; activation?: ActivationName; bias?: boolean }[];
  };
  questions: {
    id: string;
    ask: QuestionKind;
    layer?: string;
    aliases?: string[];
    cells?: string[][];
    expected?: unknown;
    tolerance?: ToleranceSpec;
    convention?: { per_mac?: number; bias_add?: number; activation?: number };
  }[];
}

const DEFAULT_LEAKY_RELU_ALPHA = 0.01;

/**
 * Returns true for the data of a rubric file. A rubric needs `assignment` and `problems`, which
 * the problem schema rejects as unknown fields, and only a problem has `questions`.
 */
function isRubricData(record: Record<string, unknown>): boolean {
  return "assignment" in record && "problems" in record && !("questions" in record);
}

/**
 * Parses and checks the text of a problem file. Throws a ProblemError that names the file, the
 * line and the field for the first thing wrong, and says what was expected.
 */
export function parseProblem(text: string, file: string): Problem {
  const result = checkProblemText(text, file);
  const first = result.errors[0];
  if (first) throw first;
  return result.problem!;
}

/**
 * Checks the text of a problem file and returns every error found, in file order, with the
 * problem when there is none. Errors of meaning (shapes, layers) are looked for only once the
 * file matches its schema, since they would otherwise repeat the schema's complaints.
 */
export function checkProblemText(text: string, file: string): { problem: Problem | null; errors: ProblemError[] } {
  const fail = (error: ProblemError): { problem: null; errors: ProblemError[] } => ({ problem: null, errors: [error] });
  const parsed = parseLocatedYaml(text, file);
  if (isYamlSyntaxError(parsed)) {
    return fail(new ProblemError("problem.invalidYaml", `${parsed.message} (fix the YAML syntax)`, parsed.location));
  }

  const data = parsed.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return fail(
      new ProblemError(
        "problem.notAMapping",
        "a problem file must be a YAML mapping with id, number, title, network (or architecture) and questions",
        { file, line: 1, column: 1 },
      ),
    );
  }

  const record = data as Record<string, unknown>;
  if (isRubricData(record)) {
    return fail(
      new ProblemError(
        "problem.isRubric",
        "this is a rubric (it has `assignment` and `problems`), not a problem file; give one of the problem files it lists instead",
        { file, line: 1, column: 1 },
      ),
    );
  }
  if (("network" in record) === ("architecture" in record)) {
    return fail(
      new ProblemError(
        "problem.networkOrArchitecture",
        "a problem needs exactly one of `network` (weights, for forward and backward passes) or `architecture` (layer sizes, for counting)",
        { file, line: 1, column: 1 },
      ),
    );
  }

  // JSON Schema's "number" (and ajv's "integer") accept NaN and infinities, which would make the
  // solver's answers NaN or a tolerance accept anything.
  const nonFinite = findNonFiniteNumber(data);
  if (nonFinite) {
    return fail(
      new ProblemError(
        "problem.notFinite",
        `"${nonFinite.path.join(".")}" is ${nonFinite.value}; every number in a problem must be finite, so replace it with an ordinary number`,
        parsed.locate(nonFinite.path),
      ),
    );
  }

  const issues = checkProblemSchema(data);
  if (issues.length > 0) {
    const errors = issues.map((issue) => new ProblemError("problem.schema", issue.message, parsed.locate(issue.path)));
    return { problem: null, errors: sortByLine(errors) };
  }

  const raw = data as RawProblem;
  const findings = checkProblemMeaning(raw);
  if (findings.length > 0) {
    const errors = findings.map((finding) => new ProblemError(finding.code, finding.message, parsed.locate(finding.path)));
    return { problem: null, errors: sortByLine(errors) };
  }

  return { problem: buildProblem(raw, file, parsed), errors: [] };
}

function sortByLine(errors: ProblemError[]): ProblemError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => (a.error.location?.line ?? 0) - (b.error.location?.line ?? 0) || a.index - b.index)
    .map(({ error }) => error);
}

function buildProblem(raw: RawProblem, file: string, parsed: LocatedYaml): Problem {
  return {
    id: raw.id,
    number: raw.number,
    aliases: raw.aliases ?? [],
    title: raw.title,
    statement: raw.statement ?? "",
    file,
    network: raw.network ? buildNetwork(raw.network) : null,
    architecture: raw.architecture ? buildArchitecture(raw.architecture) : null,
    tolerance: raw.tolerance ?? {},
    questions: raw.questions.map((question, index) => buildQuestion(question, parsed.locate(["questions", index]))),
  };
}

function buildNetwork(raw: NonNullable<RawProblem["network"]>): Network {
  const layout = raw.layout ?? "row";
  const layers: Layer[] = raw.layers.map((layer) => ({
    name: layer.name,
    // The solver works in the row layout only; a column-layout file is transposed once here.
    weights: layout === "column" ? transpose(layer.weights) : layer.weights,
    bias: layer.bias ?? null,
    activation: layer.activation,
    alpha: layer.alpha ?? DEFAULT_LEAKY_RELU_ALPHA,
  }));

  return {
    layout,
    input: raw.input,
    layers,
    loss: raw.loss,
    target: raw.target,
    learningRate: raw.learning_rate ?? null,
  };
}

function buildArchitecture(raw: NonNullable<RawProblem["architecture"]>): Architecture {
  return {
    input: raw.input,
    layers: raw.layers.map((layer) => ({
      name: layer.name,
      units: layer.units,
      activation: layer.activation ?? "identity",
      bias: layer.bias ?? true,
    })),
  };
}

function buildQuestion(raw: RawProblem["questions"][number], location: Location): Question {
  const convention = raw.convention ?? {};
  return {
    id: raw.id,
    kind: raw.ask,
    layer: raw.layer ?? null,
    aliases: raw.aliases ?? [],
    cells: raw.cells ?? null,
    expected: raw.expected,
    line: location.line,
    tolerance: raw.tolerance ?? {},
    convention: {
      perMac: convention.per_mac ?? DEFAULT_FLOP_CONVENTION.perMac,
      biasAdd: convention.bias_add ?? DEFAULT_FLOP_CONVENTION.biasAdd,
      activation: convention.activation ?? DEFAULT_FLOP_CONVENTION.activation,
    },
  };
}

/** Returns the transpose of a matrix. */
export function transpose(matrix: Matrix): Matrix {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  return Array.from({ length: columns }, (_, j) => Array.from({ length: rows }, (_, i) => matrix[i]![j]!));
}
