/**
 * An execution graph seen as relations, ready for a model: events numbered 0..n-1 (the initial
 * writes of the locations in use first, then each thread in program order), event sets (R, W, F,
 * by mode), and the four base relations `po`, `rf`, `mo`, `rmw`. Models derive everything else.
 */
import { isAtLeastAcquire, isAtLeastRelease, isAtomic, isSeqCst, type Mode } from '../events/modes.js';
import type { EventKind } from '../events/kinds.js';
import { initRef, makeRef, type EventRef, type ExecutionGraph, type GEvent } from './graph.js';
import { EventSet, Relation } from './relation.js';

export interface Execution {
  readonly n: number;
  readonly graph: ExecutionGraph;
  /** Event number → graph ref. */
  readonly refs: readonly EventRef[];
  /** Graph ref → event number. */
  readonly index: ReadonlyMap<EventRef, number>;
  readonly events: readonly GEvent[];
  readonly R: EventSet;
  readonly W: EventSet;
  readonly F: EventSet;
  /** The initial writes. */
  readonly IW: EventSet;
  /** Events of each mode class: `E ⊒ rlx`, `E ⊒ acq`, `E ⊒ rel`, `E = sc`. */
  readonly atLeastRlx: EventSet;
  readonly atLeastAcq: EventSet;
  readonly atLeastRel: EventSet;
  readonly SC: EventSet;
  /** Plain (non-atomic) accesses. */
  readonly NA: EventSet;
  readonly po: Relation;
  readonly rf: Relation;
  readonly mo: Relation;
  readonly rmw: Relation;
  /** Same location (both events access memory, the same location). */
  sameLoc(a: number, b: number): boolean;
}

/** Builds the relational view of a graph. */
export function toExecution(g: ExecutionGraph): Execution {
  const refs: EventRef[] = [];
  const events: GEvent[] = [];
  const used = new Set<number>();
  for (const e of g.events()) if (e.loc >= 0) used.add(e.loc);
  for (const loc of [...used].sort((a, b) => a - b)) {
    refs.push(initRef(loc));
    events.push(g.get(initRef(loc)));
  }
  for (const e of g.events()) {
    refs.push(makeRef(e.thread, e.index));
    events.push(e);
  }
  const n = refs.length;
  const index = new Map<EventRef, number>();
  refs.forEach((r, i) => index.set(r, i));

  const kindSet = (k: EventKind) => EventSet.of(n, (i) => events[i]!.kind === k);
  const modeSet = (p: (m: Mode) => boolean) => EventSet.of(n, (i) => events[i]!.thread >= 0 && p(events[i]!.mode));

  const po = new Relation(n, { op: 'base' }, 'po');
  for (let i = 0; i < n; i++) {
    const a = events[i]!;
    if (a.thread < 0) continue;
    for (let j = i + 1; j < n && events[j]!.thread === a.thread; j++) po.add(i, j);
  }
  const rf = new Relation(n, { op: 'base' }, 'rf');
  const rmw = new Relation(n, { op: 'base' }, 'rmw');
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.kind === 'R' && e.thread >= 0) {
      const w = index.get(e.rf);
      if (w === undefined) throw new Error('internal error: a read reads from a missing write');
      rf.add(w, i);
      if (e.rmwRead) rmw.add(i, i + 1);
    }
  }
  const mo = new Relation(n, { op: 'base' }, 'mo');
  for (const loc of used) {
    const order = [index.get(initRef(loc))!, ...g.mo[loc]!.map((w) => index.get(w)!)];
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) mo.add(order[i]!, order[j]!);
  }
  return {
    n,
    graph: g,
    refs,
    index,
    events,
    R: kindSet('R'),
    W: kindSet('W'),
    F: kindSet('F'),
    IW: EventSet.of(n, (i) => events[i]!.thread < 0),
    atLeastRlx: modeSet(isAtomic),
    atLeastAcq: modeSet(isAtLeastAcquire),
    atLeastRel: modeSet(isAtLeastRelease),
    SC: modeSet(isSeqCst),
    NA: EventSet.of(n, (i) => events[i]!.thread >= 0 && events[i]!.kind !== 'F' && !isAtomic(events[i]!.mode)),
    po,
    rf,
    mo,
    rmw,
    sameLoc: (a, b) => events[a]!.loc >= 0 && events[a]!.loc === events[b]!.loc,
  };
}
