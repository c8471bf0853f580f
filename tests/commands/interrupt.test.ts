import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";

// The grading threads run the compiled JavaScript, so this test drives the built CLI (`npm test`
// builds it first).
const cli = new URL("../../bin/nngrade.cjs", import.meta.url).pathname;
const built = existsSync(new URL("../../dist/commands/_gradeWorker.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "nngrade-interrupt-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Waits until `ready` returns true, checking every 20 ms, for at most `seconds`. */
async function waitFor(ready: () => boolean, seconds: number): Promise<boolean> {
  for (let waited = 0; waited < seconds * 1000; waited += 20) {
    if (ready()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return ready();
}

describe.skipIf(!built)("grade interrupted", () => {
  it.each(["1", "2"])("removes half-written reports with --jobs %s", async (jobs) => {
    const small = join(scratch, `small-${jobs}`);
    const large = join(scratch, `large-${jobs}`);
    const out = join(scratch, `reports-${jobs}`);
    generateClass(small, 3, 1);
    generateClass(large, 3000, 2);
    expect(spawnSync(process.execPath, [cli, "grade", small, "--out", out]).status).toBe(0);
    const before = readFileSync(join(out, "results.json"), "utf8");

    const child = spawn(process.execPath, [cli, "grade", large, "--out", out, "--jobs", jobs], { stdio: "ignore" });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on("exit", (code, signal) => resolve({ code, signal }));
    });
    const staging = join(scratch, `.reports-${jobs}.partial-${child.pid}`);
    const writing = await waitFor(() => existsSync(join(staging, "students")) && readdirSync(join(staging, "students")).length >= 20, 30);
    expect(writing).toBe(true);

    child.kill("SIGINT");
    const { code, signal } = await ended;
    // The process ends by the signal itself, which a shell reports as exit code 130.
    expect(signal === "SIGINT" || code === 130).toBe(true);
    expect(existsSync(staging)).toBe(false);
    expect(readFileSync(join(out, "results.json"), "utf8")).toBe(before);
  }, 60_000);
});
