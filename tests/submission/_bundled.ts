import { readdirSync, readFileSync } from "node:fs";
import { parseProblem } from "../../src/problem/load.js";
import type { Problem } from "../../src/problem/types.js";

const PROBLEMS = new URL("../../problems/", import.meta.url);

let cached: Problem[] | null = null;

/** Loads the real problem files of problems/, in file-name order, once per test file. */
export function bundledProblems(): Problem[] {
  cached ??= readdirSync(PROBLEMS)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => parseProblem(readFileSync(new URL(file, PROBLEMS), "utf8"), `problems/${file}`));
  return cached;
}
