import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NngradeError, UsageError } from "../../src/errors.js";
import { loadRubric } from "../../src/commands/files.js";
import { parseRoster } from "../../src/commands/roster.js";
import { cli, copyAssignment, fingerprint, readResults, removeFolder, scratchFolder, writeFiles } from "./_class.js";

const P2 = readFileSync("problems/p2-linear.yaml", "utf8");
const RUBRIC_TEXT = readFileSync("rubrics/backprop-hw.yaml", "utf8");
const scratch = scratchFolder("instructor");
afterAll(() => removeFolder(scratch));

/** Copies the assignment into a fresh folder, applies the edits, and loads the rubric. */
function loadEdited(name: string, edits: { problem?: string; rubric?: string }): NngradeError {
  const folder = join(scratch, name);
  const rubricPath = copyAssignment(folder);
  if (edits.problem !== undefined) writeFiles(folder, { "problems/p2-linear.yaml": edits.problem });
  if (edits.rubric !== undefined) writeFiles(folder, { "rubrics/hw.yaml": edits.rubric });
  try {
    loadRubric(rubricPath);
  } catch (error) {
    if (error instanceof NngradeError) return error;
    throw error;
  }
  throw new Error(`${name}: the edited assignment loaded without an error`);
}

/** Returns the 1-based line of the first occurrence of `text` in `file`. */
function lineOf(file: string, text: string): number {
  return file.slice(0, file.indexOf(text)).split("\n").length;
}

