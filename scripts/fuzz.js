#!/usr/bin/env node
// Fuzzes every reader of nngrade with fast-check: answers files, write-ups, notebooks, problem
// files and rubrics. A reader may return or throw its own coded error (ProblemError, RubricError,
// SubmissionError); any other exception is a bug.
//
//   npm run build && node scripts/fuzz.js --runs 100000 [--seed 42] [--only writeUps]
//
// The same properties run in CI from tests/hostile/fuzz.test.ts, against the TypeScript sources
// and with fewer cases.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The bundled problem files and rubric, the seeds that mutated inputs start from. */
export function bundledInputs() {
  const problemTexts = readdirSync(join(root, "problems"))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => readFileSync(join(root, "problems", name), "utf8"));
  const rubricText = readFileSync(join(root, "rubrics", "backprop-hw.yaml"), "utf8");
  return { problemTexts, rubricText };
}

// Pieces of the formats students and instructors write, so that random inputs reach deep into
// the readers instead of failing at the first character.
const LATEX_PIECES = [
  "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{aligned}",
  "\\end{aligned}", "\\begin{array}{cc}", "\\end{array}", "&", "\\\\", "=", "$$", "$", "\\[", "\\]",
  "\\boxed{", "{", "}", "\\frac{", "\\dfrac{", "\\partial", "w_1", "w_5", "W_1", "W_2", "S_2", "Y_3",
  "\\frac{\\partial L}{\\partial W_1}", "dW1", "dW2", "params", "flops", "## Problem 2", "## Problem 4",
  "2.", "3.", "(b)", "A2.", "Q2", "\n", "\n\n", " ", "  ", "0", "1", "25", "-", "+", ".", "e", "E", "3/4",
  "\\times 10^{", "10^", "\\cdot", "\\left(", "\\right)", "\\left[", "\\right]", "[", "]", "(", ")",
  ",", ";", ":", "---\n", "student: x\n", "%", "\\begin{document}", "\\text{", "\\mathbf{", "\\,",
  "\\approx", "\\infty", "NaN", "1e999", "−", "×", "·", "é", "\u0000", "\u202e", "\ud83d\ude00", "```",
  "- ", "* ", "> ", "|", "\\href{javascript:alert(1)}{", "<script>", "__proto__",
];

const YAML_PIECES = [
  "answers:", "student:", "p2-linear:", "p3-relu:", "p4-mlp-size:", "2:", "Problem 2:", "dW1:", "dW2:",
  "params:", "w1:", "S2:", "\n", "\n  ", "\n    ", " ", "[", "]", "{", "}", ",", ": ", "- ", "&a ", "*a",
  "!!binary ", "!!str ", "\"", "'", "1", "2.5", "-0", "1e999", ".nan", ".inf", "0x10", "0o7",
  "123456789012345678901234567890", "\"3/4\"", "\"\\\\frac{1}{2}\"", "__proto__", "constructor", "#",
  "|", ">", "? ", "%YAML 1.2\n", "---\n", "...\n", "~", "null", "true", "<<: *a", "\t", "\u0000",
];

/** Text made of format pieces and arbitrary characters. */
function soup(pieces, maxLength) {
  const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) });
  return fc.array(piece, { maxLength }).map((parts) => parts.join(""));
}

const LABELS = [
  "w_1", "w_5", "W_1", "W_2", "S_2", "Y_3", "\\frac{\\partial L}{\\partial W_1}", "dL/dW_2", "dW1", "params",
  "parameters", "FLOPs", "L", "\\delta_3", "(b)",
];
const NUMBERS = ["0", "25", "-3.5", "1/4", "\\frac{3}{4}", "2.5e-3", "2.5 \\times 10^{-3}", "669706", "1,338,378", "1e999", "−2", "0,5"];

/** A number, a matrix in one of the notations write-ups use, or a few random pieces. */
const writtenValue = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc
    .tuple(
      fc.constantFrom("bmatrix", "pmatrix", "array}{cc"),
      fc.array(fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    )
    .map(([environment, rows]) => `\\begin{${environment}} ${rows.map((row) => row.join(" & ")).join(" \\\\ ")} \\end{${environment.split("}")[0]}}`),
  fc.array(fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) => JSON.stringify(rows).replace(/"/g, "")),
  fc.array(fc.constantFrom(...LATEX_PIECES), { maxLength: 6 }).map((parts) => parts.join("")),
);

/** One line of a write-up: a problem heading, a labelled result, or noise. */
const writtenLine = fc.oneof(
  fc.constantFrom("## Problem 2", "## Problem 3", "## Problem 4", "2.", "**Problem 3**", "\\section{Problem 2}", "", "---"),
  fc
    .tuple(fc.constantFrom(...LABELS), fc.array(writtenValue, { minLength: 1, maxLength: 3 }), fc.constantFrom("", "$$", "$", "\\boxed"), fc.boolean())
    .map(([label, values, math, boxed]) => {
      const last = boxed ? `\\boxed{${values.at(-1)}}` : values.at(-1);
      const statement = [label, ...values.slice(0, -1), last].join(" = ");
      return math === "\\boxed" || math === "" ? statement : `${math}${statement}${math}`;
    }),
  fc.array(fc.constantFrom(...LATEX_PIECES), { maxLength: 8 }).map((parts) => parts.join("")),
);

/** A write-up: lines shaped like real ones, with noise between them. */
const writeUp = fc.oneof(
  { weight: 2, arbitrary: fc.array(writtenLine, { maxLength: 25 }).map((lines) => lines.join("\n")) },
  { weight: 1, arbitrary: soup(LATEX_PIECES, 120) },
);

/** Numbers as answers hold them, the awkward ones included. */
const answerValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 3, arbitrary: tie("scalar") },
    { weight: 2, arbitrary: fc.array(tie("scalar"), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.array(fc.array(tie("scalar"), { maxLength: 4 }), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  ),
  scalar: fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
    fc.constantFrom("3/4", "2.5e-3", "\\frac{1}{2}", "10^{999}", "1e999", "NaN", "", "0,5", "1\\,000", "−3"),
    fc.string({ maxLength: 8 }),
    fc.constant(null),
  ),
}));

