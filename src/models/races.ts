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
import { rc11Relations } from './rc11.js';

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
