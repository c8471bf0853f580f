import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Output, SolveOptions } from "../cli.js";
import { EXIT } from "../cli.js";
import { stringifyJson } from "../grading/json.js";
import { ProblemError, RubricError, UsageError } from "../errors.js";
import { parseRubric } from "../grading/rubric.js";
import type { Problem } from "../problem/types.js";
import { problemFileOf } from "./_problemFiles.js";
import { displayPath, loadProblemFile, readTextFile } from "./files.js";
import { solveChecked } from "./solving.js";
import { formatValue, valueToJson } from "./format.js";
import { printable } from "./terminal.js";

/** Runs `nngrade solve`: prints the answer key of one problem, with worked steps on request. */
export function solveCommand(path: string, options: SolveOptions, output: Output): number {
  // A bare problem id is looked up in ./problems, as rubrics do.
  const byId = join("problems", `${path}.yaml`);
  const problem = loadProblemOrExplainRubric(!existsSync(path) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(path) && existsSync(byId) ? byId : path);
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

/**
 * Loads a problem file. A rubric given in its place is a usage error that lists the commands to
 * solve each of the rubric's problems, because `solve` has no option that takes a rubric.
 */
function loadProblemOrExplainRubric(path: string): Problem {
  try {
    return loadProblemFile(path);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.code !== "problem.isRubric") throw error;
  }

  let commands: string[] = [];
  try {
    const rubric = parseRubric(readTextFile(path, "the rubric"), displayPath(path));
    commands = rubric.problems.map((reference) => `  nngrade solve ${displayPath(problemFileOf(path, reference.reference))}`);
  } catch (error) {
    // A rubric that does not parse still gets the advice, without the list of its problems.
    if (!(error instanceof RubricError)) throw error;
  }
  const advice =
    commands.length > 0 ? `; solve the problems it lists one at a time:\n${commands.join("\n")}` : "; give one of the problem files it lists instead";
  throw new UsageError("usage.rubricForProblem", `${path} is a rubric, not a problem file, and nngrade solve takes one problem file${advice}`);
}
