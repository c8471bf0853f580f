import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Rubric } from "../grading/rubric.js";

// Bumped whenever the shape of a cached rubric changes, so old entries are ignored.
const CACHE_FORMAT = 1;

interface CacheEntry {
  format: number;
  /** Build of nngrade that wrote the entry: code changes can change what loading produces. */
  build: string;
  /** SHA-256 of every file the rubric was loaded from, by absolute path. */
  files: Record<string, string>;
  rubric: Omit<Rubric, "bonus" | "points"> & { bonus: string[]; points: [string, number][] };
}

/**
 * Returns the rubric loaded earlier from the same files, or null. Loading a rubric parses half a
 * dozen YAML files, which cost a `check` more time than grading itself; the cache is keyed by
 * the files' contents, the working folder (messages name paths relative to it) and the build.
 * Set NNGRADE_CACHE=0 to turn it off.
 */
export function readCachedRubric(rubricPath: string): Rubric | null {
  const cacheFile = cachePath(rubricPath);
  if (!cacheFile) return null;

  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(cacheFile, "utf8")) as CacheEntry;
  } catch {
    return null;
  }
  if (entry.format !== CACHE_FORMAT || entry.build !== buildId()) return null;
  for (const [path, hash] of Object.entries(entry.files)) {
    if (hashFile(path) !== hash) return null;
  }

  return { ...entry.rubric, bonus: new Set(entry.rubric.bonus), points: new Map(entry.rubric.points) };
}

/** Stores a loaded rubric for `readCachedRubric`; failing to write is never an error. */
export function writeCachedRubric(rubricPath: string, rubric: Rubric, files: string[]): void {
  const cacheFile = cachePath(rubricPath);
  if (!cacheFile) return;

  const hashes: Record<string, string> = {};
  for (const file of [rubricPath, ...files]) {
    const hash = hashFile(file);
    if (hash === null) return;
    hashes[resolve(file)] = hash;
  }
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    build: buildId(),
    files: hashes,
    rubric: { ...rubric, bonus: [...rubric.bonus], points: [...rubric.points] },
  };

  try {
    mkdirSync(join(cacheFile, ".."), { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only home folder only costs the next run its speed.
  }
}

function cachePath(rubricPath: string): string | null {
  if (process.env.NNGRADE_CACHE === "0") return null;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const key = createHash("sha256").update(`${process.cwd()}\u0000${resolve(rubricPath)}`).digest("hex").slice(0, 32);
  return join(base, "nngrade", `rubric-${key}.json`);
}

function hashFile(path: string): string | null {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return null;
  }
}

// Set by bin/_bundle.cjs to the SHA-256 of the bundle it runs, so that a rebuilt or edited bundle
// never reuses what other code loaded.
const BUNDLE_HASH = Symbol.for("nngrade.bundleHash");

let build: string | null = null;

/** Identifies the running build, so that a cache written by other code is never used. */
function buildId(): string {
  const bundleHash = (globalThis as Record<symbol, unknown>)[BUNDLE_HASH];
  if (typeof bundleHash === "string") return bundleHash.slice(0, 16);
  if (build === null) {
    // Every plain module in dist/, or every TypeScript source under the test runner, because
    // loading a rubric depends on more modules than those it imports directly.
    const root = fileURLToPath(new URL("..", import.meta.url));
    const hash = createHash("sha256");
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(js|ts)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(relative(root, file)).update(readFileSync(file));
    build = hash.digest("hex").slice(0, 16);
  }
  return build;
}
