import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one closing line, `N passed, N failed`, which CI reads. A test file that fails to load
 * counts as one failed test, so a broken import cannot pass silently.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;

    for (const testModule of testModules) {
      const moduleFailed = testModule.state() === "failed";
      let testsInModule = 0;
      for (const testCase of testModule.children.allTests()) {
        testsInModule++;
        const state = testCase.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (moduleFailed && testsInModule === 0) failed++;
    }

    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
