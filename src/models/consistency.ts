/**
 * What the explorer asks a model (oracle.ts picks the implementation): which choices for a new
 * event are consistent. Its own file so that the implementations need not import the module
 * that chooses between them.
 */
import type { EventRef, ExecutionGraph, GEvent } from '../graph/graph.js';

/** A way a new read may be completed: the write it reads, and (weak CAS) a spurious failure. */
export interface ReadChoice {
  readonly write: EventRef;
  readonly spurious: boolean;
}

export interface Consistency {
  /**
   * Which of `choices` may the new read `r` (the last event of its thread) take? `apply` puts a
   * choice in place (rf, value, mode) before it is judged.
   */
  readChoices(g: ExecutionGraph, r: GEvent, choices: readonly ReadChoice[], apply: (c: ReadChoice) => void): ReadChoice[];
  /**
   * After which of `preds` (the other writes of its location, in mo order, the initial one first)
   * may the new write `w` be placed in mo? `place` puts it there before it is judged.
   */
  writeChoices(g: ExecutionGraph, w: GEvent, preds: readonly EventRef[], place: (p: EventRef) => void): EventRef[];
  /** Is `g` consistent, knowing it was consistent before `e` was added or re-read? */
  consistentAfter(g: ExecutionGraph, e: GEvent): boolean;
}
