/**
 * A parallel exploration (see protocol.ts): `--workers N` is this thread and N - 1 worker
 * threads, exploring one program by work stealing (team.ts: a short exploration never starts a
 * worker). Counts and outcomes are those of a single-thread exploration (each execution is in
 * exactly one explorer's share), and so are the lists of races, failures and blocked places (the
 * collector sorts them); which witness an outcome or race shows may differ between runs.
 */
import type { ModelName, OrderingMode } from '../../ast.js';
import type { Progress } from '../../check.js';
import type { Program } from '../../program/ir.js';
import { applyMode } from '../../program/modes.js';
import { collectorForRun } from '../../report/collect.js';
import type { Report } from '../../report/types.js';
import { SLOT, sharedLength, type ExploreJob } from './protocol.js';
import { Team } from './team.js';

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
 * One run of the job on this thread and `workers - 1` fresh worker threads (team.ts);
 * 'unsound' when in-place revisiting did not apply.
 */
async function attempt(source: Program, o: ParallelOptions, start: number, deadline: number | undefined, inPlace: boolean): Promise<Report | 'unsound'> {
  const n = Math.max(1, o.workers - 1);
  const shared = new Int32Array(new SharedArrayBuffer(4 * sharedLength(n)));
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
  const debug = (line: string): void => {
    if (process.env.ORDO_DEBUG_PARALLEL) process.stderr.write(`parallel: ${Math.round(performance.now() - start)} ms, ${line}${inPlace ? '' : ', without in-place revisiting'}\n`);
  };
  // development aids, for tests that need the workers on small programs: start them after N
  // work items (and wait for them), and with _HANDOVER give them everything left then
  const handOver = process.env.ORDO_PARALLEL_HANDOVER || undefined;
  const startAfter = handOver ?? (process.env.ORDO_PARALLEL_START || undefined);
  const team = new Team(program, job, collector, shared, {
    workers: n,
    interrupt,
    debug,
    ...(o.onProgress ? { onProgress: (executions: number) => o.onProgress!({ executions, elapsedMs: performance.now() - start }) } : {}),
    ...(startAfter !== undefined ? { startAfter: Number(startAfter), handOver: handOver !== undefined } : {}),
  });
  const result = await team.run();
  if (result.kind === 'unsound') return 'unsound';
  const executions = Atomics.load(shared, SLOT.executions);
  const stoppedBy: Report['stoppedBy'] = result.complete
    ? null
    : interrupt[0] === 1
      ? 'interrupted'
      : o.maxExecutions !== undefined && executions >= o.maxExecutions
        ? 'max-executions'
        : 'timeout';
  return collector.finish({ complete: result.complete, stoppedBy, elapsedMs: performance.now() - start });
}
