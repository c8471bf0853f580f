import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { GradeOptions, Output } from "../cli.js";
import { EXIT } from "../cli.js";
import type { GradingPlan } from "../grading/grade.js";
import type { ClassResults, StudentResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import type { ForwardValues } from "../report/types.js";
import { SolverError } from "../solver/errors.js";
import { forwardPass } from "../solver/forward.js";
import {
  canvasCsvHeader,
  canvasCsvRow,
  ClassAccumulator,
  ClassOverview,
  renderClassPageParts,
  renderStudentRow,
  studentPageName,
  type ReportContext,
  type StudentRow,
} from "../report/index.js";
import { checkOutputFolder, findRubricPath, listSubmissionsLazily, loadRubric, readTextFile, REPORTS_MARKER, type SubmissionListing } from "./files.js";
import { formatExpectedMismatch, prepareGrading } from "./pipeline.js";
import { gradeColumn, parseRoster, type RosterEntry } from "./roster.js";
import { createProgressBar } from "./progress.js";
import { printable } from "./terminal.js";
import { idWidthOf, MIN_ID_WIDTH, summaryFooter, summaryHeader, summaryRow } from "./summary.js";
import type { WorkerSetup } from "./_gradeWorker.js";
import { GradingThreads, type FinishedBatch } from "./_gradeThreads.js";
import { startGrading, type StartedWorkers } from "./_startThreads.js";
import { ResultsWriter, TextFileWriter, writeFailed } from "./_resultsWriter.js";
import { readRows, readTextInChunks, RowSpool } from "./_rowSpool.js";

/** Signals that stop a run: Ctrl-C, a kill, and a closed terminal. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The file that keeps the class page's rows while a run writes its reports and prints its summary,
 * in a folder of its own beside the reports, so that it is never published with them.
 */
const ROWS_FILE = "class-rows.jsonl";

/**
 * Runs `nngrade grade`: grades every submission and writes the reports. The main thread reads
 * the submissions, worker threads grade them and write their pages for large classes, and
 * results.json, the CSV files and the class page's rows are streamed to disk. Memory keeps little
 * per student: the names in the listing, and each student's id and page name for spotting repeats.
 * Returns the exit code.
 */
export async function gradeCommand(
  submissionsFolder: string,
  options: GradeOptions,
  output: Output,
  started: StartedWorkers = startGrading(submissionsFolder, options.jobs),
): Promise<number> {
  try {
    const listing = listSubmissionsLazily(submissionsFolder);
    return await gradeWith(started, listing, submissionsFolder, options, output);
  } finally {
    // Only workers that grading never took are left here.
    await started.terminate();
  }
}

async function gradeWith(
  started: StartedWorkers,
  listing: SubmissionListing,
  submissionsFolder: string,
  options: GradeOptions,
  output: Output,
): Promise<number> {
  const rubric = loadRubric(findRubricPath(options.rubric));
  let roster: RosterEntry[] | null = null;
  // grades.csv's grade column: a Canvas export's own column for the assignment when it has one.
  let gradesColumn = rubric.assignment;
  if (options.roster) {
    const rosterText = readTextFile(options.roster, "the roster");
    roster = parseRoster(rosterText, options.roster);
    const chosen = gradeColumn(rosterText, rubric.assignment);
    gradesColumn = chosen.column;
    if (chosen.otherColumns.length > 0) output.err(printable(unmatchedColumnWarning(options.roster, rubric.assignment, chosen.otherColumns)));
  }
  const plan = prepareGrading(rubric);
  for (const mismatch of plan.expectedMismatches) output.err(printable(formatExpectedMismatch(mismatch, true)));
  checkOutputFolder(options.out, submissionsFolder);

  const context: ReportContext = {
    assignment: rubric.assignment,
    problems: rubric.problems,
    maxPoints: plan.maxPoints,
    pageNames: new Map(),
    forwardValues: computeForwardValues(rubric.problems),
    bonus: rubric.bonus,
    roster: roster ? new Set(roster.map((member) => member.id)) : null,
    names: new Map((roster ?? []).filter((member) => member.name !== "").map((member) => [member.id, member.name])),
  };

  // Page names come from the file and folder names, known before any file is read.
  const taken = new Set<string>();

  // The resolved path, because renaming "reports/." or "reports/" into place fails.
  const staging = stagingFolder(resolve(options.out));
  const rowsFolder = withCleanup(staging, () => markedFolder(resolve(options.out), "rows"));
  // Ctrl-C or a kill would otherwise leave the half-written reports behind. The grading threads
  // are stopped first, so that none writes into the folder being removed, and the signal is sent
  // again afterwards, so the process still ends as the signal requests.
  let stopThreads = async (): Promise<void> => {};
  const removeStaging = (signal: NodeJS.Signals): void => {
    void stopThreads().finally(() => {
      removeFolder(staging);
      removeFolder(rowsFolder);
      process.kill(process.pid, signal);
    });
  };
  for (const signal of STOP_SIGNALS) process.once(signal, removeStaging);
  const progress = createProgressBar(output.err, listing.count, {
    enabled: Boolean(output.progress) && !options.json,
    color: !process.env.NO_COLOR,
    // A pseudo-terminal without a size reports 0 columns.
    columns: output.columns || 80,
  });

  try {
    const writer = new ResultsWriter(staging, rubric.assignment, plan.maxPoints);
    const csv = new TextFileWriter(join(staging, "questions.csv"));
    const accumulator = new ClassAccumulator(rubric.problems, (text) => csv.write(text));
    const overview = new ClassOverview(context.roster ?? null);
    const rowsPath = join(rowsFolder, ROWS_FILE);
    const rows = new RowSpool(rowsPath);
    let idWidth = MIN_ID_WIDTH;
    const addRow = (row: StudentRow): void => {
      overview.add(row);
      rows.add(row);
      idWidth = Math.max(idWidth, idWidthOf(row.student));
    };

    const workerSetup: WorkerSetup = { plan, context, studentsFolder: join(staging, "students") };
    const accept = (batch: FinishedBatch): void => {
      writer.addEntries(batch.entries);
      batch.scores.forEach((scores, index) => {
        const row = accumulator.add(scores);
        row.page = batch.pages[index];
        addRow(row);
      });
    };
    const workers = new GradingThreads(workerSetup, started, listing.count, accept);
    stopThreads = () => workers.abort();
    try {
      let done = 0;
      for (const entry of listing.entries()) {
        progress.update(++done, entry.student);
        await workers.write({ entry, pageName: studentPageName(entry.student, taken) });
      }
      await workers.close();
    } catch (error) {
      await workers.abort();
      throw error;
    }
    progress.finish();

    for (const missing of missingStudents(roster, overview, plan)) {
      writer.add(missing);
      addRow(accumulator.add(missing));
    }
    writer.finish();
    csv.close();
    rows.close();

    // The cards above the student table list some rows, known only once every row is in.
    if (overview.needsCardRows()) readRows(rowsPath, (row) => overview.addCardRow(row));
    const identities = roster ? new Map(roster.map((member) => [member.id, member])) : null;
    const [pageStart, pageEnd] = renderClassPageParts(overview, { max_points: plan.maxPoints, questions: accumulator.questions() }, context);
    const classPage = new TextFileWriter(join(staging, "index.html"));
    const gradesFile = new TextFileWriter(join(staging, "grades.csv"));
    classPage.write(pageStart);
    gradesFile.write(canvasCsvHeader(gradesColumn));
    readRows(rowsPath, (row) => {
      classPage.write(renderStudentRow(row, context, overview.isOffRoster(row)));
      gradesFile.write(canvasCsvRow(row, identities, overview.isRepeated(row)));
    });
    classPage.write(pageEnd);
    classPage.close();
    gradesFile.close();
    publish(staging, resolve(options.out));

    if (options.json) printFile(join(options.out, "results.json"), output);
    else printSummary(rowsPath, overview, plan.maxPoints, idWidth, options.out, output);
    return EXIT.done;
  } finally {
    removeFolder(staging);
    removeFolder(rowsFolder);
    // A signal that came during the last synchronous steps is read when the event loop next
    // polls, which may come after this turn's immediates. So the handlers stay until the turn
    // after, and the run still ends by the signal.
    setImmediate(() =>
      setImmediate(() => {
        for (const signal of STOP_SIGNALS) process.off(signal, removeStaging);
      }),
    );
  }
}

/**
 * Prints a file in pieces, because results.json of a large class can be longer than the longest
 * string JavaScript allows.
 */
function printFile(path: string, output: Output): void {
  readTextInChunks(path, (text) => output.out(text));
}

/** Warns that no assignment column of a Canvas export is named after the assignment. */
function unmatchedColumnWarning(rosterFile: string, assignment: string, columns: string[]): string {
  const listed = columns.slice(0, 3).map((column) => `"${column}"`).join(", ");
  const more = columns.length > 3 ? ` and ${columns.length - 3} more` : "";
  return (
    `Warning: ${rosterFile} has assignment columns (${listed}${more}), but none is named "${assignment}" as the rubric's assignment is, ` +
    `so a Canvas import of grades.csv would add a new assignment "${assignment}". Rename grades.csv's last column to the Canvas column you mean before importing, ` +
    `or name the rubric's assignment like that column without its number.\n`
  );
}

/** Lists the roster's students who handed in nothing, as results with status `missing`. */
function missingStudents(roster: { id: string }[] | null, overview: ClassOverview, plan: GradingPlan): StudentResult[] {
  if (!roster) return [];
  return roster
    .filter((member) => !overview.hasStudent(member.id))
    .map((member) => ({ student: member.id, file: null, status: "missing" as const, points: 0, max_points: plan.maxPoints, questions: [] }))
    .sort((a, b) => compareText(a.student, b.student));
}

/** Characters of the terminal summary collected before they are printed. */
const PRINT_SIZE = 1 << 16;

/**
 * Prints the terminal summary, one row per student from the rows file. It runs after the reports
 * are in place, so that a slow reader of the output, such as a pager, does not hold them back.
 */
function printSummary(rowsPath: string, overview: ClassOverview, maxPoints: number, idWidth: number, out: string, output: Output): void {
  let text = summaryHeader(idWidth);
  readRows(rowsPath, (row) => {
    text += summaryRow(row, idWidth);
    if (text.length < PRINT_SIZE) return;
    output.out(text);
    text = "";
  });
  const { graded, unreadable, missing, gradedSum, withNotes, repeated } = overview;
  // The rows off the roster were collected while the class page was written, before this runs.
  const offRoster = { ids: overview.offRosterRows.map((row) => row.student), count: overview.offRosterCount };
  output.out(text + summaryFooter({ graded, unreadable, missing, gradedSum, withNotes, max_points: maxPoints, repeated, offRoster }, out));
}

/** Creates an empty folder beside `out` to write the reports into before they replace it. */
function stagingFolder(out: string): string {
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  removeAbandonedFolders(parent, basename(out));
  const staging = markedFolder(out, "partial");
  mkdirSync(join(staging, "students"));
  return staging;
}

/** Creates an empty, hidden folder of this run beside `out`, marked as nngrade's. */
function markedFolder(out: string, kind: "partial" | "rows"): string {
  const folder = join(dirname(out), `.${basename(out)}.${kind}-${process.pid}`);
  try {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    // Marks the folder as nngrade's, so that a later run may replace it and nothing else.
    writeFileSync(join(folder, REPORTS_MARKER), "This folder was written by nngrade grade and is replaced by each run.\n");
  } catch (error) {
    removeFolder(folder);
    throw writeFailed(`the folder ${folder}`, error, "create");
  }
  return folder;
}

/** Returns what `make` returns, removing `folder` first if it throws. */
function withCleanup<T>(folder: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    removeFolder(folder);
    throw error;
  }
}

/**
 * Removes a folder of this run. One that cannot be removed (the parent folder turned read-only)
 * is left for a later run to remove, rather than hiding the error that ended this one.
 */
function removeFolder(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // removeAbandonedFolders removes it once this process has ended.
  }
}

/**
 * Removes the staging, rows and previous-reports folders that a run killed outright (SIGKILL, a
 * power cut) left beside the reports. Only folders of processes that no longer run are removed, and only
 * when they carry nngrade's marker.
 */
function removeAbandonedFolders(parent: string, name: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(?:partial|previous|rows)-(\\d+)$`);
  for (const entry of readdirSync(parent)) {
    const pid = pattern.exec(entry)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    const folder = join(parent, entry);
    if (existsSync(join(folder, REPORTS_MARKER))) rmSync(folder, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Swaps the finished reports into place, so an interrupted run leaves the previous reports whole.
 */
function publish(staging: string, out: string): void {
  const previous = join(dirname(out), `.${basename(out)}.previous-${process.pid}`);
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
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
