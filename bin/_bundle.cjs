"use strict";
// Loads a CommonJS bundle of nngrade with a V8 code cache beside it: the CLI (nngrade.cjs) and
// the grading threads (_gradeWorker.cjs).
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

/**
 * Runs the bundle `file` as CommonJS would and returns its exports. It uses the code cache
 * `cacheFile` unless NNGRADE_WRITE_CODE_CACHE names `role`, in which case this run writes it.
 */
function runBundle(file, cacheFile, role) {
  const bytes = fs.readFileSync(file);
  const sourceHash = hash(bytes);
  const writing = process.env.NNGRADE_WRITE_CODE_CACHE === role;
  const cachedData = writing ? undefined : readCache(cacheFile, sourceHash);

  // The rubric cache in src/commands/_rubricCache.ts is keyed by this hash too.
  globalThis[Symbol.for("nngrade.bundleHash")] = sourceHash;

  // V8 keeps the file name of the run that made the cache, so a built copy that was moved would
  // show the build's folder in stack traces. The bundle is named by its place in the package.
  const filename = path.join("nngrade", path.relative(path.join(__dirname, ".."), file));
  const script = new vm.Script(Module.wrap(bytes.toString("utf8")), { filename, cachedData });
  if (process.env.NNGRADE_TRACE_CODE_CACHE === "1") trace(`nngrade: ${role} code cache ${cacheUse(cachedData, script)}\n`);
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));

  // Written at exit, so that the cache has every function the run compiled, not only the top level.
  if (writing) process.on("exit", () => writeCache(cacheFile, sourceHash, script.createCachedData()));
  return module.exports;
}

// V8 rejects a cache made by another version of V8 or with other flags. Of the source, it compares
// only the length. It also leaves the cache's checksum unchecked (Node 20's V8 runs with
// --no-verify-snapshot-checksum), and a damaged cache can abort the process. So a cache starts
// with a line of two hashes, of the bundle it was made for and of the rest of the file, and is
// used only when both match.

/**
 * Describes what became of a code cache, for NNGRADE_TRACE_CODE_CACHE. V8 rejects a cache made
 * with other V8 flags, such as flags given in NODE_OPTIONS.
 */
function cacheUse(cachedData, script) {
  if (cachedData === undefined) return "not used: missing, stale or being written";
  return script.cachedDataRejected ? "rejected by V8 (made with other V8 flags or another Node.js)" : "used";
}

/**
 * Writes a trace line to stderr. A stderr that cannot be written (a closed pipe, a full disk) is
 * ignored, so that tracing never changes what a run prints or how it ends.
 */
function trace(line) {
  try {
    fs.writeSync(2, line);
  } catch {
    // Nothing to report it to.
  }
}

/** Returns the V8 data of a cache made for the bundle with `sourceHash`, or undefined. */
function readCache(cacheFile, sourceHash) {
  let data;
  try {
    // Only a regular file: reading a FIFO or a device could wait forever.
    if (!fs.statSync(cacheFile).isFile()) return undefined;
    data = fs.readFileSync(cacheFile);
  } catch {
    // No cache: V8 compiles everything, as it would without one.
    return undefined;
  }
  const lineEnd = data.indexOf(0x0a);
  if (lineEnd < 0) return undefined;
  const [madeFor, bodyHash] = data.subarray(0, lineEnd).toString("latin1").split(" ");
  const body = data.subarray(lineEnd + 1);
  return madeFor === sourceHash && bodyHash === hash(body) ? body : undefined;
}

function writeCache(cacheFile, sourceHash, data) {
  try {
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${sourceHash} ${hash(data)}\n`), data]));
  } catch (error) {
    // The run's result is unaffected, and later start-ups are only slower.
    process.stderr.write(`nngrade: could not write the code cache ${cacheFile}: ${error.message}\n`);
  }
}

/** Returns the message for a bundle that failed to load, with what to do about it. */
function loadFailure(file, error) {
  return `failed to load ${file} (${error.message}). Run \`npm run build\` in ${path.join(__dirname, "..")} to build it again.`;
}

function hash(bytes) {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

module.exports = { loadFailure, runBundle };
