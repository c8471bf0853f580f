import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { basename, dirname, extname, join, resolve, sep } from "node:path";
import { ProblemError, RubricError, UsageError } from "../errors.js";
import { parseProblem } from "../problem/load.js";
import type { Problem } from "../problem/types.js";
import { buildRubric, parseRubric, type Rubric } from "../grading/rubric.js";
import { displayPath } from "./_displayPath.js";
import { isProblemPath, problemFileOf, problemNotFoundMessage } from "./_problemFiles.js";
import { readCachedRubric, writeCachedRubric } from "./_rubricCache.js";

export { displayPath };

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
  /**
   * Files of the student's folder that are not read, such as a scan beside a write-up, with the
   * reason for each. Absent when every file is read. Hidden files are not listed.
   */
  skipped?: SkippedFile[];
}

/** A file of a student's folder that nngrade does not read. */
export interface SkippedFile {
  /** Path relative to the submissions folder, such as "olga/scan.pdf". */
  file: string;
  /** The reason it is not read, such as "it looks like a PDF; .pdf is not a format nngrade reads; …". */
  reason: string;
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
  throw new UsageError("usage.severalRubrics", `rubrics/ contains ${candidates.length} rubrics; choose one with --rubric:\n${list}`);
}

/**
 * Loads a rubric and every problem it names. A problem id is looked up as problems/<id>.yaml
 * beside the rubric's folder; a reference with a slash or a .yaml ending is a path relative to
 * the rubric (see problemFileOf).
 */
export function loadRubric(rubricPath: string): Rubric {
  const cached = readCachedRubric(rubricPath);
  if (cached) return cached;

  const rubricFile = parseRubric(readTextFile(rubricPath, "the rubric"), displayPath(rubricPath));
  const problemPaths: string[] = [];

  const problems = rubricFile.problems.map((reference) => {
    const looksLikePath = isProblemPath(reference.reference);
    const path = problemFileOf(rubricPath, reference.reference);
    if (!existsSync(path)) {
      throw new RubricError("rubric.problemNotFound", problemNotFoundMessage(rubricPath, reference.reference), reference.location);
    }
    const problem = loadProblemFile(path);
    problemPaths.push(path);
    if (!looksLikePath && problem.id !== reference.reference) {
      throw new ProblemError(
        "problem.idMismatch",
        `the file is named after "${reference.reference}" but its id is "${problem.id}"; make them agree`,
        { file: displayPath(path), line: 1, column: 1 },
      );
    }
    return problem;
  });

  const rubric = buildRubric(rubricFile, problems);
  writeCachedRubric(rubricPath, rubric, problemPaths);
  return rubric;
}

/**
 * Lists the submissions in a folder: each file with a submission extension is one student, and
 * each folder is one student (named after it) whose files are read together. Hidden files are
 * skipped. Symbolic links are not followed, so a submission cannot point outside the folder.
 * Links and special files (pipes, sockets, devices) are never opened but are listed with the
 * reason, so no student goes unreported. Files of a student's folder that are not read are listed
 * in the entry's `skipped`.
 */
export function listSubmissions(folder: string): SubmissionEntry[] {
  const listing = listSubmissionsLazily(folder);
  return [...listing.entries()];
}

/**
 * Tells whether a folder entry is no submission: a hidden file or folder, or the `__MACOSX` folder
 * that unzipping an archive made on a Mac leaves beside the students' files.
 */
export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "__MACOSX";
}

/** The submissions of a folder: how many there are, and each one as `entries` reaches it. */
export interface SubmissionListing {
  count: number;
  entries: () => Generator<SubmissionEntry>;
}

/**
 * Lists the submissions in a folder as `listSubmissions` does, but looks at each entry only when
 * `entries` reaches it, so that a large class's listing keeps only the names until then.
 */
