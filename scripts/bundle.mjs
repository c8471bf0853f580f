// Bundles the compiled CLI in dist/ into dist/bundle/: the CLI and the grading thread as one
// CommonJS file each, which bin/nngrade.cjs and bin/_gradeWorker.cjs run with V8 code caches made
// here. Start-up then reads a few files instead of about a hundred modules, and compiles less.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

// Output names carry no hashes, but removing the folder drops files that earlier builds made.
rmSync("dist/bundle", { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // `import.meta.url` has no meaning in CommonJS and is replaced by the bundle's own file URL.
  define: { "import.meta.url": "__nngradeFileUrl" },
  banner: { js: 'const __nngradeFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
};

// The CLI. The commands it imports on demand become functions that run a module's code on first
// use, so `check` still runs none of the report's code. yaml is loaded on first use through
// require() and temml only by the report, so both stay ordinary packages that `check` never loads.
await build({
  ...common,
  entryPoints: ["dist/cli.js"],
  outfile: "dist/bundle/cli.cjs",
  external: ["yaml", "temml"],
  define: { ...common.define, __NNGRADE_WORKER_ENTRY__: JSON.stringify("../../bin/_gradeWorker.cjs") },
});

// The grading thread, which always renders pages, so temml is bundled and its code cached too.
await build({
  ...common,
  entryPoints: ["dist/commands/_gradeWorker.js"],
  outfile: "dist/bundle/_gradeWorker.cjs",
  external: ["yaml"],
});

// Students of the sample class that the build grades to make the code caches.
const SAMPLE_SIZE = 20;

writeCodeCache();

/**
 * Grades up to SAMPLE_SIZE students of the bundled sample class, so that bin/_bundle.cjs writes the
 * code V8 compiled for it beside each bundle. The CLI's cache comes from a run on the main thread alone. The grading thread has
 * two caches, with and without the flag that classes under 2,000 submissions get. A `check` loads
 * the rubric first, so that grading takes the path of a rubric already cached, as most runs do.
 * A failure only costs start-up time.
 */
function writeCodeCache() {
  const rubric = "rubrics/backprop-hw.yaml";
  if (!existsSync("submissions") || !existsSync(rubric)) return;

  const scratch = mkdtempSync(join(tmpdir(), "nngrade-build-"));
  try {
    // A copy of at most SAMPLE_SIZE students, in case a course has put its own class in
    // submissions/. The build stays quick, and the class stays small enough for grading to set the
    // flag that the worker-late cache is made with.
    const sample = join(scratch, "submissions");
    const names = readdirSync("submissions").filter((name) => !name.startsWith(".")).sort().slice(0, SAMPLE_SIZE);
    for (const name of names) cpSync(join("submissions", name), join(sample, name), { recursive: true });

    const run = (argv, role) =>
      spawnSync(process.execPath, ["bin/nngrade.cjs", ...argv, "--rubric", rubric], {
        env: { ...process.env, XDG_CACHE_HOME: scratch, NNGRADE_WRITE_CODE_CACHE: role },
        stdio: "ignore",
      });
    // Loads the rubric into the rubric cache. Any student will do, and a failed check does no harm.
    run(["check", join(sample, names[0] ?? "none")], "");
    run(["grade", sample, "--jobs", "1", "--out", join(scratch, "cli")], "cli");
    run(["grade", sample, "--jobs", "2", "--out", join(scratch, "worker")], "worker");
    run(["grade", sample, "--jobs", "2", "--out", join(scratch, "worker-late")], "worker-late");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const cache of ["cli.cjs.cache", "_gradeWorker.cjs.cache", "_gradeWorker.cjs.late.cache"]) {
    if (!existsSync(`dist/bundle/${cache}`)) console.warn(`bundle: no code cache dist/bundle/${cache} was written; start-up will be slower`);
  }
}
