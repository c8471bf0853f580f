// The I/O floor of one grading run: read every input file, then write files of the sizes the
// reports had. Run as `node bench/floor.js INPUT_FOLDER OUTPUT_FOLDER SIZES_JSON`, where
// SIZES_JSON is a file holding an array of byte counts, one per report file.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [inputFolder, outputFolder, sizesFile] = process.argv.slice(2);
if (!inputFolder || !outputFolder || !sizesFile) {
  process.stderr.write("usage: node bench/floor.js INPUT_FOLDER OUTPUT_FOLDER SIZES_JSON\n");
  process.exit(2);
}

let bytesRead = 0;
for (const entry of readdirSync(inputFolder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  bytesRead += readFileSync(join(entry.parentPath, entry.name)).length;
}

const sizes = JSON.parse(readFileSync(sizesFile, "utf8"));
mkdirSync(outputFolder, { recursive: true });
sizes.forEach((size, index) => {
  writeFileSync(join(outputFolder, `report-${index}.html`), Buffer.alloc(size, 0x61));
});

process.stdout.write(`${bytesRead}\n`);
