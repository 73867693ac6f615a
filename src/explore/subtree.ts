/**
 * Subtrees of an exploration as plain data, so that another explorer (another thread) can take
 * one over: a work item together with the graph it applies to, cut back to the item's event.
 * This is what makes TruSt's exploration divisible: a work item and its graph determine the
 * whole subtree below it, independently of every other item (POPL 2022, §6).
 */
import { MODES } from '../events/modes.js';
import { ExecutionGraph, NO_REF, type EventRef, type GEvent, type GraphShape, type RmwSpec } from '../graph/graph.js';
import { Interpreter, rmwOutcome } from './interpreter.js';
import { copyState } from './thread-state.js';

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

/** A graph with the work items pending on it (the explorer's contexts). */
export interface WorkStack {
  readonly graph: ExecutionGraph;
  readonly items: WorkItem[];
}

/**
 * Takes the oldest work item of `stacks` (the bottom of the oldest: its subtree is usually the
 * largest), packed with its graph; null when fewer than two are left (giving away the last would
 * only move the work, not share it).
 */
export function giveOldest(stacks: readonly WorkStack[]): SubtreeTask | null {
  let total = 0;
  for (const s of stacks) total += s.items.length;
  if (total < 2) return null;
  for (const s of stacks) {
    if (s.items.length > 0) return packSubtree(s.graph, s.items.shift()!);
  }
  return null;
}

/** Takes every work item of `stacks`, oldest first, each packed with its graph; empties them. */
export function giveAll(stacks: WorkStack[]): SubtreeTask[] {
  const out: SubtreeTask[] = [];
  for (const s of stacks) {
    while (s.items.length > 0) out.push(packSubtree(s.graph, s.items.shift()!));
  }
  stacks.length = 0;
  return out;
}

/** The stamp a work item cuts its graph back to. */
export function itemStamp(g: ExecutionGraph, item: WorkItem): number {
  return g.get(item.kind === 'read' ? item.read : item.write).stamp;
}

/**
 * Packs `item` with `g` as it was when the item was pushed (events up to the item's stamp).
 * Interpreter snapshots and model caches are left out: the receiver rebuilds them.
 */
export function packSubtree(g: ExecutionGraph, item: WorkItem): SubtreeTask {
  const cut = itemStamp(g, item);
  let stamp = 0;
  const threads = g.threads.map((evs) => {
    const out: GEvent[] = [];
    for (const e of evs) {
      if (e.stamp > cut) break;
      out.push({ ...e, view: null, relView: null, snapshot: null });
      if (e.stamp > stamp) stamp = e.stamp;
    }
    return out;
  });
  const kept = (w: EventRef): boolean => w < 0 || g.get(w).stamp <= cut;
  return { shape: g.shape, threads, mo: g.mo.map((list) => list.filter(kept)), barrier: g.barrier.slice(), item, stamp };
}

/**
 * The graph and work item of a packed subtree, rebuilt as this thread builds its own: every
 * object made by the same code as the explorer's (a structured clone has other hidden classes,
 * and mixing them makes the explorer's hot code polymorphic, about a third slower), each
 * event's interpreter snapshot recomputed by re-running its thread, and the RMW specs the
 * interpreter's own.
 */
export function unpackSubtree(task: SubtreeTask, interp: Interpreter): { graph: ExecutionGraph; item: WorkItem } {
  const shape: GraphShape = { threads: task.shape.threads, initValues: task.shape.initValues.map((v) => v) };
  const threads = task.threads.map((evs, t) => rebuildThread(interp, t, evs));
  const mo = task.mo.map((list) => {
    const out: EventRef[] = [];
    for (const w of list) out.push(w);
    return out;
  });
  return { graph: new ExecutionGraph(shape, threads, mo, Int32Array.from(task.barrier)), item: rebuildItem(task.item) };
}

function rebuildItem(item: WorkItem): WorkItem {
  switch (item.kind) {
    case 'read':
      return { kind: 'read', read: item.read, write: item.write, spurious: item.spurious };
    case 'write':
      return { kind: 'write', write: item.write, pred: item.pred };
    case 'backward':
      return { kind: 'backward', read: item.read, write: item.write, spurious: item.spurious };
  }
}

/** Re-runs thread `t` over its packed events, rebuilding each with its snapshot. */
function rebuildThread(interp: Interpreter, t: number, evs: readonly GEvent[]): GEvent[] {
  const out: GEvent[] = [];
  const s = interp.initialState(t);
  for (let i = 0; i < evs.length; i++) {
    const e = evs[i]!;
    const req = interp.next(t, s);
    if (req.kind === 'stop' || req.kind !== KIND_REQUEST[e.kind]) throw new Error(`internal error: a packed subtree diverges from thread ${t} at event ${i}`);
    if (req.kind === 'read') {
      const ev = event(e, 'R', req.rmw);
      out.push(ev);
      if (req.rmw === null) interp.completeLoad(t, s, e.value);
      else {
        const o = rmwOutcome(req.rmw, e.value, e.spurious);
        interp.completeRmw(t, s, o);
        if (o.writes) {
          // the read of the task's item is last, cut from its write part, and is re-read first;
          // otherwise the write part follows. The read's own snapshot is never used (ThreadStates).
          if (i === evs.length - 1) break;
          const w = evs[++i]!;
          if (w.kind !== 'W') throw new Error(`internal error: a packed RMW of thread ${t} lost its write`);
          const wEv = event(w, 'W', null);
          wEv.snapshot = copyState(s);
          out.push(wEv);
          continue;
        }
      }
      ev.snapshot = copyState(s);
    } else {
      const ev = event(e, req.kind === 'write' ? 'W' : 'F', null);
      if (req.kind === 'write') interp.completeWrite(t, s);
      else interp.completeFence(t, s);
      ev.snapshot = copyState(s);
      out.push(ev);
    }
  }
  return out;
}

const KIND_REQUEST = { R: 'read', W: 'write', F: 'fence' } as const;

/**
 * A packed event rebuilt as the driver builds its events (`newEvent`): the same literal, then
 * the fields the driver sets later, so that every field starts with the same representation
 * (a literal of the final values would give another hidden class, and deoptimize the driver).
 */
function event(e: GEvent, kind: GEvent['kind'], rmw: RmwSpec | null): GEvent {
  const ev: GEvent = {
    thread: e.thread,
    index: e.index,
    kind,
    loc: e.loc,
    mode: MODES.find((m) => m === e.mode)!,
    value: 0,
    rf: NO_REF,
    rmw,
    rmwRead: false,
    rmwWrite: e.rmwWrite,
    spurious: false,
    site: e.site,
    stamp: e.stamp,
    addedMax: true,
    inPlace: false,
    view: null,
    relView: null,
    snapshot: null,
  };
  ev.value = e.value;
  ev.rf = e.rf;
  ev.rmwRead = e.rmwRead;
  ev.spurious = e.spurious;
  ev.addedMax = e.addedMax;
  ev.inPlace = e.inPlace;
  return ev;
}
