"use strict";
// Runs the grading thread's bundle with its code cache. There is a cache for each state of the
// flag that src/commands/_startThreads.ts sets for small classes and passes on as an argument.
const path = require("node:path");
const { loadFailure, runBundle } = require("./_bundle.cjs");

const bundle = path.join(__dirname, "..", "dist", "bundle", "_gradeWorker.cjs");

const late = process.argv.includes("--late-optimising");
try {
  runBundle(bundle, late ? `${bundle}.late.cache` : `${bundle}.cache`, late ? "worker-late" : "worker");
} catch (error) {
  const failure = new Error(loadFailure(bundle, error));
  // The main thread prints this as it is, one line instead of a stack trace through this loader.
  failure.stack = failure.message;
  throw failure;
}
