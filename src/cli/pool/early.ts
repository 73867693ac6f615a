/**
 * A pool worker started as the process starts, before commander and the command modules load.
 * Loading the checker takes a worker about 0.1 s, and loading the command line takes the main
 * thread about as long: for `ordo run`, started early, the two overlap instead of following
 * each other. The pool adopts it as its first worker (`takeEarlyWorker`); until then what it says
 * is kept, whether it ended is noted, and it does not keep the process alive (`ordo run --help`
 * never adopts it).
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, WorkerData } from './messages.js';

export interface EarlyWorker {
  readonly worker: Worker;
  /** The Ctrl-C flag it was given: the pool's. */
  readonly interrupt: SharedArrayBuffer;
  /** Its messages so far, oldest first. */
  readonly said: FromWorker[];
  /** Whether it failed or stopped already (the pool then starts another). */
  gone: boolean;
  /** Stops the keeping: the adopter listens from now on. */
  release(): void;
}

let early: EarlyWorker | null = null;

/** Starts the worker (once); `script` is worker.js unless a test gives a stand-in. */
export function startEarlyWorker(script = new URL('./worker.js', import.meta.url)): void {
  if (early !== null) return;
  const interrupt = new SharedArrayBuffer(4);
  const data: WorkerData = { interrupt };
  const worker = new Worker(script, { workerData: data });
  worker.unref();
  const said: FromWorker[] = [];
  const keep = (m: FromWorker): void => void said.push(m);
  const end = (): void => {
    e.gone = true;
  };
  const e: EarlyWorker = {
    worker,
    interrupt,
    said,
    gone: false,
    release: () => {
      worker.off('message', keep);
      worker.off('error', end);
      worker.off('exit', end);
      worker.ref();
    },
  };
  worker.on('message', keep);
  worker.on('error', end);
  worker.on('exit', end);
  early = e;
}

/** The early worker, to the first caller; null when none was started or it was taken. */
export function takeEarlyWorker(): EarlyWorker | null {
  const e = early;
  early = null;
  return e;
}
