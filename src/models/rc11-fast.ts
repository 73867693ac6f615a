/**
 * RC11, fast and incremental: the same answers as the axioms of rc11.ts, computed from what one
 * new event can break.
 *
 * - coherence: a new event e (the last of its thread) must read from / be placed after the
 *   mo-latest write it already "knows": every write that happens before it, and every write read
 *   by a read that happens before it (its coherence floor). Writes the event knows only through
 *   its own synchronisation are no later than the one it reads, so the floor is taken over the
 *   happens-before view of its po-predecessor.
 * - atomicity: an RMW's write comes right after the write its read read; no other RMW may read
 *   that write, and no write may be placed between an RMW's two halves.
 * - no-thin-air: the explorer only lets a read read an existing write that is not in its po ∪ rf
 *   future, so po ∪ rf stays acyclic by construction.
 * - sc: psc is checked as in rc11.ts, with hb from views, whenever two or more SC events exist.
 */
import { isSeqCst } from '../events/modes.js';
import { toExecution } from '../graph/execution.js';
import { makeRef, type EventRef, type ExecutionGraph, type GEvent } from '../graph/graph.js';
import { Relation } from '../graph/relation.js';
import type { Consistency } from './consistency.js';
import { pscOf } from './rc11.js';
import { viewOf } from './views.js';

/** The smallest mo index (-1 = the initial write) the last event `e` of its thread may read or follow. */
export function coherenceFloor(g: ExecutionGraph, e: GEvent): number {
  if (e.index === 0) return -1;
  const view = viewOf(g, g.threads[e.thread]![e.index - 1]!);
  const order = g.mo[e.loc]!;
  let floor = -1;
  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    const last = view[t]!;
    for (let i = 0; i <= last; i++) {
      const x = evs[i]!;
      if (x.loc !== e.loc || x === e) continue;
      const w = x.kind === 'W' ? makeRef(t, i) : x.kind === 'R' ? x.rf : -1;
      if (w < 0) continue;
      const at = order.indexOf(w);
      if (at > floor) floor = at;
    }
  }
  return floor;
}

function moIndex(g: ExecutionGraph, w: EventRef): number {
  return w < 0 ? -1 : g.mo[g.get(w).loc]!.indexOf(w);
}

/** Whether `w` placed right after `p` would split an RMW (whose read read `p`) from its write. */
function splitsRmw(g: ExecutionGraph, p: EventRef, w: GEvent): boolean {
  const order = g.mo[w.loc]!;
  let at = p < 0 ? 0 : order.indexOf(p) + 1;
  if (at < order.length && g.get(order[at]!) === w) at++; // w itself may sit there already
  const next = order[at];
  if (next === undefined) return false;
  const n = g.get(next);
  return n.rmwWrite && g.threads[n.thread]![n.index - 1]!.rf === p;
}

/**
 * Atomicity for the write part `w` of an RMW, just placed right after the write x its read
 * read, in a graph whose other RMWs were atomic: broken exactly when another RMW read x, whose
 * write part was x's successor before w came in, and is now w's.
 */
function atomic(g: ExecutionGraph, w: GEvent): boolean {
  const src = g.threads[w.thread]![w.index - 1]!.rf;
  const order = g.mo[w.loc]!;
  const next = order[order.indexOf(makeRef(w.thread, w.index)) + 1];
  if (next === undefined) return true;
  const n = g.get(next);
  return !(n.rmwWrite && g.threads[n.thread]![n.index - 1]!.rf === src);
}

/** Atomicity of every RMW: its write is the mo-successor of the write its read read. */
export function atomicityHolds(g: ExecutionGraph): boolean {
  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i]!;
      if (e.kind !== 'R' || !e.rmwRead) continue;
      const order = g.mo[e.loc]!;
      const next = order[e.rf < 0 ? 0 : order.indexOf(e.rf) + 1];
      if (next !== makeRef(e.thread, e.index + 1)) return false;
    }
  }
  return true;
}

function scEvents(g: ExecutionGraph): number {
  let n = 0;
  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    for (let i = 0; i < evs.length; i++) if (isSeqCst(evs[i]!.mode)) n++;
  }
  return n;
}

/** `psc` acyclic, with hb from views. */
export function pscAcyclic(g: ExecutionGraph): boolean {
  if (scEvents(g) < 2) return true;
  const x = toExecution(g);
  const hb = new Relation(x.n, { op: 'base' }, 'hb');
  for (let b = 0; b < x.n; b++) {
    const eb = x.events[b]!;
    if (eb.thread < 0) continue;
    const view = viewOf(g, eb);
    for (let a = 0; a < x.n; a++) {
      const ea = x.events[a]!;
      if (a !== b && (ea.thread < 0 || view[ea.thread]! >= ea.index)) hb.add(a, b);
    }
  }
  const identity = Relation.id(x.R.union(x.W).union(x.F).union(x.IW));
  const rb = x.rf.inverse().seq(x.mo).minus(identity).named('rb');
  const { psc } = pscOf(x, hb, rb, () => x.rf.union(x.mo, rb).plus());
  return psc.findCycle() === null;
}

/**
 * The fast RC11 check. `withSc` false (the program has no SeqCst access or fence, in the mode
 * it runs in) skips everything about psc, which is then empty.
 */
export function rc11FastFor(withSc: boolean): Consistency {
  const needPsc = (g: ExecutionGraph, extra: number): boolean => withSc && scEvents(g) + extra >= 2;
  return {
    readChoices(g, r, choices, apply) {
      const floor = coherenceFloor(g, r);
      const out = choices.filter((c) => moIndex(g, c.write) >= floor);
      if (out.length === 0 || !needPsc(g, 1)) return out;
      return out.filter((c) => {
        apply(c);
        return pscAcyclic(g);
      });
    },
    writeChoices(g, w, preds, place) {
      const floor = coherenceFloor(g, w);
      const out = preds.filter((p) => moIndex(g, p) >= floor && !splitsRmw(g, p, w));
      if (out.length === 0 || !needPsc(g, 0)) return out;
      return out.filter((p) => {
        place(p);
        return pscAcyclic(g);
      });
    },
    consistentAfter(g, e) {
      if (e.kind === 'W' && e.rmwWrite && !atomic(g, e)) return false;
      if (e.kind === 'R') {
        if (moIndex(g, e.rf) < coherenceFloor(g, e)) return false;
        // A revisited graph may come from one that broke atomicity (an RMW's write part is placed
        // and its revisits pushed before the check that drops it), so atomicity is checked whole.
        if (!atomicityHolds(g)) return false;
      }
      return !withSc || pscAcyclic(g);
    },
  };
}

export const rc11Fast: Consistency = rc11FastFor(true);