describe("instructor mistakes", () => {
  it("names a duplicate question id", () => {
    const problem = P2.replace("  - id: dW2", "  - id: dW1");
    const error = loadEdited("duplicate-question", { problem });
    expect(error.code).toBe("problem.duplicateQuestion");
    expect(error.location?.file).toContain("p2-linear.yaml");
    expect(error.location?.line).toBe(lineOf(problem, "  - id: dW1\n    ask: gradient\n    layer: output"));
  });

  it("names a rubric's missing problem", () => {
    const rubric = RUBRIC_TEXT.replace("problems: [p2-linear,", "problems: [p9-missing, p2-linear,");
    const error = loadEdited("missing-problem", { rubric });
    expect(error.code).toBe("rubric.problemNotFound");
    expect(error.message).toContain("p9-missing");
    expect(error.location?.file).toContain("hw.yaml");
    expect(error.location?.line).toBe(lineOf(rubric, "problems:"));
  });

  it("explains where a rubric outside rubrics/ looks", () => {
    // The rubric sits beside problems/, so the ids are looked up in problems/ of its parent folder.
    const folder = join(scratch, "rubric-beside-problems");
    copyAssignment(folder);
    writeFiles(folder, { "hw.yaml": RUBRIC_TEXT });
    let error: unknown;
    try {
      loadRubric(join(folder, "hw.yaml"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NngradeError);
    const message = (error as NngradeError).message;
    expect((error as NngradeError).code).toBe("rubric.problemNotFound");
    expect(message).toContain(`was not found at ${join(scratch, "problems", "p2-linear.yaml")}`);
    expect(message).toContain("looked up in the problems/ folder beside the rubric's folder");
    expect(message).toContain(`the rubric is in ${folder}`);
    expect(message).toContain('list it in the rubric by its path relative to the rubric, "problems/p2-linear.yaml"');
  });

  it("explains a missing problem path", () => {
    const rubric = RUBRIC_TEXT.replace("problems: [p2-linear,", "problems: [extra/p9.yaml, p2-linear,");
    const error = loadEdited("missing-path", { rubric });
    expect(error.code).toBe("rubric.problemNotFound");
    expect(error.message).toContain('problem file "extra/p9.yaml" was not found at');
    expect(error.message).toContain("relative to the rubric's folder");
  });

  it("names points for a missing question", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-linear.dW9: 4");
    const error = loadEdited("missing-question", { rubric });
    expect(error.code).toBe("rubric.unknownQuestion");
    expect(error.message).toContain("dW9");
    expect(error.location?.line).toBe(lineOf(rubric, "p2-linear.dW9"));
  });

  it("suggests the question a misspelt points key meant", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-linear.dw2: 4");
    const error = loadEdited("misspelt-question", { rubric });
    expect(error.code).toBe("rubric.unknownQuestion");
    // The ids differ only in case, which closestName counts as no edit.
    expect(error.message).toContain('has no question "dw2" (did you mean "p2-linear.dW2"?)');
  });

  it("suggests the problem a misspelt points key meant", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-liner.dW2: 4");
    const error = loadEdited("misspelt-problem", { rubric });
    expect(error.code).toBe("rubric.unknownProblem");
    expect(error.message).toContain('no problem "p2-liner" (did you mean "p2-linear.dW2"?)');
  });

  it("suggests a key whose question exists", () => {
    // closestName ignores case, so "DW2" is taken for the problem's "dW2".
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  P2-LINEAR.DW2: 4");
    const error = loadEdited("misspelt-key-case", { rubric });
    expect(error.code).toBe("rubric.unknownProblem");
    expect(error.message).toContain('no problem "P2-LINEAR" (did you mean "p2-linear.dW2"?)');
  });

  it("suggests the problem alone without a close question", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-liner.gradient: 4");
    const error = loadEdited("misspelt-problem-only", { rubric });
    expect(error.code).toBe("rubric.unknownProblem");
    expect(error.message).toContain('no problem "p2-liner" (did you mean problem "p2-linear"?)');
  });

  it("rejects a points key without a question", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-linear: 4");
    const error = loadEdited("no-question", { rubric });
    expect(error.code).toBe("rubric.unknownQuestion");
    expect(error.message).toContain('"p2-linear", which names a problem but no question; give points to each question as PROBLEM.QUESTION');
  });

  it("lists every schema error at once, in file order", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p2-linear.dW2: four")
      .replace("partial_credit: per_element", "partial_credit: sometimes")
      .replace("tolerance: {rtol: 0.01}", "tolerence: {rtol: 0.01}");
    const error = loadEdited("schema-all", { rubric });
    const lines = error.message.split("\n");

    expect(error.code).toBe("rubric.schema");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`:${lineOf(rubric, "tolerence")}:\\d+ the file has an unknown field "tolerence"`));
    expect(lines[1]).toMatch(new RegExp(`:${lineOf(rubric, "partial_credit")}:\\d+ "partial_credit" must be one of`));
    expect(lines[2]).toMatch(new RegExp(`:${lineOf(rubric, "dW2: four")}:\\d+ "points.p2-linear.dW2" must be a number`));
  });

  it("names points for a missing problem", () => {
    const rubric = RUBRIC_TEXT.replace("  p2-linear.dW2: 4", "  p7-nothing.dW2: 4");
    const error = loadEdited("points-problem", { rubric });
    expect(error.code).toBe("rubric.unknownProblem");
    expect(error.location?.line).toBe(lineOf(rubric, "p7-nothing"));
  });

  it.each([
    ["a negative rtol", "tolerance: {rtol: -0.01}", "rubric.schema"],
    ["a negative atol", "tolerance: {atol: -1}", "rubric.schema"],
    ["a string rtol", "tolerance: {rtol: one percent}", "rubric.schema"],
    ["a NaN atol", "tolerance: {atol: .nan}", "rubric.notFinite"],
  ])("names %s in a rubric", (_what, tolerance, code) => {
    const rubric = RUBRIC_TEXT.replace("tolerance: {rtol: 0.01}", tolerance);
    const error = loadEdited(`rubric-${code}-${tolerance.length}`, { rubric });
    expect(error.code).toBe(code);
    expect(error.location?.line).toBe(lineOf(rubric, tolerance));
  });

  it.each([
    ["a negative rtol", "    tolerance: {rtol: -0.5}", "problem.schema"],
    ["a string atol", "    tolerance: {atol: small}", "problem.schema"],
    ["an infinite atol", "    tolerance: {atol: .inf}", "problem.notFinite"],
  ])("names %s in a question", (_what, tolerance, code) => {
    const problem = P2.replace("  - id: dW1\n", `  - id: dW1\n${tolerance}\n`);
    const error = loadEdited(`problem-${code}-${tolerance.length}`, { problem });
    expect(error.code).toBe(code);
    expect(error.location?.line).toBe(lineOf(problem, tolerance));
  });

  it("names an unknown misconception's line", () => {
    const rubric = `${RUBRIC_TEXT}misconceptions:\n  transposed: 0.5\n  constructor: 0.5\n`;
    const error = loadEdited("misconception", { rubric });
    expect(error.code).toBe("rubric.unknownMisconception");
    expect(error.location?.line).toBe(lineOf(rubric, "constructor"));
  });

  it("suggests the code for a misspelt misconception", () => {
    const rubric = `${RUBRIC_TEXT}misconceptions:\n  transpose: 0.5\n`;
    const error = loadEdited("misconception-misspelt", { rubric });
    expect(error.code).toBe("rubric.unknownMisconception");
    expect(error.message).toContain('did you mean "transposed"?');
    expect(error.location?.line).toBe(lineOf(rubric, "transpose:"));
  });

  it("suggests nothing for an unrelated misconception", () => {
    const rubric = `${RUBRIC_TEXT}misconceptions:\n  constructor: 0.5\n`;
    const error = loadEdited("misconception-unrelated", { rubric });
    expect(error.message).not.toContain("did you mean");
    expect(error.message).toContain("the codes are transposed,");
  });

  it("names a roster's duplicate id", () => {
    let error: unknown;
    try {
      parseRoster("id,name\nana,Ana\nben,Ben\nana,Ana again\n", "roster.csv");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe("roster.duplicateId");
    expect((error as UsageError).message).toContain("roster.csv:4");
    expect((error as UsageError).message).toContain("line 2");
  });

  it("prints the file and line from the CLI", async () => {
    const folder = join(scratch, "cli");
    const rubric = copyAssignment(folder);
    writeFiles(folder, { "problems/p2-linear.yaml": P2.replace("  - id: dW2", "  - id: dW1") });
    const run = await cli("grade", "submissions", "--rubric", rubric, "--out", join(folder, "reports"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/p2-linear\.yaml:\d+:\d+ two questions have the id "dW1"/);
  });
});

