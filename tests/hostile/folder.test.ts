import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSubmissions, loadRubric } from "../../src/commands/files.js";
import { gradeEntry, prepareGrading } from "../../src/commands/pipeline.js";
import { cli, fingerprint, readResults, removeFolder, RUBRIC, scratchFolder, writeFiles, type CliRun, type StudentEntry } from "./_class.js";

// One hostile class, graded once with the real CLI; each test below reads what that run wrote.
const scratch = scratchFolder("folder");
const submissions = join(scratch, "submissions");
const out = join(scratch, "reports");
const outside = join(scratch, "outside");

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
// A PDF's second line contains bytes above 0x7f, so it fails as UTF-8 rather than as NUL bytes.
const PDF = Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0, 0, 0, 0, 0]);
const GOOD_ANSWERS = "answers:\n  p2-linear:\n    dW1: [[25, 25], [50, 50]]\n    dW2: [[10, 20], [15, 30]]\n";
// Values that only the file outside the folder contains, so finding them means a link was followed.
const SECRET_ANSWERS = "student: secret\nanswers:\n  p2-linear:\n    dW1: [[7777, 7777], [7777, 7777]]\n";

/** Student ids given in answers files: path tricks, a NUL, names Windows reserves, look-alikes. */
const HOSTILE_IDS: Record<string, string> = {
  "traversal.yaml": "../../escaped",
  "slash.yaml": "a/b/c",
  "absolute.yaml": "/etc/passwd",
  "nul.yaml": "nul\\0byte",
  "con-id.yaml": "CON",
  "lpt.yaml": "lpt1.txt",
  "dots.yaml": "..",
  "cyrillic.yaml": "аna",
  "fullwidth.yaml": "ａｎａ",
  "upper.yaml": "ANA",
};

let grading: CliRun;
let students: StudentEntry[];
let before: Map<string, string>;

beforeAll(async () => {
  mkdirSync(submissions, { recursive: true });
  copyFileSync("submissions/ana-lopez.md", join(submissions, "ana.md"));
  copyFileSync("submissions/dana-smith.yaml", join(submissions, "dana-smith.yaml"));
  writeFiles(submissions, {
    "scan.pdf": PDF,
    "scan-renamed.md": PDF,
    "photo.png": PNG,
    "photo-renamed.md": PNG,
    "selfie.jpg": JPEG,
    "essay.docx": ZIP,
    "random.bin": Uint8Array.from([1, 2, 3, 0, 5]),
    "empty.md": "",
    "blank.md": "\n  \n\t\n",
    "empty-answers.yaml": "",
    "mixed/empty.md": "",
    "mixed/answers.yaml": GOOD_ANSWERS,
    "pictures/page1.png": PNG,
    "pictures/page2.pdf": PDF,
    // A second "ana": the stem of this file, as of ana.md.
    "ana.yaml": GOOD_ANSWERS,
  });
  mkdirSync(join(submissions, "empty-folder"));
  writeFiles(outside, { "secret.yaml": SECRET_ANSWERS, "folder/secret.yaml": SECRET_ANSWERS });
  for (const [file, id] of Object.entries(HOSTILE_IDS)) {
    writeFiles(submissions, { [file]: `student: "${id}"\n${GOOD_ANSWERS}` });
  }

  // A sparse file: 200 MB long, no disk blocks, deleted with the scratch folder.
  writeFiles(submissions, { "huge.md": "" });
  truncateSync(join(submissions, "huge.md"), 200 * 1024 * 1024);

  symlinkSync(join(outside, "secret.yaml"), join(submissions, "link-out.yaml"));
  symlinkSync(join(outside, "folder"), join(submissions, "link-folder"));
  symlinkSync("loop.md", join(submissions, "loop.md"));
  symlinkSync("ping.md", join(submissions, "pong.md"));
  symlinkSync("pong.md", join(submissions, "ping.md"));
  mkdirSync(join(submissions, "link-inside"));
  symlinkSync(join(outside, "secret.yaml"), join(submissions, "link-inside", "answers.yaml"));
  // A named pipe: opening it to read would wait forever for a writer.
  execFileSync("mkfifo", [join(submissions, "pipe.md")]);

  before = fingerprint(scratch);
  grading = await cli("grade", submissions, "--rubric", RUBRIC, "--out", out, "--json");
  students = readResults(out).students;
}, 60_000);

afterAll(() => removeFolder(scratch));

function byFile(file: string): StudentEntry {
  const found = students.find((student) => student.file === file);
  if (!found) throw new Error(`no result for ${file}; results have ${students.map((s) => s.file).join(", ")}`);
  return found;
}

