import type { Worker } from "node:worker_threads";
import { NngradeError } from "../errors.js";
import type { StudentScores } from "../report/index.js";
import { readForGrading } from "./pipeline.js";
import { ResultsEntries } from "./_resultsWriter.js";
import { packRead, type PackedReads } from "./_readTransfer.js";
import { unpackScores } from "./_scoresTransfer.js";
import { gradeAndWrite, type GradeBatch, type GradeReply, type WorkerSetup, type GradeTask } from "./_gradeWorker.js";
import { BATCH_SIZE, StartedWorkers, type StartedWorker } from "./_startThreads.js";

// Batches a thread may have queued before the main thread grades and writes the next batch
// itself. It bounds the memory that read but unwritten students take (160 students, a few MB), and
// lets a thread that is still starting catch up later instead of leaving its work to the main
// thread.
const MAX_QUEUED_BATCHES = 20;

// A thread with fewer batches queued than this is sent the next batch unread.
const STARVING_QUEUE = 2;

/**
 * Grades students and writes their pages, on `threads` worker threads or, with none, on the
 * calling thread, and hands their entries of results.json and their scores to `accept` in the order
 * the students were queued. The calling thread reads each batch before sending it, unless a
 * thread is about to run out of work, and grades a batch itself when the threads fall behind. So
 * reading overlaps grading and page writing, and the threads read only when they would idle.
 */
export class GradingThreads {
  private readonly threads: GradingThread[];
  private batch: GradeTask[] = [];
  private sent = 0;
  private delivered = 0;
  private readonly finished = new Map<number, FinishedBatch>();

  private queuedStudents = 0;

  /**
   * Starts `threads` worker threads, or takes workers started earlier. `total` is the number of
   * students that will be written, for sharing out the last batches.
   */
  constructor(
    private readonly setup: WorkerSetup,
    threads: number | StartedWorkers,
    private readonly total: number,
    private readonly accept: (batch: FinishedBatch) => void,
  ) {
    const workers = typeof threads === "number" ? new StartedWorkers(threads) : threads;
    this.threads = workers.take().map((started) => new GradingThread(started, setup, (sequence, batch) => this.deliver(sequence, batch)));
  }

