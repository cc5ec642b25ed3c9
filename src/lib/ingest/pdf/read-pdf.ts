/**
 * PDF bytes → PdfDocument (or pictures of its pages), within limits. The file's streams are
 * measured first (a decompression bomb is refused before PDF.js inflates it); then PDF.js reads
 * it in a worker thread that is stopped when it takes more memory or time than the limits allow,
 * so a hostile file fails the run with a message, never the machine.
 */
import { Worker } from 'node:worker_threads';
import type { PdfDocument } from './document.ts';
import { PdfReportError } from './errors.ts';
import { checkEnvelope } from './extract.ts';
import { checkDecodedSize, DEFAULT_PDF_LIMITS, PdfLimitError } from './limits.ts';
import type { PdfLimits } from './limits.ts';

/** What the worker is asked to do: read the pages, or draw them at a scale. */
export type WorkerTask = { read: true } | { render: { scale: number } };

/** What the worker sends back: its result, or the refusal to rethrow here. */
export type WorkerReply =
  | { document: PdfDocument }
  | { pictures: Uint8Array[] }
  | { refusal: { page: number | null; reason: string } }
  | { overLimit: { limit: keyof PdfLimits; value: number; detail: string } }
  | { failure: string };

/** How often the reader's memory is looked at. */
const MEMORY_CHECK_MS = 20;

/** Runs one task on the PDF in a worker held to `limits`. */
function inWorker(bytes: Uint8Array, limits: PdfLimits, task: WorkerTask): Promise<WorkerReply> {
  checkEnvelope(bytes);
  checkDecodedSize(bytes, limits);
  const baseline = process.memoryUsage.rss();
  const heapMb = Math.max(64, Math.floor(limits.maxMemoryBytes / (1024 * 1024)));
  return new Promise<WorkerReply>((resolve, reject) => {
    const worker = new Worker(new URL('./extract-worker.ts', import.meta.url), {
      workerData: { bytes, limits, task },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
      // Not the caller's flags (a test runner's or a script's), which a plain worker does not need.
      execArgv: [],
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const overLimit = (limit: 'maxMemoryBytes' | 'timeoutMs', detail: string) =>
      finish(() => reject(new PdfLimitError(limit, limits[limit], detail)));
    const watch = setInterval(() => {
      const added = process.memoryUsage.rss() - baseline;
      if (added > limits.maxMemoryBytes) {
        overLimit(
          'maxMemoryBytes',
          `reading the PDF took more than ${limits.maxMemoryBytes} bytes of memory`,
        );
      }
    }, MEMORY_CHECK_MS);
    const timer = setTimeout(
      () => overLimit('timeoutMs', `reading the PDF took more than ${limits.timeoutMs} ms`),
      limits.timeoutMs,
    );
    worker.on('message', (reply: WorkerReply) =>
      finish(() => {
        if ('refusal' in reply) {
          reject(new PdfReportError(reply.refusal.page, reply.refusal.reason));
        } else if ('overLimit' in reply) {
          const { limit, value, detail } = reply.overLimit;
          reject(new PdfLimitError(limit, value, detail));
        } else if ('failure' in reply) {
          reject(
            new PdfReportError(
              null,
              `the PDF reader failed on this PDF (${reply.failure}); keep the PDF and report it as a parser bug`,
            ),
          );
        } else resolve(reply);
      }),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PdfLimitError(
                'maxMemoryBytes',
                limits.maxMemoryBytes,
                'reading the PDF ran out of the memory it may use',
              )
            : new PdfReportError(null, `the PDF reader stopped: ${error.message}`),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new PdfReportError(null, `the PDF reader stopped (exit code ${code})`))),
    );
  });
}

/** Reads a PDF within `limits`; rejects with a PdfReportError (a PdfLimitError past a limit). */
export async function readPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<PdfDocument> {
  const reply = await inWorker(bytes, limits, { read: true });
  if (!('document' in reply)) throw new PdfReportError(null, 'the PDF reader gave no pages');
  return reply.document;
}

/** Each page drawn as a PNG at `scale` (1 = 72 pixels an inch), within `limits`. */
export async function renderPdf(
  bytes: Uint8Array,
  scale: number,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<Uint8Array[]> {
  const reply = await inWorker(bytes, limits, { render: { scale } });
  if (!('pictures' in reply)) throw new PdfReportError(null, 'the PDF reader drew no pages');
  return reply.pictures;
}
