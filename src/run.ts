/**
 * Exploring a lowered program: the model becomes a consistency oracle, the ordering mode a
 * program transformation, and the collector turns executions into a report. Limits (executions,
 * time, Ctrl-C) end the exploration with an incomplete report, never an exception.
 */
import type { ModelName, OrderingMode } from './ast.js';
import { Explorer } from './explore/driver.js';
import type { ExecutionGraph } from './graph/graph.js';
import { oracleFor, type OracleKind } from './models/oracle.js';
import { toExecution } from './graph/execution.js';
import { firstViolation, type Model } from './models/model.js';
import type { Program } from './program/ir.js';
import { applyMode } from './program/modes.js';
import { collectorForRun } from './report/collect.js';
import type { Report } from './report/types.js';

/** Default loop bound: iterations a `while`/`loop` may run before the execution is cut. */
export const DEFAULT_UNROLL = 8;

/** Progress of a long exploration, for the CLI to draw. */
export interface Progress {
  readonly executions: number;
  readonly elapsedMs: number;
}

export interface CheckOptions {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
  /** Stop after this many executions (the verdict is then incomplete). */
  readonly maxExecutions?: number;
  /** Stop after this long (the verdict is then incomplete). */
  readonly timeoutMs?: number;
  /** Polled during exploration; true stops it (Ctrl-C). */
  readonly interrupted?: () => boolean;
  /** Called about every 100 ms of exploration. */
  readonly onProgress?: (p: Progress) => void;
  /** The consistency check: the fast incremental one (default) or the declarative axioms. */
  readonly oracle?: OracleKind;
  /** Distinct outcomes that get a witness execution (default 100). */
  readonly witnessLimit?: number;
}

/** The declarative model as a predicate on whole graphs (for the reference enumerator). */
export function modelPredicate(model: Model): (g: ExecutionGraph) => boolean {
  return (g) => firstViolation(model, toExecution(g)) === null;
}

/** Explores a lowered program under a model and an ordering mode. */
export function explore(source: Program, options: CheckOptions): Report {
  const program = applyMode(source, options.mode);
  const collector = collectorForRun(program, options);
  const start = performance.now();
  let stoppedBy: Report['stoppedBy'] = null;
  let lastProgress = start;
  // Progress alone needs the clock about every 100 ms: it is read every `stride` polls, the
  // stride doubling while reads come less than 5 ms apart (a clock read costs about as much as
  // a small work item) and shrinking when they come more than 50 ms apart. A timeout needs the
  // clock at every poll: a late read is a late stop.
  let stride = 1;
  let countdown = 1;
  let lastClock = start;
  const explorer = new Explorer(program, oracleFor(options.model, options.oracle ?? 'fast', program), collector, {
    unroll: options.unroll,
    // polled between work items and during long steps, so a limit is honoured within about one item
    shouldStop: () => {
      if (options.maxExecutions !== undefined && explorer.stats.executions >= options.maxExecutions) stoppedBy = 'max-executions';
      else if (options.interrupted?.()) stoppedBy = 'interrupted';
      else if (options.timeoutMs !== undefined || (options.onProgress !== undefined && --countdown <= 0)) {
        const now = performance.now();
        if (options.timeoutMs !== undefined && now - start >= options.timeoutMs) stoppedBy = 'timeout';
        if (options.onProgress !== undefined) {
          if (now - lastClock < 5) stride = Math.min(stride * 2, 1024);
          else if (now - lastClock > 50) stride = Math.max(1, stride >> 2);
          countdown = stride;
          lastClock = now;
          if (now - lastProgress >= 100) {
            lastProgress = now;
            options.onProgress({ executions: explorer.stats.executions, elapsedMs: now - start });
          }
        }
      }
      return stoppedBy !== null;
    },
  });
  const stats = explorer.run();
  return collector.finish({ complete: stats.complete, stoppedBy, elapsedMs: performance.now() - start });
}
