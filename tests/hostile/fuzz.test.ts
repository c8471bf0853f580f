import fc from "fast-check";
import { describe, it } from "vitest";
import { solveChecked } from "../../src/commands/solving.js";
import { ProblemError, RubricError } from "../../src/errors.js";
import { buildRubric, parseRubric } from "../../src/grading/rubric.js";
import { parseProblem } from "../../src/problem/load.js";
import { readSubmission, SubmissionError } from "../../src/submission/read.js";
// The properties live in the fuzz script, so longer runs (node scripts/fuzz.js --runs N) check
// exactly what CI checks.
import { buildProperties } from "../../scripts/fuzz.js";

const properties = buildProperties({
  parseProblem,
  parseRubric,
  buildRubric,
  readSubmission,
  solveChecked,
  ProblemError,
  RubricError,
  SubmissionError,
});

// 10,500 cases in all; a fixed seed keeps CI repeatable, and the script varies it.
const RUNS: Record<keyof typeof properties, number> = {
  answersFiles: 2_500,
  writeUps: 3_000,
  notebooks: 1_500,
  problems: 2_000,
  rubrics: 1_500,
};

describe("fuzzed readers", () => {
  it.each(Object.entries(RUNS))("%s throw only coded errors", (name, runs) => {
    fc.assert(properties[name as keyof typeof properties], { numRuns: runs, seed: 20_240_601 });
  });
});
