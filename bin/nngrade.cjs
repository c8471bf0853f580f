#!/usr/bin/env node
"use strict";
// Runs the CLI bundle in dist/bundle/ with the V8 code cache the build wrote beside it, so that
// functions compiled in the build's run are read from the cache instead of compiled again.
// Without the bundle, it runs the plain compiled modules in dist/.
const fs = require("node:fs");
const path = require("node:path");
const { loadFailure, runBundle } = require("./_bundle.cjs");

const bundle = path.join(__dirname, "..", "dist", "bundle", "cli.cjs");

// Only a regular file: reading a FIFO would wait forever.
if (fs.statSync(bundle, { throwIfNoEntry: false })?.isFile()) {
  let cli;
  try {
    cli = runBundle(bundle, `${bundle}.cache`, "cli");
  } catch (error) {
    process.stderr.write(`nngrade: ${loadFailure(bundle, error)}\n`);
    process.exit(70);
  }
  cli.main(process.argv.slice(2));
} else {
  import("../dist/cli.js").then(({ main }) => main(process.argv.slice(2)));
}
