/**
 * A pool of worker threads that checks files in parallel. Results arrive in completion order;
 * the caller restores input order (see `Ordered` below). After Ctrl-C (the shared flag) no new
 * file is started; the files being explored stop at their next poll and return what they found.
 *
 * Why the pool looks as it does (a small litmus file takes about a millisecond, so the costs
 * around a file matter as much as the file):
 * - Workers are started before the tasks exist (`startPool`), so that they load the checker
 *   while the main thread reads the files; the first, for `ordo run`, even before the command
 *   line is read (early.ts), while the main thread loads commander and the commands.
 * - Each worker holds several tasks: it starts the next file the moment it posts a result,
 *   instead of idling for a round trip through the main thread (which, on a busy machine, may
 *   not be scheduled for a while). How many: enough for about `AHEAD_MS` of work at the pace
 *   the worker's results come, between `MIN_IN_FLIGHT` and `MAX_IN_FLIGHT`, so that a slow file
 *   holds few others back. The worker checks its tasks one at a time, in the order sent, so its
 *   oldest unfinished task is the one it is on.
 *
 * A worker that dies (out of memory, a crash in the engine) is replaced, and one bad file must
 * not lose the rest of the batch. Which file killed it: the worker sends results in batches, so
 * with several files in flight the pool cannot tell. Those files go back to the front of the
 * queue as suspects, and a suspect is checked alone, by a worker holding nothing else: a worker
 * that dies with a single file in flight turns that file into a `crashed` result.
 */
import { Worker } from 'node:worker_threads';
import type { EarlyWorker } from './early.js';
import type { FromWorker, ToWorker, WorkerData } from './messages.js';
import type { FileResult, Task } from './task.js';

export interface PoolOptions {
  /** Worker threads at most (at least 1). */
  readonly jobs: number;
  /**
   * Worker threads started at once (default `jobs`); the others start only when the queued work
   * is worth a thread of its own (see `GROW_MS`).
   */
  readonly eager?: number;
  /** One Int32, set to 1 on Ctrl-C. */
  readonly interrupt: SharedArrayBuffer;
  /** Progress of the file at `index`: executions so far and time spent on it. */
  readonly onProgress?: (index: number, executions: number, elapsedMs: number) => void;
  /** The worker script; worker.js unless a test gives a stand-in. */
  readonly worker?: URL;
  /** A worker started with the process (early.ts), taken as the first; it has `interrupt`. */
  readonly early?: EarlyWorker;
}

/** Tasks a worker holds at once (the one it checks and those queued behind it): the bounds. */
export const MIN_IN_FLIGHT = 2;
export const MAX_IN_FLIGHT = 16;
/** Work queued in a worker, in milliseconds at its recent pace. */
export const AHEAD_MS = 30;

/**
 * A worker beyond the eager ones starts when the queued files, at the pace seen so far, would
 * keep the running workers busy for more than this long, at the pace of the last
 * `PACE_WINDOW_MS` (of the whole batch when few files finished in it), and not before
 * `GROW_AFTER_MS` of the batch: the first files run slowly while the JIT warms up. Why not at once: on a machine
 * whose every core runs a worker, the main thread and V8's compiler and GC threads compete with
 * them, and each worker compiles the checker again (about half a second of CPU). Measured on 2
 * cores, herd7's 2593 public tests take 3.27 s with one worker and 3.41 s with two.
 */
export const GROW_MS = 3000;
export const GROW_AFTER_MS = 1500;
/** The recent pace is measured over this long, when at least this many files finished in it. */
export const PACE_WINDOW_MS = 500;
export const PACE_MIN_FILES = 8;

/** A started pool, waiting for its tasks. */
export interface Pool {
  /** Runs every task (until interrupted); `onResult` is called once per finished file. Call once. */
  run(tasks: readonly Task[], onResult: (r: FileResult) => void): Promise<void>;
  /** Stops the workers at once without running anything, unless `run` came first (then a no-op). */
  close(): void;
}

