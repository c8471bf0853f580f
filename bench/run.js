// Benchmark of nngrade: grading throughput and peak memory per class size against an I/O floor,
// start-up time of `check`, and reading throughput on one large write-up. Writes bench/RESULTS.md.
//
//   node bench/run.js [--sizes 100,1000,10000] [--runs N] [--quick] [--seed N] [--keep]
//
// It runs the compiled CLI in dist/, so build first (`npm run bench` does).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateClass, generateLargeWriteup } from "./generate.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = "bin/nngrade.cjs";
const RUBRIC = "rubrics/backprop-hw.yaml";
const FLOOR_SCRIPT = fileURLToPath(new URL("floor.js", import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL("RESULTS.md", import.meta.url));
const GNU_TIME = "/usr/bin/time";
const STARTUP_RUNS = 15;
const LARGE_WRITEUP_MEGABYTES = 5;
const MEBIBYTE = 1024 * 1024;

main();

function main() {
  const options = parseOptions(process.argv.slice(2));
  options.loadBefore = os.loadavg()[0];
  if (!existsSync(join(ROOT, "dist", "cli.js"))) {
    process.stderr.write("bench: dist/cli.js not found; run `npm run build` first (or `npm run bench`, which builds).\n");
    process.exit(2);
  }

  const memoryTool = findMemoryTool();
  const workFolder = mkdtempSync(join(os.tmpdir(), "nngrade-bench-"));
  options.fileSystem = fileSystemOf(workFolder);
  console.log(`bench: working in ${workFolder} (${options.fileSystem})`);
  if (!memoryTool) console.log(`bench: ${GNU_TIME} -v is not available, so peak memory is reported as n/a`);

  try {
    const rows = [];
    for (const size of options.sizes) {
      const row = benchClass(size, options, workFolder, memoryTool);
      console.log(`bench: ${classRow(row)}`);
      rows.push(row);
    }
    const startup = benchStartup();
    const reading = benchReading(workFolder, memoryTool);
    const markdown = renderResults(rows, startup, reading, options);
    writeFileSync(RESULTS_FILE, markdown);
    console.log(`\n${markdown}`);
    console.log(`bench: wrote ${RESULTS_FILE}`);
  } finally {
    if (options.keep) console.log(`bench: kept ${workFolder}`);
    else rmSync(workFolder, { recursive: true, force: true });
  }
}

function parseOptions(argv) {
  const options = { sizes: [100, 1000, 10000], runs: 3, seed: 1, keep: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--quick") {
      options.sizes = [100];
    } else if (argument === "--keep") {
      options.keep = true;
    } else if (argument === "--sizes" || argument === "--seed" || argument === "--runs") {
      const value = argv[index + 1];
      index += 1;
      if (argument === "--seed") options.seed = parseCount(value, "--seed");
      else if (argument === "--runs") options.runs = parseCount(value, "--runs");
      else options.sizes = String(value).split(",").map((size) => parseCount(size.trim(), "--sizes"));
    } else {
      usageError(`unknown option "${argument}"`);
    }
  }
  return options;
}

function parseCount(text, option) {
  if (!/^\d+$/.test(text ?? "") || Number(text) < 1) usageError(`${option} expects positive whole numbers, got "${text}"`);
  return Number(text);
}

