import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GradeOptions, Output } from "../cli.js";
import { EXIT } from "../cli.js";
import type { GradingPlan } from "../grading/grade.js";
import { stringifyJson } from "../grading/json.js";
import type { ClassResults, StudentResult } from "../grading/types.js";
import type { Problem } from "../problem/types.js";
import type { ForwardValues } from "../report/types.js";
import { SolverError } from "../solver/errors.js";
import { forwardPass } from "../solver/forward.js";
import { ClassAccumulator, pageKey, renderCanvasCsv, renderClassPage, studentPageName, type ClassSummary, type ReportContext, type StudentRow } from "../report/index.js";
import { checkOutputFolder, findRubricPath, listSubmissions, loadRubric, readTextFile, REPORTS_MARKER } from "./files.js";
import { prepareGrading } from "./pipeline.js";
import { parseRoster } from "./roster.js";
import { createProgressBar } from "./progress.js";
import { formatSummary } from "./summary.js";
import { gradeAndRender, type WorkerReply, type WorkerSetup, type WorkerTask } from "./_gradeWorker.js";
import { ResultsWriter, TextFileWriter } from "./_resultsWriter.js";

// Below this many submissions, a worker thread costs more than it saves, likely because it loads
// every module and warms up its own compiled code. Measured on 2 shared cores with classes from
// bench/generate.js: 200 submissions took 0.96 s on one thread and 1.27 s on two, 1,000 about
// 3 s either way, and 10,000 21.5 s against 13.6 s.
const PARALLEL_THRESHOLD = 1000;
// Submissions taken from the queue at a time: large enough to keep messages few, small enough to
// keep all threads busy until the end.
const BATCH_SIZE = 25;

/**
 * Runs `nngrade grade`: grades every submission and writes the reports. Students are graded and
 * their pages written one batch at a time, on worker threads for large classes, and results.json
 * and grades.csv are streamed, so memory holds only a row of the class page per student.
 * Returns the exit code.
 */
