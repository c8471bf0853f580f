import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Gives the test run a rubric cache of its own, removed at the end. Tests load rubrics from
 * temporary folders, and each folder would otherwise leave an entry in the user's ~/.cache/nngrade.
 */
export default function setup(): () => void {
  const cache = mkdtempSync(join(tmpdir(), "nngrade-test-cache-"));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
