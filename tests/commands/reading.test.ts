import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, type Output } from "../../src/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-reading-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a write-up, runs `nngrade check FILE --show-reading` in-process and returns stdout. */
async function showReading(text: string, name = "writeup.md"): Promise<string> {
  const file = join(scratch, name);
  writeFileSync(file, text);
  let stdout = "";
  const output: Output = {
    out: (chunk) => {
      stdout += chunk;
    },
    err: () => {},
    interactive: false,
  };
  await run(["check", file, "--show-reading"], output);
  return stdout;
}

describe("check --show-reading", () => {
  it("prints a note once, with its line once", async () => {
    const stdout = await showReading("## Problem 3\n\n$$\\gamma_2 = 4$$\n");
    const notes = stdout.split("\n").filter((line) => line.includes("note, line 3:"));

    expect(notes).toHaveLength(1);
    expect(notes[0]).not.toMatch(/note, line 3: line 3/);
    expect(notes[0]).toContain('"\\gamma_2"');
    expect(stdout).toContain("  1 note from reading, shown after the results");
  });

  it("shows a misspelt label with the closest names", async () => {
    const text = "## Problem 3\n\n$$\\frac{\\partial L}{\\patial W_2} = \\begin{bmatrix} 0 & 8 \\\\ 0 & 0 \\end{bmatrix}$$\n";
    const stdout = await showReading(text);
    const note = stdout.split("\n").find((line) => line.includes("note, line 3:"));

    expect(note).toContain('"\\frac{\\partial L}{\\patial W_2}" was not recognised');
    expect(note).toContain('dW2 (as "\\frac{\\partial L}{\\partial W_2}")');
  });

  it("shows a text label before inline math", async () => {
    const text = "## Problem 4\n\nNumber of parameters: $784 \\cdot 512 + 512 \\cdot 512 + 512 \\cdot 10 + 1034 = 669706$\n";
    const stdout = await showReading(text);

    expect(stdout).toContain('line 3: params = 669706  (label "Number of parameters")');
  });

  it("shows a label with single spaces", async () => {
    // The math's `$` are read as spaces, so the label text has two spaces before y_3.
    const stdout = await showReading("## Problem 5\n\nThe output is $y_3 = 0.6001$\n");

    expect(stdout).toContain('line 3: y3 = 0.6001  (label "The output is y_3")');
  });

  it("shows a notebook answer by its cell", async () => {
    const cells = [{ cell_type: "markdown", metadata: {}, source: ["## Problem 2\n", "\n", "$$S_2 = [2, 3]$$"] }];
    const stdout = await showReading(JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }), "nb.ipynb");

    expect(stdout).toContain("    cell 1, line 3: S2 = [2, 3]  (");
  });

  it("shows a row as a vector and a column as rows", async () => {
    const text = "## Problem 2\n\nS_2 = [2, 3]\n\n$S_3 = \\begin{bmatrix} 5 \\\\ 10 \\end{bmatrix}$\n";
    const stdout = await showReading(text);

    expect(stdout).toContain("line 3: S2 = [2, 3]  (");
    expect(stdout).toContain("line 5: S3 = [[5], [10]]  (");
  });

  it("separates decimal-comma entries with semicolons", async () => {
    const folder = join(scratch, "comma");
    mkdirSync(join(folder, "rubrics"), { recursive: true });
    // The bundled rubric with decimal commas, beside the bundled problems.
    const rubric = readFileSync("rubrics/backprop-hw.yaml", "utf8").replace(/^assignment: .*$/m, "$&\ndecimal_comma: true");
    writeFileSync(join(folder, "rubrics", "r.yaml"), rubric);
    symlinkSync(resolve("problems"), join(folder, "problems"));
    const file = join(folder, "dc.md");
    writeFileSync(file, "## Problem 2\n\nS_3 = (5,0 ; 10,0)\n");
    let stdout = "";
    const output: Output = { out: (chunk) => (stdout += chunk), err: () => {}, interactive: false };
    await run(["check", file, "--rubric", join(folder, "rubrics", "r.yaml"), "--show-reading"], output);

    expect(stdout).toContain("line 3: S3 = [[5,0]; [10,0]]  (");
  });
});
