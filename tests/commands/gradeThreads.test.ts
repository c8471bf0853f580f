import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Grading threads run the compiled JavaScript, so these tests load the built modules (`npm test`
// builds them first).
const builtUrl = new URL("../../dist/commands/_gradeThreads.js", import.meta.url);
const built = existsSync(builtUrl);
const scratch = mkdtempSync(join(tmpdir(), "nngrade-pages-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds a graded student with one blank question, enough to render a page. */
function student(id: string) {
  return {
    student: id,
    file: `${id}.md`,
    status: "graded",
    points: 0,
    max_points: 1,
    questions: [{ problem: "p1", question: "y", verdict: "missing", points: 0, max_points: 1, expected: 2n, submitted: null, feedback: "", line: null }],
  };
}

async function load() {
  const { GradingThreads } = await import(builtUrl.href);
  const { mkdirSync } = await import("node:fs");
  return { GradingThreads, mkdirSync };
}

const context = { assignment: "A", problems: [], maxPoints: 1, pageNames: new Map(), forwardValues: new Map(), bonus: new Set(), roster: null, names: new Map() };

describe.skipIf(!built)("GradingThreads", () => {
  it("hands entries back in class order from two threads", async () => {
    const { GradingThreads, mkdirSync } = await load();
    const folder = join(scratch, "ordered");
    mkdirSync(folder);
    const pieces: string[] = [];
    const scored: string[] = [];
    const accept = (batch: { entries: string | Uint8Array; scores: { student: string }[] }) => {
      pieces.push(typeof batch.entries === "string" ? batch.entries : new TextDecoder().decode(batch.entries));
      scored.push(...batch.scores.map((scores) => scores.student));
    };
    const writers = new GradingThreads({ plan: null, context, studentsFolder: folder }, 2, 100, accept);
    for (let i = 0; i < 100; i++) await writers.write({ entry: { student: `s${i}`, files: [], paths: [] }, read: { result: student(`s${i}`) }, pageName: `s${i}.html` });
    await writers.close();

    const inOrder = Array.from({ length: 100 }, (_, i) => `s${i}`);
    const ids = [...pieces.join("").matchAll(/"student": "(s\d+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(inOrder);
    expect(scored).toEqual(inOrder);
    expect(readFileSync(join(folder, "s99.html"), "utf8")).toContain("s99");
  });

  it("rejects when a thread cannot write a page", async () => {
    const { GradingThreads } = await load();
    const missing = join(scratch, "no-such-folder");
    const writers = new GradingThreads({ plan: null, context, studentsFolder: missing }, 1, 40, () => {});
    const run = async () => {
      for (let i = 0; i < 40; i++) await writers.write({ entry: { student: `s${i}`, files: [], paths: [] }, read: { result: student(`s${i}`) }, pageName: `s${i}.html` });
      await writers.close();
    };
    await expect(run()).rejects.toThrow(/ENOENT/);
    await writers.abort();
  });
});

describe.skipIf(!built)("grading thread stack", () => {
  // Counts how deep a function can call itself before the stack runs out.
  const depthProbe = "let depth = 0; const dive = () => { depth++; dive(); }; try { dive(); } catch {}";

  it("recurses as deep as the main thread", async () => {
    const { WORKER_STACK_MB } = await import(new URL("../../dist/commands/_startThreads.js", import.meta.url).href);
    const { Worker } = await import("node:worker_threads");
    const { execFileSync } = await import("node:child_process");
    // A fresh process: the test runner's own thread may have been given another stack size.
    const mainDepth = Number(execFileSync(process.execPath, ["-e", `${depthProbe} process.stdout.write(String(depth));`], { encoding: "utf8" }));
    const workerDepth = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(`${depthProbe} require("node:worker_threads").parentPort.postMessage(depth);`, {
        eval: true,
        resourceLimits: { stackSizeMb: WORKER_STACK_MB },
      });
      worker.once("message", (depth: number) => void worker.terminate().then(() => resolve(depth)));
      worker.once("error", reject);
    });
    // Without the limit a thread goes about four times as deep.
    expect(workerDepth / mainDepth).toBeGreaterThan(0.9);
    expect(workerDepth / mainDepth).toBeLessThan(1.1);
  });
});

describe.skipIf(!built)("started grading threads", () => {
  it("rejects when a thread ended before it was taken", async () => {
    const { GradingThreads } = await load();
    const { StartedWorkers } = await import(new URL("../../dist/commands/_startThreads.js", import.meta.url).href);
    const started = new StartedWorkers(1);
    const [early] = started.take();
    await early.worker.terminate();
    // The exit happened before GradingThreads listened, so only the early listener saw it.
    expect(early.exitCode).not.toBeNull();

    const folder = join(scratch, "ended");
    const writers = new GradingThreads({ plan: null, context, studentsFolder: folder }, { take: () => [early] }, 40, () => {});
    const run = async () => {
      for (let i = 0; i < 40; i++) await writers.write({ entry: { student: `s${i}`, files: [], paths: [] }, read: { result: student(`s${i}`) }, pageName: `s${i}.html` });
      await writers.close();
    };
    await expect(run()).rejects.toThrow(/grading thread/);
  });

  it("stops started threads that grading never took", async () => {
    const { StartedWorkers } = await import(new URL("../../dist/commands/_startThreads.js", import.meta.url).href);
    const started = new StartedWorkers(2);
    await started.terminate();
    expect(started.take()).toEqual([]);
  });
});