describe("reports after a failed run", () => {
  it("keeps the previous reports", async () => {
    const folder = join(scratch, "atomic");
    const rubric = copyAssignment(folder);
    const out = join(folder, "reports");
    const first = await cli("grade", "submissions", "--rubric", rubric, "--out", out);
    expect(first.code).toBe(0);
    const reports = fingerprint(out);
    const submissions = fingerprint("submissions");

    writeFiles(folder, { "rubrics/hw.yaml": RUBRIC_TEXT.replace("partial_credit: per_element", "partial_credit: sometimes") });
    const second = await cli("grade", "submissions", "--rubric", rubric, "--out", out);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("partial_credit");

    expect(fingerprint(out)).toEqual(reports);
    expect(readResults(out).students.length).toBeGreaterThan(0);
    expect([...fingerprint(folder).keys()].filter((key) => key.includes("partial"))).toEqual([]);
    expect(fingerprint("submissions")).toEqual(submissions);
  });

  it("replaces the reports on success", async () => {
    const folder = join(scratch, "replace");
    const rubric = copyAssignment(folder);
    const out = join(folder, "reports");
    // A folder of earlier reports carries nngrade's marker file, so the run may replace it.
    writeFiles(out, { "stale.html": "old", ".nngrade-reports": "" });
    const run = await cli("grade", "submissions", "--rubric", rubric, "--out", out);
    expect(run.code).toBe(0);
    expect(fingerprint(out).has("stale.html")).toBe(false);
  });

  it("refuses to replace a folder it did not write", async () => {
    const folder = join(scratch, "refuse");
    const rubric = copyAssignment(folder);
    const out = join(folder, "thesis");
    writeFiles(out, { "chapter1.tex": "precious" });
    const run = await cli("grade", "submissions", "--rubric", rubric, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("did not write");
    expect(readFileSync(join(out, "chapter1.tex"), "utf8")).toBe("precious");
  });

  it("keeps nested reports of another run", async () => {
    const folder = join(scratch, "nested");
    const rubric = copyAssignment(folder);
    const out = join(folder, "reports");
    // Reports of a second assignment, written into the first's folder with --out reports/hw3.
    const inner = join(out, "hw3");
    expect((await cli("grade", "submissions", "--rubric", rubric, "--out", out)).code).toBe(0);
    expect((await cli("grade", "submissions", "--rubric", rubric, "--out", inner)).code).toBe(0);

    const run = await cli("grade", "submissions", "--rubric", rubric, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("holds the folder hw3, the reports of another run;");
    expect(run.stderr).toContain("(--out reports-hw3)");
    expect(fingerprint(inner).has("results.json")).toBe(true);
  });

  it("refuses to write over the submissions", async () => {
    const folder = join(scratch, "overlap");
    const rubric = copyAssignment(folder);
    const run = await cli("grade", "submissions", "--rubric", rubric, "--out", "submissions");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("overlaps the submissions folder");
    expect([...fingerprint(folder).keys()].filter((key) => /partial|previous/.test(key))).toEqual([]);
  });
});
