/**
 * What the explorer (driver.ts) is given and gives back: the sink that receives executions, the
 * options of a run, and its statistics.
 */
import type { ExecutionGraph } from '../graph/graph.js';
import type { ThreadState } from './thread-state.js';

/** Receives each finished execution. The graph and states are only valid during the call. */
export interface ExecutionSink {
  execution(g: ExecutionGraph, threads: readonly ThreadState[]): void;
  /**
   * A graph abandoned because a blocked thread can never be unblocked in it (see blocking.ts):
   * not an execution, but its races and faults so far are real.
   */
  pruned?(g: ExecutionGraph, threads: readonly ThreadState[]): void;
  /**
   * Forget everything received so far: the exploration starts over without in-place revisiting,
   * which found it does not apply to the program (in-place.ts). A sink without it gets none.
   */
  restart?(): void;
}

export interface ExploreOptions {
  readonly unroll: number;
  /**
   * Abandon a graph as soon as a blocked thread can never be unblocked in it (default true), as
   * GenMC does. Complete executions are the same either way; tests turn it off to compare every
   * blocked execution with the reference enumerator.
   */
  readonly pruneBlocked?: boolean;
  /**
   * Revisit spin reads in place (in-place.ts; default true, with `pruneBlocked`, when the sink
   * can restart or `inPlaceDecisions` is given).
   */
  readonly inPlace?: boolean;
  /**
   * Per location, whether its spin reads are revisited in place (in-place.ts), shared by the
   * explorers of one parallel exploration, whose subtrees must all agree. With it, an explorer
   * that finds in-place revisiting unsound does not start over: it throws `InPlaceUnsound`, for
   * the owner of the decisions to start every explorer over without it.
   */
  readonly inPlaceDecisions?: Int32Array;
  /** Polled between executions; true stops the exploration (limits, Ctrl-C). */
  readonly shouldStop?: () => boolean;
  /**
   * Called between work items, the one point where the explorer may give work away (`donate`):
   * a parallel exploration answers steal requests here.
   */
  readonly betweenItems?: () => void;
  /**
   * Polled between work items too: true ends the exploration there, its work items left in
   * place for `drain` (a parallel exploration hands them to its workers).
   */
  readonly pause?: () => boolean;
}

/** Statistics of one exploration. */
export interface ExploreStats {
  /** Finished executions handed to the sink. */
  executions: number;
  /** Graphs abandoned as inconsistent (e.g. an RMW atomicity violation waiting for a revisit). */
  dropped: number;
  /** Graphs abandoned because a thread is blocked in them for good. */
  pruned: number;
  /** False when `shouldStop` ended the exploration early. */
  complete: boolean;
}