/** An answers file as data: known and unknown problems and questions. */
const answersData = fc.record(
  {
    student: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constantFrom("../x", "CON", "__proto__")),
    answers: fc.dictionary(
      fc.oneof(fc.constantFrom("p2-linear", "p3-relu", "p4-mlp-size", "p5-sigmoid", "2", "Problem 3", "__proto__"), fc.string({ maxLength: 6 })),
      fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom("dW1", "dW2", "S2", "Y3", "params", "flops", "w1", "w5", "W_1", "loss", "constructor"), fc.string({ maxLength: 6 })),
          answerValue.value,
          { maxKeys: 6 },
        ),
        answerValue.value,
      ),
      { maxKeys: 4 },
    ),
  },
  { requiredKeys: [] },
);

const notebookCell = fc.record(
  {
    cell_type: fc.oneof(fc.constantFrom("markdown", "code", "raw"), fc.string({ maxLength: 5 })),
    source: fc.oneof(writeUp, fc.array(writtenLine.map((line) => `${line}\n`), { maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    outputs: fc.array(
      fc.record(
        {
          output_type: fc.constantFrom("stream", "execute_result", "display_data", "error"),
          text: fc.oneof(soup(LATEX_PIECES, 10), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
          data: fc.record({ "text/plain": fc.oneof(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })) }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

/** A change to parsed YAML data: set, delete or add a value at a path chosen by numbers. */
const mutation = fc.record({
  kind: fc.constantFrom("set", "set", "delete", "add"),
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  key: fc.oneof(fc.constantFrom("__proto__", "constructor", "tolerance", "layer", "bias", "cells", "expected", "units"), fc.string({ maxLength: 6 })),
  value: fc.oneof(
    answerValue.value,
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e300, -1, 0, 2 ** 60, "relu", "softmax", "column", []),
    fc.jsonValue({ maxDepth: 3 }),
  ),
});

/** Applies mutations to a deep copy of `data`, walking each path by index into keys or items. */
function mutate(data, mutations) {
  const copy = structuredClone(data);
  for (const { kind, path, key, value } of mutations) {
    let parent = null;
    let slot = null;
    let node = copy;
    for (const step of path) {
      if (node === null || typeof node !== "object") break;
      const keys = Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node);
      if (keys.length === 0) break;
      parent = node;
      slot = keys[step % keys.length];
      node = node[slot];
    }
    if (parent === null) continue;
    if (kind === "set") parent[slot] = value;
    else if (kind === "delete" && Array.isArray(parent)) parent.splice(slot, 1);
    else if (kind === "delete") delete parent[slot];
    else if (Array.isArray(parent)) parent.push(value);
    else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Writes data as YAML, or as JSON (which YAML also reads), NaN and infinities included. */
function serialise(data, asJson) {
  if (!asJson) return stringifyYaml(data);
  return JSON.stringify(data, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? `__${value}__` : value)).replace(
    /"__(NaN|Infinity|-Infinity)__"/g,
    (_match, word) => ({ NaN: ".nan", Infinity: ".inf", "-Infinity": "-.inf" })[word],
  );
}

/**
 * Builds the fuzz properties over the given nngrade modules (from src/ in tests, from dist/ here).
 * Each property fails when a reader throws anything but its own coded error, or returns an
 * answer with an impossible line. An answer with neither value nor error is allowed: a Markdown
 * table row naming a question without a value gives one, and grading reports it as unreadable.
 */
export function buildProperties(api) {
  const { parseProblem, parseRubric, buildRubric, readSubmission, solveChecked, ProblemError, RubricError, SubmissionError } = api;
  const { problemTexts, rubricText } = bundledInputs();
  const problems = problemTexts.map((text, index) => parseProblem(text, `problem-${index}.yaml`));
  const problemData = problemTexts.map((text) => parseYaml(text));
  const rubricData = parseYaml(rubricText);

  const expectCoded = (error, ...classes) => {
    if (classes.some((errorClass) => error instanceof errorClass)) return;
    throw error;
  };

  const readChecked = (text, file) => {
    const bytes = Buffer.from(text);
    let submission;
    try {
      submission = readSubmission({ bytes, file }, problems);
    } catch (error) {
      expectCoded(error, SubmissionError);
      return;
    }
    const lines = text.split(/\r\n?|\n/).length;
    for (const answer of submission.answers) {
      if (!(answer.line >= 1 && answer.line <= lines + 1)) {
        throw new Error(`answer ${answer.problem}.${answer.question} points at line ${answer.line} of ${lines}`);
      }
    }
  };

  return {
    answersFiles: fc.property(
      fc.oneof(
        { weight: 2, arbitrary: fc.tuple(answersData, fc.boolean()).map(([data, asJson]) => ({ text: serialise(data, asJson), file: asJson ? "a.json" : "a.yaml" })) },
        { weight: 1, arbitrary: soup(YAML_PIECES, 60).map((text) => ({ text, file: "a.yaml" })) },
        { weight: 1, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ text, file: "a.json" })) },
      ),
      ({ text, file }) => readChecked(text, file),
    ),

    writeUps: fc.property(
      writeUp,
      fc.constantFrom("w.md", "w.tex", "w.txt", "w.markdown"),
      (text, file) => readChecked(text, file),
    ),

    notebooks: fc.property(
      fc.oneof(
        { weight: 3, arbitrary: fc.record({ cells: fc.array(notebookCell, { maxLength: 5 }) }, { requiredKeys: [] }).map((data) => JSON.stringify(data)) },
        { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
        { weight: 1, arbitrary: soup(YAML_PIECES, 40) },
      ),
      (text) => readChecked(text, "n.ipynb"),
    ),

    problems: fc.property(
      fc.nat({ max: problemData.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (index, mutations, asJson) => {
        const text = serialise(mutate(problemData[index], mutations), asJson);
        let problem;
        try {
          problem = parseProblem(text, "fuzzed.yaml");
        } catch (error) {
          expectCoded(error, ProblemError);
          return;
        }
        try {
          solveChecked(problem);
        } catch (error) {
          expectCoded(error, ProblemError);
        }
      },
    ),

    rubrics: fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asJson) => {
      const text = serialise(mutate(rubricData, mutations), asJson);
      let rubricFile;
      try {
        rubricFile = parseRubric(text, "fuzzed.yaml");
      } catch (error) {
        expectCoded(error, RubricError);
        return;
      }
      // Loading from files is not fuzzed: a reference to a problem that is not bundled ends here.
      const loaded = rubricFile.problems.map((reference) => problems.find((problem) => problem.id === reference.reference));
      if (loaded.some((problem) => problem === undefined)) return;
      try {
        buildRubric(rubricFile, loaded);
      } catch (error) {
        expectCoded(error, RubricError);
      }
    }),
  };
}

/** Loads the built modules from dist/. */
async function loadDist() {
  const load = (path) => import(pathToFileURL(join(root, "dist", path)).href);
  const [load_, rubric, read, solving, errors] = await Promise.all([
    load("problem/load.js"),
    load("grading/rubric.js"),
    load("submission/read.js"),
    load("commands/solving.js"),
    load("errors.js"),
  ]);
  return {
    parseProblem: load_.parseProblem,
    parseRubric: rubric.parseRubric,
    buildRubric: rubric.buildRubric,
    readSubmission: read.readSubmission,
    SubmissionError: read.SubmissionError,
    solveChecked: solving.solveChecked,
    ProblemError: errors.ProblemError,
    RubricError: errors.RubricError,
  };
}

function parseArguments(argv) {
  const options = { runs: 10_000, seed: Date.now() % 2 ** 31, only: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--runs") options.runs = Number(value);
    else if (flag === "--seed") options.seed = Number(value);
    else if (flag === "--only") options.only = value;
    else if (flag === "--help") {
      process.stdout.write("usage: node scripts/fuzz.js [--runs N] [--seed N] [--only answersFiles|writeUps|notebooks|problems|rubrics]\n");
      process.exit(0);
    } else {
      process.stderr.write(`fuzz: unknown argument ${flag}; run with --help\n`);
      process.exit(2);
    }
    i += 1;
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    process.stderr.write("fuzz: --runs needs a positive whole number\n");
    process.exit(2);
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let properties;
  try {
    properties = buildProperties(await loadDist());
  } catch (error) {
    process.stderr.write(`fuzz: could not load dist/ (${error.message}); run npm run build first\n`);
    process.exit(2);
  }

  let failed = false;
  for (const [name, property] of Object.entries(properties)) {
    if (options.only !== null && name !== options.only) continue;
    const started = Date.now();
    const details = fc.check(property, { numRuns: options.runs, seed: options.seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (details.failed) {
      failed = true;
      process.stdout.write(`${name}: FAILED after ${details.numRuns} runs (${seconds} s)\n${fc.defaultReportMessage(details)}\n`);
    } else {
      process.stdout.write(`${name}: ${details.numRuns} runs passed (${seconds} s, seed ${options.seed})\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
