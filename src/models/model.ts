/**
 * What a memory model is to Ordo: a list of named axioms over the relations of an execution.
 * A model decides whether a candidate execution is consistent and, when it is not, which axiom
 * fails and on which events, so that "why is this outcome forbidden?" has an answer.
 *
 * How to add a model: write `models/NAME.ts` exporting a `Model` whose axioms read like the
 * paper (derive the relations with their paper names, then the axioms), register it in
 * `registry.ts`, add its name to `ModelName` in ast.ts and to the expectation grammar, and add
 * catalogue expectations for it. The explorer never asks which model it runs.
 */
import type { ModelName } from '../ast.js';
import type { Execution } from '../graph/execution.js';
import { explainEdge, type Relation, type Step } from '../graph/relation.js';

/** Evidence that an axiom fails. */
export type Witness =
  /** `acyclic r` fails: a cycle of r. */
  | { readonly kind: 'cycle'; readonly rel: Relation; readonly events: readonly number[] }
  /** `irreflexive r` fails: an event related to itself. */
  | { readonly kind: 'reflexive'; readonly rel: Relation; readonly event: number }
  /** `empty r` fails: an edge of r. */
  | { readonly kind: 'edge'; readonly rel: Relation; readonly from: number; readonly to: number };

export interface Axiom {
  readonly name: string;
  /** The axiom as the paper writes it, e.g. `hb ; eco? irreflexive`. */
  readonly formula: string;
  readonly check: (x: Execution) => Witness | null;
}

export interface Model {
  readonly name: ModelName;
  readonly title: string;
  readonly axioms: readonly Axiom[];
}

/** A failed axiom with its witness. */
export interface Violation {
  readonly axiom: string;
  readonly formula: string;
  readonly witness: Witness;
}

/** The first axiom that fails, or null when the execution is consistent. */
export function firstViolation(model: Model, x: Execution): Violation | null {
  for (const a of model.axioms) {
    const w = a.check(x);
    if (w) return { axiom: a.name, formula: a.formula, witness: w };
  }
  return null;
}

/** Every failing axiom. */
export function allViolations(model: Model, x: Execution): Violation[] {
  const out: Violation[] = [];
  for (const a of model.axioms) {
    const w = a.check(x);
    if (w) out.push({ axiom: a.name, formula: a.formula, witness: w });
  }
  return out;
}

export function isConsistent(model: Model, x: Execution): boolean {
  return firstViolation(model, x) === null;
}

/** `irreflexive r` */
export function irreflexive(r: Relation): Witness | null {
  const e = r.reflexivePoint();
  return e === null ? null : { kind: 'reflexive', rel: r, event: e };
}

/** `acyclic r` */
export function acyclic(r: Relation): Witness | null {
  const c = r.findCycle();
  return c === null ? null : { kind: 'cycle', rel: r, events: c };
}

/** `empty r` */
export function empty(r: Relation): Witness | null {
  const e = r.someEdge();
  return e === null ? null : { kind: 'edge', rel: r, from: e[0], to: e[1] };
}

/**
 * The witness as a closed path of named edges, expanding derived relations (e.g. `hb` into `po`
 * and `sw` steps) except those named in `opaque`.
 */
export function explainWitness(w: Witness, opaque: ReadonlySet<string> = new Set()): Step[] {
  switch (w.kind) {
    case 'cycle': {
      const steps: Step[] = [];
      for (let i = 0; i < w.events.length; i++) {
        steps.push(...explainEdge(w.rel, w.events[i]!, w.events[(i + 1) % w.events.length]!, opaque));
      }
      return steps;
    }
    case 'reflexive':
      return explainEdge(w.rel, w.event, w.event, opaque);
    case 'edge':
      return explainEdge(w.rel, w.from, w.to, opaque);
  }
}
