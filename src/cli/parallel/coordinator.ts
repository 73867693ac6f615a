/**
 * The coordinator of a parallel exploration (see protocol.ts): explores alone first (alone.ts:
 * a short exploration never starts a worker), then starts the workers, hands them what it left,
 * lets idle workers steal from busy ones, detects the end, and merges what each collected into
 * one report. Counts and outcomes are those of a single-worker exploration (each execution is in
 * exactly one worker's share), and so are the lists of races, failures and blocked places (the
 * collector sorts them); which witness an outcome or race shows may differ between runs.
 */
import { Worker } from 'node:worker_threads';
import type { ModelName, OrderingMode } from '../../ast.js';
import type { Progress } from '../../check.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import type { Program } from '../../program/ir.js';
import { applyMode } from '../../program/modes.js';
import { collectorForRun, type Collector } from '../../report/collect.js';
import type { Report } from '../../report/types.js';
import { unpackPart } from './part.js';
import { exploreAlone, type AloneResult } from './alone.js';
import { LINE, SLOT, sharedLength, type ExploreJob, type ExplorerWorkerData, type FromExplorer, type ToExplorer, type WorkerStats } from './protocol.js';

export interface ParallelOptions {
  readonly workers: number;
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
  readonly maxExecutions?: number;
  readonly timeoutMs?: number;
  readonly witnessLimit?: number;
  /** One Int32, set to 1 on Ctrl-C. */
  readonly interrupt: SharedArrayBuffer;
  readonly onProgress?: (p: Progress) => void;
}

/** How often idle workers ask again when every busy worker had nothing to give. */
const RETRY_MS = 1;

export async function exploreParallel(source: Program, o: ParallelOptions): Promise<Report> {
  const start = performance.now();
  const deadline = o.timeoutMs !== undefined ? Date.now() + o.timeoutMs : undefined;
  // Spin reads are revisited in place (src/explore/in-place.ts) when every worker agrees; when a
  // worker finds it unsound for the program, the job starts over without it, as one explorer does.
  const report = await attempt(source, o, start, deadline, true);
  if (report !== 'unsound') return report;
  const again = await attempt(source, o, start, deadline, false);
  if (again === 'unsound') throw new Error('internal error: unsound without in-place revisiting');
  return again;
}

/**
 * One run of the job: alone first (alone.ts), then on fresh workers; 'unsound' when in-place
 * revisiting did not apply.
 */
