import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRubric } from "../../src/commands/files.js";

const scratch = mkdtempSync(join(tmpdir(), "nngrade-cache-"));
const previousCacheHome = process.env.XDG_CACHE_HOME;

beforeAll(() => {
  process.env.XDG_CACHE_HOME = join(scratch, "cache");
  cpSync("problems", join(scratch, "problems"), { recursive: true });
  cpSync("rubrics", join(scratch, "rubrics"), { recursive: true });
});

afterAll(() => {
  if (previousCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = previousCacheHome;
  rmSync(scratch, { recursive: true, force: true });
});

describe("loadRubric cache", () => {
  const rubricPath = () => join(scratch, "rubrics", "backprop-hw.yaml");

  it("writes one entry and reuses it", () => {
    const first = loadRubric(rubricPath());
    const second = loadRubric(rubricPath());
    expect(readdirSync(join(scratch, "cache", "nngrade"))).toHaveLength(1);
    expect(second.points).toEqual(first.points);
    expect(second.bonus).toEqual(first.bonus);
    expect(second.problems.map((problem) => problem.id)).toEqual(first.problems.map((problem) => problem.id));
  });

  it("notices an edited problem file", () => {
    loadRubric(rubricPath());
    const problemPath = join(scratch, "problems", "p2-linear.yaml");
    writeFileSync(problemPath, readFileSync(problemPath, "utf8").replace("title: Two-layer linear network", "title: Edited"));
    const reloaded = loadRubric(rubricPath());
    expect(reloaded.problems[0]!.title).toBe("Edited");
  });

  it("notices an edited rubric", () => {
    writeFileSync(rubricPath(), readFileSync(rubricPath(), "utf8").replace("p2-linear.dW1: 4", "p2-linear.dW1: 5"));
    expect(loadRubric(rubricPath()).points.get("p2-linear.dW1")).toBe(5);
  });
});