export function listSubmissionsLazily(folder: string): SubmissionListing {
  let listed: (Dirent | null)[];
  try {
    const stats = statSync(folder);
    // A path given on the command line is the TA's choice, so a link there is followed.
    if (!stats.isDirectory()) {
      const entry = entryForGivenFile(folder, stats);
      return { count: 1, entries: function* () { yield entry; } };
    }
    // The listing gives each entry's type, which saves looking at every file on its own.
    listed = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !isSkippedName(entry.name))
      .sort(compareNames);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`;
    throw new UsageError("usage.noSubmissions", `the submissions folder ${folder} ${reason}; pass the folder that contains the students' files`);
  }

  return {
    count: listed.length,
    entries: function* () {
      for (let index = 0; index < listed.length; index++) {
        const listing = listed[index]!;
        const name = listing.name;
        // Released once its entry is made, so that memory keeps only the entries still to come.
        listed[index] = null;
        const path = join(folder, name);
        // A name that is not valid UTF-8 cannot be opened under the name Node gives, and lstat
        // then gives the reason.
        const stats = name.includes("\uFFFD") ? lstatOrNull(path) : listing;
        if (stats === null) {
          yield { student: stemOf(name), files: [name], paths: [path], problem: lstatFailure(path, name) };
        } else if (stats.isDirectory()) {
          yield entryForFolder(folder, name);
        } else {
          yield entryForFile(path, name, stats);
        }
      }
    },
  };
}

/** Orders folder entries by name, as sort() orders strings: by UTF-16 code units. */
function compareNames(first: Dirent, second: Dirent): number {
  if (first.name === second.name) return 0;
  return first.name < second.name ? -1 : 1;
}

function entryForFolder(folder: string, name: string): SubmissionEntry {
  const path = join(folder, name);
  let listed: string[];
  try {
    listed = readdirSync(path).filter((file) => !isSkippedName(file)).sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : "it could not be listed";
    return { student: name, files: [`${name}/`], paths: [path], problem: `the folder cannot be read (${reason})` };
  }

  const files = listed.map((file) => join(name, file));
  const readable = files.filter((file) => isSubmissionFileName(file) && lstatOrNull(join(folder, file))?.isFile() === true);
  if (readable.length > 0) {
    const entry: SubmissionEntry = { student: name, files: readable, paths: readable.map((file) => join(folder, file)), problem: null };
    const skipped = files.filter((file) => !readable.includes(file)).map((file) => ({ file, reason: skipReason(folder, file) }));
    if (skipped.length > 0) entry.skipped = skipped;
    return entry;
  }
  if (files.length === 0) {
    return { student: name, files: [`${name}/`], paths: [path], problem: "the folder is empty" };
  }

  // Nothing in the folder can be read, so the reason for each file tells the TA what was handed in.
  const reasons = files.map((file) => `${file}: ${skipReason(folder, file)}`);
  return {
    student: name,
    files,
    paths: files.map((file) => join(folder, file)),
    problem: `no file in the folder can be read as a write-up or answers file (${SUBMISSION_EXTENSIONS.join(", ")}). ${reasons.join("; ")}`,
  };
}

/** Returns why a file of a student's folder, given relative to the submissions folder, is not read. */
function skipReason(folder: string, file: string): string {
  const path = join(folder, file);
  const stats = lstatOrNull(path);
  const reason = stats === null ? lstatFailure(path, file) : unreadableReason(path, file, stats);
  // A regular file with a submission extension is read, so it gets no reason, unless it changed
  // after the folder was listed.
  return reason ?? "it is not a write-up or answers file";
}

/**
 * Returns the one submission at a path: a single file, or a folder holding one student's files
 * (the student is then named after the folder).
 */
export function submissionAt(path: string): SubmissionEntry {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UsageError("usage.fileNotFound", `${path} does not exist; check the path`);
  }
  if (!stats.isDirectory()) return entryForGivenFile(path, stats);

  const parent = dirname(path);
  const entry = listSubmissions(parent).find((candidate) => candidate.student === basename(path));
  if (!entry) throw new UsageError("usage.fileNotFound", `${path} could not be listed; check the path`);
  return entry;
}

/**
 * Makes the entry of a file named on the command line. A link there is the user's choice, so it is
 * followed: the entry reads the file it points to, under the name the user gave.
 */
function entryForGivenFile(path: string, stats: Stats): SubmissionEntry {
  return entryForFile(realpathSync(path), basename(path), stats);
}

