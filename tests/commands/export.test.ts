import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../_cli.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-export-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


interface GradescopeFile {
  score: number;
  output: string;
  visibility: string;
  tests: { name: string; score: number; max_score: number; output: string; visibility: string }[];
}

describe("nngrade export gradescope", () => {
  it("writes results for a file", async () => {
    const { code, stdout } = await cli("export", "gradescope", "submissions/dana-smith.yaml");
    expect(code).toBe(0);

    const results = JSON.parse(stdout) as GradescopeFile;
    expect(Object.keys(results)).toEqual(["score", "output", "visibility", "tests"]);
    expect(results.visibility).toBe("visible");
    // The sum of the tests' scores is the total, as Gradescope would add them up.
    expect(results.score).toBe(results.tests.reduce((sum, test) => sum + test.score, 0));
    expect(results.output).toContain(`backprop-hw: ${results.score} / 24 points`);
  });

  it("names one test per question", async () => {
    const { stdout } = await cli("export", "gradescope", "submissions/dana-smith.yaml");
    const results = JSON.parse(stdout) as GradescopeFile;
    const dW1 = results.tests.find((test) => test.name === "Problem 2 · dW1");

    expect(dW1?.max_score).toBe(4);
    expect(dW1?.visibility).toBe("visible");
    // Dana's dW1 has every sign flipped.
    expect(dW1?.output).toContain("Likely mistake: error sign flipped");
    // Dana attempted no extra credit, and skipped optional work is not listed as a failed test.
    expect(results.tests.some((test) => test.name.endsWith("(extra credit)"))).toBe(false);
    expect(results.tests.every((test) => test.visibility === "visible")).toBe(true);
  });

  it("never shows expected values", async () => {
    const { stdout } = await cli("export", "gradescope", "submissions/dana-smith.yaml");
    // The right dW1 and dW2 are [[25, 25], [50, 50]] and [[10, 20], [15, 30]].
    expect(stdout).not.toMatch(/\[\s*\[\s*25,\s*25\s*\]/);
    expect(stdout).not.toMatch(/\[\s*\[\s*10,\s*20\s*\]/);
    expect(stdout).not.toContain('"expected"');
  });

  it("reads a student folder", async () => {
    const { code, stdout } = await cli("export", "gradescope", "submissions/chen-wei");
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as GradescopeFile).tests.length).toBeGreaterThan(0);
  });

  it("writes --out to a file", async () => {
    const out = join(scratch, "results", "results.json");
    const { code, stdout } = await cli("export", "gradescope", "submissions/dana-smith.yaml", "--out", out);

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect((JSON.parse(readFileSync(out, "utf8")) as GradescopeFile).visibility).toBe("visible");
  });

  it("scores an unreadable file 0", async () => {
    const { code, stdout } = await cli("export", "gradescope", "submissions/farah-haddad.yaml");
    const results = JSON.parse(stdout) as GradescopeFile;

    expect(code).toBe(0);
    expect(results.score).toBe(0);
    expect(results.output).toContain("could not be read");
    expect(results.output).toContain("farah-haddad.yaml");
    expect(results.tests.every((test) => test.score === 0)).toBe(true);
    expect(results.tests.find((test) => test.name === "Problem 2 · dW1")?.max_score).toBe(4);
  });

  it("rejects an unknown format", async () => {
    const { code, stderr } = await cli("export", "canvas", "submissions/dana-smith.yaml");
    expect(code).toBe(2);
    expect(stderr).toContain("gradescope");
  });

  it("rejects a missing submission", async () => {
    const { code, stderr } = await cli("export", "gradescope", "submissions/nobody.md");
    expect(code).toBe(2);
    expect(stderr).toContain("submissions/nobody.md");
  });
});