/** Starts `options.jobs` workers at once; they load the checker while the caller prepares tasks. */
export function startPool(options: PoolOptions): Pool {
  const flag = new Int32Array(options.interrupt);
  const interrupted = (): boolean => Atomics.load(flag, 0) === 1;
  const data: WorkerData = { interrupt: options.interrupt };
  const progress = options.onProgress !== undefined;
  let early = options.early?.gone === false ? options.early : undefined;
  options.early?.release();
  const queue: Task[] = [];
  /** Indices of files in flight in a worker that died: each is checked alone (see the header). */
  const suspects = new Set<number>();
  const idle = new Set<() => void>();
  const workers = new Set<Worker>();
  let onResult: ((r: FileResult) => void) | null = null;
  let started = false;
  let live = 0;
  let done = 0;
  let resolve: () => void = () => {};
  const finished = new Promise<void>((r) => (resolve = r));

  const start = (): void => {
    live++;
    const adopted = early;
    early = undefined;
    const worker = adopted?.worker ?? new Worker(options.worker ?? new URL('./worker.js', import.meta.url), { workerData: data });
    workers.add(worker);
    /** Sent and not answered, oldest first; the first is the file being checked. */
    const inFlight: Task[] = [];
    let ready = false;
    let exiting = false;
    // milliseconds per result, a moving average; the first guess gives 4 tasks in flight
    let pace = AHEAD_MS / 4;
    let lastResult = 0;
    const send = (m: ToWorker): void => worker.postMessage(m);
    // tops the worker up; once nothing is left and nothing is pending, lets it go
    const feed = (): void => {
      if (!ready || exiting || !started) return;
      const depth = Math.min(MAX_IN_FLIGHT, Math.max(MIN_IN_FLIGHT, Math.ceil(AHEAD_MS / pace)));
      if (inFlight.length === 0) lastResult = performance.now();
      const batch: Task[] = [];
      while (inFlight.length < depth && queue.length > 0 && !interrupted()) {
        if (inFlight.length > 0 && (suspects.has(inFlight[0]!.index) || suspects.has(queue[0]!.index))) break;
        const task = queue.shift()!;
        inFlight.push(task);
        batch.push(task);
      }
      if (batch.length > 0) send({ type: 'tasks', tasks: batch, progress });
      if (inFlight.length === 0) {
        exiting = true;
        idle.delete(feed);
        send({ type: 'exit' });
      }
    };
    idle.add(feed);
    const settle = (index: number): void => {
      const at = inFlight.findIndex((t) => t.index === index);
      if (at >= 0) inFlight.splice(at, 1);
    };
    const onMessage = (m: FromWorker): void => {
      switch (m.type) {
        case 'ready':
          ready = true;
          feed();
          return;
        case 'progress':
          options.onProgress?.(m.index, m.executions, m.elapsedMs);
          return;
        case 'results': {
          const now = performance.now();
          pace = 0.8 * pace + 0.2 * ((now - lastResult) / m.results.length);
          lastResult = now;
          for (const r of m.results) {
            settle(r.index);
            done++;
            onResult!(r);
          }
          feed();
          return;
        }
        case 'skipped':
          // queued here when Ctrl-C came: never started, so the caller lists it as not run
          settle(m.index);
          feed();
          return;
        default: {
          const never: never = m;
          throw new Error(`unknown message ${JSON.stringify(never)}`);
        }
      }
    };
    worker.on('message', onMessage);
    // what the early worker said before the pool listened (its 'ready', at least)
    for (const m of adopted?.said ?? []) onMessage(m);
    let failure: string | null = null;
    worker.on('error', (e) => {
      failure = e instanceof Error ? e.message : String(e);
    });
    worker.on('exit', (code) => {
      idle.delete(feed);
      workers.delete(worker);
      // a worker that died before taking a file takes the next one with it, so that a worker
      // that cannot even start ends the batch instead of being replaced for ever
      const lost = inFlight.splice(0);
      if (lost.length === 0 && !ready && started && !interrupted() && queue.length > 0) lost.push(queue.shift()!);
      const current = lost.length === 1 ? lost.pop() : undefined;
      if (current) {
        onResult?.({
          kind: 'crashed',
          index: current.index,
          file: current.file,
          message: failure ?? `the worker thread stopped (exit code ${code})`,
          stack: null,
        });
      }
      // several in flight: any of them may be the culprit, so each is checked alone
      for (const t of lost) suspects.add(t.index);
      queue.unshift(...lost);
      // a dead worker is replaced while there is (or may be) work left
      if ((queue.length > 0 || !started) && !interrupted()) start();
      live--;
      if (live === 0) {
        if (grow) clearInterval(grow);
        resolve();
      }
    });
  };
  const size = Math.max(1, options.jobs);
  for (let i = 0; i < Math.max(1, Math.min(size, options.eager ?? size)); i++) start();

  // adds workers up to `size` while the queue is long (see GROW_MS)
  let grow: NodeJS.Timeout | null = null;
  const watchQueue = (): void => {
    if (live >= size) return;
    const begun = performance.now();
    // (time, files done) at each tick, to measure the recent pace, not the warm-up's
    const ticks: [number, number][] = [];
    grow = setInterval(() => {
      const now = performance.now();
      if (queue.length === 0 || interrupted() || live >= size) {
        clearInterval(grow!);
        grow = null;
        return;
      }
      ticks.push([now, done]);
      if (now - begun < GROW_AFTER_MS) return;
      while (ticks.length > 1 && now - ticks[1]![0] >= PACE_WINDOW_MS) ticks.shift();
      const [then, doneThen] = ticks[0]!;
      // busy thread time per file: lately, when enough files finished lately to tell, else since
      // the start (a file still running counts as one)
      const lately = done - doneThen;
      const perFile = lately >= PACE_MIN_FILES ? ((now - then) * live) / lately : ((now - begun) * live) / Math.max(1, done);
      if ((queue.length * perFile) / live > GROW_MS) start();
    }, 100);
    grow.unref();
  };

  return {
    run(tasks, callback) {
      if (started) throw new Error('internal error: a pool runs once');
      started = true;
      onResult = callback;
      // nothing to do: no need to wait for the workers to finish loading
      if (tasks.length === 0) for (const w of workers) void w.terminate();
      queue.push(...tasks);
      for (const feed of [...idle]) feed();
      watchQueue();
      return finished;
    },
    close() {
      if (started) return;
      started = true;
      for (const w of workers) void w.terminate();
    },
  };
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
