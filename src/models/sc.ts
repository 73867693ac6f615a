/**
 * SC: sequential consistency, i.e. plain interleaving (Lamport 1979), the baseline every weaker
 * outcome is measured against. Every access behaves as SeqCst whatever its written ordering.
 */
import type { Execution } from '../graph/execution.js';
import { Relation } from '../graph/relation.js';
import { acyclic, empty, type Model } from './model.js';

function rb(x: Execution): Relation {
  const identity = Relation.id(x.R.union(x.W).union(x.F).union(x.IW));
  return x.rf.inverse().seq(x.mo).minus(identity).named('rb');
}

export const sc: Model = {
  name: 'sc',
  title: 'Sequential consistency (interleaving)',
  axioms: [
    {
      name: 'sc',
      formula: 'po ∪ rf ∪ mo ∪ rb acyclic',
      check: (x) => acyclic(x.po.union(x.rf, x.mo, rb(x))),
    },
    { name: 'atomicity', formula: 'rmw ∩ (rb ; mo) empty', check: (x) => empty(x.rmw.inter(rb(x).seq(x.mo))) },
  ],
};
