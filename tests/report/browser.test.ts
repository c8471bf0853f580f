import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClassResults, StudentResult } from "../../src/grading/types.js";
import { renderClassPage } from "../../src/report/classPage.js";
import { renderStudentPage } from "../../src/report/studentPage.js";
import { classResults, makeContext, partialStudent } from "./_fixtures.js";

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
    await writeFile(join(folder, "index.html"), renderClassPage(results, context));
    for (const student of results.students) {
      await writeFile(join(folder, "students", context.pageNames.get(student.student)!), renderStudentPage(student, context));
    }
    classUrl = pathToFileURL(join(folder, "index.html")).href;
    studentUrl = pathToFileURL(join(folder, "students", context.pageNames.get("ana-lopez")!)).href;
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

    await page.goto(url, { waitUntil: "load" });
    return { page, blocked, errors };
  }

  it("class page loads nothing and logs no errors", async () => {
    const { page, blocked, errors } = await open(classUrl);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator("table.data-table").count()).toBe(2);
    expect(await page.locator("script").count()).toBe(0);
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
    expect(await page.locator("td.cell-wrong").allTextContents()).toEqual(["51"]);

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

  it("student page prints", async () => {
    const { page } = await open(studentUrl);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".back").isVisible()).toBe(false);

    await page.screenshot({ path: join(SCREENSHOTS, "student-print.png"), fullPage: true });
    await page.close();
  });
});
