import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The bundles and their code caches are made by `npm run build`, which `npm test` runs first.
const root = new URL("../..", import.meta.url).pathname;
const built = existsSync(join(root, "dist/bundle/cli.cjs.cache"));
const scratch = mkdtempSync(join(tmpdir(), "nngrade-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sample = join(root, "submissions/ana-lopez.md");
const rubric = join(root, "rubrics/backprop-hw.yaml");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command line of nngrade with `args` and returns what it printed. */
function run(command: string[], args: string[], environment: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [...command, ...args], {
    encoding: "utf8",
    env: { ...process.env, NNGRADE_CACHE: "0", ...environment },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `check --json` on the sample through a command line. */
function check(command: string[], environment: Record<string, string> = {}): Run {
  return run(command, ["check", sample, "--rubric", rubric, "--json"], environment);
}

/** Copies the built CLI to a new folder, with the packages it loads on demand linked in. */
function copyBuild(name: string): string {
  const copy = join(scratch, name);
  mkdirSync(copy);
  cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  return copy;
}

// The plain compiled modules, which neither the bundle nor the cache touch.
const unbundled = ["--input-type=module", "-e", `import { main } from ${JSON.stringify(join(root, "dist/cli.js"))}; main(process.argv.slice(1));`];
const bundled = [join(root, "bin/nngrade.cjs")];

describe.skipIf(!built)("CLI bundle with a code cache", () => {
  it("prints what the unbundled CLI prints", () => {
    const expected = check(unbundled);
    const actual = check(bundled);

    expect(expected.stdout).toContain('"student": "ana-lopez"');
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.status).toBe(expected.status);
  });

  it("starts from the former bin/nngrade.js", () => {
    expect(check([join(root, "bin/nngrade.js")])).toEqual(check(bundled));
  });

  it("runs with a damaged or missing cache", () => {
    const copy = copyBuild("damaged");
    const cache = join(copy, "dist/bundle/cli.cjs.cache");
    const expected = check(bundled);

    // Bytes changed after the header line, which V8 itself would not notice and could abort on.
    const data = readFileSync(cache);
    for (let offset = 2000; offset < data.length; offset += 997) data[offset] ^= 0xff;
    writeFileSync(cache, data);
    expect(check([join(copy, "bin/nngrade.cjs")])).toEqual(expected);

    writeFileSync(cache, "not a V8 code cache");
    expect(check([join(copy, "bin/nngrade.cjs")])).toEqual(expected);

    rmSync(cache);
    expect(check([join(copy, "bin/nngrade.cjs")])).toEqual(expected);
  });

  it("ignores a cache made for another bundle", () => {
    const copy = copyBuild("edited");
    // A bundle edited without changing its length, beside the cache of the bundle before. V8 itself
    // compares only the source's length and would run the old code.
    const file = join(copy, "dist/bundle/cli.cjs");
    // The feedback of a correct matrix, made by code that the build's run compiled into the cache.
    writeFileSync(file, readFileSync(file, "utf8").replace("`Correct: all ${total} entries", "`CORRECT: all ${total} entries"));

    expect(check([join(copy, "bin/nngrade.cjs")]).stdout).toContain('"feedback": "CORRECT: all 4 entries');
  });

  it("skips a cache that is a FIFO", () => {
    const copy = copyBuild("fifo");
    const cache = join(copy, "dist/bundle/cli.cjs.cache");
    rmSync(cache);
    // Reading a FIFO waits for a writer, which never comes.
    expect(spawnSync("mkfifo", [cache]).status).toBe(0);

    expect(check([join(copy, "bin/nngrade.cjs")])).toEqual(check(bundled));
  });

  it("keeps the exit code on write failure", () => {
    const copy = copyBuild("unwritable");
    // A folder where the cache file would go makes writing it fail, even for root.
    rmSync(join(copy, "dist/bundle/cli.cjs.cache"));
    mkdirSync(join(copy, "dist/bundle/cli.cjs.cache"));

    const result = check([join(copy, "bin/nngrade.cjs")], { NNGRADE_WRITE_CODE_CACHE: "cli" });
    const expected = check(bundled);
    expect(result.status).toBe(expected.status);
    expect(result.stdout).toBe(expected.stdout);
    expect(result.stderr).toContain("could not write the code cache");
  });

  it("reports a broken CLI bundle", () => {
    const copy = copyBuild("truncated");
    const file = join(copy, "dist/bundle/cli.cjs");
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 5000));

    const result = check([join(copy, "bin/nngrade.cjs")]);
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/^nngrade: failed to load .*cli\.cjs .*Run `npm run build`/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reports a broken thread bundle", () => {
    const copy = copyBuild("broken-thread-bundle");
    const file = join(copy, "dist/bundle/_gradeWorker.cjs");
    // Cut short, a bundle may still parse when the cut falls after a whole statement, so a line
    // that cannot parse anywhere follows the cut.
    writeFileSync(file, `${readFileSync(file, "utf8").slice(0, 200_000)}\n@@@ broken\n`);

    const result = run([join(copy, "bin/nngrade.cjs")], ["grade", join(root, "submissions"), "--rubric", rubric, "--out", join(scratch, "broken-out"), "--jobs", "2"]);
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/failed to load .*_gradeWorker\.cjs .*Run `npm run build`/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("names the bundle in stack traces", () => {
    // A copy somewhere else: its cache was made in the build's folder, whose name V8 keeps.
    const copy = copyBuild("moved");
    const script = `
      const { runBundle } = require(${JSON.stringify(join(copy, "bin/_bundle.cjs"))});
      const file = ${JSON.stringify(join(copy, "dist/bundle/cli.cjs"))};
      const cli = runBundle(file, file + ".cache", "cli");
      Promise.resolve().then(() => cli.run(42)).catch((error) => console.log(error.stack));`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });

    expect(result.stdout).toContain("(nngrade/dist/bundle/cli.cjs:");
    expect(result.stdout).not.toContain(root);
  });

  it("rejects rubrics cached by another bundle", () => {
    const copy = copyBuild("rubric-cache");
    const cacheHome = join(copy, "cache");
    const grade = (): Run =>
      run([join(copy, "bin/nngrade.cjs")], ["check", sample, "--rubric", rubric, "--json"], { NNGRADE_CACHE: "1", XDG_CACHE_HOME: cacheHome });
    const before = grade();

    // Every question of the rubric worth twice its points, in the code that loads rubrics.
    const file = join(copy, "dist/bundle/cli.cjs");
    writeFileSync(file, readFileSync(file, "utf8").replace("points.set(key, entry.points);", "points.set(key, entry.points*2);"));
    const after = grade();

    expect(before.stdout).toContain('"max_points": 24,');
    expect(after.stdout).toContain('"max_points": 48,');
  });

  it("rejects rubrics cached by other modules", () => {
    // Plain modules, and a problem that leaves its FLOP convention to the default of
    // problem/types.js, a module the rubric loader imports only indirectly.
    const copy = copyBuild("plain-rubric-cache");
    cpSync(join(root, "package.json"), join(copy, "package.json"));
    rmSync(join(copy, "dist/bundle"), { recursive: true });
    cpSync(join(root, "problems"), join(copy, "problems"), { recursive: true });
    cpSync(join(root, "rubrics"), join(copy, "rubrics"), { recursive: true });
    const problem = join(copy, "problems/p4-mlp-size.yaml");
    writeFileSync(problem, readFileSync(problem, "utf8").replace(/^\s*convention:.*\n/m, ""));

    const check = (): Run =>
      run([join(copy, "bin/nngrade.cjs")], ["check", sample, "--rubric", join(copy, "rubrics/backprop-hw.yaml"), "--json"], {
        NNGRADE_CACHE: "1",
        XDG_CACHE_HOME: join(copy, "cache"),
      });
    const before = check();
    const types = join(copy, "dist/problem/types.js");
    writeFileSync(types, readFileSync(types, "utf8").replace("perMac: 2,", "perMac: 3,"));
    const after = check();

    expect(before.stdout).toContain('"points": 24,');
    expect(after.stdout).not.toBe(before.stdout);
  });

  it("grades alone without the thread bundle", () => {
    const copy = copyBuild("no-thread-bundle");
    rmSync(join(copy, "dist/bundle/_gradeWorker.cjs"));
    const grade = (command: string[], out: string): Run =>
      run(command, ["grade", join(root, "submissions"), "--rubric", rubric, "--out", out, "--jobs", "2"]);

    const result = grade([join(copy, "bin/nngrade.cjs")], join(scratch, "one-thread"));
    const expected = grade(bundled, join(scratch, "two-threads"));
    expect(result.status).toBe(expected.status);
    expect(result.stderr).toBe("");
    expect(readFileSync(join(scratch, "one-thread/results.json"), "utf8")).toBe(readFileSync(join(scratch, "two-threads/results.json"), "utf8"));
  });

  it("uses every code cache it builds", () => {
    // The CLI's cache, and the grading thread's for classes under 2,000 submissions and from
    // 2,000 on: V8 takes a cache only with the flags it was made with, which differ by class size.
    // Files of an unknown type are listed and reported without being read, so grading is quick.
    const trace = (count: number): string[] => {
      const folder = join(scratch, `class-${count}`);
      mkdirSync(folder);
      for (let index = 0; index < count; index++) writeFileSync(join(folder, `s${index}.txt`), "");
      const result = run(bundled, ["grade", folder, "--rubric", rubric, "--out", join(scratch, `reports-${count}`), "--jobs", "2"], {
        NNGRADE_TRACE_CODE_CACHE: "1",
      });
      expect(result.status).toBe(0);
      return result.stderr.trim().split("\n").sort();
    };

    expect(trace(300)).toEqual(["nngrade: cli code cache used", "nngrade: worker-late code cache used"]);
    expect(trace(2000)).toEqual(["nngrade: cli code cache used", "nngrade: worker code cache used"]);
  });

  it("traces to an unread stderr", async () => {
    // The read end of stderr's pipe is closed before the child starts writing, so every trace
    // line fails with EPIPE, and the run must go on as without tracing.
    const child = spawn(process.execPath, [...bundled, "check", sample, "--rubric", rubric], {
      env: { ...process.env, NNGRADE_CACHE: "0", NNGRADE_TRACE_CODE_CACHE: "1" },
    });
    child.stderr.destroy();
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));

    expect(status).toBe(0);
    expect(stdout).toContain("6 of 6 graded answers are correct");
  });

  it("traces a cache that V8 rejects", () => {
    const result = run(["--max-old-space-size=900", ...bundled], ["--version"], { NNGRADE_TRACE_CODE_CACHE: "1" });
    expect(result.stderr).toContain("nngrade: cli code cache rejected by V8");
  });

  it("falls back to the plain modules", () => {
    const copy = copyBuild("plain");
    // The compiled modules are ES modules, which need the package's "type": "module".
    cpSync(join(root, "package.json"), join(copy, "package.json"));
    rmSync(join(copy, "dist/bundle"), { recursive: true });

    expect(check([join(copy, "bin/nngrade.cjs")]).stdout).toBe(check(bundled).stdout);
  });
});
