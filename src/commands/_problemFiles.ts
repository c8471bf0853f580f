import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { displayPath } from "./_displayPath.js";

/** Tells a rubric's reference to a problem file (it has a slash or ends in .yaml) from a problem id. */
export function isProblemPath(reference: string): boolean {
  return /[\\/]/.test(reference) || /\.ya?ml$/.test(reference);
}

/**
 * Returns the file of a problem that a rubric names: a path is relative to the rubric's folder,
 * and an id is looked up as problems/<id>.yaml in the parent of the rubric's folder, so that
 * rubrics/ and problems/ sit side by side.
 */
export function problemFileOf(rubricPath: string, reference: string): string {
  const rubricFolder = dirname(rubricPath);
  return isProblemPath(reference) ? resolve(rubricFolder, reference) : join(rubricFolder, "..", "problems", `${reference}.yaml`);
}

/**
 * Writes the message for a problem file that a rubric names but that does not exist: where
 * nngrade looked, by which rule, and how to fix the rubric. When problems/<id>.yaml exists in the
 * rubric's own folder or in the working folder, the message gives the path to write instead.
 */
export function problemNotFoundMessage(rubricPath: string, reference: string): string {
  const rubricFolder = resolve(dirname(rubricPath));
  const lookedAt = displayPath(problemFileOf(resolve(rubricPath), reference));
  if (isProblemPath(reference)) {
    return (
      `problem file "${reference}" was not found at ${lookedAt}. A path in the rubric's problems is relative ` +
      `to the rubric's folder, ${displayPath(rubricFolder)}; fix the path or add that file`
    );
  }

  const found = [join(rubricFolder, "problems", `${reference}.yaml`), resolve("problems", `${reference}.yaml`)].find((candidate) =>
    existsSync(candidate),
  );
  const rule =
    `problem "${reference}" was not found at ${lookedAt}. A problem id is looked up in the problems/ folder ` +
    `beside the rubric's folder (the rubric is in ${displayPath(rubricFolder)}), as rubrics/ and problems/ sit in an assignment.`;
  if (found !== undefined) {
    const written = relative(rubricFolder, found).split(sep).join("/");
    return (
      `${rule} The file exists at ${displayPath(found)}: list it in the rubric by its path relative to the rubric, ` +
      `"${written}", or move the rubric into a rubrics/ folder beside problems/`
    );
  }
  return `${rule} Add that file, fix the id, or list the problem by its path relative to the rubric (a path has a slash or ends in .yaml)`;
}

