/**
 * A worker thread: checks the files the pool sends, one at a time and in the order sent, and
 * posts back progress and results. Exploration is synchronous, so it runs here and not on the
 * main thread, which must stay free to draw progress and to hear Ctrl-C.
 *
 * The pool sends tasks ahead (pool.ts), so they wait in `queue` here; one at a time, because a
 * check with `--workers` is asynchronous and must not overlap the next. Between two files the
 * worker yields, so that new tasks come in while it works. Results go back in batches, about
 * every `FLUSH_MS` and whenever the worker runs out of work: each message wakes the main thread,
 * which on a two-core machine takes its time from a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import { checkFileAsync, type FileResult, type Task } from './task.js';

/** Longest a finished result waits for others to travel with it, in milliseconds. */
const FLUSH_MS = 10;

const port = parentPort!;
const data = workerData as WorkerData;
const flag = new Int32Array(data.interrupt);
const queue: Task[] = [];
const done: FileResult[] = [];
let flushedAt = performance.now();
/**
 * Polled between work items while a file is explored: also sends the results waiting here once
 * they are `FLUSH_MS` old, so that a long file does not hold back the quick ones before it.
 */
const interrupted = (): boolean => {
  if (done.length > 0 && performance.now() - flushedAt >= FLUSH_MS) flush();
  return Atomics.load(flag, 0) === 1;
};
let busy = false;
let exiting = false;
/** Whether to send progress (said with the tasks: the worker may start before the options are read). */
let progress = false;

function post(m: FromWorker): void {
  port.postMessage(m);
}

function flush(): void {
  if (done.length > 0) post({ type: 'results', results: done.splice(0) });
  flushedAt = performance.now();
}

async function drain(): Promise<void> {
  busy = true;
  for (let sent = queue.shift(); sent !== undefined; sent = queue.shift()) {
    // after Ctrl-C no new file starts (the pool lists it as not run)
    if (interrupted()) {
      flush();
      post({ type: 'skipped', index: sent.index });
      continue;
    }
    const task = { ...sent, interrupt: data.interrupt };
    const onProgress = progress ? (p: { executions: number; elapsedMs: number }) => post({ type: 'progress', index: task.index, ...p }) : undefined;
    done.push(await checkFileAsync(task, interrupted, onProgress));
    if (performance.now() - flushedAt >= FLUSH_MS) flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
  flush();
  busy = false;
  if (exiting) port.close();
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'tasks':
      progress = m.progress;
      queue.push(...m.tasks);
      if (!busy) void drain();
      return;
    case 'exit':
      // the pool sends it only when nothing is pending, but the order is kept anyway
      exiting = true;
      if (!busy) port.close();
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
post({ type: 'ready' });
