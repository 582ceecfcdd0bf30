// node:test reporter that prints one closing line CI can read: "N passed, N failed, N skipped".
export default async function* summaryReporter(source) {
  let passed = 0, failed = 0, skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Count leaf tests only (suites report too, with details.type === 'suite').
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') { if (event.data.skip || event.data.todo) skipped++; else passed++; }
    else failed++;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
