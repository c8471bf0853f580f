import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "../cli.js";
import { EXIT } from "../cli.js";
import { NngradeError } from "../errors.js";
import { lintProblem, checkExpectedValues } from "../grading/verify.js";
import { checkProblemText } from "../problem/load.js";
import { displayPath, readTextFile } from "./files.js";
import { solveChecked } from "./solving.js";
import { printable } from "./terminal.js";

/**
 * Runs `nngrade verify`: loads each problem file, compares every `expected` value with the
 * solver and lints the problem. Reports every file, so one broken file does not hide the others.
 */
export function verifyCommand(paths: string[], output: Output): number {
  const files = paths.length > 0 ? paths : defaultProblemFiles();
  let failed = 0;
  let warned = 0;

  const ids = new Map<string, string>();
  for (const file of files) {
    try {
      const checked = checkProblemText(readTextFile(file, "the problem file"), displayPath(file));
      if (!checked.problem) {
        failed++;
        output.out(`FAIL ${file}\n`);
        for (const error of checked.errors) output.out(`     error: ${printable(error.message)}\n`);
        continue;
      }
      const problem = checked.problem;
      const earlier = ids.get(problem.id);
      ids.set(problem.id, file);
      if (earlier) {
        failed++;
        output.out(`FAIL ${file}\n     error: its id "${problem.id}" is also the id of ${earlier}; give each problem its own id\n`);
        continue;
      }
      const solution = solveChecked(problem);
      const errors = checkExpectedValues(problem, solution);
      const warnings = lintProblem(problem, solution);
      if (errors.length > 0) failed++;
      if (warnings.length > 0) warned++;
      const status = errors.length > 0 ? "FAIL" : "ok";
      output.out(`${status.padEnd(4)} ${file} (${problem.questions.length} questions)\n`);
      for (const error of errors) output.out(`     error: ${printable(error)}\n`);
      for (const warning of warnings) output.out(`     warning: ${printable(warning)}\n`);
    } catch (error) {
      if (!(error instanceof NngradeError)) throw error;
      failed++;
      output.out(`FAIL ${file}\n     error: ${printable(error.message)}\n`);
    }
  }

  output.out(`\n${files.length - failed} of ${files.length} problem files are valid${warned > 0 ? `, ${warned} with warnings` : ""}.\n`);
  return failed > 0 ? EXIT.badInput : EXIT.done;
}

function defaultProblemFiles(): string[] {
  if (!existsSync("problems")) return [];
  return readdirSync("problems")
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join("problems", name));
}
