"use strict";
// A grading thread of the bundled CLI: runs the grading thread's bundle with its code cache.
const path = require("node:path");
const { runBundle } = require("./_bundle.cjs");

runBundle(path.join(__dirname, "..", "dist", "bundle", "_gradeWorker.cjs"), "worker");
