import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { ClassResults, QuestionResult, StudentResult } from "../../src/grading/types.js";
import { summariseClass } from "../../src/report/_accumulator.js";
import { renderClassPage } from "../../src/report/classPage.js";
import type { ReportContext } from "../../src/report/types.js";
import { classResults, makeContext, partialStudent } from "./_fixtures.js";

/** Renders the class page of a whole class, summarised the way the grade command does. */
function classPage(results: ClassResults, context: ReportContext): string {
  return renderClassPage(summariseClass(results, context.problems), context);
}

/** Returns the cells after a question's row header, as text with tags removed. */
function questionRow(page: string, question: string): string[] {
  const row = page.match(new RegExp(`<th scope="row" class="mono">${question}</th>\n([\\s\\S]*?)</tr>`));
  return [...(row?.[1] ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, "").trim());
}

describe("renderClassPage", () => {
  const page = classPage(classResults, makeContext());

  it("is a self-contained document", () => {
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain("Content-Security-Policy");
    expect(page).not.toMatch(/<link|<img|@import|url\(|<script[^>]*src=/i);
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it("allows its one script by hash", () => {
    const script = page.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? "";
    const hash = createHash("sha256").update(script, "utf8").digest("base64");
    expect(script).toContain("student-table");
    expect(page).toContain(`script-src &#39;sha256-${hash}&#39;"`);
    expect(page).toContain("default-src &#39;none&#39;;");
  });

  it("lists an id on two rows with both files", () => {
    const ana = { ...partialStudent, student: "ana<b>", file: "ana<b>.md" };
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [ana, { ...ana, file: "ana<b>/answers.yaml" }, { ...partialStudent, student: "ben", file: "ben.md" }] };
    const page = classPage(results, makeContext(results));
    const card = page.match(/<h2>Student ids on several rows[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(card).toContain('<span class="muted">(1)</span>');
    expect(card).toContain("<li><bdi>ana&lt;b&gt;</bdi>: ");
    expect(card).toContain('<span class="mono">ana&lt;b&gt;.md</span>');
    expect(card).toContain('<span class="mono">ana&lt;b&gt;/answers.yaml</span>');
    expect(card).not.toContain("ben");
    // Each row links to its own page.
    const links = [...card.matchAll(/href="students\/([^"]+)"/g)].map((match) => match[1]);
    expect(links.length).toBe(2);
    expect(new Set(links).size).toBe(2);
  });

  it("lists ids that differ in letter case as one", () => {
    const ben = { ...partialStudent, student: "Ben-Okafor", file: "Ben-Okafor.md" };
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [ben, { ...ben, student: "ben-okafor", file: "ben-okafor.md" }] };
    const page = classPage(results, makeContext(results));
    const card = page.match(/<h2>Student ids on several rows[\s\S]*?<\/section>/)?.[0] ?? "";

    expect(card).toContain('<span class="muted">(1)</span>');
    expect(card).toContain("<li><bdi>Ben-Okafor</bdi>: ");
    expect(card).toContain('<span class="mono">ben-okafor.md</span>');
  });

  it("lists no repeated ids when each id has one row", () => {
    expect(page).not.toContain("Student ids on several rows");
  });

  it("escapes student ids", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("links each student to a sanitised page", () => {
    expect(page).toContain('<a href="students/ana-lopez.html"><bdi>ana-lopez</bdi></a>');
    expect(page).toContain('<a href="students/script-alert-1-script.html"><bdi>&lt;script&gt;');
    expect(page).toContain('<a href="students/zoe-z-muller.html"><bdi>Zoë, &quot;Z&quot; Müller</bdi></a>');
  });

  it("shows no points unless graded", () => {
    const row = (id: string) => page.slice(page.indexOf(`<tr data-name="${id}"`), page.indexOf("</tr>", page.indexOf(`<tr data-name="${id}"`)));

    expect(row("ana-lopez")).not.toContain(">–<");
    expect(row("&lt;script&gt;alert(1)&lt;/script&gt;")).toContain('<td class="num">–</td>');
  });

  it("marks a row whose file got notes", () => {
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [{ ...partialStudent, student: "ana", notes: [{ line: 2, code: "submission.unknownLabel", message: "z" }] }] };
    const withNotes = classPage(results, makeContext(results));

    expect(withNotes).toContain('<span class="badge badge-notes" title="notes from reading the file, on the student\'s page">1 note</span>');
  });

  it("counts students by status", () => {
    expect(page).toMatch(/Students<\/div><div class="value">3</);
    expect(page).toContain("1 graded · 1 unreadable · 1 without a submission");
  });

  it("shows mean and median of graded submissions", () => {
    // Graded points 7, 10, 9.5 and 4: mean 30.5 / 4 = 7.625, shown as 7.63; median (7 + 9.5) / 2 = 8.25.
    const students = [7, 10, 9.5, 4].map((points, i) => ({ ...partialStudent, student: `s${i}`, points }));
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [...students, classResults.students[2]] };
    const page = classPage(results, makeContext(results));

    expect(page).toContain('Mean score</div><div class="value">7.63 <small>/ 10</small>');
    expect(page).toContain('Median score</div><div class="value">8.25 <small>/ 10</small>');
    expect(page).toContain("over 4 graded submissions");
  });

  it("shows a dash when nothing was graded", () => {
    const results: ClassResults = { assignment: "hw", max_points: 10, students: [classResults.students[2]] };
    const page = classPage(results, makeContext(results));

    expect(page).toContain('Mean score</div><div class="value">– <small>/ 10</small>');
    expect(page).not.toContain("Score distribution");
  });

  it("bins scores in tenths", () => {
    // 7/10 lands in the 70–80% bin, 10/10 in the last bin together with 9.5/10.
    const students = [7, 10, 9.5].map((points, i) => ({ ...partialStudent, student: `s${i}`, points }));
    const results: ClassResults = { assignment: "hw", max_points: 10, students };
    const page = classPage(results, makeContext(results));

    expect(page).toContain('<svg class="histogram-chart"');
    expect(page).toContain("<title>1 student scored 70–80%</title>");
    expect(page).toContain("<title>2 students scored 90–100%</title>");
    expect(page).toContain("<title>0 students scored 0–10%</title>");
    expect(page).toContain("70–80%: 1, 80–90%: 0, 90–100%: 2.");
  });

  it("tabulates verdict shares per question", () => {
    // dW1 is partial for the single graded student: 3 of 4 points, 0%, 100%, 0%, 0%.
    expect(questionRow(page, "dW1").slice(0, 5)).toEqual(["3 / 4", "0%", "100%", "0%", "0%"]);
  });

  it("counts an absent result as missing", () => {
    const results: ClassResults = {
      assignment: "hw",
      max_points: 10,
      students: [partialStudent, { ...partialStudent, student: "b", questions: partialStudent.questions.slice(0, 1) }],
    };
    const page = classPage(results, makeContext(results));

    // loss: ana-lopez incorrect, b has no result, so 50% incorrect and 50% missing.
    expect(questionRow(page, "loss").slice(1, 5)).toEqual(["0%", "0%", "50%", "50%"]);
  });

  it("makes the student table sortable", () => {
    expect(page).toContain('<table class="data-table sortable" id="student-table">');
    expect(page).toContain('data-sort="name" data-first="ascending" aria-sort="ascending"><button type="button">Student</button>');
    expect(page).toContain('data-sort="score" data-first="descending" aria-sort="none"><button type="button">Score</button>');
    expect(page).toContain('<tr data-name="ana-lopez" data-score="0.7">');
    expect(page).toContain('<tr data-name="&lt;script&gt;alert(1)&lt;/script&gt;" data-score="0">');
  });

  it("names mistakes by their titles", () => {
    const results: ClassResults = {
      assignment: "hw",
      max_points: 10,
      students: ["a", "b", "c"].map((student, i) => ({
        ...partialStudent,
        student,
        questions: [{ ...partialStudent.questions[0], misconception: i < 2 ? "transposed" : "flipped_error_sign" }],
      })),
    };
    const page = classPage(results, makeContext(results));
    // List items are joined without spaces once tags are stripped.
    const mistakes = questionRow(page, "dW1")[6];

    expect(mistakes).toBe("transposed matrix 2 studentserror sign flipped (t − y for y − t) 1 student");
  });

  it("renders the same bytes twice", () => {
    expect(classPage(classResults, makeContext())).toBe(page);
  });
});

describe("renderClassPage question figures", () => {
  // Hand-worked class of four on two questions, q1 worth 4 points and q2 worth 2:
  //   student  q1          q2          total
  //   s1       4 correct   2 correct   6
  //   s2       4 correct   0 incorrect 4
  //   s3       0 incorrect 2 correct   2
  //   s4       missing     0 incorrect 0
  // q1 mean 8/4 = 2; shares [1, 1, 0, 0] against totals [6, 4, 2, 0]: deviations [½, ½, −½, −½]
  // and [3, 1, −1, −3], covariance sum 4, sums of squares 1 and 20, r = 4/√20 = 0.894.
  // q2 mean 4/4 = 1; shares [1, 0, 1, 0]: covariance sum 1.5 − 0.5 − 0.5 + 1.5 = 2, r = 2/√20 = 0.447.
  const result = (question: string, verdict: QuestionResult["verdict"], points: number, maxPoints: number): QuestionResult => ({
    problem: "p2-linear",
    question,
    verdict,
    points,
    max_points: maxPoints,
    submitted: verdict === "missing" ? null : points,
    expected: maxPoints,
    feedback: "",
    line: null,
  });
  const student = (id: string, q1: QuestionResult, q2: QuestionResult): StudentResult => ({
    student: id,
    file: `${id}.md`,
    status: "graded",
    points: q1.points + q2.points,
    max_points: 6,
    questions: [q1, q2],
  });
  const results: ClassResults = {
    assignment: "hw",
    max_points: 6,
    students: [
      student("s1", result("q1", "correct", 4, 4), result("q2", "correct", 2, 2)),
      student("s2", result("q1", "correct", 4, 4), result("q2", "incorrect", 0, 2)),
      student("s3", result("q1", "incorrect", 0, 4), result("q2", "correct", 2, 2)),
      student("s4", result("q1", "missing", 0, 4), result("q2", "incorrect", 0, 2)),
    ],
  };
  const page = classPage(results, makeContext(results));

  it("shows mean points per question", () => {
    expect(questionRow(page, "q1")[0]).toBe("2 / 4");
    expect(questionRow(page, "q2")[0]).toBe("1 / 2");
  });

  it("computes the discrimination index", () => {
    expect(questionRow(page, "q1")[5]).toBe("0.89");
    expect(questionRow(page, "q2")[5]).toBe("0.45");
  });

  it("explains the index in a footnote", () => {
    expect(page).toContain('id="discrimination-note"');
    expect(page).toContain("point-biserial");
  });

  it("groups questions under their problem", () => {
    expect(page).toContain('<th scope="rowgroup" colspan="8">Problem 2. Two-layer linear network</th>');
  });

  it("leaves a small class's low index unmarked", () => {
    // s3 alone right on q1 and s1, s2 alone right on q2 gives q1 a negative index, but four
    // students are too few to flag it.
    const flipped: ClassResults = {
      ...results,
      students: [
        student("s1", result("q1", "incorrect", 0, 4), result("q2", "correct", 2, 2)),
        student("s2", result("q1", "incorrect", 0, 4), result("q2", "correct", 2, 2)),
        student("s3", result("q1", "correct", 4, 4), result("q2", "incorrect", 0, 2)),
        student("s4", result("q1", "missing", 0, 4), result("q2", "incorrect", 0, 2)),
      ],
    };
    const small = classPage(flipped, makeContext(flipped));
    expect(small).not.toContain(`<span class="low-discrimination"`);
  });

  it("marks a low index in a class of ten", () => {
    const weak = result("q1", "incorrect", 0, 4);
    const strong = result("q1", "correct", 4, 4);
    // The five strong students miss q1 and the five weak ones get it: r = −1.
    const students = [
      ...Array.from({ length: 5 }, (_, i) => student(`a${i}`, weak, result("q2", "correct", 2, 2))),
      ...Array.from({ length: 5 }, (_, i) => student(`b${i}`, strong, result("q2", "incorrect", 0, 2))),
    ].map((entry, i) => (i < 5 ? { ...entry, points: 6 } : { ...entry, points: 0 }));
    const ten: ClassResults = { ...results, students };
    expect(classPage(ten, makeContext(ten))).toContain(`<span class="low-discrimination"`);
  });

  it("shows a dash for a single student", () => {
    const one: ClassResults = { ...results, students: results.students.slice(0, 1) };
    expect(questionRow(classPage(one, makeContext(one)), "q1")[5]).toBe("–");
  });

  it("marks extra-credit problems", () => {
    const page = classPage(results, { ...makeContext(results), bonus: new Set(["p2-linear"]) });
    expect(page).toContain('Two-layer linear network</th>'.replace("</th>", ' <span class="badge badge-bonus">Extra credit</span></th>'));
  });
});

describe("renderClassPage roster", () => {
  it("lists missing and unlisted students", () => {
    const context = { ...makeContext(), roster: new Set(["Zoë, \"Z\" Müller"]) };
    const page = classPage(classResults, context);

    expect(page).toContain("<h2>Roster</h2>");
    expect(page).toContain("No submission <span class=\"muted\">(1)</span>");
    // ana-lopez and the hostile id handed in files but are not on the roster.
    expect(page).toContain("Not on the roster <span class=\"muted\">(2)</span>");
    expect(page.match(/class="badge badge-offroster"/g)).toHaveLength(2);
  });

  it("has no roster card without one", () => {
    const results: ClassResults = { ...classResults, students: [partialStudent] };
    const page = classPage(results, makeContext(results));

    expect(page).not.toContain("<h2>Roster</h2>");
    expect(page).not.toContain('class="badge badge-offroster"');
  });
});
