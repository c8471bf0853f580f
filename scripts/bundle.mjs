// Bundles the compiled CLI in dist/ into a few files in dist/bundle/, so that start-up loads a
// handful of modules instead of about a hundred; `nngrade check` starts about 30 ms sooner.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

// A hash of every compiled file identifies this build, so that caches written by another
// build of nngrade are not used.
const hash = createHash("sha256");
for (const entry of readdirSync("dist", { recursive: true, withFileTypes: true }).sort((a, b) => (join(a.parentPath, a.name) < join(b.parentPath, b.name) ? -1 : 1))) {
  if (entry.isFile() && !join(entry.parentPath, entry.name).includes("bundle")) {
    hash.update(join(entry.parentPath, entry.name)).update(readFileSync(join(entry.parentPath, entry.name)));
  }
}

// Chunk names carry content hashes, so chunks of earlier builds would pile up without this.
rmSync("dist/bundle", { recursive: true, force: true });

await build({
  entryPoints: { cli: "dist/cli.js", _gradeWorker: "dist/commands/_gradeWorker.js" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // yaml is loaded on first use through require() and temml only by the report; both stay
  // ordinary packages so that `check` never loads them.
  external: ["yaml", "temml"],
  // Bundled CommonJS code (commander) calls require() for Node's built-in modules.
  banner: { js: 'import { createRequire as __nngradeRequire } from "node:module"; const require = __nngradeRequire(import.meta.url);' },
  define: { __NNGRADE_BUILD__: JSON.stringify(hash.digest("hex").slice(0, 16)) },
  logLevel: "warning",
});
