"use strict";
// Loads a CommonJS bundle of nngrade with the V8 code cache beside it: the CLI (nngrade.cjs) and
// the grading threads (_gradeWorker.cjs).
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

/**
 * Runs the bundle `file` as CommonJS would and returns its exports. Its code cache, `file`.cache,
 * is used unless NNGRADE_WRITE_CODE_CACHE names `role`, in which case this run writes it at exit.
 */
function runBundle(file, role) {
  const source = fs.readFileSync(file, "utf8");
  const cacheFile = `${file}.cache`;
  const writing = process.env.NNGRADE_WRITE_CODE_CACHE === role;

  // V8 rejects a cache made by another version of V8 or with other flags, but of the source it
  // compares only the length. So the cache starts with the hash that the build appended to the
  // bundle, and a cache made for another bundle is not used.
  const stamp = Buffer.from(`${bundleHash(source)}\n`);
  let cachedData;
  if (!writing) {
    try {
      const data = fs.readFileSync(cacheFile);
      if (data.subarray(0, stamp.length).equals(stamp)) cachedData = data.subarray(stamp.length);
    } catch {
      // No cache: V8 compiles everything, as it would without one.
    }
  }

  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));

  // Written at exit, so that the cache has every function the run compiled, not only the top level.
  if (writing) {
    process.on("exit", () => {
      try {
        fs.writeFileSync(cacheFile, Buffer.concat([stamp, script.createCachedData()]));
      } catch (error) {
        // The run's result is unaffected, and later start-ups are only slower.
        process.stderr.write(`nngrade: could not write the code cache ${cacheFile}: ${error.message}\n`);
      }
    });
  }
  return module.exports;
}

/** Returns the hash on the bundle's last line, `// nngrade bundle HASH`, or "" without one. */
function bundleHash(source) {
  const match = /\/\/ nngrade bundle ([0-9a-f]+)\n$/.exec(source.slice(-64));
  return match === null ? "" : match[1];
}

module.exports = { runBundle };
