/**
 * A drawing thread of the build (see pool.ts): draws each job it is sent and posts the bytes
 * back. Runs as plain Node TypeScript, outside Vite's bundle, so it imports source files.
 */
import { parentPort } from 'node:worker_threads';
import { runDrawJob } from './draw.ts';
import type { DrawJob } from './draw.ts';

export type DrawReply = { bytes: Uint8Array } | { error: string };

// The pool sends a thread its next job only after the reply, so the event loop turns between
// two drawings and @napi-rs/canvas's finalizers free the last canvas (see pool.ts).
parentPort!.on('message', (job: DrawJob) => {
  let reply: DrawReply;
  try {
    reply = { bytes: runDrawJob(job) };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