function usageError(message) {
  process.stderr.write(`bench: ${message}\nusage: node bench/run.js [--sizes 100,1000,10000] [--runs N] [--quick] [--seed N] [--keep]\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Grading a class against the I/O floor

/**
 * Generates a class of `size`, then grades it end to end and runs the I/O floor on the same files,
 * `options.runs` times each, one after the other, so that other load on the machine falls on both
 * alike. Keeps the median times and the largest peak memory.
 */
function benchClass(size, options, workFolder, memoryTool) {
  const folder = join(workFolder, `class-${size}`);
  const reportsFolder = join(workFolder, `reports-${size}`);
  const floorOutput = join(workFolder, `floor-${size}`);
  const sizesFile = join(workFolder, `report-sizes-${size}.json`);
  console.log(`bench: generating ${size} submissions`);
  generateClass(folder, size, options.seed);

  const grades = [];
  const floors = [];
  for (let run = 1; run <= options.runs; run++) {
    console.log(`bench: grading ${size} submissions (run ${run} of ${options.runs})`);
    // A run replaces the previous reports, and deleting them is not part of grading.
    rmSync(reportsFolder, { recursive: true, force: true });
    const grade = timeCommand([process.execPath, CLI, "grade", folder, "--rubric", RUBRIC, "--out", reportsFolder], memoryTool);
    if (!grade.ok) {
      reportFailure(`grade (${size} submissions)`, grade);
      return { size, grade, floor: null, statuses: null };
    }
    grades.push(grade);

    // The floor reads every input and writes the same number of files, of the same sizes, as
    // the reports, so the ratio shows what grading costs beyond the unavoidable file traffic.
    if (run === 1) writeFileSync(sizesFile, JSON.stringify(listFileSizes(reportsFolder)));
    rmSync(floorOutput, { recursive: true, force: true });
    const floor = timeCommand([process.execPath, FLOOR_SCRIPT, folder, floorOutput, sizesFile], null);
    if (!floor.ok) reportFailure(`I/O floor (${size} submissions)`, floor);
    else floors.push(floor);
  }

  const row = {
    size,
    runs: options.runs,
    grade: { ok: true, seconds: median(grades.map((run) => run.seconds)), peakKilobytes: largestPeak(grades) },
    floor: floors.length > 0 ? { ok: true, seconds: median(floors.map((run) => run.seconds)) } : { ok: false },
    statuses: countStatuses(reportsFolder),
    reportBytes: listFileSizes(reportsFolder).reduce((sum, bytes) => sum + bytes, 0),
    inputBytes: listFileSizes(folder).reduce((sum, bytes) => sum + bytes, 0),
  };
  rmSync(floorOutput, { recursive: true, force: true });
  return row;
}

function largestPeak(runs) {
  const peaks = runs.map((run) => run.peakKilobytes).filter((peak) => peak !== null);
  return peaks.length === 0 ? null : Math.max(...peaks);
}

/** Counts the students of results.json by status; returns null when it cannot be read. */
function countStatuses(reportsFolder) {
  try {
    const results = JSON.parse(readFileSync(join(reportsFolder, "results.json"), "utf8"));
    const counts = {};
    for (const student of results.students) counts[student.status] = (counts[student.status] ?? 0) + 1;
    return counts;
  } catch {
    return null;
  }
}

function listFileSizes(folder) {
  const sizes = [];
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) sizes.push(statSync(join(entry.parentPath, entry.name)).size);
  }
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// Start-up and reading throughput

/** Times `check` on a small write-up against `node -e 0`, interleaved, and keeps the medians. */
function benchStartup() {
  console.log(`bench: timing start-up (${STARTUP_RUNS} runs each)`);
  const checkArgs = [process.execPath, CLI, "check", "submissions/ana-lopez.md"];
  const nodeArgs = [process.execPath, "-e", "0"];

  // One untimed run of each warms the file cache.
  timeCommand(checkArgs, null);
  timeCommand(nodeArgs, null);

  const checkSeconds = [];
  const nodeSeconds = [];
  for (let run = 0; run < STARTUP_RUNS; run += 1) {
    const check = timeCommand(checkArgs, null);
    if (!check.ok) {
      reportFailure("check submissions/ana-lopez.md", check);
      return null;
    }
    checkSeconds.push(check.seconds);
    nodeSeconds.push(timeCommand(nodeArgs, null).seconds);
  }
  return { checkSeconds: median(checkSeconds), nodeSeconds: median(nodeSeconds) };
}

/** Times `check` on one generated write-up of about 5 MB. */
function benchReading(workFolder, memoryTool) {
  const path = join(workFolder, "large-writeup.md");
  const bytes = generateLargeWriteup(path, LARGE_WRITEUP_MEGABYTES);
  console.log(`bench: checking one ${(bytes / MEBIBYTE).toFixed(1)} MB write-up`);
  const check = timeCommand([process.execPath, CLI, "check", path], memoryTool);
  if (!check.ok) reportFailure("check (large write-up)", check);
  return { bytes, check };
}

// ---------------------------------------------------------------------------------------------
// Running and timing a command

/**
 * Returns the memory tool to wrap commands in: GNU time with `-v`, when it is installed and
 * prints "Maximum resident set size"; otherwise null.
 */
function findMemoryTool() {
  if (!existsSync(GNU_TIME)) return null;
  const probe = spawnSync(GNU_TIME, ["-v", process.execPath, "-e", "0"], { encoding: "utf8" });
  return probe.status === 0 && parsePeakKilobytes(probe.stderr) !== null ? GNU_TIME : null;
}

/**
 * Runs `argv` from the repository root and measures its wall-clock time. With a memory tool,
 * the command runs under it and the peak resident set size is parsed from its report.
 */
function timeCommand(argv, memoryTool) {
  const [command, ...args] = memoryTool ? [memoryTool, "-v", ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * MEBIBYTE,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  let stderr = result.stderr ?? "";
  let peakKilobytes = null;
  if (memoryTool) {
    peakKilobytes = parsePeakKilobytes(stderr);
    stderr = stripTimeReport(stderr);
  }

  // `check` exits with 1 when an answer is wrong; only 2 and above (or a signal) is a failure.
  const ok = result.error === undefined && result.signal === null && result.status !== null && result.status <= 1;
  return { ok, seconds, peakKilobytes, status: result.status, signal: result.signal, error: result.error, stderr };
}

function parsePeakKilobytes(text) {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text ?? "");
  return match ? Number(match[1]) : null;
}

/** Removes GNU time's report (it starts with "\tCommand being timed:") from a command's stderr. */
function stripTimeReport(stderr) {
  const start = stderr.search(/^\s*Command (being timed|exited with non-zero status)/m);
  return start === -1 ? stderr : stderr.slice(0, start);
}

function reportFailure(label, run) {
  let cause = `exit code ${run.status}`;
  if (run.signal) cause = `signal ${run.signal}`;
  if (run.error) cause = run.error.message;
  console.log(`bench: ${label} failed (${cause}); going on with the rest. Its stderr:`);
  console.log(run.stderr.trim() === "" ? "  (empty)" : run.stderr.trimEnd());
}

// ---------------------------------------------------------------------------------------------
/** Returns the options of this run that differ from the defaults, as written on the command line. */
function commandOptions(options) {
  let text = options.sizes.join(",") === "100,1000,10000" ? "" : ` --sizes ${options.sizes.join(",")}`;
  if (options.runs !== 3) text += ` --runs ${options.runs}`;
  return text;
}

/** Returns the type of the file system containing `folder`, as `stat -f` names it, or "unknown". */
function fileSystemOf(folder) {
  const result = spawnSync("stat", ["-f", "-c", "%T", folder], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : "unknown";
}

// RESULTS.md

function renderResults(rows, startup, reading, options) {
  const cpus = os.cpus();
  const lines = [
    "# nngrade benchmark results",
    "",
    `Measured ${new Date().toISOString()} with \`node bench/run.js${commandOptions(options)}\` (seed ${options.seed}).`,
    "",
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    "",
    `Classes and reports were in ${os.tmpdir()} (file system: ${options.fileSystem}); set TMPDIR to measure another disk.`,
    "Both times depend on the disk and on what it is still writing out, so compare ratios measured on one disk.",
    "",
    "## Grading a class",
    "",
    "`node bin/nngrade.cjs grade <folder> --rubric rubrics/backprop-hw.yaml --out <reports>`, wall clock",
    `including Node start-up, median of ${options.runs} ${options.runs === 1 ? "run" : "runs"}. The floor is a Node script that reads every submission`,
    "and writes as many files and bytes as the reports took, run after each grading run (median);",
    "the ratio is grade time over floor time; peak RSS is the largest of the runs.",
    "About 80% of the submissions are Markdown or LaTeX write-ups and 20% YAML or JSON answers files.",
    "",
    "| submissions | grade s | submissions/s | floor s | ratio to floor | peak RSS MB |",
    "|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) lines.push(classRow(row));
  lines.push("");

  const notes = rows.filter((row) => row.statuses).map((row) => {
    const inputMegabytes = row.inputBytes / MEBIBYTE;
    const readRate = row.grade.ok ? `, ${(inputMegabytes / row.grade.seconds).toFixed(2)} MB/s of input` : "";
    return `${row.size}: ${formatStatuses(row.statuses)}, input ${inputMegabytes.toFixed(1)} MB${readRate}, reports ${(row.reportBytes / MEBIBYTE).toFixed(1)} MB`;
  });
  if (notes.length > 0) lines.push(`Students per status in results.json: ${notes.join("; ")}.`, "");

  lines.push("## Start-up", "");
  if (startup) {
    lines.push(
      `Median of ${STARTUP_RUNS} runs each: \`node bin/nngrade.cjs check submissions/ana-lopez.md\` ${ms(startup.checkSeconds)} ms,`,
      `\`node -e 0\` ${ms(startup.nodeSeconds)} ms, ratio ${(startup.checkSeconds / startup.nodeSeconds).toFixed(2)}.`,
      "",
    );
  } else {
    lines.push("Not measured: `check submissions/ana-lopez.md` failed.", "");
  }

  lines.push("## Reading throughput", "");
  const megabytes = reading.bytes / MEBIBYTE;
  if (reading.check.ok) {
    const rate = megabytes / reading.check.seconds;
    const netRate = startup && reading.check.seconds > startup.checkSeconds ? megabytes / (reading.check.seconds - startup.checkSeconds) : null;
    lines.push(
      `\`node bin/nngrade.cjs check <write-up>\` on one generated write-up of ${megabytes.toFixed(2)} MB: ${reading.check.seconds.toFixed(2)} s,`,
      `${rate.toFixed(2)} MB/s end to end${netRate ? ` (${netRate.toFixed(2)} MB/s after subtracting the small-file check time)` : ""}, peak RSS ${formatPeak(reading.check.peakKilobytes)} MB.`,
      "",
    );
  } else {
    lines.push(`Not measured: \`check\` on the ${megabytes.toFixed(2)} MB write-up failed.`, "");
  }

  lines.push(
    "MB here means 2^20 bytes. Other load on the machine shows directly in the numbers: the",
    `1-minute load average was ${options.loadBefore.toFixed(2)} when the run started.`,
    "",
  );
  return lines.join("\n");
}

function classRow(row) {
  if (!row.grade.ok) return `| ${row.size} | failed | | | | ${formatPeak(row.grade.peakKilobytes)} |`;
  const rate = row.size / row.grade.seconds;
  const floor = row.floor?.ok ? row.floor.seconds.toFixed(2) : "failed";
  const ratio = row.floor?.ok ? (row.grade.seconds / row.floor.seconds).toFixed(1) : "";
  return `| ${row.size} | ${row.grade.seconds.toFixed(2)} | ${rate.toFixed(0)} | ${floor} | ${ratio} | ${formatPeak(row.grade.peakKilobytes)} |`;
}

function formatStatuses(statuses) {
  return Object.entries(statuses).map(([status, count]) => `${count} ${status}`).join(", ");
}

function formatPeak(kilobytes) {
  return kilobytes === null ? "n/a" : (kilobytes / 1024).toFixed(0);
}

function ms(seconds) {
  return (seconds * 1000).toFixed(0);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
