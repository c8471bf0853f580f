import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Output, SolveOptions } from "../cli.js";
import { EXIT } from "../cli.js";
import { stringifyJson } from "../grading/json.js";
import { loadProblemFile } from "./files.js";
import { solveChecked } from "./solving.js";
import { formatValue, valueToJson } from "./format.js";
import { printable } from "./terminal.js";

/** Runs `nngrade solve`: prints the answer key of one problem, with worked steps on request. */
export function solveCommand(path: string, options: SolveOptions, output: Output): number {
  // A bare problem id is looked up in ./problems, as rubrics do.
  const byId = join("problems", `${path}.yaml`);
  const problem = loadProblemFile(!existsSync(path) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(path) && existsSync(byId) ? byId : path);
  const solution = solveChecked(problem);

  if (options.json) {
    const answers: Record<string, unknown> = {};
    for (const [question, value] of solution.answers) answers[question] = valueToJson(value);
    const json: Record<string, unknown> = { problem: problem.id, answers };
    if (options.steps) {
      json.steps = solution.steps.map((step) => ({ question: step.question, title: step.title, latex: step.latex, value: valueToJson(step.value) }));
    }
    output.out(`${stringifyJson(json)}\n`);
    return EXIT.done;
  }

  const lines = [`Problem ${problem.number}: ${printable(problem.title)} (${problem.id})`];
  if (options.steps) {
    lines.push("", "Worked steps:");
    // The steps number layers from the input, as Y^{(0)}, while questions use the problem's own
    // names, such as S2, so each step names the question it answers.
    for (const step of solution.steps) {
      const answers = step.question === null ? "" : ` (question ${printable(step.question)})`;
      lines.push(`  ${printable(step.title)}${answers}`, `      ${printable(step.latex)}`, `      = ${formatValue(step.value)}`);
    }
    lines.push("", "Answers:");
  }
  for (const question of problem.questions) {
    const value = solution.answers.get(question.id)!;
    const where = question.layer ? ` of ${question.layer}` : "";
    const kind = question.kind === "pre_activation" ? "pre-activation" : question.kind.replace(/_/g, " ");
    lines.push(`  ${question.id.padEnd(8)} ${`${kind}${where}`.padEnd(28)} ${formatValue(value)}`);
  }
  output.out(`${lines.join("\n")}\n`);
  return EXIT.done;
}
