/**
 * A drawing thread of the build (see pool.ts): draws each job it is sent and posts the bytes
 * back. Runs as plain Node TypeScript, outside Vite's bundle, so it imports source files.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { runDrawJob } from './draw.ts';
import type { DrawJob } from './draw.ts';

/** The file's bytes and how long the drawing took on this thread, or why it failed. */
export type DrawReply = { bytes: Uint8Array; ms: number } | { error: string };

// The pool sends a thread its next job only after the reply, so the event loop turns between
// two drawings and @napi-rs/canvas's finalizers free the last canvas (see pool.ts).
parentPort!.on('message', (job: DrawJob) => {
  let reply: DrawReply;
  try {
    const start = performance.now();
    const bytes = runDrawJob(job);
    reply = { bytes, ms: performance.now() - start };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
