/**
 * In-place revisiting of spin reads (IPR: Kokologiannakis, Marmanis, Vafeiadis, "Unblocking
 * Dynamic Partial Order Reduction", CAV 2023; GenMC's `tryOptimizeIPRs`).
 *
 * A thread blocked in a spin waits for a write. Plain TruSt meets that write with a backward
 * revisit: a new graph that deletes every event added since the read, re-adds them, and leaves
 * behind the old graph, where the thread spins on a value now stale (blocking.ts drops it at
 * the end, but only after exploring everything below it). With IPR the new write takes the
 * read over in the graph as it is: the read reads the write, keeps its stamp, and its thread
 * runs on (or spins again); no backward revisit of it is pushed. So a spinning thread always
 * reads the latest write, and the graphs with a stale spin are never made.
 *
 * The read now reads a write added after it. When the graph is later cut back before that
 * write (a work item of an earlier event, or the copy a backward revisit keeps), the read
 * reads the latest write left instead, as GenMC's `repairDanglingReads` does: it is the last
 * event of its thread then, since every later event of its thread came after the write.
 *
 * It is exact only under conditions GenMC also sets: the location's writes are all ordered by
 * happens-before (`checkOrdered`: a location found otherwise before any of its reads was
 * revisited in place is left alone; after, the exploration starts over without it), and no
 * `assume!` (blocking.ts, `inPlaceApplies`). Where plain TruSt would give the read a write by
 * a backward revisit, that read is left to the regular revisits (blocking.ts, `spinRead`).
 * test/explore/blocked.test.ts checks the whole against the plain exploration, on random
 * programs with spin loops; the minimal programs the campaigns found are tests there too.
 */
import { initRef, makeRef, type EventRef, type ExecutionGraph, type GEvent } from '../graph/graph.js';
import { happensBefore } from '../models/views.js';
import type { Consistency } from '../models/oracle.js';
import type { Program } from '../program/ir.js';
import type { Blocking } from './blocking.js';
import type { Interpreter } from './interpreter.js';
import type { ThreadStates } from './threads.js';

/**
 * Thrown when in-place revisiting met a location it does not apply to: the exploration starts
 * over without it (driver.ts).
 */
export class InPlaceUnsound extends Error {}

/**
 * Per location, what in-place revisiting decided (`InPlace.decisions`). A location starts
 * undecided and is decided once: used at its first spin read revisited in place, or racy when
 * two of its writes are found unordered before that (its reads never are revisited in place).
 */
const UNDECIDED = 0;
const USED = 1;
const RACY = 2;

export class InPlace {
  /** Whether any read was revisited in place yet (until then, no cut needs a repair). */
  private any = false;

  /**
   * `decisions`: per location, UNDECIDED, USED or RACY. The explorers of one parallel
   * exploration share them (in shared memory): they explore parts of one tree, and each read
   * must be revisited in place in all of them or in none. A decision is made by
   * compare-and-exchange from UNDECIDED, so two explorers cannot decide a location both ways.
   */
  constructor(
    program: Program,
    private readonly interp: Interpreter,
    private readonly threads: ThreadStates,
    private readonly oracle: Consistency,
    private readonly blocking: Blocking,
    private readonly decisions: Int32Array = new Int32Array(program.locations.length),
  ) {
    threads.countBlocked = true;
  }

  /** A graph given by another explorer may hold reads revisited in place: cuts repair them. */
  adopt(): void {
    this.any = true;
  }

  /**
   * In-place revisiting is exact only for a location whose writes are all ordered by
   * happens-before, in every graph where one of its reads is revisited in place (GenMC makes
   * "unordered writes" an error under IPR). A read is revisited in place only in a graph where
   * its location's writes are (`ordered`); this checks each later write of a location where that
   * happened, and a location found unordered after it ends the exploration (InPlaceUnsound). A
   * location found unordered before is never revisited in place: the choice is made once, before
   * the first revisit, so each read is either always or never revisited in place.
   */
  checkOrdered(g: ExecutionGraph, w: EventRef): void {
    const wEv = g.get(w);
    // a plain read: an explorer that misses another's USED has moved none of loc's reads in its
    // graphs (a graph given away comes by message, after the decision)
    if (this.decisions[wEv.loc] !== USED) return;
    const order = g.mo[wEv.loc]!;
    for (let i = 0; i < order.length; i++) {
      if (order[i] !== w && !happensBefore(g, g.get(order[i]!), wEv)) throw new InPlaceUnsound();
    }
  }

