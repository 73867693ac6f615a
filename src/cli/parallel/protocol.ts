/**
 * One exploration shared by several threads, by work stealing: what the coordinating thread
 * and the exploring workers say to each other, and the shared memory they poll.
 *
 * The coordinating thread explores too (coordinator.ts). A busy explorer cannot read messages
 * (exploration is synchronous), so requests to a busy worker go through shared memory, polled
 * between work items: the coordinator raises a worker's steal flag, and the worker answers by
 * posting one of its oldest work items (a whole subtree, with its graph) or nothing. Workers
 * post to the coordinator on a port of their own and count each message in `SLOT.mail`, which
 * the coordinator polls between its own work items, reading the port only when the count
 * moved. There is no central queue of work: every item lives in some explorer's stacks until
 * someone asks for it.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ModelName, OrderingMode } from '../../ast.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import type { Program } from '../../program/ir.js';
import type { PackedPart } from './part.js';

/**
 * Slots of the shared Int32Array, each on its own cache line (16 Int32s = 64 bytes): a slot one
 * worker writes often must not share a line with slots the others poll at every work item.
 */
export const SLOT = {
  /** 1: every worker stops (a limit was reached, or the coordinator says so). */
  stop: 0,
  /** Executions finished so far, all workers together (for --max-executions and progress). */
  executions: 16,
  /** Messages the workers posted to the coordinator (it polls this count, not the ports). */
  mail: 32,
  /** First steal flag; worker i's is at `steal + LINE * i`. */
  steal: 48,
} as const;

/** Int32s per cache line. */
export const LINE = 16;

/** Int32s of the shared array for `n` workers. */
export function sharedLength(n: number): number {
  return SLOT.steal + LINE * n;
}

export interface ExploreJob {
  readonly program: Program;
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
  readonly maxExecutions?: number;
  /** `Date.now()` after which to stop. */
  readonly deadline?: number;
  readonly witnessLimit?: number;
  /**
   * One Int32 per location, the in-place revisiting decisions every worker's explorer shares
   * (src/explore/in-place.ts); null for a job without in-place revisiting (run again so after a
   * worker found it unsound).
   */
  readonly inPlace: SharedArrayBuffer | null;
}

/** What a worker is given at start. */
export interface ExplorerWorkerData {
  readonly index: number;
  readonly shared: SharedArrayBuffer;
  /** Where the worker posts to the coordinator (`FromExplorer`), counting each post in `SLOT.mail`. */
  readonly port: MessagePort;
  /** One Int32: 1 once the user pressed Ctrl-C. */
  readonly interrupt: SharedArrayBuffer;
}

/** Coordinator → worker. */
export type ToExplorer =
  /** Prepare for a job, say idle, then wait for tasks (the coordinating thread explores the start). */
  | { readonly type: 'job'; readonly job: ExploreJob }
  | { readonly type: 'task'; readonly task: SubtreeTask }
  /** Send what you collected. */
  | { readonly type: 'collect' }
  | { readonly type: 'exit' };

/** Worker → coordinator. */
export type FromExplorer =
  | { readonly type: 'idle'; readonly complete: boolean }
  /** The answer to a steal request: a task, or null when there was nothing to give. */
  | { readonly type: 'donation'; readonly task: SubtreeTask | null }
  | { readonly type: 'part'; readonly part: PackedPart; readonly complete: boolean; readonly stats: WorkerStats }
  /** In-place revisiting does not apply to the program: the job must run again without it. */
  | { readonly type: 'unsound' };

/** What a worker did, for ORDO_DEBUG_PARALLEL. */
export interface WorkerStats {
  /** Explorations run: the root or given subtrees. */
  tasks: number;
  /** Steal requests answered with a task, and with nothing. */
  donated: number;
  refused: number;
  /** Time spent exploring. */
  busyMs: number;
  executions: number;
}
