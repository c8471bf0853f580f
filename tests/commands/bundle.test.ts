import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The bundle and its code cache are made by `npm run build`, which `npm test` runs first.
const root = new URL("../..", import.meta.url).pathname;
const built = existsSync(join(root, "dist/bundle/cli.cjs.cache"));
const scratch = mkdtempSync(join(tmpdir(), "nngrade-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sample = join(root, "submissions/ana-lopez.md");
const rubric = join(root, "rubrics/backprop-hw.yaml");

/** Runs `check --json` on the sample through a command line and returns what it printed. */
function check(argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...argv, "check", sample, "--rubric", rubric, "--json"], {
    encoding: "utf8",
    env: { ...process.env, NNGRADE_CACHE: "0" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The plain compiled modules, which neither the bundle nor the cache touch.
const unbundled = ["--input-type=module", "-e", `import { main } from ${JSON.stringify(join(root, "dist/cli.js"))}; main(process.argv.slice(1));`];

describe.skipIf(!built)("CLI bundle with a code cache", () => {
  it("prints what the unbundled CLI prints", () => {
    const expected = check(unbundled);
    const bundled = check([join(root, "bin/nngrade.cjs")]);

    expect(expected.stdout).toContain('"student": "ana-lopez"');
    expect(bundled.stdout).toBe(expected.stdout);
    expect(bundled.stderr).toBe(expected.stderr);
    expect(bundled.status).toBe(expected.status);
  });

  it("starts from the former bin/nngrade.js", () => {
    expect(check([join(root, "bin/nngrade.js")])).toEqual(check([join(root, "bin/nngrade.cjs")]));
  });

  it("runs without a cache and with a damaged one", () => {
    // A copy of the built CLI, with the packages it loads on demand linked in.
    const copy = join(scratch, "copy");
    mkdirSync(copy);
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
    const expected = check([join(root, "bin/nngrade.cjs")]).stdout;

    writeFileSync(join(copy, "dist/bundle/cli.cjs.cache"), "not a V8 code cache");
    expect(check([join(copy, "bin/nngrade.cjs")]).stdout).toBe(expected);

    rmSync(join(copy, "dist/bundle/cli.cjs.cache"));
    expect(check([join(copy, "bin/nngrade.cjs")]).stdout).toBe(expected);
  });

  it("ignores a cache made for another bundle", () => {
    const copy = join(scratch, "edited");
    mkdirSync(copy);
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));

    // A bundle edited without changing its length, as a rebuild after a one-word fix would make
    // it, beside the cache of the bundle before. V8 itself compares only the source's length.
    const file = join(copy, "dist/bundle/cli.cjs");
    const edited = readFileSync(file, "utf8")
      .replace("graded answers are correct;", "graded answers ARE CORRECT;")
      .replace(/\/\/ nngrade bundle [0-9a-f]{16}\n$/, "// nngrade bundle 0123456789abcdef\n");
    writeFileSync(file, edited);

    const result = spawnSync(process.execPath, [join(copy, "bin/nngrade.cjs"), "check", sample, "--rubric", rubric], { encoding: "utf8" });
    expect(result.stdout).toContain("graded answers ARE CORRECT;");
  });

  it("keeps the exit code when the cache cannot be written", () => {
    const copy = join(scratch, "unwritable");
    mkdirSync(copy);
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
    // A folder where the cache file would go makes writing it fail, even for root.
    rmSync(join(copy, "dist/bundle/cli.cjs.cache"));
    mkdirSync(join(copy, "dist/bundle/cli.cjs.cache"));

    const result = spawnSync(process.execPath, [join(copy, "bin/nngrade.cjs"), "check", sample, "--rubric", rubric], {
      encoding: "utf8",
      env: { ...process.env, NNGRADE_WRITE_CODE_CACHE: "cli" },
    });
    const expected = spawnSync(process.execPath, [join(root, "bin/nngrade.cjs"), "check", sample, "--rubric", rubric], { encoding: "utf8" });
    expect(result.status).toBe(expected.status);
    expect(result.stdout).toBe(expected.stdout);
    expect(result.stderr).toContain("could not write the code cache");
  });

  it("falls back to the compiled modules without the bundle", () => {
    const copy = join(scratch, "plain");
    mkdirSync(copy);
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
    // The compiled modules are ES modules, which need the package's "type": "module".
    cpSync(join(root, "package.json"), join(copy, "package.json"));
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
    rmSync(join(copy, "dist/bundle"), { recursive: true });

    expect(check([join(copy, "bin/nngrade.cjs")]).stdout).toBe(check([join(root, "bin/nngrade.cjs")]).stdout);
  });
});
