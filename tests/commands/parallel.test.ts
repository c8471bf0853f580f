import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";

// Worker threads run the compiled JavaScript, so this test drives the built CLI (`npm test`
// builds it first).
const cli = new URL("../../bin/nngrade.js", import.meta.url).pathname;
const built = existsSync(new URL("../../dist/commands/_gradeWorker.js", import.meta.url));
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
  it("writes the same bytes on one, two and three threads", () => {
    const submissions = join(scratch, "class");
    generateClass(submissions, 130, 7);

    const grade = (out: string, jobs: string): void => {
      const result = spawnSync(process.execPath, [cli, "grade", submissions, "--out", out, "--jobs", jobs], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
    };
    grade(join(scratch, "one"), "1");
    grade(join(scratch, "two"), "2");
    grade(join(scratch, "three"), "3");

    const one = snapshot(join(scratch, "one"));
    // 130 pages, results.json, grades.csv, questions.csv, index.html and the marker file.
    expect(one.length).toBe(130 + 5);
    for (const name of ["two", "three"]) {
      const other = snapshot(join(scratch, name));
      expect(other.map(([path]) => path)).toEqual(one.map(([path]) => path));
      for (let i = 0; i < one.length; i++) expect(other[i]![1], `${name}: ${one[i]![0]}`).toBe(one[i]![1]);
    }
  });
});
