// Reads every submission file in a folder with readSubmission and either prints what was read,
// one JSON line per file (to check that a change to the reader reads the same), or times the
// reading in-process. Runs the compiled code in dist/, so build first (`npx tsc -p tsconfig.json`).
//
//   node bench/read-dump.js FOLDER [--time ROUNDS] [--only md,tex] [--rubric FILE] [--check-units]
//
// --check-units reads every unit that the reader remembers again where it reuses it, and stops
// with an error naming the unit when the two readings differ.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findRubricPath, loadRubric } from "../dist/commands/files.js";
import { readSubmission } from "../dist/submission/read.js";
import { checkRememberedUnits } from "../dist/submission/_unitMemo.js";

const args = process.argv.slice(2);
const folder = args[0];
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
if (!folder) {
  process.stderr.write("usage: node bench/read-dump.js FOLDER [--time ROUNDS] [--only md,tex] [--rubric FILE] [--check-units]\n");
  process.exit(2);
}
const rounds = Number(option("--time") ?? 0);
const only = option("--only")?.split(",");
if (args.includes("--check-units")) checkRememberedUnits(true);
const rubric = loadRubric(findRubricPath(option("--rubric") ?? "rubrics/backprop-hw.yaml"));

const inputs = readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .filter((file) => !only || only.some((extension) => file.endsWith(`.${extension}`)))
  .sort()
  .map((file) => ({ file, bytes: readFileSync(file) }));

const readOne = (input) => {
  try {
    return readSubmission(input, rubric.problems, { decimalComma: rubric.decimalComma });
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
};

if (rounds > 0) {
  const bytes = inputs.reduce((sum, input) => sum + input.bytes.length, 0);
  for (let round = 1; round <= rounds; round++) {
    const start = process.hrtime.bigint();
    for (const input of inputs) readOne(input);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    process.stdout.write(
      `round ${round}: ${inputs.length} files in ${(seconds * 1000).toFixed(0)} ms, ` +
        `${((seconds * 1e6) / inputs.length).toFixed(0)} µs a file, ${(bytes / seconds / 2 ** 20).toFixed(2)} MB/s\n`,
    );
  }
} else {
  const replacer = (key, value) => (typeof value === "bigint" ? `${value}n` : value);
  for (const input of inputs) process.stdout.write(`${input.file}\t${JSON.stringify(readOne(input), replacer)}\n`);
}
