/**
 * RC11: Repaired C11 (Lahav, Vafeiadis, Kang, Hur, Dreyer, PLDI 2017), the default model.
 * Read it beside the paper's Fig. 1 / herd7's rc11.cat: the derived relations carry their paper
 * names, then come the four axioms.
 *
 * Notation: `[S]` is `Relation.id(S)`, `;` is `.seq`, `?` is `.opt()`, `+` is `.plus()`,
 * `r|loc` is `sameLoc(r)`, `r|≠loc` is `diffLoc(r)`.
 */
import type { Execution } from '../graph/execution.js';
import { Relation } from '../graph/relation.js';
import { acyclic, empty, irreflexive, type Model } from './model.js';

/** The derived relations of RC11 for one execution. */
export interface Rc11Relations {
  readonly rb: Relation;
  readonly eco: Relation;
  readonly rs: Relation;
  readonly sw: Relation;
  readonly hb: Relation;
  readonly scb: Relation;
  readonly psc_base: Relation;
  readonly psc_F: Relation;
  readonly psc: Relation;
}

const cache = new WeakMap<Execution, Rc11Relations>();

/** Derives RC11's relations (memoised per execution). */
export function rc11Relations(x: Execution): Rc11Relations {
  const hit = cache.get(x);
  if (hit) return hit;
  const { po, rf, mo, rmw } = x;
  const id = (s: Parameters<typeof Relation.id>[0]) => Relation.id(s);
  const sameLoc = (r: Relation) => r.filter(x.sameLoc);
  const identity = Relation.id(x.R.union(x.W).union(x.F).union(x.IW));

  // rb = rf⁻¹ ; mo   (minus identity)
  const rb = rf.inverse().seq(mo).minus(identity).named('rb');
  // eco = (rf ∪ mo ∪ rb)+
  const eco = rf.union(mo, rb).plus().named('eco');
  // rs = [W] ; po|loc? ; [W ⊒ rlx] ; (rf ; rmw)*
  const rs = id(x.W).seq(sameLoc(po).opt(), id(x.W.inter(x.atLeastRlx)), rf.seq(rmw).plus().opt()).named('rs');
  // sw = [E ⊒ rel] ; ([F] ; po)? ; rs ; rf ; [R ⊒ rlx] ; (po ; [F])? ; [E ⊒ acq]
  const sw = id(x.atLeastRel)
    .seq(id(x.F).seq(po).opt(), rs, rf, id(x.R.inter(x.atLeastRlx)), po.seq(id(x.F)).opt(), id(x.atLeastAcq))
    .named('sw');
  // hb = (po ∪ sw)+
  const hb = po.union(sw).plus().named('hb');
  const { scb, psc_base, psc_F, psc } = pscOf(x, hb, rb, () => eco);
  const rels = { rb, eco, rs, sw, hb, scb, psc_base, psc_F, psc };
  cache.set(x, rels);
  return rels;
}

/**
 * The SC part of RC11, given `hb` and `rb` (so the fast checker can supply `hb` from views):
 *   scb      = po ∪ po|≠loc ; hb ; po|≠loc ∪ hb|loc ∪ mo ∪ rb
 *   psc_base = ([E sc] ∪ [F sc] ; hb?) ; scb ; ([E sc] ∪ hb? ; [F sc])
 *   psc_F    = [F sc] ; (hb ∪ hb ; eco ; hb) ; [F sc]
 *   psc      = psc_base ∪ psc_F
 */
export function pscOf(x: Execution, hb: Relation, rb: Relation, eco: () => Relation): Pick<Rc11Relations, 'scb' | 'psc_base' | 'psc_F' | 'psc'> {
  const { po, mo } = x;
  const id = (s: Parameters<typeof Relation.id>[0]) => Relation.id(s);
  const sameLoc = (r: Relation) => r.filter(x.sameLoc);
  const diffLoc = (r: Relation) => r.filter((a, b) => !x.sameLoc(a, b));
  const scb = po.union(diffLoc(po).seq(hb, diffLoc(po)), sameLoc(hb), mo, rb).named('scb');
  const Fsc = x.F.inter(x.SC);
  const psc_base = id(x.SC)
    .union(id(Fsc).seq(hb.opt()))
    .seq(scb, id(x.SC).union(hb.opt().seq(id(Fsc))))
    .named('psc_base');
  // psc_F needs eco, a transitive closure: only computed when there are SC fences
  const psc_F = (Fsc.isEmpty() ? new Relation(x.n, { op: 'base' }) : id(Fsc).seq(hb.union(hb.seq(eco(), hb)), id(Fsc))).named('psc_F');
  const psc = psc_base.union(psc_F).named('psc');
  return { scb, psc_base, psc_F, psc };
}

export const rc11: Model = {
  name: 'rc11',
  title: 'RC11 (Lahav et al., PLDI 2017)',
  axioms: [
    { name: 'coherence', formula: 'hb ; eco? irreflexive', check: (x) => irreflexive(rc11Relations(x).hb.seq(rc11Relations(x).eco.opt())) },
    {
      name: 'atomicity',
      formula: 'rmw ∩ (rb ; mo) empty',
      check: (x) => empty(x.rmw.inter(rc11Relations(x).rb.seq(x.mo))),
    },
    { name: 'sc', formula: 'psc acyclic', check: (x) => acyclic(rc11Relations(x).psc) },
    { name: 'no-thin-air', formula: 'po ∪ rf acyclic', check: (x) => acyclic(x.po.union(x.rf)) },
  ],
};