describe("hostile submissions folder", () => {
  it("finishes with exit code 0", () => {
    expect(grading.stderr).toBe("");
    expect(grading.code).toBe(0);
  });

  it("grades the ordinary students", () => {
    expect(byFile("ana.md").status).toBe("graded");
    expect(byFile("ana.md").points).toBe(24);
    expect(byFile("dana-smith.yaml").status).toBe("graded");
  });

  it("reports every entry of the folder", () => {
    const listed = readdirSync(submissions).filter((name) => !name.startsWith("."));
    for (const name of listed) {
      const found = students.some((student) => student.file !== null && (student.file === name || student.file.startsWith(`${name}/`)));
      expect(found, `${name} has a result`).toBe(true);
    }
  });

  it("refuses a 200 MB file by size", () => {
    const huge = byFile("huge.md");
    expect(huge.status).toBe("unreadable");
    expect(huge.error).toContain("200 MB");
    expect(huge.error).toContain("20 MB");
  });

  it.each([
    ["scan.pdf", "looks like a PDF"],
    ["scan-renamed.md", "looks like a PDF"],
    ["photo.png", "looks like a PNG image"],
    ["photo-renamed.md", "looks like a PNG image"],
    ["selfie.jpg", "looks like a JPEG image"],
    ["essay.docx", "looks like a ZIP archive"],
    ["random.bin", ".bin is not a format nngrade reads"],
  ])("names what %s looks like", (file, words) => {
    const student = byFile(file);
    expect(student.status).toBe("unreadable");
    expect(student.error).toContain(words);
  });

  it("explains a folder of pictures", () => {
    const student = students.find((entry) => entry.student === "pictures")!;
    expect(student.status).toBe("unreadable");
    expect(student.error).toContain("pictures/page1.png: it looks like a PNG image");
    expect(student.error).toContain("pictures/page2.pdf: it looks like a PDF");
  });

  it.each([["empty.md"], ["blank.md"], ["empty-answers.yaml"]])("reports %s as empty", (file) => {
    const student = byFile(file);
    expect(student.status).toBe("unreadable");
    expect(student.error).toContain("is empty");
  });

  it("reports an empty folder", () => {
    const student = students.find((entry) => entry.student === "empty-folder")!;
    expect(student.status).toBe("unreadable");
    expect(student.error).toBe("empty-folder/: the folder is empty");
  });

  it("skips an empty file beside answers", () => {
    const student = students.find((entry) => entry.student === "mixed")!;
    expect(student.status).toBe("graded");
    expect(student.points).toBe(8);
  });

  it.each([["link-out.yaml"], ["link-folder"], ["loop.md"], ["ping.md"], ["pong.md"]])(
    "does not follow the link %s",
    (file) => {
      const student = byFile(file);
      expect(student.status).toBe("unreadable");
      expect(student.error).toContain("symbolic link");
    },
  );

  it("does not follow a link inside a folder", () => {
    const student = students.find((entry) => entry.student === "link-inside")!;
    expect(student.status).toBe("unreadable");
    expect(student.error).toContain("link-inside/answers.yaml: it is a symbolic link");
  });

  it("never reads a file outside the folder", () => {
    expect(students.some((student) => student.student === "secret")).toBe(false);
    expect(readFileSync(join(out, "results.json"), "utf8")).not.toContain("7777");
  });

  it("does not open a named pipe", () => {
    const student = byFile("pipe.md");
    expect(student.status).toBe("unreadable");
    expect(student.error).toContain("named pipe");
  });

  it("keeps every hostile student id", () => {
    for (const [file, id] of Object.entries(HOSTILE_IDS)) {
      const expected = id.replace("\\0", "\u0000");
      expect(byFile(file).student, file).toBe(expected);
      expect(byFile(file).status, file).toBe("graded");
    }
  });

  it("gives each student a safe page name", () => {
    const pages = readdirSync(join(out, "students"));
    for (const page of pages) {
      expect(page).toMatch(/^[a-z0-9][a-z0-9-]*\.html$/);
      expect(page.replace(/\.html$/, "")).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
    }
    expect(new Set(pages.map((page) => page.toLowerCase())).size).toBe(pages.length);
  });

  it("writes nothing outside the reports folder", () => {
    const after = fingerprint(scratch);
    const added = [...after.keys()].filter((key) => !before.has(key) && !key.startsWith("reports"));
    expect(added).toEqual([]);
    expect(existsSync(join(scratch, "escaped"))).toBe(false);
  });

  it("changes no submission", () => {
    const after = fingerprint(scratch);
    for (const [key, print] of before) expect(after.get(key), key).toBe(print);
  });

  it("keeps both students with one id", () => {
    const anas = students.filter((student) => student.student === "ana");
    expect(anas.map((student) => student.file).sort()).toEqual(["ana.md", "ana.yaml"]);
    expect(anas.map((student) => student.points).sort()).toEqual([24, 8]);
  });

  it("gives two students with one id two pages", () => {
    const pages = readdirSync(join(out, "students"));
    expect(pages).toHaveLength(students.length);
    const index = readFileSync(join(out, "index.html"), "utf8");
    const links = [...index.matchAll(/href="students\/([^"]+)"/g)].map((match) => match[1]);
    // Every page is linked from the class page; the card of repeated ids links some twice.
    expect(new Set(links)).toEqual(new Set(pages));
  });
});

