// Synthetic classes for the benchmark: write-ups and answers files for problems 2, 3 and 4 of
// the bundled assignment, with seeded mistakes, plus one large write-up for reading throughput.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const PROBLEMS_FOLDER = new URL("../problems/", import.meta.url);
const PROBLEM_IDS = ["p2-linear", "p3-relu", "p4-mlp-size"];

/** Shares of each submission form; write-ups make up 80% and answers files 20%. */
const FORMS = [
  { form: "markdown-headings", share: 0.32 },
  { form: "markdown-numbered", share: 0.28 },
  { form: "latex", share: 0.12 },
  { form: "folder", share: 0.08 },
  { form: "yaml", share: 0.12 },
  { form: "json", share: 0.08 },
];

/** Probability that a submission has no injected mistake at all. */
const CLEAN_SHARE = 0.4;

const MISTAKE_KINDS = ["transposed", "signFlip", "wrongEntry", "missingQuestion", "wrongCount"];

const FIRST_NAMES = [
  "amara", "bruno", "carla", "dmitri", "esme", "felix", "greta", "hugo", "ines", "jonas",
  "kira", "luca", "mei", "nadia", "omar", "priya", "quinn", "rosa", "sami", "tomas",
  "uma", "viktor", "wen", "ximena", "yusuf", "zoe",
];
const LAST_NAMES = [
  "abara", "berg", "castillo", "dubois", "eriksen", "fontaine", "garcia", "hoang", "ivanova",
  "jensen", "kowalski", "lindqvist", "mensah", "nakamura", "okoye", "petrov", "quispe", "rossi",
  "sato", "tanaka", "umarov", "varga", "weber", "xu", "yilmaz", "zhou",
];

/**
 * Creates a PRNG returning floats in [0, 1) from a 32-bit seed (the mulberry32 generator), so
 * every class is the same for the same seed.
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `count` submissions into `folder` (created if needed) and returns what was written:
 * one entry per student with its path relative to `folder`, its form and the injected mistakes.
 */
export function generateClass(folder, count, seed) {
  const key = loadKey();
  const random = mulberry32(seed);
  mkdirSync(folder, { recursive: true });

  const manifest = [];
  for (let index = 0; index < count; index += 1) {
    const student = studentId(index, random);
    const form = pickForm(random);
    const answers = cloneAnswers(key);
    const mistakes = random() < CLEAN_SHARE ? [] : injectMistakes(answers, key, random);
    const file = writeSubmission(folder, student, form, answers, key, random);
    manifest.push({ student, file, form, mistakes });
  }
  return manifest;
}

/**
 * Writes one Markdown write-up of about `megabytes` × 2^20 bytes to `path`: many repeated
 * derivation lines spread over the three problems, each problem ending with its correct answers.
 * Returns the size in bytes.
 */
