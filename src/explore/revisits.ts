/**
 * The two questions at the heart of optimal exploration (TruSt, POPL 2022, §4; GenMC's driver):
 *
 * - `porfPrefix(g, w)`: the events a write depends on (its po ∪ rf predecessors, transitively).
 *   A backward revisit keeps them, since the write cannot exist without them.
 * - `isMaximalExtension(g, r, w, prefix)`: may the new write `w` revisit the existing read `r`?
 *   Only if every event the revisit deletes (those added after `r` and not in `w`'s prefix), and
 *   `r` itself, was added in the one canonical way: reads reading the mo-latest write, writes
 *   placed mo-last, never revisited by a write that is itself deleted. Then the graph before the
 *   revisit is the unique one that leads to the revisited graph, so no graph is explored twice.
 */
import { initRef, makeRef, NO_REF, type EventRef, type ExecutionGraph, type GEvent } from '../graph/graph.js';
import { canFailSpuriously } from './interpreter.js';
import type { WorkItem } from './subtree.js';

/**
 * A po ∪ rf prefix: per thread, the index of the last event in it (-1 for none). Such prefixes
 * are downward closed in po, so one number per thread describes them.
 */
export type Prefix = Int32Array;

/** Scratch stack of porfPrefix (reused from the bottom at each call; never in use twice at once). */
const WORK: EventRef[] = [];

export function inPrefix(p: Prefix, e: GEvent): boolean {
  return e.thread < 0 || e.index <= p[e.thread]!;
}

/**
 * The po ∪ rf prefix of `w`, including `w`. `into`, when given, is reused (the explorer keeps
 * one buffer, as only one prefix is in use at a time).
 */
export function porfPrefix(g: ExecutionGraph, w: EventRef, into?: Int32Array): Prefix {
  const upTo = into !== undefined && into.length === g.threads.length ? into.fill(-1) : new Int32Array(g.threads.length).fill(-1);
  // a stack with its own top: emptying an array by `length = 0` at every call is a runtime call
  const work = WORK;
  let top = 0;
  work[top++] = w;
  while (top > 0) {
    const r = work[--top]!;
    if (r < 0) continue; // initial writes have no predecessors and are always kept
    const e = g.get(r);
    if (e.index <= upTo[e.thread]!) continue;
    const evs = g.threads[e.thread]!;
    for (let i = upTo[e.thread]! + 1; i <= e.index; i++) {
      const ev = evs[i]!;
      if (ev.kind === 'R' && ev.rf !== NO_REF) work[top++] = ev.rf;
    }
    upTo[e.thread] = e.index;
  }
  return upTo;
}

/** Whether `e` is kept by the revisit of `r` by `w` (added no later than `r`, or in the prefix). */
function keptBy(e: GEvent, rStamp: number, prefix: Prefix): boolean {
  return e.stamp <= rStamp || e.index <= prefix[e.thread]!;
}

/** Position of write `x` in its location's mo (-1 for the initial write). */
function moPos(order: readonly EventRef[], x: EventRef): number {
  return x < 0 ? -1 : order.indexOf(x);
}

/** May `w` (just added or just placed) revisit `r`? See the file header. */
export function isMaximalExtension(g: ExecutionGraph, r: EventRef, w: EventRef, prefix: Prefix): boolean {
  const rEv = g.get(r);
  const wEv = g.get(w);
  const rStamp = rEv.stamp;

  // Revisits differing only in where w sits among deleted writes are the same graph: take the one
  // where w's immediate mo-successor survives (GenMC: coherenceSuccRemainInGraph).
  if (!wEv.rmwWrite) {
    const order = g.mo[wEv.loc]!;
    const next = order[moPos(order, w) + 1];
    if (next !== undefined && !keptRef(g, next, rStamp, prefix)) return false;
  }

  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i]!;
      if (e !== rEv && keptBy(e, rStamp, prefix)) continue;
      if (!g.revisitable(e) || !e.addedMax) return false;
      if (e.kind === 'F') continue;
      const source = e.kind === 'R' ? e.rf : makeRef(e.thread, e.index);
      // the event must read from / be a write mo-after every kept write (other than w)
      const order = g.mo[e.loc]!;
      for (let i = moPos(order, source) + 1; i < order.length; i++) {
        const s = order[i]!;
        if (s !== w && keptRef(g, s, rStamp, prefix)) return false;
      }
      // a read revisited by a write that the revisit deletes was not added maximally (a read
      // revisited in place was: in-place.ts)
      if (e.kind === 'R' && !e.inPlace && source >= 0 && !keptRef(g, source, rStamp, prefix) && g.get(source).stamp > e.stamp) return false;
    }
  }
  return true;
}

