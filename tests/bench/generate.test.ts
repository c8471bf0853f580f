import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateClass } from "../../bench/generate.js";
import { cli } from "../_cli.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-generate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generateClass", () => {
  it("writes gradable write-ups in every typing style", async () => {
    const folder = join(scratch, "class");
    const manifest = generateClass(folder, 80, 5);
    const run = await cli("grade", folder, "--rubric", "rubrics/backprop-hw.yaml", "--out", join(scratch, "reports"), "--json");
    expect(run.code, run.stderr).toBe(0);

    // A student without injected mistakes gets full marks, however the write-up was typed.
    const results = JSON.parse(run.stdout) as { max_points: number; students: { student: string; status: string; points: number }[] };
    const byStudent = new Map(results.students.map((student) => [student.student, student]));
    const clean = manifest.filter((entry: { mistakes: unknown[] }) => entry.mistakes.length === 0);
    expect(clean.length).toBeGreaterThan(10);
    for (const entry of clean) {
      const result = byStudent.get(entry.student);
      expect(result?.status, entry.file).toBe("graded");
      expect(result?.points, entry.file).toBe(results.max_points);
    }
  });
});
