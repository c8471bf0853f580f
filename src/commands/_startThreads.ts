import { existsSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";

// This module loads little, so that the CLI can start the grading threads before it loads the
// grading code: each thread then loads its own copy while the main thread loads the rubric.

// Students sent to a thread in one message: large enough to keep messages few, small enough that a
// thread starts soon and that little waits in memory.
export const BATCH_SIZE = 8;

// Below this many submissions a worker thread costs more than it saves, because it loads and warms
// up the grading and report code on its own. Measured on 2 cores with generated classes: 100
// submissions took 0.28 s on one thread and 0.30 s on two, 300 took 0.50 s and 0.42 s.
const PARALLEL_THRESHOLD = 200;

// A short run spends more on V8's optimising compiler, on the second core, than optimised code
// saves, so below this many submissions functions are optimised only after more calls. Measured on
// 2 cores with Node 20 and generated classes, with the flag against without: 1,000 submissions
// 0.90 s against 1.12 s, 5,000 about the same, 10,000 6.0 s against 5.1 s.
// NOTE: tuned for Node 20's V8. Another engine version may have its crossover elsewhere.
const LATE_OPTIMISING_LIMIT = 2000;
const LATE_OPTIMISING_FLAG = "--interrupt-budget=1000000";

// By default V8 let the main thread's heap grow to 135 MB with 30 MB alive before it collected it
// again (--trace-gc, 30,000 submissions), so that slack, not the data, made peak memory grow with
// the class. With the limit 30% above what is alive, peak RSS on 2 cores was 133, 165 and 175 MB
// for 1,000, 10,000 and 30,000 generated submissions (132, 182 and 210 MB without), in the same
// time within the runs' spread.
const HEAP_GROWING_FLAG = "--heap-growing-percent=30";

// A grading thread's new space grew from 16 MB at 1,000 submissions to 32 MB at 30,000, though
// little of what the thread allocates outlives a student. Capped, it stays small at no measurable
// cost in time. Peak RSS with the cap and the flag above: 133, 152 and 155 MB.
const WORKER_YOUNG_GENERATION_MB = 24;

/** The workerData of a grading thread. With it, the worker module serves as one. */
export const GRADING_THREAD = "nngrade grading thread";

// Set by scripts/bundle.mjs. In the bundled CLI, a grading thread starts from bin/_gradeWorker.cjs,
// which loads the thread's bundle (./_gradeWorker.cjs beside the CLI's) with its code cache.
declare const __NNGRADE_WORKER_ENTRY__: string | undefined;

const BUNDLED = typeof __NNGRADE_WORKER_ENTRY__ === "string";
const WORKER_URL = new URL(BUNDLED ? __NNGRADE_WORKER_ENTRY__! : "./_gradeWorker.js", import.meta.url);
const WORKER_FILES = BUNDLED ? [WORKER_URL, new URL("./_gradeWorker.cjs", import.meta.url)] : [WORKER_URL];

/**
 * The argument a grading thread gets when LATE_OPTIMISING_FLAG is set, so that
 * bin/_gradeWorker.cjs picks the code cache made with that flag.
 */
const LATE_OPTIMISING_ARGUMENT = "--late-optimising";

// V8 flags belong to the process, so whether this module set the flag applies to every thread.
let lateOptimising = false;

// A worker thread's stack is 4 MB by default, four times the main thread's, so a deeply nested
// submission could be graded on a worker and fail on the main thread, and --jobs would change a
// result. Node keeps 192 KB of a worker's stack for itself, and V8 gets the rest, here the 984 KB
// of V8's --stack-size default that the main thread has (a test compares the two depths).
export const WORKER_STACK_MB = (984 + 192) / 1024;

/**
 * Tells whether grading threads can start. Under the test runner there is no compiled worker, and
 * a bundle missing its grading thread's file grades on the main thread alone.
 */
export function canStartWorkers(): boolean {
  return WORKER_FILES.every((file) => existsSync(fileURLToPath(file)));
}

/**
 * Prepares a grade run of the submissions in `folder`: tunes V8 for a short run and starts the
 * grading threads that `--jobs` (`requested`) or the class size calls for.
 */
export function startGrading(folder: string, requested: number | undefined): StartedWorkers {
  const count = countSubmissions(folder);
  // V8 uses a code cache only with the flags it was made with. The CLI's cache is loaded before
  // this point, so the run that makes it keeps V8's defaults, and so does one of the grading
  // thread's two caches but for the heap flag, which every grading thread starts with.
  const cacheRole = process.env.NNGRADE_WRITE_CODE_CACHE;
  if (cacheRole !== "cli") setFlagsFromString(HEAP_GROWING_FLAG);
  const writingDefaultCache = cacheRole === "cli" || cacheRole === "worker";
  if (count < LATE_OPTIMISING_LIMIT && !writingDefaultCache) {
    setFlagsFromString(LATE_OPTIMISING_FLAG);
    lateOptimising = true;
  }
  return new StartedWorkers(chooseJobs(requested, count) - 1);
}

/**
 * Counts the students in a submissions folder as listSubmissions lists them, one per entry that
 * is neither hidden nor `__MACOSX`, without looking into the entries. A folder that cannot be read counts 0,
 * and grading then reports why.
 */
function countSubmissions(folder: string): number {
  try {
    if (!statSync(folder).isDirectory()) return 1;
    let count = 0;
    // The names that isSkippedName in files.ts leaves out, tested here without loading that module.
    for (const name of readdirSync(folder)) if (!name.startsWith(".") && name !== "__MACOSX") count++;
    return count;
  } catch {
    return 0;
  }
}

/**
 * Chooses how many threads work: the --jobs option, else one per core for large classes. The main
 * thread reads the submissions, and the others grade them and write their pages.
 */
function chooseJobs(requested: number | undefined, count: number): number {
  if (!canStartWorkers()) return 1;
  if (requested !== undefined) {
    // Each thread keeps its own copy of the code and the plan, tens of MB, so threads beyond twice
    // the cores, or beyond one per batch of students, would only take memory.
    return Math.max(1, Math.min(requested, 2 * availableParallelism(), 1 + Math.ceil(count / BATCH_SIZE)));
  }
  if (count < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** A worker thread started early, with what happened to it before GradingThreads took it. */
export interface StartedWorker {
  worker: Worker;
  /** The error the worker raised, such as a module that failed to load. */
  error: Error | null;
  /** The worker's exit code, once it has ended. */
  exitCode: number | null;
}

/**
 * Worker threads started before their work is known, so that each loads its code while the main
 * thread prepares the rubric. They do not keep the process alive until GradingThreads takes them.
 */
export class StartedWorkers {
  private workers: StartedWorker[];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(WORKER_URL, {
        workerData: GRADING_THREAD,
        argv: lateOptimising ? [LATE_OPTIMISING_ARGUMENT] : [],
        resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      worker.unref();
      // Listened to from the start: an error or an exit before GradingThreads takes the worker
      // would otherwise crash the process or go unseen.
      const started: StartedWorker = { worker, error: null, exitCode: null };
      worker.on("error", (error) => {
        started.error ??= error;
      });
      worker.once("exit", (code) => {
        started.exitCode = code;
      });
      return started;
    });
  }

  /** Hands the workers over. Later calls get none. */
  take(): StartedWorker[] {
    const workers = this.workers;
    this.workers = [];
    return workers;
  }

  /** Stops the workers not handed over, for when grading cannot start. */
  async terminate(): Promise<void> {
    await Promise.all(this.take().map(({ worker }) => worker.terminate()));
  }
}
