/**
 * The source of the PDF worker thread, as a constant string, so the same worker runs from the
 * TypeScript sources and from the build. It extracts positioned text only (no scripts, no form
 * actions, no rendering) and posts a `PdfWorkerReply`. `workerData`: `{ data, unpdfUrl }`.
 */
export const PDF_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
async function extract(data, unpdfUrl) {
  const { getDocumentProxy } = await import(unpdfUrl);
  let doc;
  try {
    doc = await getDocumentProxy(data, { isEvalSupported: false, verbosity: 0, enableXfa: false, stopAtErrors: false });
  } catch (err) {
    const name = err && err.name;
    if (name === 'PasswordException') return { ok: false, code: 'encrypted-document', message: 'the PDF is password-protected' };
    return { ok: false, code: 'corrupt-document', message: 'not a readable PDF (' + String(err && err.message || err) + ')' };
  }
  const pages = [];
  let title;
  try {
    const meta = await doc.getMetadata().catch(() => undefined);
    if (meta && meta.info && typeof meta.info.Title === 'string') title = meta.info.Title.slice(0, 200);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items = [];
      for (const raw of content.items) {
        if (typeof raw.str !== 'string' || raw.str.trim() === '') continue;
        const t = raw.transform;
        items.push({ str: raw.str, x: t[4] - x0, y: t[5] - y0, width: raw.width, size: Math.hypot(t[2], t[3]) || Math.abs(t[3]) || raw.height });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items });
      page.cleanup();
    }
  } catch (err) {
    return { ok: false, code: 'corrupt-document', message: 'damaged PDF content (' + String(err && err.message || err) + ')' };
  } finally {
    await doc.destroy();
  }
  return { ok: true, pages, title };
}
extract(workerData.data, workerData.unpdfUrl).then(
  (reply) => parentPort.postMessage(reply),
  (err) => parentPort.postMessage({ ok: false, code: 'corrupt-document', message: String(err && err.message || err) }),
);
`;