async function attempt(source: Program, o: ParallelOptions, start: number, deadline: number | undefined, inPlace: boolean): Promise<Report | 'unsound'> {
  const n = Math.max(2, o.workers);
  const sharedBuf = new SharedArrayBuffer(4 * sharedLength(n));
  const shared = new Int32Array(sharedBuf);
  const interrupt = new Int32Array(o.interrupt);
  const program = applyMode(source, o.mode);
  const collector = collectorForRun(program, o);
  const job: ExploreJob = {
    program: source,
    model: o.model,
    mode: o.mode,
    unroll: o.unroll,
    ...(o.maxExecutions !== undefined ? { maxExecutions: o.maxExecutions } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
    ...(o.witnessLimit !== undefined ? { witnessLimit: o.witnessLimit } : {}),
    inPlace: inPlace ? new SharedArrayBuffer(4 * source.locations.length) : null,
  };
  const workers: Worker[] = [];
  const startWorkers = (): void => {
    for (let index = 0; index < n; index++) {
      const data: ExplorerWorkerData = { index, shared: sharedBuf, interrupt: o.interrupt };
      const w = new Worker(new URL('./explorer-worker.js', import.meta.url), { workerData: data });
      w.postMessage({ type: 'job', job } satisfies ToExplorer);
      workers.push(w);
    }
  };
  const stopWorkers = (): void => {
    for (const w of workers) void w.terminate();
  };
  const finish = (complete: boolean): Report => {
    const executions = Atomics.load(shared, SLOT.executions);
    const stoppedBy: Report['stoppedBy'] = complete
      ? null
      : interrupt[0] === 1
        ? 'interrupted'
        : o.maxExecutions !== undefined && executions >= o.maxExecutions
          ? 'max-executions'
          : 'timeout';
    return collector.finish({ complete, stoppedBy, elapsedMs: performance.now() - start });
  };
  const debug = (line: string): void => {
    if (process.env.ORDO_DEBUG_PARALLEL) process.stderr.write(`parallel: ${Math.round(performance.now() - start)} ms, ${line}${inPlace ? '' : ', without in-place revisiting'}\n`);
  };

  // ORDO_PARALLEL_HANDOVER=N: a development aid, for tests that need the workers on small programs
  const handOver = process.env.ORDO_PARALLEL_HANDOVER;
  let alone: AloneResult;
  try {
    alone = exploreAlone(program, collector, job, shared, interrupt, n, startWorkers, handOver !== undefined ? Number(handOver) : undefined);
  } catch (e) {
    stopWorkers();
    throw e;
  }
  if (alone.kind === 'unsound') {
    stopWorkers();
    debug('in-place revisiting found unsound: starting over');
    return 'unsound';
  }
  Atomics.add(shared, SLOT.executions, alone.executions);
  const solo = `alone ${Math.round(alone.ms)} ms, ${alone.executions} executions, ${alone.tasks.length} tasks left`;
  if (alone.tasks.length === 0) {
    stopWorkers();
    for (const w of workers) w.unref();
    debug(`${solo}, no worker needed`);
    return finish(alone.complete);
  }
  return shareOut(workers, alone.tasks, shared, o, start, collector, finish, (line) => debug(`${solo}; ${line}`));
}

/**
 * Explores `queue` (the subtrees the coordinating thread left) on the ready `workers` by work
 * stealing, absorbs their parts into `collector`, and reports.
 */
async function shareOut(
  workers: Worker[],
  queue: SubtreeTask[],
  shared: Int32Array,
  o: ParallelOptions,
  start: number,
  collector: Collector,
  finish: (complete: boolean) => Report,
  debug: (line: string) => void,
): Promise<Report | 'unsound'> {
  const n = workers.length;
  const send = (i: number, m: ToExplorer): void => workers[i]!.postMessage(m);
  const busy = workers.map(() => false);
  /** For each worker asked to give work, the idle worker waiting for it (or -1). */
  const askedBy = workers.map(() => -1);
  const waiting = workers.map(() => false);
  let complete = true;
  let ended = false;
  const stats: WorkerStats[] = [];
  let stolen = 0;
  let refused = 0;

  const report = await new Promise<Report | 'unsound'>((resolve, reject) => {
    let parts = 0;
    let retry: NodeJS.Timeout | null = null;
    const progress = o.onProgress ? setInterval(() => o.onProgress!({ executions: Atomics.load(shared, SLOT.executions), elapsedMs: performance.now() - start }), 100) : null;

    const schedule = (): void => {
      if (ended) return;
      // the coordinating thread's leftovers first, to idle workers
      for (let i = 0; i < n && queue.length > 0; i++) {
        if (busy[i] || waiting[i]) continue;
        busy[i] = true;
        send(i, { type: 'task', task: queue.shift()! });
      }
      if (busy.every((b) => !b) && askedBy.every((a) => a < 0)) {
        ended = true;
        if (retry) clearTimeout(retry);
        workers.forEach((_, i) => send(i, { type: 'collect' }));
        return;
      }
      let starved = false;
      for (let i = 0; i < n; i++) {
        if (busy[i] || waiting[i]) continue;
        const victim = pickVictim(i);
        if (victim < 0) {
          starved = true;
          continue;
        }
        askedBy[victim] = i;
        waiting[i] = true;
        Atomics.store(shared, SLOT.steal + LINE * victim, 1);
      }
      if (starved && retry === null) {
        retry = setTimeout(() => {
          retry = null;
          schedule();
        }, RETRY_MS);
      }
    };
    // the busy worker asked least recently, so requests spread over the workers
    let turn = 0;
    const pickVictim = (thief: number): number => {
      for (let k = 0; k < n; k++) {
        const j = (turn + k) % n;
        if (j !== thief && busy[j] && askedBy[j] < 0) {
          turn = j + 1;
          return j;
        }
      }
      return -1;
    };

    workers.forEach((w, i) => {
      w.on('message', (m: FromExplorer) => {
        switch (m.type) {
          case 'idle': {
            busy[i] = false;
            if (!m.complete) complete = false;
            // a request raised after this worker's last poll will never be answered
            if (askedBy[i] >= 0) {
              Atomics.store(shared, SLOT.steal + LINE * i, 0);
              waiting[askedBy[i]!] = false;
              askedBy[i] = -1;
            }
            schedule();
            return;
          }
          case 'donation': {
            const thief = askedBy[i]!;
            askedBy[i] = -1;
            if (thief >= 0) {
              waiting[thief] = false;
              if (m.task !== null) {
                busy[thief] = true;
                stolen++;
                send(thief, { type: 'task', task: m.task });
              } else refused++;
            }
            schedule();
            return;
          }
          case 'part':
            if (!m.complete) complete = false;
            collector.absorb(unpackPart(m.part));
            stats[i] = m.stats;
            if (++parts === n) {
              if (progress) clearInterval(progress);
              workers.forEach((_, k) => send(k, { type: 'exit' }));
              resolve(finish(complete));
            }
            return;
          case 'unsound':
            if (ended) return;
            ended = true;
            if (retry) clearTimeout(retry);
            if (progress) clearInterval(progress);
            workers.forEach((x) => void x.terminate());
            resolve('unsound');
            return;
          default: {
            const never: never = m;
            reject(new Error(`unknown message ${JSON.stringify(never)}`));
          }
        }
      });
      w.on('error', (e) => {
        if (progress) clearInterval(progress);
        workers.forEach((x) => void x.terminate());
        reject(e);
      });
    });

    // the workers are ready (alone.ts): give out the leftovers, then let the idle ones steal
    schedule();
  });
  // the workers end on their own (tearing down a heap takes a while): nothing waits for them
  for (const w of workers) w.unref();
  const line = (s: WorkerStats, i: number): string => `\n  worker ${i}: ${s.tasks} tasks, ${s.executions} executions, busy ${Math.round(s.busyMs)} ms, gave ${s.donated}, refused ${s.refused}`;
  const how = report === 'unsound' ? ', in-place revisiting found unsound: starting over' : '';
  debug(`${stolen} tasks stolen, ${refused} requests refused${how}${stats.map(line).join('')}`);
  return report;
}
