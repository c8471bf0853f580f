import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ExportOptions, Output } from "../cli.js";
import { EXIT } from "../cli.js";
import { UsageError } from "../errors.js";
import { buildGradescopeResults } from "../report/gradescope.js";
import { findRubricPath, loadRubric, submissionAt } from "./files.js";
import { formatExpectedMismatch, gradeEntry, prepareGrading } from "./pipeline.js";
import { printable } from "./terminal.js";

/**
 * Runs `nngrade export gradescope`: grades one submission (a file, or a folder holding one
 * student's files) and writes Gradescope's results.json to stdout or to `--out`. An unreadable
 * submission still gets a results file, scored 0 with the reason, which Gradescope shows the
 * student.
 */
export function exportCommand(format: string, submission: string, options: ExportOptions, output: Output): number {
  if (format !== "gradescope") {
    throw new UsageError("usage.unknownFormat", `"${format}" is not an export format; use "gradescope"`);
  }
  const rubric = loadRubric(findRubricPath(options.rubric));
  const entry = submissionAt(submission);
  const plan = prepareGrading(rubric);
  // Without the values, as in check, because the student may see what an autograder prints.
  for (const mismatch of plan.expectedMismatches) output.err(printable(formatExpectedMismatch(mismatch, false)));
  const result = gradeEntry(entry, plan);

  const text = `${JSON.stringify(buildGradescopeResults(result, rubric), null, 2)}\n`;
  if (options.out === undefined) {
    output.out(text);
    return EXIT.done;
  }

  try {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError("usage.cannotWrite", `could not write ${options.out} (${reason}); check that its folder is writable`);
  }
  return EXIT.done;
}
