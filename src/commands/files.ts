import { existsSync, readdirSync, readFileSync, statSync, lstatSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { ProblemError, RubricError, UsageError } from "../errors.js";
import { parseProblem } from "../problem/load.js";
import type { Problem } from "../problem/types.js";
import { buildRubric, parseRubric, type Rubric } from "../grading/rubric.js";

/** Extensions of files that nngrade reads as submissions. */
export const SUBMISSION_EXTENSIONS = [".md", ".markdown", ".tex", ".txt", ".ipynb", ".yaml", ".yml", ".json"];

/** One student's files, found in the submissions folder. */
export interface SubmissionEntry {
  /** The student id the folder or file name gives; an answers file may override it. */
  student: string;
  /** Paths relative to the submissions folder, sorted, as reports show them. */
  files: string[];
  /** The same files as paths to open. */
  paths: string[];
  /** Set when the entry cannot be graded at all (an unknown file type, an empty folder). */
  problem: string | null;
}

/** Reads a text file, turning a missing or unreadable file into a usage error naming it. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    throw new UsageError("usage.fileNotFound", `${what} ${path} ${reason}; check the path`);
  }
}

/** Loads one problem file; a broken file throws a ProblemError naming its line. */
export function loadProblemFile(path: string): Problem {
  return parseProblem(readTextFile(path, "the problem file"), displayPath(path));
}

/**
 * Finds the rubric to use: the one given, or else the only rubric in ./rubrics. Several rubrics
 * there and none chosen is a usage error that lists them.
 */
export function findRubricPath(given: string | undefined): string {
  if (given) return given;
  const folder = "rubrics";
  const candidates = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
    : [];
  if (candidates.length === 1) return join(folder, candidates[0]!);
  if (candidates.length === 0) {
    throw new UsageError(
      "usage.noRubric",
      "no rubric found: there is no rubrics/ folder with a .yaml file here; pass --rubric FILE or run nngrade from the assignment folder",
    );
  }
  const list = candidates.map((name) => `  --rubric ${join(folder, name)}`).join("\n");
  throw new UsageError("usage.severalRubrics", `rubrics/ holds ${candidates.length} rubrics; choose one:\n${list}`);
}

/**
 * Loads a rubric and every problem it names. A problem id is looked up as problems/<id>.yaml
 * beside the rubric's folder; a reference with a slash or a .yaml ending is a path relative to
 * the rubric.
 */
export function loadRubric(rubricPath: string): Rubric {
  const rubricFile = parseRubric(readTextFile(rubricPath, "the rubric"), displayPath(rubricPath));
  const rubricFolder = dirname(rubricPath);

  const problems = rubricFile.problems.map((reference) => {
    const looksLikePath = /[\\/]/.test(reference.reference) || /\.ya?ml$/.test(reference.reference);
    const path = looksLikePath
      ? resolve(rubricFolder, reference.reference)
      : join(rubricFolder, "..", "problems", `${reference.reference}.yaml`);
    if (!existsSync(path)) {
      throw new RubricError(
        "rubric.problemNotFound",
        `problem "${reference.reference}" was not found at ${displayPath(path)}; add that file or fix the name`,
        reference.location,
      );
    }
    const problem = loadProblemFile(path);
    if (!looksLikePath && problem.id !== reference.reference) {
      throw new ProblemError(
        "problem.idMismatch",
        `the file is named after "${reference.reference}" but its id is "${problem.id}"; make them agree`,
        { file: displayPath(path), line: 1, column: 1 },
      );
    }
    return problem;
  });

  return buildRubric(rubricFile, problems);
}

/**
 * Lists the submissions in a folder: each file with a submission extension is one student, and
 * each folder is one student (named after it) whose files are read together. Hidden files are
 * skipped; symbolic links are not followed, so a submission cannot point outside the folder.
 */
export function listSubmissions(folder: string): SubmissionEntry[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) {
      return [entryForFile(folder, basename(folder))];
    }
    names = readdirSync(folder).sort();
  } catch {
    throw new UsageError("usage.noSubmissions", `the submissions folder ${folder} does not exist; pass the folder that holds the students' files`);
  }

  const entries: SubmissionEntry[] = [];
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(folder, name);
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      entries.push({
        student: stemOf(name),
        files: [name],
        paths: [path],
        problem: "it is a symbolic link, which nngrade does not follow; copy the file in instead",
      });
    } else if (stats.isDirectory()) {
      const files = readdirSync(path)
        .filter((file) => !file.startsWith("."))
        .sort()
        .map((file) => join(name, file));
      const readable = files.filter((file) => isSubmissionFile(file) && lstatSync(join(folder, file)).isFile());
      const chosen = readable.length > 0 ? readable : files;
      entries.push({
        student: name,
        files: chosen,
        paths: chosen.map((file) => join(folder, file)),
        problem: readable.length > 0 ? null : files.length === 0 ? "the folder is empty" : `no file in the folder is a write-up or answers file (${SUBMISSION_EXTENSIONS.join(", ")})`,
      });
    } else if (stats.isFile()) {
      entries.push(entryForFile(path, name));
    }
  }
  return entries;
}

/**
 * Returns the one submission at a path: a single file, or a folder holding one student's files
 * (the student is then named after the folder).
 */
export function submissionAt(path: string): SubmissionEntry {
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new UsageError("usage.fileNotFound", `${path} does not exist; check the path`);
  }
  if (!isFolder) return entryForFile(path, basename(path));

  const parent = dirname(path);
  const entry = listSubmissions(parent).find((candidate) => candidate.student === basename(path));
  if (!entry) throw new UsageError("usage.fileNotFound", `${path} could not be listed; check the path`);
  return entry;
}

function entryForFile(path: string, name: string): SubmissionEntry {
  return {
    student: stemOf(name),
    files: [name],
    paths: [path],
    problem: isSubmissionFile(name)
      ? null
      : `${extname(name) || "a file without an extension"} is not a format nngrade reads; hand in ${SUBMISSION_EXTENSIONS.join(", ")}`,
  };
}

function isSubmissionFile(name: string): boolean {
  return SUBMISSION_EXTENSIONS.includes(extname(name).toLowerCase());
}

function stemOf(name: string): string {
  const extension = extname(name);
  return extension ? name.slice(0, -extension.length) : name;
}

/** Shortens a path for messages: relative to the working folder when it lies below it. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : path;
}
