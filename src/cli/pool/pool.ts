/**
 * A pool of worker threads that checks files in parallel. Results arrive in completion order;
 * the caller restores input order (see `Ordered` below). After Ctrl-C (the shared flag) no new
 * file is started; the files being explored stop at their next poll and return what they found.
 *
 * A worker that dies (out of memory, a crash in the engine) turns its file into a `crashed`
 * result and is replaced, so that one bad file cannot lose the rest of the batch.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import type { FileResult, Task } from './task.js';

export interface PoolOptions {
  readonly jobs: number;
  /** One Int32, set to 1 on Ctrl-C. */
  readonly interrupt: SharedArrayBuffer;
  /** Progress of the file at `index`: executions so far and time spent on it. */
  readonly onProgress?: (index: number, executions: number, elapsedMs: number) => void;
}

/** Runs every task (until interrupted); `onResult` is called once per finished file. */
export function runPool(tasks: readonly Task[], options: PoolOptions, onResult: (r: FileResult) => void): Promise<void> {
  const flag = new Int32Array(options.interrupt);
  const queue = [...tasks];
  const size = Math.max(1, Math.min(options.jobs, tasks.length));
  const data: WorkerData = { interrupt: options.interrupt, progress: options.onProgress !== undefined };
  let live = 0;

  return new Promise((resolve) => {
    if (tasks.length === 0) return resolve();
    const next = (): Task | undefined => (Atomics.load(flag, 0) === 1 ? undefined : queue.shift());

    const start = (): void => {
      live++;
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
      let current: Task | undefined;
      let done = false;
      const send = (m: ToWorker): void => worker.postMessage(m);
      const feed = (): void => {
        current = next();
        if (current) send({ type: 'task', task: current });
        else {
          done = true;
          send({ type: 'exit' });
        }
      };
      const finish = (): void => {
        live--;
        if (live === 0) resolve();
      };
      worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            feed();
            return;
          case 'progress':
            options.onProgress?.(m.index, m.executions, m.elapsedMs);
            return;
          case 'result':
            current = undefined;
            onResult(m.result);
            feed();
            return;
          default: {
            const never: never = m;
            throw new Error(`unknown message ${JSON.stringify(never)}`);
          }
        }
      });
      let failure: string | null = null;
      worker.on('error', (e) => {
        failure = e instanceof Error ? e.message : String(e);
      });
      worker.on('exit', (code) => {
        if (current) {
          onResult({
            kind: 'crashed',
            index: current.index,
            file: current.file,
            message: failure ?? `the worker thread stopped (exit code ${code})`,
            stack: null,
          });
          current = undefined;
        }
        // a dead worker is replaced while there is work left
        if (!done && queue.length > 0 && Atomics.load(flag, 0) !== 1) start();
        finish();
      });
    };
    for (let i = 0; i < size; i++) start();
  });
}

/**
 * Restores input order: results are pushed as they finish and handed on as soon as every
 * result before them has been, so that output streams yet stays deterministic.
 */
export class Ordered<T extends { readonly index: number }> {
  private readonly pending = new Map<number, T>();
  private nextIndex = 0;

  constructor(private readonly emit: (item: T) => void) {}

  push(item: T): void {
    this.pending.set(item.index, item);
    for (let it = this.pending.get(this.nextIndex); it !== undefined; it = this.pending.get(this.nextIndex)) {
      this.pending.delete(this.nextIndex);
      this.nextIndex++;
      this.emit(it);
    }
  }

  /** Indices not handed on yet, in order (files never started after Ctrl-C). */
  get next(): number {
    return this.nextIndex;
  }
}
