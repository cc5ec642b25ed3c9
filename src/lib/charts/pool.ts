import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { runDrawJob } from './draw.ts';
import type { DrawJob } from './draw.ts';
import type { DrawReply } from './draw-worker.ts';

/**
 * Set by the charts integration for the length of a build: the path of draw-worker.ts. Pages
 * render from Vite's bundle, which cannot start a worker from a file of its own, so the
 * integration, which runs from the source, names the file. Unset (tests, the dev server),
 * images are drawn on the thread that asks for them.
 */
export const WORKER_ENV = 'DDA_CHART_WORKER';

/**
 * How many drawing threads a build starts: `CHART_WORKERS`, by default one per core. Drawing is
 * most of a cold build and pages render on one thread, so on two cores a second thread doubles
 * the drawing speed; `0` draws on the rendering thread.
 */
function drawingThreads(): number {
  const value = process.env['CHART_WORKERS'];
  return value === undefined || value === '' ? availableParallelism() : Number(value);
}

/** A drawn file, and the time the drawing itself took (not the time it waited for a thread). */
export interface DrawnFile {
  bytes: Buffer;
  ms: number;
}

interface Pending {
  job: DrawJob;
  resolve: (drawn: DrawnFile) => void;
  reject: (error: Error) => void;
}

/**
 * How long the drawing threads may all wait for work before they are stopped. A build draws while
 * it works out its pages' keys and then renders thousands of pages that only find their images
 * in the cache: stopped, the threads' heaps and their canvas library's memory (about 400 MB on
 * two threads) are not held through that last phase. A drawing asked for later starts new ones;
 * the wait is long enough that the pauses between one route's drawings and the next's seldom
 * stop them.
 */
export const IDLE_THREADS_STOP_MS = 5000;

/** Worker threads that each draw one job at a time, in the order the jobs were asked for. */
class DrawPool {
  readonly #idle: Worker[] = [];
  readonly #queue: Pending[] = [];
  readonly #busy = new Map<Worker, Pending>();
  readonly #retire: () => void;
  #idleTimer: NodeJS.Timeout | null = null;
  #failure: Error | null = null;

  constructor(path: string, size: number, retire: () => void) {
    this.#retire = retire;
    for (let i = 0; i < size; i++) this.#idle.push(this.#start(path));
  }

  /** Stops the threads once all of them have had nothing to do for IDLE_THREADS_STOP_MS. */
  #stopWhenIdle(): void {
    if (this.#busy.size > 0 || this.#queue.length > 0 || this.#idleTimer) return;
    this.#idleTimer = setTimeout(() => {
      this.#retire();
      for (const worker of this.#idle.splice(0)) void worker.terminate();
    }, IDLE_THREADS_STOP_MS);
    this.#idleTimer.unref();
  }

  #start(path: string): Worker {
    const worker = new Worker(path);
    // An idle thread must not keep the build's process alive; a busy one is ref'd in #next.
    worker.unref();
    worker.on('message', (reply: DrawReply) => {
      const pending = this.#busy.get(worker)!;
      this.#busy.delete(worker);
      if ('error' in reply) pending.reject(new Error(reply.error));
      else {
        const { bytes, ms } = reply;
        pending.resolve({
          bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          ms,
        });
      }
      this.#next(worker);
    });
    // A thread that dies (it cannot load, runs out of memory) fails every drawing asked for.
    worker.on('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.#failure = failure;
      for (const pending of [...this.#busy.values(), ...this.#queue.splice(0)]) {
        pending.reject(failure);
      }
      this.#busy.clear();
    });
    return worker;
  }

  draw(job: DrawJob): Promise<DrawnFile> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      const worker = this.#idle.pop();
      if (worker) this.#next(worker);
    });
  }

  #next(worker: Worker): void {
    const pending = this.#queue.shift();
    if (!pending) {
      worker.unref();
      this.#idle.push(worker);
      this.#stopWhenIdle();
      return;
    }
    worker.ref();
    this.#busy.set(worker, pending);
    worker.postMessage(pending.job);
  }
}

let pool: DrawPool | null = null;

/**
 * The bytes of one image file, with the time its drawing took: in a build, from the next free
 * drawing thread, so that both cores draw while pages render; otherwise on this thread.
 */
export async function drawImage(job: DrawJob): Promise<DrawnFile> {
  const worker = process.env[WORKER_ENV];
  const threads = drawingThreads();
  if (worker && threads > 0 && job.kind !== 'text') {
    pool ??= new DrawPool(worker, threads, () => {
      pool = null;
    });
    return pool.draw(job);
  }
  const start = performance.now();
  const bytes = runDrawJob(job);
  const ms = performance.now() - start;
  // @napi-rs/canvas frees canvases and pixel buffers in finalizers that run on the event loop,
  // never during synchronous code: measured, drawing 300 charts in a loop without this pause
  // grew by 4.5 MB per chart; with it, memory stayed flat.
  await nextTurnOfEventLoop();
  return { bytes, ms };
}
