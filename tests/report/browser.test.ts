import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { run, type Output } from "../../src/cli.js";
import type { ClassResults, StudentResult } from "../../src/grading/types.js";
import type { Network, Problem } from "../../src/problem/types.js";
import { pageKey } from "../../src/report/pageName.js";
import { summariseClass } from "../../src/report/_accumulator.js";
import { renderClassPage } from "../../src/report/classPage.js";
import { renderStudentPage } from "../../src/report/studentPage.js";
import { classResults, linearProblem, makeContext, partialStudent } from "./_fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = resolve("test-output/screenshots");

if (!existsSync(CHROMIUM)) {
  console.warn(
    `Skipping the browser checks of the reports: ${CHROMIUM} not found. ` +
      "Install it with `apt-get install -y --no-install-recommends chromium`.",
  );
}

/** The fixture class plus a few graded students, so the histogram has several bars. */
function classWithSpread(): ClassResults {
  const extra: StudentResult[] = [
    { ...partialStudent, student: "ben-okafor", file: "ben-okafor.md", points: 10, questions: correctAll() },
    { ...partialStudent, student: "chen-wei", file: "chen-wei.yaml", points: 9.5 },
    { ...partialStudent, student: "dara-singh", file: "dara-singh.md", points: 4, questions: partialStudent.questions.slice(1) },
  ];
  return { ...classResults, students: [...classResults.students, ...extra] };
}

function correctAll() {
  return partialStudent.questions.map((result) => ({
    ...result,
    verdict: "correct" as const,
    points: result.max_points,
    submitted: result.expected,
    wrong_cells: undefined,
    misconception: undefined,
    warnings: undefined,
  }));
}

