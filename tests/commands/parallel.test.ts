import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";

// Worker threads run the compiled JavaScript, so this test drives the built CLI (`npm test`
// builds it first).
const cli = new URL("../../bin/nngrade.js", import.meta.url).pathname;
const built = existsSync(new URL("../../dist/commands/_pageWorker.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "nngrade-parallel-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lists every file under a folder with its contents, relative paths sorted. */
function snapshot(folder: string, prefix = ""): [string, string][] {
  return readdirSync(join(folder, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry): [string, string][] => {
      const path = join(prefix, entry.name);
      return entry.isDirectory() ? snapshot(folder, path) : [[path, readFileSync(join(folder, path), "utf8")]];
    });
}

describe.skipIf(!built)("grade on worker threads", () => {
  it("writes the same bytes as one thread", () => {
    const submissions = join(scratch, "class");
    generateClass(submissions, 130, 7);

    const grade = (out: string, jobs: string): void => {
      const result = spawnSync(process.execPath, [cli, "grade", submissions, "--out", out, "--jobs", jobs], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
    };
    grade(join(scratch, "one"), "1");
    grade(join(scratch, "two"), "2");

    const one = snapshot(join(scratch, "one"));
    const two = snapshot(join(scratch, "two"));
    // 130 pages, results.json, grades.csv, questions.csv, index.html and the marker file.
    expect(one.length).toBe(130 + 5);
    expect(two.map(([path]) => path)).toEqual(one.map(([path]) => path));
    for (let i = 0; i < one.length; i++) expect(two[i]![1], one[i]![0]).toBe(one[i]![1]);
  });
});