function entryForFile(path: string, name: string, stats: Stats | Dirent | null = lstatOrNull(path)): SubmissionEntry {
  const problem = stats === null ? lstatFailure(path, name) : unreadableReason(path, name, stats);
  return { student: stemOf(name), files: [name], paths: [path], problem };
}

/**
 * Explains why a file cannot be graded, without opening it as text, or returns null when it can.
 * The reasons are a symbolic link, a special file (reading a named pipe would wait forever), and
 * an extension nngrade does not read, with what the first bytes look like ("a PDF").
 */
function unreadableReason(path: string, name: string, stats: Stats | Dirent): string | null {
  if (stats.isSymbolicLink()) {
    return "it is a symbolic link, which nngrade does not follow; copy the file in instead";
  }
  if (!stats.isFile()) {
    return stats.isDirectory()
      ? `it is ${describeSpecialFile(stats)}, and nngrade reads only the files directly in a student's folder`
      : `it is ${describeSpecialFile(stats)}, not a regular file, so nngrade does not open it`;
  }
  if (isSubmissionFileName(name)) return null;

  const kind = describeContent(readHead(path));
  const format = extname(name) ? `${extname(name)} is not a format nngrade reads` : "a file without an extension is not a format nngrade reads";
  const looks = kind === null ? "" : `it looks like ${kind}; `;
  return `${looks}${format}; hand in ${SUBMISSION_EXTENSIONS.join(", ")}`;
}

