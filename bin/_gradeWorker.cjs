"use strict";
// A grading thread of the bundled CLI: runs the grading thread's bundle with its code cache.
// V8 uses a cache only with the flags it was made with, and the main thread sets a flag for
// classes under 2,000 submissions, so there is a cache for each case. The main thread passes
// LATE_OPTIMISING_ARGUMENT of src/commands/_startThreads.ts when it has set the flag.
const path = require("node:path");
const { runBundle } = require("./_bundle.cjs");

const bundle = path.join(__dirname, "..", "dist", "bundle", "_gradeWorker.cjs");

const late = process.argv.includes("--late-optimising");
try {
  runBundle(bundle, late ? `${bundle}.late.cache` : `${bundle}.cache`, late ? "worker-late" : "worker");
} catch (error) {
  const failure = new Error(`could not load ${bundle} (${error.message}). Run \`npm run build\` in ${path.join(__dirname, "..")} to build it again.`);
  // The main thread prints this as it is, one line instead of a stack trace through this loader.
  failure.stack = failure.message;
  throw failure;
}
