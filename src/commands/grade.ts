import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { GradeOptions, Output } from "../cli.js";
import { EXIT } from "../cli.js";
import { stringifyJson } from "../grading/json.js";
import { maxPoints } from "../grading/rubric.js";
import type { ClassResults, StudentResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import type { ForwardValues } from "../report/types.js";
import { SolverError } from "../solver/errors.js";
import { forwardPass } from "../solver/forward.js";
import { assignPageNames, renderClassPage, renderGradesCsv, renderStudentPage, type ReportContext } from "../report/index.js";
import { findRubricPath, listSubmissions, loadRubric, readTextFile } from "./files.js";
import { gradeEntry, prepareGrading } from "./pipeline.js";
import { parseRoster } from "./roster.js";
import { createProgressBar } from "./progress.js";
import { formatSummary } from "./summary.js";

/** Runs `nngrade grade`: grades every submission and writes the reports. Returns the exit code. */
export function gradeCommand(submissionsFolder: string, options: GradeOptions, output: Output): number {
  const rubric = loadRubric(findRubricPath(options.rubric));
  const roster = options.roster ? parseRoster(readTextFile(options.roster, "the roster"), options.roster) : null;
  const plan = prepareGrading(rubric);
  const entries = listSubmissions(submissionsFolder);

  const progress = createProgressBar(output.err, entries.length, {
    enabled: Boolean(output.progress) && !options.json,
    color: !process.env.NO_COLOR,
    // A pseudo-terminal without a size reports 0 columns.
    columns: output.columns || 80,
  });
  const students: StudentResult[] = [];
  entries.forEach((entry, index) => {
    progress.update(index, entry.student);
    students.push(gradeEntry(entry, plan));
  });
  progress.finish();

  if (roster) {
    const submitted = new Set(students.map((student) => student.student));
    for (const member of roster) {
      if (submitted.has(member.id)) continue;
      students.push({ student: member.id, file: null, status: "missing", points: 0, max_points: maxPoints(rubric), questions: [] });
    }
  }
  students.sort((a, b) => compareText(a.student, b.student) || compareText(a.file ?? "", b.file ?? ""));

  const results: ClassResults = { assignment: rubric.assignment, max_points: maxPoints(rubric), students };
  const context: ReportContext = {
    assignment: rubric.assignment,
    problems: rubric.problems,
    maxPoints: results.max_points,
    pageNames: assignPageNames(students),
    forwardValues: computeForwardValues(rubric.problems),
    bonus: rubric.bonus,
    roster: roster ? new Set(roster.map((member) => member.id)) : null,
  };
  writeReports(options.out, results, context);

  if (options.json) output.out(`${stringifyJson(results)}\n`);
  else output.out(formatSummary(results, options.out));
  return EXIT.done;
}

/**
 * Writes every report into a fresh folder beside `out`, then swaps it into place, so an
 * interrupted run leaves the previous reports whole.
 */
function writeReports(out: string, results: ClassResults, context: ReportContext): void {
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(out)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, "students"), { recursive: true });

  writeFileSync(join(staging, "results.json"), `${stringifyJson(results)}\n`);
  writeFileSync(join(staging, "grades.csv"), renderGradesCsv(results, context.problems));
  writeFileSync(join(staging, "index.html"), renderClassPage(results, context));
  for (const student of results.students) {
    const name = context.pageNames.get(student.student)!;
    writeFileSync(join(staging, "students", name), renderStudentPage(student, context));
  }

  const previous = join(parent, `.${basename(out)}.previous-${process.pid}`);
  if (existsSync(out)) renameSync(out, previous);
  renameSync(staging, out);
  rmSync(previous, { recursive: true, force: true });
}

/**
 * Runs the forward pass of every problem with a network, for the drawings on student pages. A
 * network the solver rejects is left out and drawn with its weights only.
 */
function computeForwardValues(problems: readonly Problem[]): Map<string, ForwardValues> {
  const values = new Map<string, ForwardValues>();
  for (const problem of problems) {
    if (problem.network === null) continue;
    try {
      const { preActivations, activations } = forwardPass(problem.network);
      values.set(problem.id, { preActivations, activations });
    } catch (error) {
      if (!(error instanceof SolverError)) throw error;
    }
  }
  return values;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