function describeSpecialFile(stats: Stats | Dirent): string {
  // A folder inside a student's folder: only files directly in the student's folder are read.
  if (stats.isDirectory()) return "a folder inside the student's folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}

/**
 * Returns why a listed entry could not be looked at. A name that is not valid UTF-8 reaches Node with
 * U+FFFD in place of its bad bytes, so no file has the name Node gives, and it looks missing.
 */
function lstatFailure(path: string, name: string): string {
  if (name.includes("\uFFFD")) return "its name is not valid UTF-8, so it cannot be opened; rename it";
  try {
    lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES") return "permission denied";
    if (code !== "ENOENT") return `it could not be looked at (${code ?? String(error)})`;
  }
  // The entry vanished between listing the folder and looking at it.
  return "it disappeared while the folder was being read";
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Reads up to the first 16 bytes of a regular file; returns no bytes when it cannot be read. */
export function readHead(path: string): Uint8Array {
  const head = new Uint8Array(16);
  let descriptor: number | null = null;
  try {
    descriptor = openSync(path, "r");
    return head.subarray(0, readSync(descriptor, head, 0, head.length, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (descriptor !== null) closeSync(descriptor);
  }
}

/** File signatures ("magic numbers") of the formats students hand in by mistake. */
const SIGNATURES: { offset: number; bytes: string; kind: string }[] = [
  { offset: 0, bytes: "%PDF-", kind: "a PDF" },
  { offset: 0, bytes: "\x89PNG", kind: "a PNG image" },
  { offset: 0, bytes: "\xff\xd8\xff", kind: "a JPEG image" },
  { offset: 0, bytes: "GIF8", kind: "a GIF image" },
  { offset: 8, bytes: "WEBP", kind: "a WebP image" },
  { offset: 4, bytes: "ftypheic", kind: "a HEIC image (a phone photo)" },
  { offset: 4, bytes: "ftyp", kind: "a video" },
  { offset: 0, bytes: "PK\x03\x04", kind: "a ZIP archive (a .docx, .pptx or zipped folder is one)" },
  { offset: 0, bytes: "\xd0\xcf\x11\xe0", kind: "an old Microsoft Office document (.doc, .xls)" },
  { offset: 0, bytes: "{\\rtf", kind: "an RTF document" },
  { offset: 0, bytes: "\x1f\x8b", kind: "a gzip archive" },
  { offset: 0, bytes: "7z\xbc\xaf", kind: "a 7-Zip archive" },
  { offset: 0, bytes: "Rar!", kind: "a RAR archive" },
  { offset: 0, bytes: "\x7fELF", kind: "a program (ELF executable)" },
  { offset: 0, bytes: "MZ", kind: "a Windows program" },
];

/**
 * Names the format of a file from its first bytes ("a PDF", "a PNG image"), or returns null when
 * they match no known signature. Used to tell a TA what a file that cannot be read really is.
 */
export function describeContent(head: Uint8Array): string | null {
  for (const { offset, bytes, kind } of SIGNATURES) {
    if (head.length < offset + bytes.length) continue;
    let matches = true;
    for (let i = 0; i < bytes.length && matches; i++) matches = head[offset + i] === bytes.charCodeAt(i);
    if (matches) return kind;
  }
  return null;
}

/** Tells whether a file name has the extension of a write-up or an answers file. */
export function isSubmissionFileName(name: string): boolean {
  return SUBMISSION_EXTENSIONS.includes(extname(name).toLowerCase());
}

function stemOf(name: string): string {
  const extension = extname(name);
  return extension ? name.slice(0, -extension.length) : name;
}

/** Name of the marker file that identifies a folder written by `nngrade grade`. */
export const REPORTS_MARKER = ".nngrade-reports";

/**
 * Checks that `--out` may be replaced: it does not exist yet, is an empty folder, or contains
 * reports that nngrade wrote before (it has the marker file). Anything else, such as the
 * submissions themselves or a folder of other work, is refused, because publishing the reports
 * replaces the whole folder.
 */
export function checkOutputFolder(out: string, submissionsFolder: string): void {
  if (out.trim() === "") {
    throw new UsageError("usage.outputEmpty", "--out is empty; give the folder for the reports, such as --out reports");
  }
  const target = resolve(out);
  // The reports are first written to a folder named ".NAME.partial-PID" beside NAME, and most file
  // systems allow 255 bytes in a name.
  if (Buffer.byteLength(basename(target)) > MAX_OUTPUT_NAME_BYTES) {
    throw new UsageError("usage.outputNameTooLong", `--out ${out} has a name longer than ${MAX_OUTPUT_NAME_BYTES} bytes; choose a shorter folder name`);
  }
  const submissions = resolve(submissionsFolder);
  // Real paths too, so that a symbolic link to either folder does not hide the overlap.
  if (overlaps(target, submissions) || overlaps(realPathOf(target), realPathOf(submissions))) {
    throw new UsageError(
      "usage.outputOverlapsSubmissions",
      `--out ${out} overlaps the submissions folder ${submissionsFolder}; write the reports somewhere else, such as --out reports`,
    );
  }

  let stats;
  try {
    stats = lstatSync(target);
  } catch {
    return;
  }
  if (stats.isSymbolicLink()) {
    throw new UsageError("usage.outputNotFolder", `--out ${out} is a symbolic link; give the path of the folder itself`);
  }
  if (!stats.isDirectory()) {
    throw new UsageError("usage.outputNotFolder", `--out ${out} is a file, not a folder; choose another path for the reports`);
  }
  const contents = readdirSync(target, { withFileTypes: true });
  if (contents.length > 0 && !contents.some((entry) => entry.name === REPORTS_MARKER)) {
    throw new UsageError(
      "usage.outputNotReports",
      `--out ${out} already holds files that nngrade did not write; the reports replace the whole folder, so choose an empty or new folder, or move those files away`,
    );
  }
  // nngrade writes no folder but students/, so any other is someone's work, such as the reports of
  // another run given --out reports/hw3, and replacing the folder would delete it.
  const folder = contents.find((entry) => entry.isDirectory() && entry.name !== "students");
  if (folder !== undefined) {
    const owner = existsSync(join(target, folder.name, REPORTS_MARKER)) ? "the reports of another run" : "which nngrade did not write";
    throw new UsageError(
      "usage.outputHoldsFolder",
      `--out ${out} holds the folder ${folder.name}, ${owner}; the reports replace the whole folder, so move ${folder.name} out of it or choose another folder for these reports, such as one per assignment (--out reports-hw3)`,
    );
  }
}

const MAX_OUTPUT_NAME_BYTES = 200;

/** Tells whether one folder is the other or lies inside it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}${sep}`) || b.startsWith(`${a}${sep}`);
}

/** Resolves symbolic links in the part of an absolute path that exists, keeping the rest. */
function realPathOf(path: string): string {
  const missing: string[] = [];
  for (let existing = path; ; existing = dirname(existing)) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch {
      if (dirname(existing) === existing) return path;
      missing.push(basename(existing));
    }
  }
}
