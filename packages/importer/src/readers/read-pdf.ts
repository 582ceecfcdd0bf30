import { Worker } from 'node:worker_threads';
import type { DocTree } from '../tree/doc-tree.js';
import { linesToBlocks } from './lines-to-blocks.js';
import { layoutPdfLines } from './pdf-layout.js';
import { PDF_WORKER_SOURCE } from './pdf-worker-source.js';
import type { PdfWorkerReply } from './pdf-types.js';

export type PdfRead =
  | { ok: true; tree: DocTree }
  | { ok: false; code: 'encrypted-document' | 'corrupt-document' | 'time-budget-exceeded'; message: string };

/**
 * PDF → document tree. pdf.js runs in a worker thread with a memory cap and a deadline; past the
 * deadline the worker is terminated, so a malicious file cannot hang the import. The layout pass
 * (lines, columns, repeated headers/footers, heading sizes) runs here.
 */
export async function readPdf(bytes: Uint8Array, timeoutMs: number): Promise<PdfRead> {
  const reply = await runWorker(bytes, timeoutMs);
  if (!reply.ok) return reply;
  const lines = layoutPdfLines(reply.pages);
  return { ok: true, tree: { format: 'pdf', blocks: linesToBlocks(lines), metadata: reply.title?.trim() ? { pdfTitle: reply.title.trim() } : {}, pageCount: reply.pages.length } };
}

function runWorker(bytes: Uint8Array, timeoutMs: number): Promise<PdfWorkerReply | { ok: false; code: 'time-budget-exceeded'; message: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(PDF_WORKER_SOURCE, {
      eval: true,
      workerData: { data: bytes, unpdfUrl: import.meta.resolve('unpdf') },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (value: PdfWorkerReply | { ok: false; code: 'time-budget-exceeded'; message: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    };
    const timer = setTimeout(() => finish({ ok: false, code: 'time-budget-exceeded', message: `PDF parsing took longer than ${timeoutMs} ms and was stopped` }), timeoutMs);
    worker.once('message', (msg: PdfWorkerReply) => finish(msg));
    worker.once('error', (err) => finish({ ok: false, code: 'corrupt-document', message: `PDF reader failed (${err.message})` }));
    worker.once('exit', (code) => finish({ ok: false, code: 'corrupt-document', message: `PDF reader stopped (exit ${code})` }));
  });
}
