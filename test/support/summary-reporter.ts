import type { Reporter, TestModule, TestSuite } from 'vitest/node';

/**
 * Prints the plain `N passed, N failed` line that CI reads at the end of every run. Everything that makes vitest
 * fail the run counts as a failure here: a failed test, a file that failed to load, a failed beforeAll/afterAll
 * (whose tests vitest reports as skipped) and an unhandled error. A run that reads `0 failed` is green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      const suites: Array<TestModule | TestSuite> = [testModule, ...testModule.children.allSuites()];
      for (const suite of suites) failed += suite.errors().length;
      if (testModule.state() === 'failed' && failed === 0) failed += 1;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