describe.skipIf(!existsSync(CHROMIUM))("reports in Chromium", () => {
  let browser: Browser;
  let folder: string;
  let classUrl: string;
  let studentUrl: string;

  beforeAll(async () => {
    const results = classWithSpread();
    const context = makeContext(results);

    folder = await mkdtemp(join(tmpdir(), "nngrade-report-"));
    await mkdir(join(folder, "students"));
    await writeFile(join(folder, "index.html"), renderClassPage(summariseClass(results, context.problems), context));
    for (const student of results.students) {
      await writeFile(join(folder, "students", context.pageNames.get(pageKey(student))!), renderStudentPage(student, context));
    }
    classUrl = pathToFileURL(join(folder, "index.html")).href;
    studentUrl = pathToFileURL(join(folder, "students", [...context.pageNames].find(([key]) => key.startsWith("ana-lopez\u0000"))![1])).href;
    await mkdir(SCREENSHOTS, { recursive: true });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  /** Opens a page, failing every request that is not for a local file, and collects console errors. */
  async function open(url: string, viewport = { width: 1100, height: 900 }) {
    const page: Page = await browser.newPage({ viewport });
    const blocked: string[] = [];
    const errors: string[] = [];

    await page.route("**/*", (route) => {
      const requested = route.request().url();
      if (requested.startsWith("file:")) {
        return route.continue();
      }
      blocked.push(requested);
      return route.abort();
    });
    page.on("console", (message) => {
      if (message.type() === "error") {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    // Chromium also logs CSP violations to the console, but the event names the blocked directive.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });

    await page.goto(url, { waitUntil: "load" });
    return { page, blocked, errors };
  }

  it("class page loads nothing and logs no errors", async () => {
    const { page, blocked, errors } = await open(classUrl);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator("table.data-table").count()).toBe(2);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("svg.histogram-chart").count()).toBe(1);
    expect(await page.locator("h1").textContent()).toBe("backprop-hw");

    await page.screenshot({ path: join(SCREENSHOTS, "class.png"), fullPage: true });
    await page.close();
  });

  it("student page loads nothing and renders math", async () => {
    const { page, blocked, errors } = await open(studentUrl);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator("math").count()).toBeGreaterThan(0);
    expect(await page.locator("table.matrix").count()).toBe(2);
    expect(await page.locator("td.cell-wrong").allTextContents()).toEqual(["51+1"]);

    await page.screenshot({ path: join(SCREENSHOTS, "student.png"), fullPage: true });
    await page.close();
  });

  it("student link leads to its page", async () => {
    const { page } = await open(classUrl);

    await page.locator("a", { hasText: "ana-lopez" }).click();
    await page.waitForLoadState("load");

    expect(page.url()).toBe(studentUrl);
    expect(await page.locator("h1").textContent()).toBe("ana-lopez");
    await page.close();
  });

  it("hostile id stays text", async () => {
    const { page, errors } = await open(classUrl);

    expect(errors).toEqual([]);
    expect(await page.locator("th.id", { hasText: "<script>alert(1)</script>" }).count()).toBe(1);
    await page.close();
  });

  it("pages fit a phone screen", async () => {
    for (const [url, name] of [
      [classUrl, "class-phone.png"],
      [studentUrl, "student-phone.png"],
    ]) {
      const { page, errors } = await open(url, { width: 390, height: 844 });

      expect(errors).toEqual([]);
      // The document never scrolls sideways: wide tables and matrices scroll inside their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
      await page.close();
    }
  });

  it("network values fit their units", async () => {
    // −0.0867 overflowed its circle into the target label, and −1.23e−4 and −12345 are as long.
    // By hand, with identity units: S2 = [1, −1] · [[−0.000123, −12345], [0, 0]] = [−0.000123, −12345].
    // The output's weights are 0, so y3 is its bias, −0.0867.
    const network: Network = {
      layout: "row",
      input: [1, -1],
      layers: [
        { name: "hidden", weights: [[-0.000123, -12345], [0, 0]], bias: null, activation: "identity", alpha: 0 },
        { name: "output", weights: [[0], [0]], bias: -0.0867, activation: "identity", alpha: 0 },
      ],
      loss: "half_sse",
      target: [0.5],
      learningRate: null,
    };
    const problem: Problem = { ...linearProblem, id: "p1-long", network };
    const forwardValues = new Map([["p1-long", { preActivations: [[-0.000123, -12345], [-0.0867]], activations: [[-0.000123, -12345], [-0.0867]] }]]);
    const blank = { ...partialStudent.questions[1], problem: "p1-long", verdict: "missing" as const, points: 0, submitted: null };
    const file = join(folder, "long-values.html");
    await writeFile(file, renderStudentPage({ ...partialStudent, questions: [blank] }, { ...makeContext(), problems: [problem], forwardValues }));

    for (const viewport of [
      { width: 1100, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await open(pathToFileURL(file).href, viewport);
      const overflows = await page.locator("svg.network-chart g.unit").evaluateAll((units) =>
        units.flatMap((unit) => {
          const text = unit.querySelector("text.unit-value");
          const shape = unit.querySelector("circle, rect");
          if (text === null || shape === null) return [];
          const textBox = text.getBoundingClientRect();
          const shapeBox = shape.getBoundingClientRect();
          return textBox.left < shapeBox.left || textBox.right > shapeBox.right ? [text.textContent] : [];
        }),
      );

      expect(await page.locator("svg.network-chart text.unit-value").count()).toBe(5);
      expect(overflows).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `long-values-${viewport.width}.png`), fullPage: true });
      await page.close();
    }
  });

  it("student page prints", async () => {
    const { page } = await open(studentUrl);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".back").isVisible()).toBe(false);

    await page.screenshot({ path: join(SCREENSHOTS, "student-print.png"), fullPage: true });
    await page.close();
  });
});

/** Reads the student column of the sortable table, top to bottom. */
async function studentOrder(page: Page): Promise<string[]> {
  return page.locator("#student-table tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name") ?? ""));
}

