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

/** The po ∪ rf prefix of `w`, including `w`. */
export function porfPrefix(g: ExecutionGraph, w: EventRef): Set<EventRef> {
  const seen = new Set<EventRef>();
  // per thread, the longest po-prefix already included: po-prefixes are downward closed
  const upTo = new Int32Array(g.threads.length).fill(-1);
  const work: EventRef[] = [w];
  while (work.length > 0) {
    const r = work.pop()!;
    if (r < 0) continue; // initial writes have no predecessors and are always kept
    const e = g.get(r);
    if (e.index <= upTo[e.thread]!) continue;
    for (let i = upTo[e.thread]! + 1; i <= e.index; i++) {
      const ev = g.threads[e.thread]![i]!;
      seen.add(makeRef(e.thread, i));
      if (ev.kind === 'R' && ev.rf !== NO_REF) work.push(ev.rf);
    }
    upTo[e.thread] = e.index;
  }
  return seen;
}

/** Whether `e` is kept by the revisit of `r` by `w` (added no later than `r`, or in the prefix). */
function keptBy(e: GEvent, rStamp: number, prefix: ReadonlySet<EventRef>): boolean {
  return e.stamp <= rStamp || prefix.has(makeRef(e.thread, e.index));
}

/** The writes after `x` in mo (all non-initial writes when `x` is an initial write). */
function moSuccessors(g: ExecutionGraph, x: EventRef): readonly EventRef[] {
  const loc = g.get(x).loc;
  const list = g.mo[loc]!;
  return x < 0 ? list : list.slice(list.indexOf(x) + 1);
}

/** May `w` (just added or just placed) revisit `r`? See the file header. */
export function isMaximalExtension(g: ExecutionGraph, r: EventRef, w: EventRef, prefix: ReadonlySet<EventRef>): boolean {
  const rEv = g.get(r);
  const wEv = g.get(w);
  const rStamp = rEv.stamp;
  const kept = (ref: EventRef): boolean => ref < 0 || keptBy(g.get(ref), rStamp, prefix);

  // Revisits differing only in where w sits among deleted writes are the same graph: take the one
  // where w's immediate mo-successor survives (GenMC: coherenceSuccRemainInGraph).
  if (!wEv.rmwWrite) {
    const succ = moSuccessors(g, w);
    if (succ.length > 0 && !kept(succ[0]!)) return false;
  }

  for (const evs of g.threads) {
    for (const e of evs) {
      const ref = makeRef(e.thread, e.index);
      if (ref !== r && keptBy(e, rStamp, prefix)) continue;
      if (!e.revisitable || !e.addedMax) return false;
      if (e.kind === 'F') continue;
      const source = e.kind === 'R' ? e.rf : ref;
      // the event must read from / be a write mo-after every kept write (other than w)
      for (const s of moSuccessors(g, source)) if (s !== w && kept(s)) return false;
      // a read revisited by a write that the revisit deletes was not added maximally
      if (e.kind === 'R' && source >= 0 && !kept(source) && g.get(source).stamp > e.stamp) return false;
    }
  }
  return true;
}

/** Per thread, how many events a revisit of `r` by `w` keeps (kept events are po-prefixes). */
export function keptCounts(g: ExecutionGraph, r: EventRef, prefix: ReadonlySet<EventRef>): number[] {
  const rStamp = g.get(r).stamp;
  return g.threads.map((evs) => {
    let k = 0;
    while (k < evs.length && keptBy(evs[k]!, rStamp, prefix)) k++;
    for (let i = k; i < evs.length; i++) {
      if (keptBy(evs[i]!, rStamp, prefix)) throw new Error('internal error: kept events are not a po-prefix');
    }
    return k;
  });
}

/** The writes a read of `loc` could read from, in mo order (the initial write first). */
export function writesInMoOrder(g: ExecutionGraph, loc: number): EventRef[] {
  return [initRef(loc), ...g.mo[loc]!];
}
