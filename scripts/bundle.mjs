// Bundles the compiled CLI in dist/ into dist/bundle/: the CLI as one CommonJS file, which
// bin/nngrade.cjs runs with a V8 code cache made here, and the grading thread as one ES module.
// Start-up then reads a few files instead of about a hundred modules.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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

// Output names carry no hashes, but removing the folder drops files that earlier builds made.
rmSync("dist/bundle", { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  // yaml is loaded on first use through require() and temml only by the report; both stay
  // ordinary packages so that `check` never loads them.
  external: ["yaml", "temml"],
  define: { __NNGRADE_BUILD__: JSON.stringify(hash.digest("hex").slice(0, 16)) },
  logLevel: "warning",
};

// The CLI. The commands it imports on demand become functions that run a module's code on first
// use, so `check` still runs none of the report's code. `import.meta.url` has no meaning in
// CommonJS and is replaced by the bundle's own file URL.
await build({
  ...common,
  entryPoints: ["dist/cli.js"],
  outfile: "dist/bundle/cli.cjs",
  format: "cjs",
  define: { ...common.define, "import.meta.url": "__nngradeFileUrl" },
  banner: { js: 'const __nngradeFileUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// A hash of the bundle on its last line ties the code cache to this bundle (bin/nngrade.cjs says why).
const cli = readFileSync("dist/bundle/cli.cjs");
appendFileSync("dist/bundle/cli.cjs", `// nngrade bundle ${createHash("sha256").update(cli).digest("hex").slice(0, 16)}\n`);

// The grading thread, which _startThreads.js starts from the file beside the CLI's.
await build({
  ...common,
  entryPoints: ["dist/commands/_gradeWorker.js"],
  outfile: "dist/bundle/_gradeWorker.js",
  format: "esm",
  // Bundled CommonJS code calls require() for Node's built-in modules.
  banner: { js: 'import { createRequire as __nngradeRequire } from "node:module"; const require = __nngradeRequire(import.meta.url);' },
});

writeCodeCache();

/**
 * Grades the bundled sample class once, so that bin/nngrade.cjs writes the code V8 compiled for
 * it to dist/bundle/cli.cjs.cache: the reader, the grader and the report, which `check` shares in
 * part. A `check` loads the rubric before, so that grading takes the path of a rubric already
 * cached, as most runs do. A failure only costs start-up time.
 */
function writeCodeCache() {
  if (!existsSync("submissions") || !existsSync("rubrics")) return;

  const scratch = mkdtempSync(join(tmpdir(), "nngrade-build-"));
  try {
    const run = (argv, environment) =>
      spawnSync(process.execPath, ["bin/nngrade.cjs", ...argv], {
        env: { ...process.env, XDG_CACHE_HOME: scratch, ...environment },
        stdio: "ignore",
      });
    run(["check", "submissions/ana-lopez.md"], {});
    run(["grade", "--out", join(scratch, "reports")], { NNGRADE_WRITE_CODE_CACHE: "1" });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync("dist/bundle/cli.cjs.cache")) console.warn("bundle: no code cache was written; start-up will be slower");
}
