#!/usr/bin/env node
// Kept for installs that still link the command to this file, such as npx's cache of a clone
// made before the command moved to nngrade.cjs. It starts the same CLI, a few milliseconds later.
import { createRequire } from "node:module";

createRequire(import.meta.url)("./nngrade.cjs");