export async function gradeCommand(submissionsFolder: string, options: GradeOptions, output: Output): Promise<number> {
  const rubric = loadRubric(findRubricPath(options.rubric));
  const roster = options.roster ? parseRoster(readTextFile(options.roster, "the roster"), options.roster) : null;
  const plan = prepareGrading(rubric);
  const entries = listSubmissions(submissionsFolder);
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
  const tasks: WorkerTask[] = entries.map((entry, index) => ({ index, entry, pageName: studentPageName(entry.student, taken) }));

  const staging = stagingFolder(options.out);
  const progress = createProgressBar(output.err, entries.length, {
    enabled: Boolean(output.progress) && !options.json,
    color: !process.env.NO_COLOR,
    // A pseudo-terminal without a size reports 0 columns.
    columns: output.columns || 80,
  });

  try {
    const writer = new ResultsWriter(staging, rubric.assignment, plan.maxPoints);
    const csv = new TextFileWriter(join(staging, "questions.csv"));
    const accumulator = new ClassAccumulator(plan.maxPoints, rubric.problems, (text) => csv.write(text));
    let done = 0;
    const accept = (reply: WorkerReply): void => {
      writer.addEntry(reply.json);
      accumulator.add(reply.student);
      context.pageNames.set(pageKey(reply.student), tasks[reply.index]!.pageName);
      done++;
      progress.update(done, reply.student.student);
    };

    const setup: WorkerSetup = { plan, context: { ...context, pageNames: new Map() }, studentsFolder: join(staging, "students") };
    const jobs = chooseJobs(options.jobs, entries.length);
    if (jobs > 1) await gradeOnWorkers(tasks, setup, jobs, accept);
    else for (const task of tasks) accept(gradeAndRender(task, setup));
    progress.finish();

    for (const missing of missingStudents(roster, accumulator.summary().students, plan)) {
      writer.add(stringifyJson(missing));
      accumulator.add(missing);
    }
    writer.finish();
    csv.close();

    const summary = accumulator.summary();
    const identities = roster ? new Map(roster.map((member) => [member.id, member])) : null;
    writeFileSync(join(staging, "grades.csv"), renderCanvasCsv(rubric.assignment, summary.students, identities));
    writeFileSync(join(staging, "index.html"), renderClassPage(summary, context));
    publish(staging, options.out);

    if (options.json) output.out(readFileSync(join(options.out, "results.json"), "utf8"));
    else output.out(formatSummary(terminalSummary(rubric.assignment, summary), options.out));
    return EXIT.done;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Chooses how many threads grade: the --jobs option, else one per core for large classes. */
function chooseJobs(requested: number | undefined, count: number): number {
  const worker = new URL("./_gradeWorker.js", import.meta.url);
  // Under the test runner this module is TypeScript and there is no compiled worker to start.
  if (!existsSync(fileURLToPath(worker))) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, count));
  if (count < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * Grades on `jobs` threads: the main thread and `jobs - 1` workers, which take a batch at a time
 * from one queue. The replies go to `accept` in the order of `tasks` whatever order they finish
 * in, so the output does not depend on the number of threads.
 */
async function gradeOnWorkers(
  tasks: WorkerTask[],
  setup: WorkerSetup,
  jobs: number,
  accept: (reply: WorkerReply) => void,
): Promise<void> {
  const batches: WorkerTask[][] = [];
  for (let start = 0; start < tasks.length; start += BATCH_SIZE) batches.push(tasks.slice(start, start + BATCH_SIZE));

  const waiting = new Map<number, WorkerReply>();
  let nextIndex = 0;
  let nextBatch = 0;
  const flush = (): void => {
    for (let reply = waiting.get(nextIndex); reply; reply = waiting.get(nextIndex)) {
      waiting.delete(nextIndex);
      accept(reply);
      nextIndex++;
    }
  };

  const workerUrl = new URL("./_gradeWorker.js", import.meta.url);
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: setup });
      let sent = 0;
      let finished = false;
      const sendNext = (): void => {
        const batch = batches[nextBatch++];
        if (batch) {
          worker.postMessage(batch);
          sent++;
        } else if (sent === 0 && !finished) {
          finished = true;
          worker.postMessage(null);
          resolve();
        }
      };
      worker.on("message", (replies: WorkerReply[]) => {
        sent--;
        for (const reply of replies) waiting.set(reply.index, reply);
        flush();
        sendNext();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (code !== 0) reject(new Error(`a grading thread stopped with exit code ${code}`));
      });
      // A second batch waits in the worker's queue while the main thread is busy grading.
      sendNext();
      sendNext();
    });

  // The main thread grades too, and after each submission lets the workers' replies in.
  const runHere = async (): Promise<void> => {
    for (let batch = batches[nextBatch++]; batch; batch = batches[nextBatch++]) {
      for (const task of batch) {
        waiting.set(task.index, gradeAndRender(task, setup));
        flush();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  await Promise.all([...Array.from({ length: jobs - 1 }, runWorker), runHere()]);
  flush();
}

/** Lists the roster's students who handed in nothing, as results with status `missing`. */
function missingStudents(roster: { id: string }[] | null, students: StudentRow[], plan: GradingPlan): StudentResult[] {
  if (!roster) return [];
  const submitted = new Set(students.map((student) => student.student));
  return roster
    .filter((member) => !submitted.has(member.id))
    .map((member) => ({ student: member.id, file: null, status: "missing" as const, points: 0, max_points: plan.maxPoints, questions: [] }))
    .sort((a, b) => compareText(a.student, b.student));
}

/** Puts the class summary in the form the terminal summary reads; it shows no question. */
function terminalSummary(assignment: string, summary: ClassSummary): ClassResults {
  return { assignment, max_points: summary.max_points, students: summary.students.map((row) => ({ ...row, questions: [] })) };
}

/** Creates an empty folder beside `out` to write the reports into before they replace it. */
function stagingFolder(out: string): string {
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(out)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, "students"), { recursive: true });
  // Marks the folder as nngrade's, so that a later run may replace it and nothing else.
  writeFileSync(join(staging, REPORTS_MARKER), "This folder was written by nngrade grade and is replaced by each run.\n");
  return staging;
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
