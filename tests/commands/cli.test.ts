import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../_cli.js";

const samplePath = new URL("../fixtures/samples/student-writeup.md", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "nngrade-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


interface ResultsFile {
  assignment: string;
  max_points: number;
  students: {
    student: string;
    status: string;
    points: number;
    error?: string;
    questions: { problem: string; question: string; verdict: string; misconception?: string; expected?: unknown }[];
  }[];
}

describe("nngrade grade", () => {
  it("grades the sample class", async () => {
    const out = join(scratch, "reports");
    const { code } = await cli("grade", "--out", out);
    expect(code).toBe(0);

    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as ResultsFile;
    expect(results.assignment).toBe("backprop-hw");
    expect(results.max_points).toBe(24);
    const byId = new Map(results.students.map((student) => [student.student, student]));
    expect(byId.get("ana-lopez")?.points).toBe(24);
    expect(byId.get("farah-haddad")?.status).toBe("unreadable");
    expect(byId.get("farah-haddad")?.error).toContain("farah-haddad.yaml");
    expect(byId.get("chen-wei")?.status).toBe("graded");

    const benDW2 = byId.get("ben-okafor")?.questions.find((q) => q.problem === "p2-linear" && q.question === "dW2");
    expect(benDW2?.misconception).toBe("transposed");
    const chenDW1 = byId.get("chen-wei")?.questions.find((q) => q.problem === "p3-relu" && q.question === "dW1");
    expect(chenDW1?.misconception).toBe("missing_activation_derivative");
    const danaDW2 = byId.get("dana-smith")?.questions.find((q) => q.problem === "p2-linear" && q.question === "dW2");
    expect(danaDW2?.misconception).toBe("flipped_error_sign");
    const eliMissing = byId.get("eli-novak")?.questions.find((q) => q.problem === "p3-relu" && q.question === "dW1");
    expect(eliMissing?.verdict).toBe("missing");

    const files = readdirSync(out).sort();
    expect(files).toEqual([".nngrade-reports", "grades.csv", "index.html", "questions.csv", "results.json", "students"]);
    expect(readdirSync(join(out, "students"))).toHaveLength(results.students.length);
  });

  it("links a student named by the answers file", async () => {
    const submissions = join(scratch, "renamed");
    mkdirSync(submissions);
    writeFileSync(join(submissions, "alpha.yaml"), "student: beta\nanswers:\n  p2-linear:\n    S2: [2, 3]\n");
    const out = join(scratch, "renamed-reports");
    expect((await cli("grade", submissions, "--rubric", "rubrics/backprop-hw.yaml", "--out", out)).code).toBe(0);

    const page = readFileSync(join(out, "index.html"), "utf8");
    const row = page.slice(page.indexOf("<bdi>beta</bdi>") - 300, page.indexOf("<bdi>beta</bdi>"));
    expect(readdirSync(join(out, "students"))).toEqual(["alpha.html"]);
    expect(row).toContain('href="students/alpha.html"');
  });

  it("flags a write-up without answers", async () => {
    const submissions = join(scratch, "prose-class");
    mkdirSync(submissions);
    writeFileSync(join(submissions, "ana.md"), "2. $S_2 = [2, 3]$\n");
    writeFileSync(join(submissions, "rita.txt"), "I did it on paper and will bring it to class.\n");
    const out = join(scratch, "prose-reports");
    const { code, stdout } = await cli("grade", submissions, "--rubric", "rubrics/backprop-hw.yaml", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toContain("1 submission has notes from reading");

    const page = readFileSync(join(out, "index.html"), "utf8");
    const ritaRow = page.slice(page.indexOf("<bdi>rita</bdi>"), page.indexOf("</tr>", page.indexOf("<bdi>rita</bdi>")));
    const anaRow = page.slice(page.indexOf("<bdi>ana</bdi>"), page.indexOf("</tr>", page.indexOf("<bdi>ana</bdi>")));
    expect(ritaRow).toContain("1 note</span>");
    expect(anaRow).not.toContain("badge-notes");
  });

  it("rejects reports inside a linked submissions folder", async () => {
    const submissions = join(scratch, "linked-class");
    mkdirSync(submissions);
    writeFileSync(join(submissions, "ana.md"), "2. $S_2 = [2, 3]$\n");
    const link = join(scratch, "linked-class-link");
    symlinkSync(submissions, link);

    const throughLink = await cli("grade", link, "--rubric", "rubrics/backprop-hw.yaml", "--out", join(submissions, "reports"));
    expect(throughLink.code).toBe(2);
    expect(throughLink.stderr).toContain("overlaps the submissions folder");
    const intoLink = await cli("grade", submissions, "--rubric", "rubrics/backprop-hw.yaml", "--out", join(link, "reports"));
    expect(intoLink.code).toBe(2);
    expect(readdirSync(submissions)).toEqual(["ana.md"]);
  });

  it("removes reports a killed run left behind", async () => {
    // A process that has ended, so its id names no running process.
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const abandoned = join(scratch, `.killed.partial-${dead}`);
    const foreign = join(scratch, `.killed.previous-${dead}`);
    mkdirSync(abandoned);
    writeFileSync(join(abandoned, ".nngrade-reports"), "");
    mkdirSync(foreign);

    expect((await cli("grade", "--out", join(scratch, "killed"))).code).toBe(0);
    expect(existsSync(abandoned)).toBe(false);
    // Without nngrade's marker, the folder is not nngrade's to remove.
    expect(existsSync(foreign)).toBe(true);
  });

  it("writes reports to a folder given as NAME/.", async () => {
    const out = join(scratch, "dotted");
    mkdirSync(out);
    expect((await cli("grade", "--out", `${out}/.`)).code).toBe(0);
    expect(existsSync(join(out, "results.json"))).toBe(true);
  });

  it.each([
    ["", "--out is empty"],
    ["x".repeat(250), "longer than 200 bytes"],
  ])("rejects the output folder %#", async (out, message) => {
    const { code, stderr } = await cli("grade", "--out", out);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("writes the same bytes twice", async () => {
    const first = join(scratch, "first");
    const second = join(scratch, "second");
    await cli("grade", "--out", first);
    await cli("grade", "--out", second);
    for (const name of ["results.json", "grades.csv", "index.html", "students/ana-lopez.html"]) {
      expect(readFileSync(join(second, name), "utf8")).toBe(readFileSync(join(first, name), "utf8"));
    }
  });

  it("prints results.json with --json", async () => {
    const { stdout } = await cli("grade", "--out", join(scratch, "json"), "--json");
    const results = JSON.parse(stdout) as ResultsFile;
    expect(results.students.length).toBeGreaterThanOrEqual(6);
  });

  it("reports roster students without a file", async () => {
    const roster = join(scratch, "roster.csv");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(roster, "id,name,email\nana-lopez,Ana López,ana@example.edu\nzoe-quinn,Zoe Quinn,zoe@example.edu\n");
    const { stdout } = await cli("grade", "--out", join(scratch, "roster"), "--roster", roster, "--json");
    const results = JSON.parse(stdout) as ResultsFile;
    expect(results.students.find((student) => student.student === "zoe-quinn")?.status).toBe("missing");
  });

  it("writes grades.csv for a Canvas import", async () => {
    const roster = join(scratch, "canvas-roster.csv");
    const { writeFileSync } = await import("node:fs");
    // The columns of a Canvas gradebook export, with its "Points Possible" row.
    writeFileSync(
      roster,
      'Student,ID,SIS User ID,SIS Login ID,Section\nPoints Possible,,,,\n"López, Ana",101,S1,ana-lopez,Sec 1\n"Quinn, Zoe",102,S2,zoe-quinn,Sec 1\n',
    );
    const out = join(scratch, "canvas");
    await cli("grade", "--out", out, "--roster", roster);
    const lines = readFileSync(join(out, "grades.csv"), "utf8").split("\r\n");
    expect(lines[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,backprop-hw");
    expect(lines).toContain('"López, Ana",101,S1,ana-lopez,Sec 1,24');
    // No submission: left blank, so an import does not overwrite a grade entered by hand.
    expect(lines).toContain('"Quinn, Zoe",102,S2,zoe-quinn,Sec 1,');
    // An unreadable file is blank too, so a grade given by hand for it is not replaced by 0.
    expect(lines).toContain("farah-haddad,,,farah-haddad,,");
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("López, Ana");
  });

  it("warns of submissions off the roster", async () => {
    const roster = join(scratch, "short-roster.csv");
    // The sample class has ana-lopez and five other students, none of them on this roster.
    writeFileSync(roster, "id\nana-lopez\n");
    const { stdout } = await cli("grade", "--out", join(scratch, "short-roster"), "--roster", roster);
    const warning = stdout.split("\n").find((line) => line.includes("no id on the roster"));

    expect(warning).toMatch(/^Warning: 6 submissions match no id on the roster \(/);
    expect(warning).toContain(", and 1 more)");
    expect(warning).not.toContain("ana-lopez");
    // dana-smith.yaml and eli-novak.json take their ids from a student field, which a rename leaves.
    expect(warning).toContain("correct the student field");
  });

  it("keeps a Canvas export's assignment column", async () => {
    const roster = join(scratch, "canvas-columns.csv");
    // Canvas names each assignment column with its id, and matches an import's columns by name.
    writeFileSync(roster, "Student,ID,SIS User ID,SIS Login ID,Section,HW3 (55001),backprop-hw (55123)\nAna,101,S1,ana-lopez,Sec 1,20,\n");
    const out = join(scratch, "canvas-columns");
    const { stderr } = await cli("grade", "--out", out, "--roster", roster);

    expect(readFileSync(join(out, "grades.csv"), "utf8").split("\r\n")[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,backprop-hw (55123)");
    expect(stderr).not.toContain("assignment columns");
  });

  it("warns when no Canvas column is the assignment's", async () => {
    const roster = join(scratch, "canvas-other.csv");
    writeFileSync(roster, "Student,ID,SIS User ID,SIS Login ID,Section,HW4 (55123)\nAna,101,S1,ana-lopez,Sec 1,\n");
    const out = join(scratch, "canvas-other");
    const { stderr } = await cli("grade", "--out", out, "--roster", roster);

    expect(readFileSync(join(out, "grades.csv"), "utf8").split("\r\n")[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,backprop-hw");
    expect(stderr).toContain('has assignment columns ("HW4 (55123)"), but none is named "backprop-hw"');
  });

  it("streams rows to every report", async () => {
    const folder = join(scratch, "rows-class");
    mkdirSync(join(folder, "ana"), { recursive: true });
    const writeup = readFileSync(samplePath, "utf8");
    writeFileSync(join(folder, "ana.md"), writeup);
    writeFileSync(join(folder, "ana", "answers.md"), writeup);
    writeFileSync(join(folder, "ben <b>.yaml"), "p2-linear: [\n");
    const roster = join(scratch, "rows-roster.csv");
    writeFileSync(roster, "id,name,email\nana,Ana,ana@example.edu\nzoe,Zoe,zoe@example.edu\n");

    for (const json of [false, true]) {
      const out = join(scratch, json ? "rows-json" : "rows");
      const { code, stdout } = await cli("grade", folder, "--rubric", "rubrics/backprop-hw.yaml", "--out", out, "--roster", roster, ...(json ? ["--json"] : []));
      expect(code).toBe(0);
      // The rows are never published, and their folder is gone once the run is over.
      expect(readdirSync(out).sort()).toEqual([".nngrade-reports", "grades.csv", "index.html", "questions.csv", "results.json", "students"]);
      expect(readdirSync(scratch).filter((name) => name.includes(".rows-"))).toEqual([]);
      if (json) continue;

      const table = stdout.split("\n");
      expect(table.filter((line) => /^ana +24 \/ 24 {2}graded$/.test(line))).toHaveLength(2);
      expect(table.some((line) => /^ben <b> +- {2}unreadable: /.test(line))).toBe(true);
      expect(table.some((line) => /^zoe +- {2}missing$/.test(line))).toBe(true);
      expect(stdout).toContain("2 graded, 1 unreadable, 1 missing; mean 24 / 24");
      // The folder sorts before the file, so its row, and its page name, come first.
      expect(stdout).toContain("Warning: the student id ana names 2 rows (ana/answers.md; ana.md)");

      const page = readFileSync(join(out, "index.html"), "utf8");
      // Roster card: zoe without a submission, ben's file off the roster, escaped.
      expect(page).toMatch(/No submission <span class="muted">\(1\)<\/span>[\s\S]*<bdi>zoe<\/bdi>/);
      expect(page).toMatch(/Not on the roster <span class="muted">\(1\)<\/span>[\s\S]*<bdi>ben &lt;b&gt;<\/bdi>/);
      // Repeated-id card: both of ana's rows, each linked to its own page.
      expect(page).toContain('<bdi>ana</bdi>: <a href="students/ana.html"><span class="mono">ana/answers.md</span></a>; <a href="students/ana-2.html"><span class="mono">ana.md</span></a>');
      // One table row per student, in the order of the class.
      const rows = [...page.matchAll(/<tr data-name="([^"]*)"/g)].map((match) => match[1]);
      expect(rows).toEqual(["ana", "ana", "ben &lt;b&gt;", "zoe"]);

      const grades = readFileSync(join(out, "grades.csv"), "utf8").split("\r\n");
      // ana's two rows get no grade until a TA picks the one that counts.
      expect(grades.slice(1)).toEqual(["Ana,,,ana,,", "Ana,,,ana,,", "ben <b>,,,ben <b>,,", "Zoe,,,zoe,,", ""]);
    }
  });

  it("holds back grades of ids differing in case", async () => {
    const folder = join(scratch, "case-ids");
    mkdirSync(folder, { recursive: true });
    const writeup = readFileSync(samplePath, "utf8");
    writeFileSync(join(folder, "Ben-Okafor.md"), writeup);
    writeFileSync(join(folder, "ben-okafor.md"), writeup);
    writeFileSync(join(folder, "cy.md"), writeup);
    const out = join(scratch, "case-ids-out");
    const { code, stdout } = await cli("grade", folder, "--rubric", "rubrics/backprop-hw.yaml", "--out", out);

    expect(code).toBe(0);
    expect(stdout).toContain("Warning: the student id Ben-Okafor names 2 rows (Ben-Okafor.md; ben-okafor.md), counting ids that differ only in letter case as one;");
    const grades = readFileSync(join(out, "grades.csv"), "utf8").split("\r\n");
    // The two ids may be one student under two spellings, so neither row gets a grade until a TA picks one.
    expect(grades.slice(1)).toEqual(["Ben-Okafor,,,Ben-Okafor,,", "ben-okafor,,,ben-okafor,,", "cy,,,cy,,24", ""]);
  });

  it("matches roster ids ignoring case", async () => {
    const folder = join(scratch, "case-class");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "hana-kim.md"), readFileSync(samplePath, "utf8"));
    const roster = join(scratch, "case-roster.csv");
    writeFileSync(roster, 'Student,ID,SIS User ID,SIS Login ID,Section\n"Kim, Hana",1007,S1007,Hana-Kim,NN 101\n');
    const out = join(scratch, "case-reports");

    const { code, stdout } = await cli("grade", folder, "--rubric", "rubrics/backprop-hw.yaml", "--out", out, "--roster", roster);
    expect(code).toBe(0);
    expect(stdout).toContain("1 graded, 0 unreadable, 0 missing");
    expect(stdout).toMatch(/^Hana-Kim +24 \/ 24 {2}graded$/m);
    const grades = readFileSync(join(out, "grades.csv"), "utf8").split("\r\n");
    expect(grades.slice(1)).toEqual(['"Kim, Hana",1007,S1007,Hana-Kim,NN 101,24', ""]);
    expect(readFileSync(join(out, "index.html"), "utf8")).not.toContain("Not on the roster");
  });

  it("rejects roster ids differing in case", async () => {
    const folder = join(scratch, "case-roster-class");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "bob.md"), readFileSync(samplePath, "utf8"));
    const roster = join(scratch, "bob-roster.csv");
    writeFileSync(roster, "id,name,email\nbob,Bob,b@x\nBOB,Bobby,b2@x\n");
    const out = join(scratch, "case-roster-reports");

    const { code, stderr } = await cli("grade", folder, "--rubric", "rubrics/backprop-hw.yaml", "--out", out, "--roster", roster);
    expect(code).toBe(2);
    expect(stderr).toContain("bob-roster.csv:3");
    expect(stderr).toContain('"bob" on line 2');
    expect(existsSync(out)).toBe(false);
  });

  it("rejects a missing rubric file", async () => {
    const { code, stderr } = await cli("grade", "--rubric", "rubrics/nope.yaml", "--out", join(scratch, "x"));
    expect(code).toBe(2);
    expect(stderr).toContain("rubrics/nope.yaml");
  });
});

describe("expected values that disagree with the solver", () => {
  // Problem 2's dW1 = xᵀ·δ2 = [1, 2]ᵀ·[25, 25] = [[25, 25], [50, 50]], so the 51 written below is wrong.
  const folder = join(scratch, "wrong-expected");
  const rubric = join(folder, "rubrics", "r.yaml");
  const problemFile = join(folder, "problems", "p2-linear.yaml");
  const writeup = join(folder, "submissions", "ana.md");
  mkdirSync(join(folder, "rubrics"), { recursive: true });
  mkdirSync(join(folder, "problems"));
  mkdirSync(join(folder, "submissions"));
  const original = readFileSync("problems/p2-linear.yaml", "utf8");
  const changed = original.replace("expected: [[25, 25], [50, 50]]", "expected: [[25, 25], [50, 51]]");
  writeFileSync(problemFile, changed);
  writeFileSync(rubric, "assignment: x\nproblems: [p2-linear]\npoints: {p2-linear.dW1: 4}\n");
  writeFileSync(writeup, "## Problem 2\n\n$W_1 = [[25, 25], [50, 50]]$\n");

  it("warns in grade with both values", async () => {
    expect(changed).not.toBe(original);
    const { code, stderr } = await cli("grade", join(folder, "submissions"), "--rubric", rubric, "--out", join(folder, "reports"));

    expect(code).toBe(0);
    expect(stderr).toContain("p2-linear.yaml:");
    expect(stderr).toContain('question "dW1"');
    expect(stderr).toContain("the file expects [[25,25],[50,51]] but the solver computes [[25,25],[50,50]]");
    expect(stderr).toContain("nngrade verify");
    const results = JSON.parse(readFileSync(join(folder, "reports", "results.json"), "utf8")) as ResultsFile;
    expect(results.students[0]?.points).toBe(4);
  });

  it("warns in check without the values", async () => {
    const { code, stdout, stderr } = await cli("check", writeup, "--rubric", rubric);

    expect(code).toBe(0);
    expect(stderr).toContain("p2-linear.yaml:");
    expect(stderr).toContain('question "dW1"');
    expect(stderr).toContain("nngrade verify");
    expect(stderr).not.toContain("[[25,25],[50,50]]");
    expect(stdout).toContain("1 of 1 graded answer is correct");
  });

  it("warns in export without the values", async () => {
    const { code, stderr } = await cli("export", "gradescope", writeup, "--rubric", rubric);

    expect(code).toBe(0);
    expect(stderr).toContain('question "dW1"');
    expect(stderr).not.toContain("[[25,25],[50,50]]");
  });

  it("stays quiet when the values agree", async () => {
    const { stderr } = await cli("check", writeup, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stderr).toBe("");
  });
});


/**
 * Every answer worth points of the bundled rubric, right. Problem 2: dW2 = Y2ᵀ·δ3 = [2, 3]ᵀ·[5, 10]
 * and dW1 = xᵀ·(δ3·W2ᵀ) = [1, 2]ᵀ·[25, 25]. Problem 3: dW2 = [2, 0]ᵀ·[0, 4], dW1 = [1, 2]ᵀ·[8, 0].
 * Problem 4: 784·512 + 512·512 + 512·10 + 1034 = 669706 parameters, 2·668672 + 1034 FLOPs.
 */
const GRADED_ANSWERS = [
  "## Problem 2",
  "$W_1 = [[25, 25], [50, 50]]$",
  "$W_2 = [[10, 20], [15, 30]]$",
  "## Problem 3",
  "$W_1 = [[8, 0], [16, 0]]$",
  "$W_2 = [[0, 8], [0, 0]]$",
  "## Problem 4",
  "Number of parameters $= 669706$",
  "Number of operations $= 1338378$",
];

describe("nngrade check", () => {
  it("rejects a class folder", async () => {
    // The sample class contains the folder chen-wei/ with a write-up in it.
    const { code, stdout, stderr } = await cli("check", "submissions");

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("submissions holds folders (chen-wei/), as a class does");
    expect(stderr).toContain('run "nngrade grade submissions"');
  });

  it("checks a student folder with a folder of figures", async () => {
    const folder = join(scratch, "ana-figures");
    mkdirSync(join(folder, "figures"), { recursive: true });
    writeFileSync(join(folder, "figures", "network.png"), "not really a png");
    writeFileSync(join(folder, "hw.md"), readFileSync(samplePath, "utf8"));
    const { code, stdout } = await cli("check", folder);

    expect(code).toBe(0);
    expect(stdout).toContain("6 of 6 graded answers are correct");
  });

  it("passes the real sample write-up", async () => {
    const { code, stdout } = await cli("check", samplePath);
    expect(code).toBe(0);
    expect(stdout).toContain("6 of 6 graded answers are correct");
  });

  it("grades every question of the sample", async () => {
    const { stdout } = await cli("check", samplePath, "--json");
    const entry = JSON.parse(stdout) as ResultsFile["students"][number];
    const graded = entry.questions.filter((q) => ["p2-linear", "p3-relu", "p4-mlp-size"].includes(q.problem));
    expect(graded.map((q) => q.verdict)).toEqual(Array(graded.length).fill("correct"));
    expect(graded).toHaveLength(14);
  });

  it("never prints expected values", async () => {
    const { code, stdout } = await cli("check", "submissions/ben-okafor.md");
    expect(code).toBe(1);
    // Ben's dW2 is transposed: the right matrix [[10, 20], [15, 30]] must not appear.
    expect(stdout).not.toContain("[[10, 20], [15, 30]]");
    expect(stdout).toContain("[[10, 15], [20, 30]]");
    const json = await cli("check", "submissions/ben-okafor.md", "--json");
    expect(json.stdout).not.toContain('"expected"');
  });

  it("uses 'is' for one right answer", async () => {
    const file = join(scratch, "one-right.md");
    // dW2 = Y2ᵀ·δ3 = [2, 3]ᵀ·[5, 10] = [[10, 20], [15, 30]]; every other question is missing.
    writeFileSync(file, "## Problem 2\n\n$W_2 = [[10, 20], [15, 30]]$\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain("1 of 6 graded answers is correct; score 4 / 24.");
  });

  it("passes with a wrong 0-point checkpoint", async () => {
    const file = join(scratch, "wrong-checkpoint.md");
    // Problem 2: S2 = x·W1 = [1, 2]·[[2, 1], [0, 1]] = [1·2 + 2·0, 1·1 + 2·1] = [2, 3], so [2, 4]
    // is wrong, but S2 is an unlisted checkpoint.
    const writeup = [...GRADED_ANSWERS.slice(0, 1), "$S_2 = [2, 4]$", ...GRADED_ANSWERS.slice(1)];
    writeFileSync(file, `${writeup.join("\n\n")}\n`);
    const { code, stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toMatch(/S2 {2}partial, checkpoint/);
    expect(stdout).toContain("6 of 6 graded answers are correct; score 24 / 24.");
    expect(code).toBe(0);
  });

  it("passes with a partial extra-credit answer", async () => {
    const file = join(scratch, "partial-bonus.md");
    // Problem 5 is extra credit, and its dW1 is [[-0.0109768, 0.0068444], [-0.0054884, 0.0034222]].
    // The answer below rounds three entries to 4 digits (within 1%), but 0.008 is 17% off, so 3 of
    // 4 entries earn 0.75 of the 1 point.
    const writeup = [...GRADED_ANSWERS, "## Problem 5", "$W_1 = [[-0.01098, 0.008], [-0.005488, 0.003422]]$"];
    writeFileSync(file, `${writeup.join("\n\n")}\n`);
    const { code, stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toMatch(/dW1 {2}partial, 0\.75\/1 pts/);
    expect(stdout).toContain("6 of 6 graded answers are correct; score 24.75 / 24.");
    expect(code).toBe(0);
  });

  it("fails with one wrong answer worth points", async () => {
    const file = join(scratch, "wrong-graded.md");
    // dW2 of problem 2 is [[10, 20], [15, 30]], so [[10, 20], [15, 31]] has 1 wrong entry of 4.
    writeFileSync(file, "## Problem 2\n\n$W_2 = [[10, 20], [15, 31]]$\n");
    const { code } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(code).toBe(1);
  });

  it("rounds a read fraction to six digits", async () => {
    const file = join(scratch, "fraction-loss.md");
    // 1/0.46443 = 2.153177 (the loss of problem 6 is 2.1531782), which prints as 2.15318.
    writeFileSync(file, "## Problem 6\n\n$$L = 1/0.46443$$\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain("read 2.15318 from line 3");
    expect(stdout).not.toMatch(/2\.153177\d/);
  });

  it("rounds each entry of a read matrix", async () => {
    const file = join(scratch, "fraction-matrix.md");
    writeFileSync(file, "## Problem 2\n\n$W_2 = [[1/3, 20], [15, 30]]$\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain("read [[0.333333, 20], [15, 30]] from line 3");
  });

  it("names an unreadable value's line once", async () => {
    const file = join(scratch, "ragged.md");
    // The second row of dW2 has one entry of two.
    writeFileSync(file, "## Problem 2\n\n$dW_2 = [[10, 20], [15]]$\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain("The answer on line 3 could not be read: row 2 of the matrix has 1 entry");
    expect(stdout).not.toContain("unreadable value");
    expect(stdout.match(/line 3/g)).toHaveLength(1);
  });

  it("prints a whole-file note without a line", async () => {
    const file = join(scratch, "prose.md");
    writeFileSync(file, "I did the problems on paper.\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain("note: No labelled answer was found in this file.");
    expect(stdout).not.toContain("line 1");
  });

  it("advises a decimal point for 2,1532", async () => {
    const file = join(scratch, "decimal-comma.md");
    writeFileSync(file, "## Problem 6\n\n$$L = 2,1532$$\n");
    const { stdout } = await cli("check", file, "--rubric", "rubrics/backprop-hw.yaml");

    expect(stdout).toContain('"2,1532" has a comma that may be a decimal comma');
    expect(stdout).toContain("Write it with a decimal point: 2.1532.");
    expect(stdout).toMatch(/^note, line 3: the value of L could not be read: "2,1532"/m);
    expect(stdout).not.toContain("thousands");
    expect(stdout).not.toContain("separators");
  });

  it("says in its help what fails the check", async () => {
    const { stdout } = await cli("check", "--help");

    expect(stdout).toContain("Checkpoints worth no points and extra credit never fail the check.");
  });

  it("exits 2 for a file that does not exist", async () => {
    const { code } = await cli("check", "no-such-file.md");
    expect(code).toBe(2);
  });
});

describe("nngrade solve and verify", () => {
  it("prints the answer key as JSON", async () => {
    const { code, stdout } = await cli("solve", "problems/p2-linear.yaml", "--json");
    expect(code).toBe(0);
    const key = JSON.parse(stdout) as { problem: string; answers: Record<string, unknown> };
    expect(key.problem).toBe("p2-linear");
    // Written out in the test: dW2 = Y2ᵀ·(Y3 − T) = [2, 3]ᵀ·[5, 10].
    expect(key.answers.dW2).toEqual([
      [10, 20],
      [15, 30],
    ]);
  });

  it("hyphenates pre-activation in the answers", async () => {
    const { stdout } = await cli("solve", "problems/p2-linear.yaml");

    expect(stdout).toMatch(/^ {2}S2 +pre-activation of hidden +\[2, 3\]$/m);
    expect(stdout).toMatch(/^ {2}dW1 +gradient of hidden /m);
  });

  it("names the question of each step", async () => {
    const { stdout } = await cli("solve", "problems/p2-linear.yaml", "--steps");
    const lines = stdout.split("\n");

    // The steps write the hidden layer's pre-activation S_2, as the problem does.
    expect(lines).toContain("  hidden: pre-activation (question S2)");
    expect(stdout).toContain("S_{2} = x W_{1} = ");
    expect(stdout).toContain("\\delta_{3} = \\frac{\\partial L}{\\partial S_{3}}");
    expect(lines).toContain("  hidden: weight gradient (question dW1)");
    // No question of problem 2 is about the loss.
    expect(lines).toContain("  loss");
  });

  it("verifies the bundled problems", async () => {
    const { code, stdout } = await cli("verify");
    const count = readdirSync("problems").filter((name) => name.endsWith(".yaml")).length;
    expect(code).toBe(0);
    expect(stdout).toContain(`${count} of ${count} problem files are valid`);
  });

  it("fails verify on a broken problem", async () => {
    const broken = join(scratch, "broken.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(broken, readFileSync("problems/p2-linear.yaml", "utf8").replace("activation: identity", "activation: swish"));
    const { code, stdout } = await cli("verify", broken);
    expect(code).toBe(2);
    expect(stdout).toContain("broken.yaml:");
  });

  it("prints scalars and vectors in verify", async () => {
    // Problem 6's loss is 2.1531782 and its output p is [0.8579768, 0.1161145, 0.0259087].
    const wrong = join(scratch, "p6-wrong.yaml");
    const text = readFileSync("problems/p6-softmax.yaml", "utf8")
      .replace("expected: 2.1531782", "expected: 2.5")
      .replace("expected: [0.8579768, 0.1161145, 0.0259087]", "expected: [0.5, 0.1161145, 0.0259087]");
    writeFileSync(wrong, text);
    const { code, stdout } = await cli("verify", wrong);

    expect(code).toBe(2);
    expect(stdout).toMatch(/question "loss": the file expects 2\.5 but the solver computes 2\.153178\d* \(/);
    expect(stdout).toMatch(/question "p": the file expects \[0\.5,0\.1161145,0\.0259087\] but the solver computes \[0\.857976/);
    expect(stdout).not.toContain("[[");
  });

  it("explains a rubric given to solve", async () => {
    const { code, stderr } = await cli("solve", "rubrics/backprop-hw.yaml");

    expect(code).toBe(2);
    expect(stderr).toContain("rubrics/backprop-hw.yaml is a rubric, not a problem file");
    expect(stderr).toContain("  nngrade solve problems/p2-linear.yaml\n");
    expect(stderr).toContain("  nngrade solve problems/p6-softmax.yaml");
    expect(stderr).not.toContain("network");
  });

  it("fails verify on a rubric", async () => {
    const { code, stdout } = await cli("verify", "rubrics/backprop-hw.yaml");

    expect(code).toBe(2);
    expect(stdout).toContain("this is a rubric (it has `assignment` and `problems`), not a problem file");
  });

  it("shows help with an example", async () => {
    const { stdout } = await cli("grade", "--help");
    expect(stdout).toContain("Example");
  });
});

describe("nngrade help", () => {
  it("rejects a misspelt command even with --help", async () => {
    const { code, stdout, stderr } = await cli("grad", "--help");

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("unknown command 'grad'");
    expect(stderr).toContain("Did you mean grade?");
  });

  it("shows a command's help", async () => {
    const { code, stdout } = await cli("grade", "--help");

    expect(code).toBe(0);
    expect(stdout).toContain("Usage: nngrade grade");
  });
});
