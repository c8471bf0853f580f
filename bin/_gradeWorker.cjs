"use strict";
// A grading thread of the bundled CLI: runs the grading thread's bundle with its code cache.
// V8 uses a cache only with the flags it was made with, and the main thread sets a flag for
// classes under 2,000 submissions, so there is a cache for each case. The main thread passes
// LATE_OPTIMISING_ARGUMENT of src/commands/_startThreads.ts when it has set the flag.
const path = require("node:path");
const { runBundle } = require("./_bundle.cjs");

const bundle = path.join(__dirname, "..", "dist", "bundle", "_gradeWorker.cjs");

if (process.argv.includes("--late-optimising")) {
  runBundle(bundle, `${bundle}.late.cache`, "worker-late");
} else {
  runBundle(bundle, `${bundle}.cache`, "worker");
}
