/**
 * A worker thread of a parallel exploration (see protocol.ts): explores from the start (the
 * root) or a subtree it is given, gives away its oldest work item when asked between items,
 * and reports idle when it has nothing left.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Explorer } from '../../explore/driver.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import { oracleFor } from '../../models/oracle.js';
import { applyMode } from '../../program/modes.js';
import { Collector } from '../../report/collect.js';
import { SLOT, type ExploreJob, type ExplorerWorkerData, type FromExplorer, type ToExplorer } from './protocol.js';

const port = parentPort!;
const data = workerData as ExplorerWorkerData;
const shared = new Int32Array(data.shared);
const interrupt = new Int32Array(data.interrupt);
const post = (m: FromExplorer): void => port.postMessage(m);

let job: ExploreJob | null = null;
let collector: Collector | null = null;
/** False once a limit stopped one of this worker's explorations. */
let complete = true;

function explorer(): Explorer {
  const j = job!;
  const program = applyMode(j.program, j.mode);
  let reported = 0;
  const e: Explorer = new Explorer(program, oracleFor(j.model, 'fast', program), collector!, {
    unroll: j.unroll,
    shouldStop: () => {
      const done = e.stats.executions - reported;
      reported = e.stats.executions;
      const total = done > 0 ? Atomics.add(shared, SLOT.executions, done) + done : Atomics.load(shared, SLOT.executions);
      if (j.maxExecutions !== undefined && total >= j.maxExecutions) Atomics.store(shared, SLOT.stop, 1);
      if (j.deadline !== undefined && Date.now() >= j.deadline) Atomics.store(shared, SLOT.stop, 1);
      return Atomics.load(shared, SLOT.stop) === 1 || Atomics.load(interrupt, 0) === 1;
    },
    betweenItems: () => {
      if (Atomics.load(shared, SLOT.steal + data.index) !== 1) return;
      Atomics.store(shared, SLOT.steal + data.index, 0);
      post({ type: 'donation', task: e.donate() });
    },
  });
  return e;
}

function run(task: SubtreeTask | null): void {
  const e = explorer();
  const stats = task === null ? e.run() : e.runTask(task);
  if (!stats.complete) complete = false;
  // a steal request that arrived too late is answered now, so the coordinator never waits on it
  if (Atomics.load(shared, SLOT.steal + data.index) === 1) {
    Atomics.store(shared, SLOT.steal + data.index, 0);
    post({ type: 'donation', task: null });
  }
  post({ type: 'idle', complete });
}

port.on('message', (m: ToExplorer) => {
  switch (m.type) {
    case 'job': {
      job = m.job;
      complete = true;
      const program = applyMode(m.job.program, m.job.mode);
      collector = new Collector(program, {
        model: m.job.model,
        mode: m.job.mode,
        scWitness: m.job.model === 'sc',
        ...(m.job.witnessLimit !== undefined ? { witnessLimit: m.job.witnessLimit } : {}),
      });
      if (m.root) run(null);
      else post({ type: 'idle', complete });
      return;
    }
    case 'task':
      run(m.task);
      return;
    case 'collect':
      post({ type: 'part', part: collector!.part(), complete });
      return;
    case 'exit':
      port.close();
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
