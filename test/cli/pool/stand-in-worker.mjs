// A stand-in for src/cli/pool/worker.ts that speaks the same protocol without the checker, so
// that the pool's bookkeeping can be tested: a file named `crash*` kills the thread, a file named
// `stop*` sets the Ctrl-C flag, a file named `slow*` takes 100 ms; every other file passes (the
// message names the thread that checked it). Like the real worker, it checks the
// tasks in the order sent, sends results in batches (here: when it runs out of work, so that the
// results finished before a crash are lost with it) and skips what it holds once the flag is set.
import { parentPort, threadId, workerData } from 'node:worker_threads';

const flag = new Int32Array(workerData.interrupt);
const queue = [];
const done = [];
let exiting = false;

function flush() {
  if (done.length > 0) parentPort.postMessage({ type: 'results', results: done.splice(0) });
}

function drain() {
  for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
    if (Atomics.load(flag, 0) === 1) {
      flush();
      parentPort.postMessage({ type: 'skipped', index: task.index });
      continue;
    }
    if (task.file.startsWith('crash')) process.exit(3);
    if (task.file.startsWith('stop')) Atomics.store(flag, 0, 1);
    if (task.file.startsWith('slow')) for (const until = Date.now() + 100; Date.now() < until; );
    done.push({ kind: 'crashed', index: task.index, file: task.file, message: `checked by ${threadId}`, stack: null });
    if (task.file.startsWith('slow')) flush();
  }
  flush();
  if (exiting) parentPort.close();
}

parentPort.on('message', (m) => {
  if (m.type === 'tasks') {
    queue.push(...m.tasks);
    // let the pool send its other tasks first, so that several are in flight when one crashes
    setTimeout(drain, 5);
  } else {
    exiting = true;
    if (queue.length === 0) parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
