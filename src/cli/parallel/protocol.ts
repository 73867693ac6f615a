/**
 * One exploration shared by several worker threads, by work stealing: what the coordinator and
 * the exploring workers say to each other, and the shared memory they poll.
 *
 * A busy worker cannot read messages (exploration is synchronous), so requests to it go
 * through shared memory, polled between work items: the coordinator raises a worker's steal
 * flag, and the worker answers by posting one of its oldest work items (a whole subtree, with
 * its graph) or nothing. Idle workers wait for messages. There is no central queue of work:
 * every item lives in some worker's stacks until someone asks for it.
 */
import type { ModelName, OrderingMode } from '../../ast.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import type { Program } from '../../program/ir.js';
import type { CollectedPart } from '../../report/collect.js';

/** Slots of the shared Int32Array. */
export const SLOT = {
  /** 1: every worker stops (a limit was reached, or the coordinator says so). */
  stop: 0,
  /** Executions finished so far, all workers together (for --max-executions and progress). */
  executions: 1,
  /** First steal flag; worker i's is at `steal + i`. */
  steal: 2,
} as const;

export interface ExploreJob {
  readonly program: Program;
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
  readonly maxExecutions?: number;
  /** `Date.now()` after which to stop. */
  readonly deadline?: number;
  readonly witnessLimit?: number;
}

/** What a worker is given at start. */
export interface ExplorerWorkerData {
  readonly index: number;
  readonly shared: SharedArrayBuffer;
  /** One Int32: 1 once the user pressed Ctrl-C. */
  readonly interrupt: SharedArrayBuffer;
}

/** Coordinator → worker. */
export type ToExplorer =
  /** Begin a job; the root worker explores from the start, the others wait for tasks. */
  | { readonly type: 'job'; readonly job: ExploreJob; readonly root: boolean }
  | { readonly type: 'task'; readonly task: SubtreeTask }
  /** Send what you collected. */
  | { readonly type: 'collect' }
  | { readonly type: 'exit' };

/** Worker → coordinator. */
export type FromExplorer =
  | { readonly type: 'idle'; readonly complete: boolean }
  /** The answer to a steal request: a task, or null when there was nothing to give. */
  | { readonly type: 'donation'; readonly task: SubtreeTask | null }
  | { readonly type: 'part'; readonly part: CollectedPart; readonly complete: boolean };
