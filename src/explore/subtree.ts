/**
 * Subtrees of an exploration as plain data, so that another explorer (another thread) can take
 * one over: a work item together with the graph it applies to, cut back to the item's event.
 * This is what makes TruSt's exploration divisible: a work item and its graph determine the
 * whole subtree below it, independently of every other item (POPL 2022, §6).
 */
import { ExecutionGraph, type EventRef, type GEvent, type GraphShape } from '../graph/graph.js';

/** A work item of the explorer (see driver.ts). */
export type WorkItem =
  /** Read `read` from `write` instead (a forward revisit). */
  | { readonly kind: 'read'; readonly read: EventRef; readonly write: EventRef; readonly spurious: boolean }
  /** Place `write` right after `pred` in mo instead. */
  | { readonly kind: 'write'; readonly write: EventRef; readonly pred: EventRef }
  /** Make `read` read from the later `write`, deleting what depends on the old choice. */
  | { readonly kind: 'backward'; readonly read: EventRef; readonly write: EventRef; readonly spurious: boolean };

/** A work item with everything needed to explore below it, structured-clone safe. */
export interface SubtreeTask {
  readonly shape: GraphShape;
  /** Per thread, the events (model caches dropped; the interpreter snapshots kept). */
  readonly threads: readonly (readonly GEvent[])[];
  readonly mo: readonly (readonly EventRef[])[];
  readonly barrier: Int32Array;
  readonly item: WorkItem;
  /** The largest stamp in the graph: new events get larger ones. */
  readonly stamp: number;
}

/** The stamp a work item cuts its graph back to. */
export function itemStamp(g: ExecutionGraph, item: WorkItem): number {
  return g.get(item.kind === 'read' ? item.read : item.write).stamp;
}

/** Packs `item` with `g` as it was when the item was pushed (events up to the item's stamp). */
export function packSubtree(g: ExecutionGraph, item: WorkItem): SubtreeTask {
  const cut = itemStamp(g, item);
  let stamp = 0;
  const threads = g.threads.map((evs) => {
    const out: GEvent[] = [];
    for (const e of evs) {
      if (e.stamp > cut) break;
      out.push({ ...e, view: null, relView: null });
      if (e.stamp > stamp) stamp = e.stamp;
    }
    return out;
  });
  const kept = (w: EventRef): boolean => w < 0 || g.get(w).stamp <= cut;
  return { shape: g.shape, threads, mo: g.mo.map((list) => list.filter(kept)), barrier: g.barrier.slice(), item, stamp };
}

/** The graph of a packed subtree. */
export function unpackSubtree(task: SubtreeTask): ExecutionGraph {
  return new ExecutionGraph(
    task.shape,
    task.threads.map((evs) => evs.slice()),
    task.mo.map((list) => list.slice()),
    Int32Array.from(task.barrier),
  );
}
