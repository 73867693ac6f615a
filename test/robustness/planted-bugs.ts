/**
 * Checkers with a bug planted on purpose, one per property, to show that each property test can
 * fail: a property that a broken checker also satisfies proves nothing. Each is a small, plausible
 * mistake: an axiom dropped from a model, a mode table that reads SeqCst as Relaxed, a scheduler
 * that gives one thread fewer choices, outcomes listed in the order they were found.
 * No vitest here: used by planted-bugs.test.ts and the differential script's self-check.
 */
import type { LitmusFile } from '../../src/ast.js';
import type { Mode } from '../../src/events/modes.js';
import { Explorer, type ExecutionSink } from '../../src/explore/driver.js';
import type { Execution } from '../../src/graph/execution.js';
import type { ExecutionGraph } from '../../src/graph/graph.js';
import type { Model } from '../../src/models/model.js';
import { declarativeOracle, oracleFor, type Consistency } from '../../src/models/oracle.js';
import { rc11 } from '../../src/models/rc11.js';
import { sc } from '../../src/models/sc.js';
import type { Instr, Program } from '../../src/program/ir.js';
import { exploreWith, lowered, permuteThreads, realExplore, type Explore } from './properties-lib.js';

/** A model minus one of its axioms. */
export function without(model: Model, axiom: string): Model {
  if (!model.axioms.some((a) => a.name === axiom)) throw new Error(`${model.name} has no axiom ${axiom}`);
  return { ...model, axioms: model.axioms.filter((a) => a.name !== axiom) };
}

/** Property 1's bug: SC forgets that an RMW is atomic (its `atomicity` axiom dropped). */
export const scWithoutAtomicity: Explore = (p, model) =>
  model === 'sc' ? exploreWith(p, 'sc', declarativeOracle(without(sc, 'atomicity'))) : realExplore(p, model);

/** Every instruction mode of a program passed through `f` (a program transformation). */
export function mapModes(p: Program, f: (m: Mode) => Mode): Program {
  const rewrite = (i: Instr): Instr => {
    switch (i.op) {
      case 'load':
      case 'store':
      case 'fence':
        return { ...i, mode: f(i.mode) };
      case 'rmw':
        return { ...i, readMode: f(i.readMode), writeMode: f(i.writeMode), failMode: f(i.failMode) };
      default:
        return i;
    }
  };
  return { ...p, threads: p.threads.map((t) => ({ ...t, code: t.code.map(rewrite) })) };
}

/** Property 2's bug: a mode table that reads SeqCst as Relaxed (so Acquire → SeqCst weakens). */
export const seqCstAsRelaxed: Explore = (p, model) => realExplore(mapModes(p, (m) => (m === 'sc' ? 'rlx' : m)), model);

/** Property 3's bug: RC11 without its `sc` axiom (psc acyclic). */
export const rc11WithoutSc: Explore = (p, model) =>
  model === 'rc11' ? exploreWith(p, 'rc11', declarativeOracle(without(rc11, 'sc'))) : realExplore(p, model);

/** An oracle whose reads of the last thread are never offered another write than the latest. */
function lastThreadLatest(inner: Consistency): Consistency {
  return {
    readChoices: (g, r, choices, apply) => (r.thread === g.threads.length - 1 ? [] : inner.readChoices(g, r, choices, apply)),
    writeChoices: (g, w, preds, place) => inner.writeChoices(g, w, preds, place),
    consistentAfter: (g, e) => inner.consistentAfter(g, e),
  };
}

/** Property 4's bug: a scheduler that never lets the last thread read an older write. */
export const lastThreadReadsLatest: Explore = (p, model) => exploreWith(p, model, lastThreadLatest(oracleFor(model, 'fast')));

/**
 * Property 5's bug: final states listed in the order they were found, by an explorer whose
 * thread order depends on a run counter (as parallel workers finishing in any order would).
 */
let runs = 0;
export function discoveryOrderReport(f: LitmusFile): string {
  const n = f.threads.length;
  const shift = runs++ % n;
  const perm = f.threads.map((_, i) => (i + shift) % n);
  const p = lowered(permuteThreads(f, perm, perm.map((i) => f.threads[i]!.name)));
  const found: string[] = [];
  const states = new Set<string>();
  const sink: ExecutionSink = {
    execution(g: ExecutionGraph) {
      const s = lastLocationValues(g, p);
      if (!states.has(s)) found.push(s);
      states.add(s);
    },
  };
  exploreWithSink(p, sink);
  return found.join('\n');
}

function lastLocationValues(g: ExecutionGraph, p: Program): string {
  return p.locations.map((l, loc) => {
    const mo = g.mo[loc] ?? [];
    return `${l.name}=${mo.length > 0 ? String(g.get(mo[mo.length - 1]!).value) : String(l.init)}`;
  }).join(' ');
}

function exploreWithSink(p: Program, sink: ExecutionSink): void {
  new Explorer(p, oracleFor('rc11', 'fast'), sink, { unroll: 4 }).run();
}

/**
 * The differential's bug: RC11 with Acquire read as Relaxed (an acquire event no longer ends a
 * synchronises-with edge; AcqRel and SeqCst keep theirs), as a model the declarative oracle runs.
 */
export function rc11AcquireAsRelaxed(): Model {
  const seen = new WeakMap<Execution, Execution>();
  const view = (x: Execution): Execution => {
    let v = seen.get(x);
    if (!v) {
      const acqrelOrSc = x.atLeastAcq.inter(x.atLeastRel);
      v = Object.create(x, { atLeastAcq: { value: acqrelOrSc } }) as Execution;
      seen.set(x, v);
    }
    return v;
  };
  return { ...rc11, axioms: rc11.axioms.map((a) => ({ ...a, check: (x: Execution) => a.check(view(x)) })) };
}