export function generateLargeWriteup(path, megabytes) {
  const key = loadKey();
  const answers = cloneAnswers(key);
  const targetBytes = Math.round(megabytes * 1024 * 1024);
  const random = mulberry32(7);

  const header = "# Homework 3: backpropagation, long version\n\nWorked by hand, every step written out.\n\n";
  const sections = PROBLEM_IDS.map((problemId) => ({
    problemId,
    answerText: headingsSection(problemId, answers, key, random, { fillerLines: 0 }),
  }));
  const fixedBytes =
    Buffer.byteLength(header) +
    sections.reduce((sum, section) => sum + Buffer.byteLength(section.answerText), 0);
  const fillerBytesPerProblem = Math.max(0, (targetBytes - fixedBytes) / sections.length);

  const parts = [header];
  for (const section of sections) {
    // The filler goes between the section's heading and its answers. The reader then has to
    // scan all of it inside the problem's section.
    const [heading, ...rest] = section.answerText.split("\n");
    parts.push(`${heading}\n\n`);
    parts.push(fillerBlock(section.problemId, fillerBytesPerProblem));
    parts.push(rest.join("\n"));
  }

  const text = parts.join("");
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

// ---------------------------------------------------------------------------------------------
// The answer key

/** Reads the network, sizes and `expected` values of the three problems from problems/*.yaml. */
function loadKey() {
  const key = {};
  for (const problemId of PROBLEM_IDS) {
    const text = readFileSync(new URL(`${problemId}.yaml`, PROBLEMS_FOLDER), "utf8");
    const problem = parse(text);
    const expected = {};
    for (const question of problem.questions) {
      if (question.expected === undefined) {
        throw new Error(`problems/${problemId}.yaml: question "${question.id}" has no expected value; the generator needs one for every question`);
      }
      expected[question.id] = question.expected;
    }
    key[problemId] = { number: problem.number, network: problem.network, architecture: problem.architecture, expected };
  }
  return key;
}

function cloneAnswers(key) {
  const answers = {};
  for (const problemId of PROBLEM_IDS) answers[problemId] = structuredClone(key[problemId].expected);
  return answers;
}

// ---------------------------------------------------------------------------------------------
// Mistakes

/** Applies one or two random mistakes to `answers` and returns their descriptions. */
function injectMistakes(answers, key, random) {
  const mistakes = [];
  const mistakeCount = random() < 0.7 ? 1 : 2;
  for (let attempt = 0; attempt < 10 && mistakes.length < mistakeCount; attempt += 1) {
    const kind = pick(MISTAKE_KINDS, random);
    const mistake = applyMistake(kind, answers, key, random, mistakes);
    if (mistake) mistakes.push(mistake);
  }
  return mistakes;
}

/**
 * Applies one mistake of `kind` and returns its description, or null when the chosen question
 * is already missing or already has a mistake (a second transposition would undo the first).
 */
function applyMistake(kind, answers, key, random, earlier) {
  const alreadyChanged = (problemId, question) =>
    answers[problemId][question] === undefined ||
    earlier.some((mistake) => mistake.problem === problemId && mistake.question === question);
  const gradients = [
    ["p2-linear", "dW1"], ["p2-linear", "dW2"], ["p3-relu", "dW1"], ["p3-relu", "dW2"],
  ];

  if (kind === "transposed") {
    const [problemId, question] = pick(gradients, random);
    if (alreadyChanged(problemId, question)) return null;
    answers[problemId][question] = transpose(answers[problemId][question]);
    return { kind, problem: problemId, question };
  }

  if (kind === "signFlip") {
    const [problemId, question] = pick(gradients, random);
    if (alreadyChanged(problemId, question)) return null;
    answers[problemId][question] = answers[problemId][question].map((row) => row.map((entry) => (entry === 0 ? 0 : -entry)));
    return { kind, problem: problemId, question };
  }

  if (kind === "wrongEntry") {
    const problemId = pick(["p2-linear", "p3-relu"], random);
    const question = pick(Object.keys(answers[problemId]), random);
    if (question === undefined || alreadyChanged(problemId, question)) return null;
    const value = answers[problemId][question];
    const matrix = Array.isArray(value[0]) ? value : [value];
    const row = Math.floor(random() * matrix.length);
    const column = Math.floor(random() * matrix[row].length);
    matrix[row][column] += pick([1, -1, 2, 5, 10], random);
    return { kind, problem: problemId, question, cell: [row, column] };
  }

  if (kind === "missingQuestion") {
    const problemId = pick(PROBLEM_IDS, random);
    const present = Object.keys(answers[problemId]);
    if (present.length <= 1) return null;
    const question = pick(present, random);
    if (alreadyChanged(problemId, question)) return null;
    delete answers[problemId][question];
    return { kind, problem: problemId, question };
  }

  // wrongCount: the usual slips are forgetting the biases or counting 2 FLOPs per parameter.
  const expected = key["p4-mlp-size"].expected;
  const slips = [
    ["params", expected.params - biasCount(key)],
    ["flops", 2 * expected.params],
    ["flops", expected.flops - biasCount(key)],
  ];
  const [question, value] = pick(slips, random);
  if (alreadyChanged("p4-mlp-size", question)) return null;
  answers["p4-mlp-size"][question] = value;
  return { kind, problem: "p4-mlp-size", question };
}

function biasCount(key) {
  return key["p4-mlp-size"].architecture.layers.reduce((sum, layer) => sum + (layer.bias ? layer.units : 0), 0);
}

// ---------------------------------------------------------------------------------------------
// Writing one submission

function writeSubmission(folder, student, form, answers, key, random) {
  if (form === "yaml" || form === "json") {
    const file = `${student}.${form}`;
    writeFileSync(join(folder, file), form === "yaml" ? answersYaml(student, answers, random) : answersJson(student, answers, random));
    return file;
  }

  if (form === "latex") {
    const file = `${student}.tex`;
    writeFileSync(join(folder, file), varyTyping(latexWriteup(student, answers, key, random), random));
    return file;
  }

  const style = form === "markdown-numbered" ? "numbered" : pick(["headings", "numbered"], random);
  const written = style === "numbered" ? numberedWriteup(student, answers, key, random) : headingsWriteup(student, answers, key, random);
  const text = varyTyping(written, random);
  if (form === "folder") {
    mkdirSync(join(folder, student), { recursive: true });
    const file = join(student, pick(["hw3-writeup.md", "homework3.md", "answers.md"], random));
    writeFileSync(join(folder, file), text);
    return file;
  }
  const file = `${student}.md`;
  writeFileSync(join(folder, file), text);
  return file;
}

/**
 * Varies how a write-up is typed, as students do: the matrix environment, the spacing around `&`,
 * `\\` and `=`, and whole numbers written with decimals (2.0). Without it most lines would be
 * the same in every write-up of the class, which no real class is, and a reader that reuses what
 * it read before would look faster here than it is.
 */
function varyTyping(text, random) {
  // Each student keeps the same habits through the whole write-up.
  const environment = pick(["bmatrix", "bmatrix", "pmatrix"], random);
  const decimals = pick([0, 0, 0, 1, 2], random);
  const equals = pick([" = ", " = ", "=", "  =  "], random);
  const cell = pick([" & ", " & ", "&", " &", "& "], random);
  const row = pick([" \\\\ ", " \\\\ ", "\\\\", " \\\\"], random);
  const margin = pick([" ", " ", ""], random);
  const varied = text.replace(/\\begin\{([bp])matrix\}(.*?)\\end\{\1matrix\}/g, (_match, _kind, body) => {
    const rows = body
      .trim()
      .split(/\s*\\\\\s*/)
      .map((line) => line.split(/\s*&\s*/).map((entry) => withDecimals(entry, decimals)).join(cell))
      .join(row);
    return `\\begin{${environment}}${margin}${rows}${margin}\\end{${environment}}`;
  });
  return varied.replace(/ = /g, equals);
}

/** Writes a whole number such as 25 as 25.0 or 25.00, and anything else as it is. */
function withDecimals(entry, decimals) {
  return decimals > 0 && /^-?\d+$/.test(entry) ? `${entry}.${"0".repeat(decimals)}` : entry;
}

/** Formats an answers file in YAML as a student would type it, with flow lists and some counts quoted. */
function answersYaml(student, answers, random) {
  const lines = [`student: ${student}`, "answers:"];
  for (const problemId of PROBLEM_IDS) {
    const questions = Object.entries(answers[problemId]);
    if (questions.length === 0) continue;
    lines.push(`  ${problemId}:`);
    for (const [question, value] of questions) {
      lines.push(`    ${question}: ${yamlValue(value, random)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function yamlValue(value, random) {
  if (typeof value === "number") return random() < 0.3 ? `"${value}"` : String(value);
  if (Array.isArray(value[0])) return `[${value.map((row) => `[${row.join(", ")}]`).join(", ")}]`;
  return `[${value.join(", ")}]`;
}

function answersJson(student, answers, random) {
  const body = { student, answers: {} };
  for (const problemId of PROBLEM_IDS) {
    const questions = answers[problemId];
    if (Object.keys(questions).length === 0) continue;
    body.answers[problemId] = {};
    for (const [question, value] of Object.entries(questions)) {
      body.answers[problemId][question] = typeof value === "number" && random() < 0.3 ? String(value) : value;
    }
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown write-up with "## Problem N" headings

function headingsWriteup(student, answers, key, random) {
  const title = pick(["# Homework 3: backpropagation", "# HW 3", "# Neural networks, homework 3"], random);
  const parts = [`${title}\n\n${displayName(student)}\n\n`];
  for (const problemId of PROBLEM_IDS) {
    parts.push(headingsSection(problemId, answers, key, random, { fillerLines: 2 + Math.floor(random() * 5) }));
  }
  return parts.join("");
}

function headingsSection(problemId, answers, key, random, { fillerLines }) {
  const number = key[problemId].number;
  const heading = pick([`## Problem ${number}`, `### ${number}.`, `## Question ${number}`], random);
  const submitted = answers[problemId];
  const lines = [heading, ""];

  if (problemId === "p4-mlp-size") {
    lines.push("Layers of 784, 512, 512 and 10 units, every one with a bias.", "");
    if (submitted.params !== undefined) {
      lines.push(`$$\\text{Number of parameters} = 784 \\cdot 512 + 512 \\cdot 512 + 512 \\cdot 10 + (512 + 512 + 10) = ${submitted.params}$$`, "");
    }
    if (submitted.flops !== undefined) {
      lines.push(`$$\\text{Number of operations} = 2 \\cdot 668672 + 1034 = ${submitted.flops}$$`, "");
    }
    return `${lines.join("\n")}\n`;
  }

  const { input, layers } = key[problemId].network;
  const [hidden, output] = layers.map((layer) => layer.weights);
  const { delta2, delta3 } = deltas(key[problemId]);

  lines.push(pick(["Forward pass, hidden layer first:", "Forward pass:", "First the forward pass."], random), "");
  if (submitted.S2 !== undefined) lines.push(`$$S_2 = x W_1 = ${bmatrix(input)} ${bmatrix(hidden)} = ${bmatrix(submitted.S2)}$$`, "");
  if (submitted.Y2 !== undefined) lines.push(`$$Y_2 = ${activationName(problemId)}(S_2) = ${bmatrix(submitted.Y2)}$$`, "");
  if (submitted.S3 !== undefined) lines.push(`$$S_3 = Y_2 W_2 = ${bmatrix(key[problemId].expected.Y2)} ${bmatrix(output)} = ${bmatrix(submitted.S3)}$$`, "");
  if (submitted.Y3 !== undefined) lines.push(`$$Y_3 = ${bmatrix(submitted.Y3)}$$`, "");

  for (const line of fillerLines > 0 ? derivationLines(random, fillerLines) : []) lines.push(line, "");
  lines.push(`Output error of the half squared error: $\\delta_3 = (Y_3 - T) \\odot \\phi'(S_3) = ${bmatrix(delta3)}$.`, "");

  if (submitted.dW2 !== undefined) {
    lines.push(`$$\\frac{\\partial L}{\\partial W_2} = Y_2^T \\delta_3 = ${bmatrix(columnOf(key[problemId].expected.Y2))} ${bmatrix(delta3)} = ${bmatrix(submitted.dW2)}$$`, "");
  }
  lines.push(`Hidden error: $\\delta_2 = \\delta_3 W_2^T \\odot \\phi'(S_2) = ${bmatrix(delta2)}$.`, "");
  if (submitted.dW1 !== undefined) {
    lines.push(`$$\\frac{\\partial L}{\\partial W_1} = x^T \\delta_2 = ${bmatrix(columnOf(input))} ${bmatrix(delta2)} = ${bmatrix(submitted.dW1)}$$`, "");
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown write-up numbered "$$2. S_2 = …$$", one weight at a time, as students often type it

function numberedWriteup(student, answers, key, random) {
  const parts = [pick([`${displayName(student)}, HW3\n\n`, `${displayName(student)}\n\n`, "\n\n"], random)];
  for (const problemId of PROBLEM_IDS) parts.push(numberedSection(problemId, answers, key, random));
  return parts.join("");
}

function numberedSection(problemId, answers, key, random) {
  const number = key[problemId].number;
  const submitted = answers[problemId];
  const lines = [];

  if (problemId === "p4-mlp-size") {
    lines.push(`For a single image :`, "", `${number}. input layer : 28×28`, "first hidden layer : 512", "second hidden layer : 512", "output layer : 10", "");
    if (submitted.params !== undefined) {
      lines.push(`$$\\text{Number of parameters} = (28 \\times 28 \\times 512) + (512 \\times 512) + (512 \\times 10) + (512 + 512 + 10) = ${submitted.params}$$`, "");
    }
    if (submitted.flops !== undefined) {
      lines.push(`$$\\text{Number of operations} = (2 \\times (28 \\times 28 \\times 512) + 512) + (2 \\times (512 \\times 512) + 512) + (2 \\times (512 \\times 10) + 10) = ${submitted.flops}$$`, "");
    }
    return `${lines.join("\n")}\n`;
  }

  const { input, layers } = key[problemId].network;
  const [hidden, output] = layers.map((layer) => layer.weights);

  // The first line carries the problem number; when S_2 is missing, a short line does instead.
  if (submitted.S2 !== undefined) {
    lines.push(`$$${number}. S_2 = \\begin{bmatrix} s_{21} & s_{22} \\end{bmatrix} = ${bmatrix(input)} ${bmatrix(hidden)} = ${bmatrix(submitted.S2)}$$`, "");
  } else {
    lines.push(`${number}. Same network as before${problemId === "p3-relu" ? " with a ReLU after each layer" : ""}.`, "");
  }
  if (submitted.Y2 !== undefined) lines.push(`$$Y_2 = ${bmatrix(submitted.Y2)}$$`, "");
  if (submitted.S3 !== undefined) lines.push(`$$S_3 = ${bmatrix(key[problemId].expected.Y2)} ${bmatrix(output)} = ${bmatrix(submitted.S3)}$$`, "");
  if (submitted.Y3 !== undefined) lines.push(`$$Y_3 = ${bmatrix(submitted.Y3)}$$`, "");

  for (const line of derivationLines(random, 2 + Math.floor(random() * 4))) lines.push(line, "");

  // Gradients one weight at a time (w_1 … w_8 name the cells), then gathered into a matrix.
  const byCells = random() < 0.5;
  for (const [question, cellNames] of [["dW1", [["1", "3"], ["2", "4"]]], ["dW2", [["5", "7"], ["6", "8"]]]]) {
    const value = submitted[question];
    if (value === undefined) continue;
    if (byCells) {
      for (let row = 0; row < 2; row += 1) {
        for (let column = 0; column < 2; column += 1) {
          const cell = cellNames[row][column];
          lines.push(`$$w_{${cell}\\text{new}} = \\frac{\\partial L}{\\partial w_${cell}} = \\boxed{${value[row][column]}}$$`, "");
        }
      }
    }
    const layer = question === "dW1" ? "1" : "2";
    const symbols = `\\begin{bmatrix} w_{${cellNames[0][0]}\\text{new}} & w_{${cellNames[0][1]}\\text{new}} \\\\ w_{${cellNames[1][0]}\\text{new}} & w_{${cellNames[1][1]}\\text{new}} \\end{bmatrix}`;
    lines.push(`$$W_${layer} = ${symbols} = ${bmatrix(value)}$$`, "");
  }
  lines.push(pick(["The gradients agree with the ones from the notebook.", "I checked these against autograd.", ""], random), "");
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// LaTeX document

function latexWriteup(student, answers, key, random) {
  const lines = [
    "\\documentclass{article}",
    "\\usepackage{amsmath}",
    "\\begin{document}",
    `\\section*{Homework 3, ${displayName(student)}}`,
    "",
  ];
  for (const problemId of PROBLEM_IDS) {
    const submitted = answers[problemId];
    lines.push(`\\subsection*{Problem ${key[problemId].number}}`);
    if (problemId === "p4-mlp-size") {
      if (submitted.params !== undefined) lines.push(`Number of parameters $= ${submitted.params}$.`, "");
      if (submitted.flops !== undefined) lines.push(`Number of operations $= ${submitted.flops}$.`, "");
      continue;
    }
    for (const [question, label] of [["S2", "S_2"], ["Y2", "Y_2"], ["S3", "S_3"], ["Y3", "Y_3"]]) {
      if (submitted[question] !== undefined) lines.push(`\\[ ${label} = ${pmatrix(submitted[question])} \\]`);
    }
    for (const line of derivationLines(random, 1 + Math.floor(random() * 3))) lines.push(line.replace(/^\$\$/, "\\[ ").replace(/\$\$$/, " \\]"));
    if (submitted.dW1 !== undefined) lines.push(`\\[ \\frac{\\partial L}{\\partial W_1} = ${pmatrix(submitted.dW1)} \\]`);
    if (submitted.dW2 !== undefined) lines.push(`\\[ \\frac{\\partial L}{\\partial W_2} = ${pmatrix(submitted.dW2)} \\]`);
    lines.push("");
  }
  lines.push("\\end{document}", "");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Derivation lines: chain-rule steps that name no asked quantity, as in real write-ups

const DERIVATIONS = [
  "$$\\frac{\\partial L}{\\partial y_{21}} = \\frac{\\partial L}{\\partial y_{31}} \\times \\frac{\\partial y_{31}}{\\partial s_{31}} \\times \\frac{\\partial s_{31}}{\\partial y_{21}} + \\frac{\\partial L}{\\partial y_{32}} \\times \\frac{\\partial y_{32}}{\\partial s_{32}} \\times \\frac{\\partial s_{32}}{\\partial y_{21}}$$",
  "$$\\frac{\\partial L}{\\partial y_{22}} = (y_{31} - T_1) w_6 + (y_{32} - T_2) w_8$$",
  "$$\\frac{\\partial L}{\\partial y_{31}} = \\frac{\\partial}{\\partial y_{31}} \\left[ \\frac{1}{2}(T_1 - y_{31})^2 + \\frac{1}{2}(T_2 - y_{32})^2 \\right] = y_{31} - T_1$$",
  "$$\\frac{\\partial s_{21}}{\\partial w_1} = \\frac{\\partial [x_1 w_1 + x_2 w_2]}{\\partial w_1} = x_1$$",
  "$$\\frac{\\partial s_{31}}{\\partial y_{21}} = \\frac{\\partial [w_5 y_{21} + w_6 y_{22}]}{\\partial y_{21}} = w_5$$",
  "$$\\phi'(s) = \\begin{cases} 1 & s > 0 \\\\ 0 & s \\le 0 \\end{cases}$$",
  "$$L = \\frac{1}{2} \\sum_k (T_k - y_{3k})^2$$",
  "By the chain rule each weight's gradient is the input it multiplies times the error of the unit it feeds.",
  "The error of a hidden unit is the weighted sum of the errors of the units it feeds.",
];

function derivationLines(random, count) {
  const lines = [];
  for (let index = 0; index < count; index += 1) lines.push(pick(DERIVATIONS, random));
  return lines;
}

/** Returns about `bytes` bytes of derivation lines, numbered so no two blocks are identical. */
function fillerBlock(problemId, bytes) {
  const parts = [];
  let written = 0;
  for (let step = 1; written < bytes; step += 1) {
    const line = `${DERIVATIONS[step % DERIVATIONS.length]}\n\nStep ${step} of the derivation for ${problemId}.\n\n`;
    parts.push(line);
    written += Buffer.byteLength(line);
  }
  return parts.join("");
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Returns δ_3 and δ_2 of a two-layer problem, computed from its network for the derivation text. */
function deltas(problem) {
  const { input, layers, target } = problem.network;
  const derivative = (activation, s) => {
    if (activation !== "relu") return 1;
    return s > 0 ? 1 : 0;
  };
  const s2 = multiply(input, layers[0].weights);
  const y2 = s2.map((s) => (layers[0].activation === "relu" ? Math.max(0, s) : s));
  const s3 = multiply(y2, layers[1].weights);
  const y3 = s3.map((s) => (layers[1].activation === "relu" ? Math.max(0, s) : s));
  const delta3 = y3.map((y, k) => (y - target[k]) * derivative(layers[1].activation, s3[k]));
  const back = layers[1].weights.map((row) => row.reduce((sum, weight, k) => sum + weight * delta3[k], 0));
  const delta2 = back.map((value, j) => value * derivative(layers[0].activation, s2[j]));
  return { delta2, delta3 };
}

function multiply(vector, matrix) {
  return matrix[0].map((_, column) => vector.reduce((sum, entry, row) => sum + entry * matrix[row][column], 0));
}

function transpose(matrix) {
  return matrix[0].map((_, column) => matrix.map((row) => row[column]));
}

function columnOf(vector) {
  return vector.map((entry) => [entry]);
}

function activationName(problemId) {
  return problemId === "p3-relu" ? "\\operatorname{ReLU}" : "\\operatorname{id}";
}

function bmatrix(value) {
  return `\\begin{bmatrix} ${matrixBody(value)} \\end{bmatrix}`;
}

function pmatrix(value) {
  return `\\begin{pmatrix} ${matrixBody(value)} \\end{pmatrix}`;
}

function matrixBody(value) {
  const rows = Array.isArray(value[0]) ? value : [value];
  return rows.map((row) => row.join(" & ")).join(" \\\\ ");
}

function studentId(index, random) {
  const serial = String(index + 1).padStart(5, "0");
  return `${pick(FIRST_NAMES, random)}-${pick(LAST_NAMES, random)}-${serial}`;
}

function displayName(student) {
  return student
    .split("-")
    .slice(0, 2)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(" ");
}

function pickForm(random) {
  let roll = random();
  for (const { form, share } of FORMS) {
    if (roll < share) return form;
    roll -= share;
  }
  return FORMS[FORMS.length - 1].form;
}

function pick(items, random) {
  return items[Math.floor(random() * items.length)];
}
