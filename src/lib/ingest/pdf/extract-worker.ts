/**
 * The worker thread readPdf and renderPdf start: extracts the document (or draws its pages) and
 * posts it back, or posts why not.
 * It runs apart so that readPdf can stop it at its memory and time limits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PdfReportError } from './errors.ts';
import { extractDocument, renderDocument } from './extract.ts';
import { PdfLimitError } from './limits.ts';
import type { PdfLimits } from './limits.ts';
import type { WorkerReply, WorkerTask } from './read-pdf.ts';

const { bytes, limits, task } = workerData as {
  bytes: Uint8Array;
  limits: PdfLimits;
  task: WorkerTask;
};

let reply: WorkerReply;
try {
  reply =
    'render' in task
      ? { pictures: await renderDocument(bytes, limits, task.render.scale) }
      : { document: await extractDocument(bytes, limits) };
} catch (error) {
  if (error instanceof PdfLimitError) {
    reply = { overLimit: { limit: error.limit, value: error.value, detail: error.detail } };
  } else if (error instanceof PdfReportError) {
    reply = { refusal: { page: error.page, reason: error.reason } };
  } else reply = { failure: (error as Error).message };
}
parentPort!.postMessage(reply);
