// node:test reporter that prints one closing line CI can read: "N passed, N failed, N skipped".
// SOPFLOW_PRIOR_COUNTS="P,F,S" adds counts of tests run before (the web app's vitest run).
export default async function* summaryReporter(source) {
  let [passed, failed, skipped] = (process.env.SOPFLOW_PRIOR_COUNTS ?? '0,0,0').split(',').map((n) => Number(n) || 0);
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Count leaf tests only (suites report too, with details.type === 'suite').
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') { if (event.data.skip || event.data.todo) skipped++; else passed++; }
    else failed++;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
