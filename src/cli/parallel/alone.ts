/**
 * The first moments of a parallel exploration, in the coordinating thread alone. A worker costs
 * its start, loading the checker and a cold JIT, about 0.2 s: more than most litmus tests take
 * to explore. So the coordinating thread explores first, and an exploration that ends within
 * `SOLO_MS` never starts a worker. A longer one starts them, waits for them to load, and hands
 * over everything left, as subtrees (the explorer's `drain`); from then on this thread only
 * coordinates (coordinator.ts).
 *
 * Measured on 2 cores (docs/performance.md): exploring on while the workers load, instead of
 * waiting, slows their loading more than it adds (coa 6 ×1.15); so does a longer solo (0.1 s:
 * ×1.06–×1.15 on runs of 0.3–2 s). With 30 ms and waiting, runs that need the workers take
 * 30–50 ms longer than when the workers started at once.
 */
import { Explorer, InPlaceUnsound } from '../../explore/driver.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import { oracleFor } from '../../models/oracle.js';
import type { Program } from '../../program/ir.js';
import type { Collector } from '../../report/collect.js';
import { SLOT, type ExploreJob } from './protocol.js';

/** How long the coordinating thread explores alone before it starts the workers. */
const SOLO_MS = 30;
/** Work items between two readings of the clock. */
const POLL_EVERY = 64;

export type AloneResult =
  /** `tasks`: what is left for the workers (none when the exploration ended here). */
  | { readonly kind: 'explored'; readonly tasks: SubtreeTask[]; readonly executions: number; readonly complete: boolean; readonly ms: number }
  /** In-place revisiting does not apply to the program (src/explore/in-place.ts). */
  | { readonly kind: 'unsound' };

/**
 * Explores `program` into `collector` until the end, a limit, or the hand-over: then starts the
 * `workers` and returns once they have all said they are ready (`SLOT.ready` in `shared`).
 */
export function exploreAlone(
  program: Program,
  collector: Collector,
  job: ExploreJob,
  shared: Int32Array,
  interrupt: Int32Array,
  workers: number,
  startWorkers: () => void,
  /** For tests, whose programs are small: hand over after this many work items instead. */
  handOverAfter?: number,
): AloneResult {
  const t0 = performance.now();
  const soloUntil = t0 + SOLO_MS;
  let items = 0;
  let stops = 0;
  let started = false;
  let paused = false;
  const e: Explorer = new Explorer(program, oracleFor(job.model, 'fast', program), collector, {
    unroll: job.unroll,
    ...(job.inPlace !== null ? { inPlaceDecisions: new Int32Array(job.inPlace) } : { inPlace: false }),
    shouldStop: () =>
      interrupt[0] === 1 ||
      (job.maxExecutions !== undefined && e.stats.executions >= job.maxExecutions) ||
      (job.deadline !== undefined && ++stops % POLL_EVERY === 0 && Date.now() >= job.deadline),
    pause: () => {
      if (handOverAfter !== undefined ? ++items < handOverAfter : ++items % POLL_EVERY !== 0 || performance.now() < soloUntil) return false;
      if (!started) startWorkers();
      started = true;
      // false on Ctrl-C: `shouldStop` ends the exploration at the next item
      return (paused = awaitReady(shared, interrupt, workers));
    },
  });
  let complete: boolean;
  try {
    complete = e.run().complete;
  } catch (err) {
    if (err instanceof InPlaceUnsound) return { kind: 'unsound' };
    throw err;
  }
  // a limit ends the exploration: what was left is not explored by anyone
  const tasks = complete && paused ? e.drain() : [];
  return { kind: 'explored', tasks, executions: e.stats.executions, complete, ms: performance.now() - t0 };
}

/** How long workers may take to load before it is taken for a failure (they take about 0.2 s). */
const READY_LIMIT_MS = 15_000;

/** Waits until the `workers` have all said they are ready; false when Ctrl-C came first. */
function awaitReady(shared: Int32Array, interrupt: Int32Array, workers: number): boolean {
  const limit = Date.now() + READY_LIMIT_MS;
  for (let ready = Atomics.load(shared, SLOT.ready); ready < workers; ready = Atomics.load(shared, SLOT.ready)) {
    if (interrupt[0] === 1) return false;
    if (Date.now() > limit) throw new Error(`internal error: the exploring workers did not start within ${READY_LIMIT_MS / 1000} s`);
    Atomics.wait(shared, SLOT.ready, ready, 5);
  }
  return true;
}
