/**
 * Data races (semantics.md, "Data races"): two events conflict if they access the same location
 * from different threads, at least one writes, and neither is an initial write. A conflicting
 * pair with at least one plain (`na`) access that `hb` does not order either way is a data race.
 *
 * Races are judged with RC11's happens-before computed from the orderings in effect, whatever
 * model decides consistency: a race is a property of the program's synchronisation, and under
 * `--model sc` it answers "is this execution racy in the C11/Rust sense?".
 */
import type { Execution } from '../graph/execution.js';
import { makeRef, type EventRef, type ExecutionGraph, type GEvent } from '../graph/graph.js';
import { isAtomic } from '../events/modes.js';
import { rc11Relations } from './rc11.js';
import { happensBefore } from './views.js';

/** A race: two event numbers of the execution, in event order. */
export interface RacePair {
  readonly a: number;
  readonly b: number;
}

export function findRaces(x: Execution): RacePair[] {
  const { hb } = rc11Relations(x);
  const out: RacePair[] = [];
  for (let a = 0; a < x.n; a++) {
    const ea = x.events[a]!;
    if (ea.thread < 0 || ea.kind === 'F') continue;
    for (let b = a + 1; b < x.n; b++) {
      const eb = x.events[b]!;
      if (eb.thread < 0 || eb.thread === ea.thread || eb.kind === 'F' || eb.loc !== ea.loc) continue;
      if (ea.kind !== 'W' && eb.kind !== 'W') continue;
      if (!x.NA.has(a) && !x.NA.has(b)) continue;
      if (hb.has(a, b) || hb.has(b, a)) continue;
      out.push({ a, b });
    }
  }
  return out;
}

/**
 * The same races, from hb views instead of relations: for every location with a plain access,
 * every conflicting pair that no view orders. Pairs are refs, in graph order.
 */
export function findRacesFast(g: ExecutionGraph): [EventRef, EventRef][] {
  const byLoc = new Map<number, GEvent[]>();
  const plain = new Set<number>();
  for (const evs of g.threads) {
    for (const e of evs) {
      if (e.kind === 'F') continue;
      let list = byLoc.get(e.loc);
      if (!list) byLoc.set(e.loc, (list = []));
      list.push(e);
      if (!isAtomic(e.mode)) plain.add(e.loc);
    }
  }
  const out: [EventRef, EventRef][] = [];
  for (const loc of plain) {
    const list = byLoc.get(loc)!;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j]!;
        if (a.thread === b.thread || (a.kind !== 'W' && b.kind !== 'W')) continue;
        if (isAtomic(a.mode) && isAtomic(b.mode)) continue;
        if (happensBefore(g, a, b) || happensBefore(g, b, a)) continue;
        out.push([makeRef(a.thread, a.index), makeRef(b.thread, b.index)]);
      }
    }
  }
  return out;
}