describe("folder races and permissions", () => {
  it("reports a file deleted after listing", () => {
    const folder = scratchFolder("vanish");
    try {
      writeFiles(folder, { "gone.md": "## Problem 2\nw_1 = 25\n", "kept.yaml": GOOD_ANSWERS });
      const rubric = loadRubric(RUBRIC);
      const entries = listSubmissions(folder);
      rmSync(join(folder, "gone.md"));

      const results = entries.map((entry) => gradeEntry(entry, prepareGrading(rubric)));
      const gone = results.find((result) => result.file === "gone.md")!;
      expect(gone.status).toBe("unreadable");
      expect(gone.error).toContain("gone.md disappeared before it could be read");
      expect(results.find((result) => result.file === "kept.yaml")!.status).toBe("graded");
    } finally {
      removeFolder(folder);
    }
  });

  it("names a non-UTF-8 file", () => {
    const folder = scratchFolder("bad-name");
    try {
      writeFiles(folder, { "kept.yaml": GOOD_ANSWERS });
      // 0xff is never part of UTF-8, so Node lists the name with U+FFFD and cannot open it.
      writeFileSync(Buffer.concat([Buffer.from(`${folder}/bad`), Buffer.from([0xff]), Buffer.from(".md")]), "## Problem 2\n");

      const entries = listSubmissions(folder);
      const bad = entries.find((entry) => entry.student.startsWith("bad"))!;
      expect(bad.problem).toBe("its name is not valid UTF-8, so it cannot be opened; rename it");
      expect(entries.find((entry) => entry.student === "kept")!.problem).toBeNull();
    } finally {
      removeFolder(folder);
    }
  });

  it("reports a folder emptied after listing", () => {
    const folder = scratchFolder("vanish-folder");
    try {
      writeFiles(folder, { "kim/answers.yaml": GOOD_ANSWERS });
      const entries = listSubmissions(folder);
      rmSync(join(folder, "kim"), { recursive: true });

      const result = gradeEntry(entries[0]!, prepareGrading(loadRubric(RUBRIC)));
      expect(result.status).toBe("unreadable");
      expect(result.error).toContain("kim/answers.yaml disappeared");
    } finally {
      removeFolder(folder);
    }
  });

  // Root reads a file whatever its mode, and the suite runs as root in CI, so this only runs
  // for an ordinary user.
  it.skipIf(process.getuid?.() === 0)("reports a file it may not read", () => {
    const folder = scratchFolder("mode");
    try {
      writeFiles(folder, { "locked.md": "## Problem 2\n" });
      chmodSync(join(folder, "locked.md"), 0o000);
      const result = gradeEntry(listSubmissions(folder)[0]!, prepareGrading(loadRubric(RUBRIC)));
      expect(result.status).toBe("unreadable");
      expect(result.error).toContain("permission denied");
    } finally {
      removeFolder(folder);
    }
  });
});

describe("nngrade check on hostile files", () => {
  it("reports a huge file", async () => {
    const checked = await cli("check", join(submissions, "huge.md"), "--rubric", RUBRIC);
    expect(checked.code).not.toBe(0);
    expect(checked.stdout).toContain("200 MB");
  });

  it("does not open a named pipe", async () => {
    const checked = await cli("check", join(submissions, "pipe.md"), "--rubric", RUBRIC);
    expect(checked.stdout).toContain("named pipe");
  });

  it.each([["huge.md"], ["scan.pdf"]])("shows the reading of %s", async (file) => {
    const checked = await cli("check", join(submissions, file), "--rubric", RUBRIC, "--show-reading");
    expect(checked.code).toBe(2);
  });
});