describe.skipIf(!existsSync(CHROMIUM))("graded sample class in Chromium", () => {
  let browser: Browser;
  let folder: string;
  let results: ClassResults;
  const quiet: Output = { out: () => {}, err: () => {}, interactive: false };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "nngrade-graded-"));
    // A roster with one student who handed nothing in, and without hana-kim, who did.
    const roster = join(folder, "roster.csv");
    await writeFile(roster, "id,name\nana-lopez,A\nben-okafor,B\nchen-wei,C\ndana-smith,D\neli-novak,E\nfarah-haddad,F\nzoe-quinn,Z\n");
    const code = await run(["grade", "--out", join(folder, "reports"), "--roster", roster], quiet);
    expect(code).toBe(0);
    results = JSON.parse(await readFile(join(folder, "reports", "results.json"), "utf8")) as ClassResults;
    await mkdir(SCREENSHOTS, { recursive: true });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  const pageUrl = (path: string) => pathToFileURL(join(folder, "reports", path)).href;

  /** Opens a page, failing every request that is not for a local file, and collects console errors. */
  async function open(url: string, viewport = { width: 1100, height: 900 }) {
    const page: Page = await browser.newPage({ viewport });
    const blocked: string[] = [];
    const errors: string[] = [];
    await page.route("**/*", (route) => {
      const requested = route.request().url();
      if (requested.startsWith("file:")) return route.continue();
      blocked.push(requested);
      return route.abort();
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(url, { waitUntil: "load" });
    return { page, blocked, errors };
  }

  it("class page shows histogram and tables", async () => {
    const { page, blocked, errors } = await open(pageUrl("index.html"));

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator("svg.histogram-chart rect.bar").count()).toBe(10);
    const box = await page.locator("svg.histogram-chart").boundingBox();
    expect(box?.height).toBeGreaterThan(50);
    expect(await page.locator("#student-table tbody tr").count()).toBe(results.students.length);
    expect(await page.locator("table.question-table tbody tr:not(.group-row)").count()).toBeGreaterThan(10);
    expect(await page.locator(".roster-card li", { hasText: "zoe-quinn" }).count()).toBe(1);
    expect(await page.locator(".roster-card li", { hasText: "hana-kim" }).count()).toBe(1);

    await page.screenshot({ path: join(SCREENSHOTS, "graded-class.png"), fullPage: true });
    await page.close();
  });

  it("sorts students by score", async () => {
    const { page, errors } = await open(pageUrl("index.html"));
    // The expected orders come from results.json, not from the page.
    const byName = results.students.map((student) => student.student).sort();
    const share = (student: StudentResult) => student.points / student.max_points;
    const byScore = [...results.students]
      .sort((a, b) => share(b) - share(a) || (a.student < b.student ? -1 : 1))
      .map((student) => student.student);

    expect(await studentOrder(page)).toEqual(byName);
    await page.locator("#student-table th[data-sort=score] button").click();
    expect(await studentOrder(page)).toEqual(byScore);
    expect(await page.locator("#student-table th[data-sort=score]").getAttribute("aria-sort")).toBe("descending");

    await page.locator("#student-table th[data-sort=score] button").click();
    const ascending = [...results.students]
      .sort((a, b) => share(a) - share(b) || (a.student < b.student ? -1 : 1))
      .map((student) => student.student);
    expect(await studentOrder(page)).toEqual(ascending);
    await page.locator("#student-table th[data-sort=name] button").click();
    expect(await studentOrder(page)).toEqual(byName);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("blocks a script not in the policy", async () => {
    // The policy allows the sorting script by hash, so an injected copy that differs is refused.
    const original = await readFile(join(folder, "reports", "index.html"), "utf8");
    const tampered = join(folder, "reports", "tampered.html");
    await writeFile(tampered, original.replace("</main>", "</main><script>document.title = 'ran'</script>"));
    const { page, errors } = await open(pathToFileURL(tampered).href);

    expect(await page.title()).not.toBe("ran");
    expect(errors.some((error) => error.includes("script-src"))).toBe(true);
    await page.close();
  });

  it("student page draws network and math", async () => {
    const { page, blocked, errors } = await open(pageUrl("students/dana-smith.html"));

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    const display = await page.locator("math").first().evaluate((math) => getComputedStyle(math).display);
    expect(display).toContain("math");
    const mathBox = await page.locator("math").first().boundingBox();
    expect(mathBox?.height).toBeGreaterThan(5);
    // Problems 2 and 3, and the two folded extra-credit problems, have networks.
    expect(await page.locator("svg.network-chart").count()).toBe(4);
    expect(await page.locator("svg.network-chart circle").first().isVisible()).toBe(true);
    // Dana flipped the sign of the error: each cell of dW1 shows its error, −2 × the right value.
    expect(await page.locator("td.cell-wrong .delta").first().textContent()).toBe("−50");
    expect(await page.locator("details.folded").count()).toBe(2);

    await page.screenshot({ path: join(SCREENSHOTS, "graded-student.png"), fullPage: true });
    await page.close();
  });

  it("student page links back", async () => {
    const { page } = await open(pageUrl("students/dana-smith.html"));
    await page.locator("a.back").click();
    await page.waitForLoadState("load");

    expect(page.url()).toBe(pageUrl("index.html"));
    await page.close();
  });

  it("pages fit a phone and print", async () => {
    for (const [path, name] of [
      ["index.html", "graded-class"],
      ["students/dana-smith.html", "graded-student"],
    ]) {
      const { page, errors } = await open(pageUrl(path), { width: 390, height: 844 });
      expect(errors).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });

      await page.setViewportSize({ width: 1100, height: 900 });
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-print.png`), fullPage: true });
      await page.close();
    }
  });
});