function keptRef(g: ExecutionGraph, ref: EventRef, rStamp: number, prefix: Prefix): boolean {
  return ref < 0 || keptBy(g.get(ref), rStamp, prefix);
}

/** Per thread, how many events a revisit of `r` by `w` keeps (kept events are po-prefixes). */
export function keptCounts(g: ExecutionGraph, r: EventRef, prefix: Prefix, into: number[] = []): number[] {
  const rStamp = g.get(r).stamp;
  into.length = g.threads.length;
  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    let k = 0;
    while (k < evs.length && evs[k]!.stamp <= rStamp) k++;
    into[t] = Math.max(k, prefix[t]! + 1);
  }
  return into;
}

/** The writes a read of `loc` could read from, in mo order (the initial write first). */
export function writesInMoOrder(g: ExecutionGraph, loc: number): EventRef[] {
  const order = g.mo[loc]!;
  const out = [initRef(loc)];
  for (let i = 0; i < order.length; i++) out.push(order[i]!);
  return out;
}

/**
 * The writes read by RMWs that are *settled* for the new RMW read `r`: in its po ∪ rf prefix,
 * or behind the no-revisit barrier. If `r` read such a write and wrote, the two RMWs would
 * break atomicity, and no revisit could ever repair it (the other RMW can never be revisited
 * by `r`'s write, and `r`, read non-maximally, can never be revisited or deleted): the choice
 * is useless, as GenMC's driver also reasons.
 */
export function settledRmwSources(g: ExecutionGraph, r: GEvent, scratchPrefix: Int32Array): Set<EventRef> | null {
  let out: Set<EventRef> | null = null;
  let prefix: Int32Array | null = null;
  const reads = g.reads[r.loc]!;
  for (let i = 0; i < reads.length; i++) {
    const e = g.get(reads[i]!);
    if (!e.rmwRead) continue;
    if (!g.revisitable(e)) {
      (out ??= new Set()).add(e.rf);
      continue;
    }
    prefix ??= porfPrefix(g, makeRef(r.thread, r.index), scratchPrefix);
    if (inPrefix(prefix, e)) (out ??= new Set()).add(e.rf);
  }
  return out;
}

/** Buffers the explorer lends to these computations (one at a time). */
export interface Scratch {
  readonly prefix: Int32Array;
  readonly kept: number[];
}

/**
 * The backward revisits of the new (or newly placed) write `w`, pushed onto `out`: each
 * revisitable read of its location outside its prefix, latest first, while the revisit is a
 * maximal extension. If revisiting a read is not, revisiting an earlier one (which deletes more)
 * is not either, so the search stops there (as GenMC's does).
 */
export function revisitsOf(g: ExecutionGraph, w: EventRef, scratch: Scratch, out: WorkItem[], conflict = false): void {
  const wEv = g.get(w);
  // the location's reads are kept in the order they were added: backwards, latest first
  const reads = g.reads[wEv.loc]!;
  let prefix: Int32Array | null = null;
  for (let i = reads.length - 1; i >= 0; i--) {
    const r = reads[i]!;
    const e = g.get(r);
    // reads of w already: spin reads just revisited in place (in-place.ts)
    if (!g.revisitable(e) || e.rf === w) continue;
    prefix ??= porfPrefix(g, w, scratch.prefix);
    if (inPrefix(prefix, e)) continue;
    // GenMC's rule for an RMW write that breaks atomicity: no revisit of a read revisited in
    // place by a write outside the RMW's prefix
    if (conflict && e.inPlace && !inPrefix(prefix, g.get(e.rf))) continue;
    if (!isMaximalExtension(g, r, w, prefix)) break;
    out.push({ kind: 'backward', read: r, write: w, spurious: false });
    if (e.rmw !== null && canFailSpuriously(e.rmw, wEv.value)) out.push({ kind: 'backward', read: r, write: w, spurious: true });
  }
}
