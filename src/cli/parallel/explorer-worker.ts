/**
 * A worker thread of a parallel exploration (see protocol.ts): explores the subtrees it is
 * given, gives away its oldest work item when asked between items, and reports idle when it
 * has nothing left.
 *
 * The hot path is the explorer's: between work items (hundreds of thousands a second) this
 * worker only reads two flags of shared memory that nobody writes meanwhile, and adds to the
 * shared execution count once per batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Explorer, InPlaceUnsound, type ExploreStats } from '../../explore/driver.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import { oracleFor } from '../../models/oracle.js';
import type { Program } from '../../program/ir.js';
import { applyMode } from '../../program/modes.js';
import { collectorForRun, type Collector } from '../../report/collect.js';
import { packPart } from './part.js';
import { Tally } from './tally.js';
import { LINE, SLOT, type ExploreJob, type ExplorerWorkerData, type FromExplorer, type ToExplorer, type WorkerStats } from './protocol.js';

const data = workerData as ExplorerWorkerData;
const shared = new Int32Array(data.shared);
const interrupt = new Int32Array(data.interrupt);
/** This worker's steal flag (see protocol.ts). */
const FLAG = SLOT.steal + LINE * data.index;
/** Posts to the coordinator, which polls the count while it explores (protocol.ts). */
const post = (m: FromExplorer): void => {
  data.port.postMessage(m);
  Atomics.add(shared, SLOT.mail, 1);
  Atomics.notify(shared, SLOT.mail);
};

let job: ExploreJob | null = null;
let program: Program | null = null;
let collector: Collector | null = null;
/**
 * The job's one explorer, which explores every subtree this worker takes. A new
 * explorer per subtree brings new objects and closures to the explorer's hot code at every
 * steal, which V8 then runs polymorphic, and less inlined: coa 6 divided into a hundred
 * subtrees took 1.23 times as long with an explorer for each as undivided, 1.08 times with one.
 */
let current: Explorer | null = null;
/** False once a limit stopped one of this worker's explorations. */
let complete = true;
const stats: WorkerStats = { tasks: 0, donated: 0, refused: 0, busyMs: 0, executions: 0 };

/** This worker's part in the run's limits; one per job. */
let tally: Tally | null = null;

/** Answers a steal request (the flag is raised): with one of `e`'s work items, or nothing. */
function answer(e: Explorer | null): void {
  Atomics.store(shared, FLAG, 0);
  const task = e === null ? null : e.donate();
  if (task) stats.donated++;
  else stats.refused++;
  post({ type: 'donation', task });
}

function explorer(): Explorer {
  const j = job!;
  tally!.follow();
  const e: Explorer = new Explorer(program!, oracleFor(j.model, 'fast', program!), collector!, {
    unroll: j.unroll,
    // the workers' subtrees must all revisit the same reads in place: they share the decisions,
    // and the coordinator starts them all over without it if one finds it unsound
    ...(j.inPlace !== null ? { inPlaceDecisions: new Int32Array(j.inPlace) } : { inPlace: false }),
    shouldStop: () => tally!.shouldStop(e.stats.executions),
    // a plain read: the flag is polled between every two work items, and a request seen one
    // item late costs nothing (Atomics.load is a call, a plain read is one instruction)
    betweenItems: () => {
      if (shared[FLAG] === 1) answer(e);
    },
  });
  return e;
}

function run(task: SubtreeTask): void {
  const t0 = performance.now();
  stats.tasks++;
  const e = (current ??= explorer());
  const before = e.stats.executions;
  let s: ExploreStats;
  try {
    s = e.runTask(task);
  } catch (err) {
    if (!(err instanceof InPlaceUnsound)) throw err;
    // the coordinator ends this job's workers and runs the job again without it
    post({ type: 'unsound' });
    return;
  }
  if (!s.complete) complete = false;
  tally!.flush(e.stats.executions);
  stats.executions += s.executions - before;
  // a steal request that arrived too late is answered now, so the coordinator never waits on it
  if (Atomics.load(shared, FLAG) === 1) answer(null);
  stats.busyMs += performance.now() - t0;
  post({ type: 'idle', complete });
}

/**
 * The program with every string replaced by the engine's unique copy of it. Strings that come
 * out of a structured clone are fresh copies, and comparing one with a literal (`op === 'load'`,
 * a mode) compares characters instead of pointers: about a tenth of a worker's time.
 */
function internStrings<T>(value: T): T {
  const seen = new Map<object, unknown>();
  const intern = (s: string): string => Object.keys({ [s]: 0 })[0]!;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return intern(v);
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const x of v) out.push(walk(x));
      return out;
    }
    if (v instanceof Map || v instanceof Set) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k]);
    return out;
  };
  return walk(value) as T;
}

parentPort!.on('message', (m: ToExplorer) => {
  switch (m.type) {
    case 'job': {
      job = m.job;
      complete = true;
      current = null;
      program = applyMode(internStrings(m.job.program), m.job.mode);
      collector = collectorForRun(program, m.job);
      tally = new Tally(shared, interrupt, m.job);
      // ready: the coordinating thread, exploring meanwhile, gives this worker work
      post({ type: 'idle', complete: true });
      return;
    }
    case 'task':
      run(m.task);
      return;
    case 'collect':
      post({ type: 'part', part: packPart(collector!.part()), complete, stats });
      return;
    case 'exit':
      data.port.close();
      parentPort!.close();
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
