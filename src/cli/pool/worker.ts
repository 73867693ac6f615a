/**
 * A worker thread: checks the files the pool sends, one at a time, and posts back progress and
 * results. Exploration is synchronous, so it runs here and not on the main thread, which must
 * stay free to draw progress and to hear Ctrl-C.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import { checkFileAsync } from './task.js';

const port = parentPort!;
const data = workerData as WorkerData;
const flag = new Int32Array(data.interrupt);
const interrupted = (): boolean => Atomics.load(flag, 0) === 1;

function post(m: FromWorker): void {
  port.postMessage(m);
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'task': {
      const task = { ...m.task, interrupt: data.interrupt };
      const onProgress = data.progress ? (p: { executions: number; elapsedMs: number }) => post({ type: 'progress', index: task.index, ...p }) : undefined;
      void checkFileAsync(task, interrupted, onProgress).then((result) => post({ type: 'result', result }));
      return;
    }
    case 'exit':
      port.close();
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
post({ type: 'ready' });
