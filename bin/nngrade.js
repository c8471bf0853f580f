#!/usr/bin/env node
// The bundle in dist/bundle/ starts faster; dist/cli.js is the plain compiled output.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/bundle/cli.js", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../dist/cli.js");
main(process.argv.slice(2));
