import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";

// Worker threads run the compiled JavaScript, so this test drives the built CLI (`npm test`
// builds it first).
const cli = new URL("../../bin/nngrade.cjs", import.meta.url).pathname;
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

  it("writes the same bytes for unreadable files on two threads", () => {
    const submissions = join(scratch, "broken");
    generateClass(submissions, 30, 11);
    writeFileSync(join(submissions, "bin-image.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(join(submissions, "empty-file.md"), "");
    writeFileSync(join(submissions, "bad-yaml.yaml"), "answers:\n  p2-linear:\n    S2: [1, 2\n");
    writeFileSync(join(submissions, "scan.pdf"), "%PDF-1.4\n");
    writeFileSync(join(submissions, "huge.md"), "");
    truncateSync(join(submissions, "huge.md"), 21 * 1024 * 1024);
    mkdirSync(join(submissions, "two-files"));
    writeFileSync(join(submissions, "two-files", "part1.md"), "2. $S_2 = [2, 3]$\n");
    writeFileSync(join(submissions, "two-files", "part2.yaml"), "answers:\n  p3-relu:\n    Y2: [2, 0]\n");

    const grade = (out: string, jobs: string): void => {
      const result = spawnSync(process.execPath, [cli, "grade", submissions, "--out", out, "--jobs", jobs], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
    };
    grade(join(scratch, "broken-one"), "1");
    grade(join(scratch, "broken-two"), "2");

    const one = snapshot(join(scratch, "broken-one"));
    const two = snapshot(join(scratch, "broken-two"));
    const results = JSON.parse(one.find(([path]) => path === "results.json")![1]);
    const statuses = results.students.map((student: { status: string }) => student.status);
    expect(statuses.filter((status: string) => status === "unreadable").length).toBe(5);
    expect(two.map(([path]) => path)).toEqual(one.map(([path]) => path));
    for (let i = 0; i < one.length; i++) expect(two[i]![1], one[i]![0]).toBe(one[i]![1]);
  });

  it("exits on a bad rubric with threads started", () => {
    const submissions = join(scratch, "bad-rubric-class");
    generateClass(submissions, 20, 3);
    const rubric = join(scratch, "bad-rubric.yaml");
    writeFileSync(rubric, "assignment: hw\n");

    // The threads start before the rubric is read, and must not keep the process alive.
    const result = spawnSync(process.execPath, [cli, "grade", submissions, "--rubric", rubric, "--out", join(scratch, "bad"), "--jobs", "3"], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("problems");
    expect(existsSync(join(scratch, "bad"))).toBe(false);
  });

  it("grades a class with many deeply nested answers files", () => {
    // Twenty of these in one run often ended the process with a fatal V8 error in the YAML
    // parser. Forty made it happen in every run tried.
    const submissions = join(scratch, "deep-json");
    generateClass(submissions, 10, 13);
    for (let i = 0; i < 40; i++) {
      const value = `${"[".repeat(1_000)}1${"]".repeat(1_000)}`;
      writeFileSync(join(submissions, `deep-${i}.json`), `{"student": "deep-${i}", "answers": {"p2-linear": {"S2": ${value}}}}`);
    }

    const result = spawnSync(process.execPath, [cli, "grade", submissions, "--out", join(scratch, "deep-out"), "--jobs", "1", "--json"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.status, result.stderr).toBe(0);
    const students = JSON.parse(result.stdout).students as { student: string; status: string; error?: string }[];
    const deep = students.filter((student) => student.student.startsWith("deep-"));
    expect(deep.length).toBe(40);
    for (const student of deep) {
      expect(student.status).toBe("unreadable");
      expect(student.error).toContain("nesting is deeper than 64 levels");
    }
  });
});
