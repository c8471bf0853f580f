import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Worker } from "node:worker_threads";
import ts from "typescript";

/**
 * Compiles src/ (and copies its JavaScript files) to JavaScript under node_modules/.cache (so bare imports such as "yaml" still
 * resolve), without type checking, and returns the folder. A worker thread can then run the
 * current sources and be stopped when it takes too long, which vitest's own timeout cannot do
 * to synchronous code.
 */
export function compileSources(): string {
  const root = process.cwd();
  const target = join(root, "node_modules", ".cache", `nngrade-hostile-${process.pid}`);
  rmSync(target, { recursive: true, force: true });

  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const destination = join(target, "src", relative(join(root, "src"), path));
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) {
        mkdirSync(dirname(destination), { recursive: true });
        writeFileSync(destination, readFileSync(path));
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const output = ts.transpileModule(readFileSync(path, "utf8"), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        mkdirSync(dirname(destination), { recursive: true });
        writeFileSync(destination.replace(/\.ts$/, ".js"), output);
      }
    }
  };
  walk(join(root, "src"));

  // src/problem/schema.ts loads ../../schemas/*.json relative to itself.
  symlinkSync(join(root, "schemas"), join(target, "schemas"));
  writeFileSync(join(target, "package.json"), '{"type": "module"}\n');
  return target;
}

/** Removes what compileSources wrote. */
export function removeCompiled(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

// Runs in the worker: loads the compiled reader, reads the problems, then times each request.
const WORKER = `
import { parentPort, workerData } from "node:worker_threads";
const { readSubmission } = await import(workerData.compiled + "/src/submission/read.js");
const { parseProblem } = await import(workerData.compiled + "/src/problem/load.js");
const problems = workerData.problemTexts.map((text, index) => parseProblem(text, "problem-" + index + ".yaml"));
parentPort.on("message", ({ text, file }) => {
  const started = performance.now();
  let outcome = "read";
  try {
    readSubmission({ bytes: Buffer.from(text), file }, problems);
  } catch (error) {
    outcome = error && error.name === "SubmissionError" ? "coded error" : "crash: " + (error && error.stack);
  }
  parentPort.postMessage({ milliseconds: performance.now() - started, outcome });
});
parentPort.postMessage({ ready: true });
`;

/** A worker thread holding the compiled reader, which times one submission at a time. */
export class TimedReader {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;

  constructor(compiled: string, problemTexts: string[]) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { compiled: `file://${compiled}`, problemTexts } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("message", () => resolve());
      this.worker.once("error", reject);
    });
  }

  /**
   * Reads `text` as the file `file`; resolves with the time taken, or with null (stopping the
   * worker) when it takes longer than `limit` milliseconds.
   */
  async time(text: string, file: string, limit: number): Promise<{ milliseconds: number; outcome: string } | null> {
    await this.ready;
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.worker.off("message", onMessage);
        this.worker.off("error", onError);
      };
      const onMessage = (message: { milliseconds: number; outcome: string }): void => {
        settle();
        resolve(message);
      };
      const onError = (error: Error): void => {
        settle();
        reject(error);
      };
      const timer = setTimeout(() => {
        settle();
        void this.worker.terminate();
        resolve(null);
      }, limit);
      this.worker.on("message", onMessage);
      this.worker.on("error", onError);
      this.worker.postMessage({ text, file });
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
