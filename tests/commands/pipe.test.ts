import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";

// Drives the built CLI (`npm test` builds it first), as a shell pipe would.
const cli = new URL("../../bin/nngrade.cjs", import.meta.url).pathname;
const built = existsSync(new URL("../../dist/bundle/cli.cjs", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "nngrade-pipe-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!built)("stdout closed early", () => {
  it("ends grade --json quietly", async () => {
    const submissions = join(scratch, "class");
    generateClass(submissions, 40, 9);
    const child = spawn(process.execPath, [cli, "grade", submissions, "--out", join(scratch, "reports"), "--json"]);
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    // Reads the first piece of results.json and closes the pipe, as `| head -c 100` does.
    child.stdout.once("data", () => child.stdout.destroy());

    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toContain("internal error");
  });
});