  /**
   * Revisits in place every spin read that the new (or newly placed) write `w` can be read by,
   * and re-runs its thread. The regular revisits of `w` then skip them (they read `w`).
   */
  revisit(g: ExecutionGraph, w: EventRef): void {
    if (this.threads.blocked === 0) return;
    const wEv = g.get(w);
    const states = this.threads.states;
    for (let t = 0; t < states.length; t++) {
      if (t === wEv.thread || states[t]!.status !== 'blocked') continue;
      const e = this.blocking.spinRead(g, states, t);
      if (e === null || e.loc !== wEv.loc || e.rf === w || this.decisions[e.loc] === RACY) continue;
      if (!this.decide(e.loc, ordered(g, e.loc))) continue;
      this.any = true;
      const r = g.own(makeRef(t, e.index));
      r.rf = w;
      r.value = wEv.value;
      r.view = null;
      if (!this.oracle.consistentAfter(g, r)) {
        // an inconsistent read of w: its regular revisit would be dropped too; put it back
        g.threads[t]![e.index] = e;
        continue;
      }
      r.inPlace = true;
      this.threads.restore(g, r);
      this.interp.completeLoad(t, states[t]!, r.value);
      this.threads.advance(t, r);
    }
  }

  /**
   * Whether `loc`'s spin reads are revisited in place, deciding it now if it is undecided:
   * `ordered` says whether the current graph's writes of `loc` are all ordered. Unordered after
   * the location was used, in-place revisiting is unsound for this program.
   */
  private decide(loc: number, ordered: boolean): boolean {
    const want = ordered ? USED : RACY;
    const was = this.decisions[loc] === UNDECIDED ? Atomics.compareExchange(this.decisions, loc, UNDECIDED, want) : this.decisions[loc]!;
    const now = was === UNDECIDED ? want : was;
    if (now === USED && !ordered) throw new InPlaceUnsound();
    return now === USED;
  }

  /**
   * After the graph was cut back (a work item, or the copy a backward revisit keeps): a read
   * revisited in place whose write is gone reads the latest write left, as GenMC's
   * `repairDanglingReads` does; it is its thread's last event then, every later event of its
   * thread having come after the write. `moved`: a write a work item places elsewhere in mo; the
   * reads it revisited in place go back to the latest write too, as before it was added, for
   * its revisits to redo (left reading it, they would read a write now mo-before one their own
   * thread wrote: a graph test/explore/blocked.test.ts found inconsistent, seed 101).
   */
  repair(g: ExecutionGraph, moved?: EventRef): void {
    if (!this.any) return;
    for (let t = 0; t < g.threads.length; t++) {
      const evs = g.threads[t]!;
      const e = evs[evs.length - 1];
      if (e === undefined || !e.inPlace || (g.has(e.rf) && e.rf !== moved)) continue;
      const r = g.own(makeRef(t, e.index));
      r.rf = latest(g, r.loc, moved);
      const src = g.get(r.rf);
      r.value = src.value;
      r.view = null;
      r.addedMax = true;
      r.inPlace = src.stamp > r.stamp;
      this.threads.reread(g, r);
    }
  }
}

/** The mo-latest write of `loc` other than `except` (its init when there is none). */
function latest(g: ExecutionGraph, loc: number, except?: EventRef): EventRef {
  const order = g.mo[loc]!;
  for (let i = order.length - 1; i >= 0; i--) if (order[i] !== except) return order[i]!;
  return initRef(loc);
}

/** Whether another RMW that wrote read the write the RMW read `ev` read (atomicity is broken). */
export function rmwConflict(g: ExecutionGraph, ev: GEvent): boolean {
  const reads = g.reads[ev.loc]!;
  for (let i = 0; i < reads.length; i++) {
    const e = g.get(reads[i]!);
    if (e !== ev && e.rmwRead && e.rf === ev.rf) return true;
  }
  return false;
}

/** Whether every two writes of `loc` in `g` are ordered by happens-before. */
function ordered(g: ExecutionGraph, loc: number): boolean {
  const order = g.mo[loc]!;
  for (let i = 0; i < order.length; i++) {
    const a = g.get(order[i]!);
    for (let j = i + 1; j < order.length; j++) {
      const b = g.get(order[j]!);
      if (!happensBefore(g, a, b) && !happensBefore(g, b, a)) return false;
    }
  }
  return true;
}