  /** Queues one student, or grades and writes a batch here when every thread is busy. */
  async write(task: GradeTask): Promise<void> {
    if (this.threads.length === 0) {
      this.deliver(this.sent++, finishHere([task], this.setup));
      // Lets signals such as Ctrl-C be handled now and then.
      if (this.sent % BATCH_SIZE === 0) await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    this.batch.push(task);
    if (this.batch.length >= BATCH_SIZE) await this.send();
  }

  /** Writes what is still queued and stops the threads. Rejects if any page failed. */
  async close(): Promise<void> {
    if (this.batch.length > 0) await this.send();
    await Promise.all(this.threads.map((thread) => thread.close()));
  }

  /** Stops the threads at once, for when grading failed. */
  async abort(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  /**
   * Sends the batch to the least busy thread: unread when that thread is about to run out of work,
   * read otherwise. When even that thread has a full queue, the batch is graded and written here,
   * so the calling thread helps instead of waiting.
   */
  private async send(): Promise<void> {
    const sequence = this.sent++;
    const tasks = this.batch;
    this.batch = [];
    // Replies from the threads are handled only when this thread yields to the event loop.
    await new Promise((resolve) => setImmediate(resolve));

    const thread = this.threads.reduce((best, candidate) => (candidate.queued < best.queued ? candidate : best));
    this.queuedStudents += tasks.length;
    // A thread about to run out of work reads the batch itself, so reading is shared out too.
    if (thread.queued < STARVING_QUEUE) {
      thread.send({ sequence, tasks });
      return;
    }

    const read = tasks.map((task) => ({ ...task, read: task.read ?? readForGrading(task.entry, this.setup.plan) }));
    // Batches a thread has queued are out of reach when the reading ends, so the queue allowed
    // shrinks with the batches still to come, and the threads finish about when the reading does.
    const toCome = Math.ceil((this.total - this.queuedStudents) / BATCH_SIZE);
    const allowed = Math.max(1, Math.min(MAX_QUEUED_BATCHES, Math.floor(toCome / 2)));
    if (thread.queued >= allowed) {
      this.deliver(sequence, finishHere(read, this.setup));
      return;
    }
    const reads: PackedReads = [];
    for (const task of read) packRead(task.read, reads);
    thread.send({ sequence, tasks: tasks.map(({ entry, pageName }) => ({ entry, pageName })), reads });
  }

  /** Passes on a finished batch once every earlier batch has been passed on. */
  private deliver(sequence: number, batch: FinishedBatch): void {
    this.finished.set(sequence, batch);
    for (let ready = this.finished.get(this.delivered); ready !== undefined; ready = this.finished.get(this.delivered)) {
      this.finished.delete(this.delivered);
      this.delivered++;
      this.accept(ready);
    }
  }
}

/**
 * A batch of students graded and written: their entries of results.json as ResultsEntries writes
 * them, their scores and the file names of their pages, in the order of the class.
 */
export interface FinishedBatch {
  entries: Uint8Array;
  scores: StudentScores[];
  pages: string[];
}

// Writes the results.json entries of the batches graded on the calling thread.
const resultsHere = new ResultsEntries();

function finishHere(tasks: GradeTask[], setup: WorkerSetup): FinishedBatch {
  const outputs = tasks.map((task) => gradeAndWrite(task, setup));
  for (const output of outputs) resultsHere.add(output.student);
  return {
    entries: resultsHere.take(),
    scores: outputs.map((output) => output.scores),
    pages: tasks.map((task) => task.pageName),
  };
}

// Reported when a thread ends without an error while batches are still due to it. nngrade's own
// threads never do this, so it is reported as a bug rather than leaving students out.
const ENDED_EARLY = "a grading thread ended before its students were written";

/** One worker thread that grades students and writes their pages. */
class GradingThread {
  /** Batches sent and not yet written. */
  queued = 0;
  private exited = false;
  private failure: Error | null = null;
  private waiting: (() => void)[] = [];

  private readonly worker: Worker;

  constructor(started: StartedWorker, setup: WorkerSetup, onBatch: (sequence: number, batch: FinishedBatch) => void) {
    this.worker = started.worker;
    // The first message a worker gets is its setup, and batches follow.
    this.worker.postMessage(setup);
    this.worker.ref();
    this.worker.on("message", (reply: GradeReply) => {
      this.queued--;
      if ("failed" in reply) {
        const { message, code, expected } = reply.failed;
        this.fail(expected ? new NngradeError(code ?? "report.writeFailed", message) : Object.assign(new Error(message), { code }));
      } else {
        onBatch(reply.sequence, { entries: reply.entries, scores: unpackScores(reply.scores, reply.pages.length), pages: reply.pages });
      }
      this.wake();
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.onExit(code));
    // What happened while the worker waited to be taken.
    if (started.error !== null) this.fail(started.error);
    if (started.exitCode !== null) this.onExit(started.exitCode);
  }

  private onExit(code: number): void {
    this.exited = true;
    if (code !== 0) this.fail(new Error(`a grading thread stopped with exit code ${code}`));
    this.wake();
  }

  /** Sends a batch. Throws the error of an earlier batch if one failed. */
  send(batch: GradeBatch): void {
    this.check();
    if (this.exited) throw new Error(ENDED_EARLY);
    this.worker.postMessage(batch);
    this.queued++;
  }

  /** Waits for every batch sent, then lets the thread end. */
  async close(): Promise<void> {
    await this.waitUntil(() => this.queued === 0);
    this.worker.postMessage(null);
    await this.waitUntil(() => this.exited);
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  /** Waits until `done` returns true, the thread fails or it ends. Throws the thread's error if any. */
  private async waitUntil(done: () => boolean): Promise<void> {
    while (!done() && this.failure === null && !this.exited) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.check();
    if (!done()) throw new Error(ENDED_EARLY);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private check(): void {
    if (this.failure !== null) throw this.failure;
  }
}
