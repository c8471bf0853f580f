import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The bundled rubric, which names problems 2 to 6 from problems/. */
export const RUBRIC = "rubrics/backprop-hw.yaml";

/** Creates a scratch folder under the system's temporary folder; the caller removes it. */
export function scratchFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `nngrade-hostile-${prefix}-`));
}

/** Removes a scratch folder and everything in it. */
export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Writes files (text or bytes) below a folder, creating their parent folders. */
export function writeFiles(folder: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Copies the bundled rubric and its problems into `folder`, so a test may break them. */
export function copyAssignment(folder: string): string {
  for (const name of readdirSync("problems")) {
    writeFiles(folder, { [`problems/${name}`]: readFileSync(join("problems", name)) });
  }
  writeFiles(folder, { "rubrics/hw.yaml": readFileSync(RUBRIC) });
  return join(folder, "rubrics", "hw.yaml");
}

export { cli, type CliRun } from "../_cli.js";

/** One student's entry of results.json, as the tests read it. */
export interface StudentEntry {
  student: string;
  file: string | null;
  status: "graded" | "unreadable" | "missing";
  error?: string;
  points: number;
  questions: { problem: string; question: string; verdict: string; submitted?: unknown }[];
}

/** Reads results.json from a reports folder. */
export function readResults(out: string): { assignment: string; students: StudentEntry[] } {
  return JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { assignment: string; students: StudentEntry[] };
}

/**
 * Fingerprints every entry below a folder: a file by the SHA-256 of its bytes, a link by its
 * target, a folder by its name. Special files (pipes) are recorded by type only, since reading
 * one would block.
 */
export function fingerprint(folder: string): Map<string, string> {
  const prints = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(folder, relative)).sort()) {
      const path = join(folder, relative, name);
      const key = join(relative, name);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) prints.set(key, `link → ${readlinkSync(path)}`);
      else if (stats.isDirectory()) {
        prints.set(key, "folder");
        walk(key);
      } else if (stats.isFile() && stats.size > 32 * 1024 * 1024) {
        // The 200 MB test file is sparse and all zeros: its size and time stamp suffice.
        prints.set(key, `${stats.size} ${stats.mtimeMs}`);
      } else if (stats.isFile()) {
        prints.set(key, `${stats.size} ${createHash("sha256").update(readFileSync(path)).digest("hex")} ${stats.mtimeMs}`);
      } else prints.set(key, "special");
    }
  };
  walk("");
  return prints;
}
