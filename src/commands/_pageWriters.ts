import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { joinEntries } from "./_resultsWriter.js";
import { writeStudentPage, type PageBatch, type PageReply, type PageSetup, type PageTask } from "./_pageWorker.js";

// Pages sent to a thread in one message: large enough to keep messages few, small enough that a
// thread starts soon and that little waits in memory.
const BATCH_SIZE = 8;
// Batches a thread may have queued before the grading thread writes the next batch itself. It
// bounds the memory that graded but unwritten students take (160 students, about 1.5 MB), and
// lets a thread that is still starting catch up later instead of leaving its pages to the main
// thread: 1,000 submissions took 0.83 s with 20 and 0.94 s with 3.
const MAX_QUEUED_BATCHES = 20;

const WORKER_URL = new URL("./_pageWorker.js", import.meta.url);

/** Tells whether page threads can start: under the test runner there is no compiled worker. */
export function canStartPageThreads(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * Renders and writes students' pages, on `threads` worker threads or, with none, on the calling
 * thread, and hands the students' entries of results.json to `addEntries` in the order the students
 * were graded. The grading loop hands pages over as students are graded and writes some itself
 * when the threads fall behind, so grading and page writing overlap and the threads warm up only
 * the report code.
 */
export class PageWriters {
  private readonly threads: PageThread[];
  private batch: PageTask[] = [];
  private sent = 0;
  private delivered = 0;
  private readonly finished = new Map<number, string | Uint8Array>();

  constructor(
    private readonly setup: PageSetup,
    threads: number,
    private readonly addEntries: (entries: string | Uint8Array) => void,
  ) {
    this.threads = Array.from({ length: threads }, () => new PageThread(setup, (sequence, entries) => this.deliver(sequence, entries)));
  }

  /** Queues one page, or writes a batch of them here when every thread is busy. */
  async write(task: PageTask): Promise<void> {
    if (this.threads.length === 0) {
      this.addEntries(joinEntries([writeStudentPage(task, this.setup)]));
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
   * Sends the batch to the least busy thread or, when all of them have a full queue, writes it
   * on this thread, so that the grading thread helps instead of waiting when pages fall behind.
   */
  private async send(): Promise<void> {
    const sequence = this.sent++;
    const tasks = this.batch;
    this.batch = [];
    // Replies from the threads are handled only when this thread yields to the event loop.
    await new Promise((resolve) => setImmediate(resolve));

    const thread = this.threads.reduce((best, candidate) => (candidate.queued < best.queued ? candidate : best));
    if (thread.queued >= MAX_QUEUED_BATCHES) this.deliver(sequence, joinEntries(tasks.map((task) => writeStudentPage(task, this.setup))));
    else thread.send({ sequence, tasks });
  }

  /** Passes on a finished batch's entries once every earlier batch has been passed on. */
  private deliver(sequence: number, entries: string | Uint8Array): void {
    this.finished.set(sequence, entries);
    for (let ready = this.finished.get(this.delivered); ready !== undefined; ready = this.finished.get(this.delivered)) {
      this.finished.delete(this.delivered);
      this.delivered++;
      this.addEntries(ready);
    }
  }
}

/** One worker thread writing pages, with the count of batches sent and not yet written. */
class PageThread {
  private readonly worker: Worker;
  /** Batches sent and not yet written. */
  queued = 0;
  private exited = false;
  private failure: Error | null = null;
  private waiting: (() => void)[] = [];

  constructor(setup: PageSetup, onBatch: (sequence: number, entries: Uint8Array) => void) {
    this.worker = new Worker(WORKER_URL, { workerData: setup });
    this.worker.on("message", (reply: PageReply) => {
      this.queued--;
      if ("failed" in reply) this.fail(Object.assign(new Error(reply.failed.message), { code: reply.failed.code }));
      else onBatch(reply.sequence, reply.entries);
      this.wake();
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      this.exited = true;
      if (code !== 0) this.fail(new Error(`a page-writing thread stopped with exit code ${code}`));
      this.wake();
    });
  }

  /** Sends a batch; throws the error of an earlier batch if one failed. */
  send(batch: PageBatch): void {
    this.check();
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
