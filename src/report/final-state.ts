/**
 * The final state of a finished execution, as the report reads it: the values of observed
 * variables and condition terms, propositions over them, and the order of outcomes.
 */
import type { ExecutionGraph } from '../graph/graph.js';
import type { ThreadState } from '../explore/thread-state.js';
import type { CondIR, ObservedVar, TermIR } from '../program/ir.js';
import { compare, isResult, regEquals, showValue, truthy, type RegValue } from '../program/values.js';

/** The final value of an observed register or location. */
export function observedValue(v: ObservedVar, g: ExecutionGraph, states: readonly ThreadState[]): RegValue {
  return v.kind === 'reg' ? states[v.thread]!.regs[v.slot]! : g.get(g.moMax(v.loc)).value;
}

/** The value of a condition term in a finished execution. */
export function termValue(t: TermIR, g: ExecutionGraph, states: readonly ThreadState[]): RegValue {
  switch (t.kind) {
    case 'const':
      return t.value;
    case 'reg':
      return states[t.thread]!.regs[t.slot]!;
    case 'loc':
      return g.get(g.moMax(t.loc)).value;
    case 'test': {
      const v = termValue(t.term, g, states);
      return isResult(v) && v.ok === t.ok ? 1 : 0;
    }
  }
}

/** Evaluates a proposition over the final state. */
export function evalCond(c: CondIR, term: (t: TermIR) => RegValue): boolean {
  switch (c.kind) {
    case 'const':
      return c.value;
    case 'truthy':
      return truthy(term(c.term));
    case 'not':
      return !evalCond(c.arg, term);
    case 'and':
      return evalCond(c.left, term) && evalCond(c.right, term);
    case 'or':
      return evalCond(c.left, term) || evalCond(c.right, term);
    case 'implies':
      return !evalCond(c.left, term) || evalCond(c.right, term);
    case 'compare': {
      const l = term(c.left);
      const r = term(c.right);
      if (c.op === 'eq') return regEquals(l, r);
      if (c.op === 'ne') return !regEquals(l, r);
      if (isResult(l) || isResult(r)) return false;
      const k = compare(l, r);
      return c.op === 'lt' ? k < 0 : c.op === 'le' ? k <= 0 : c.op === 'gt' ? k > 0 : k >= 0;
    }
  }
}

/** Orders outcomes by their values, variable by variable (results by their text). */
export function compareValues(a: readonly RegValue[], b: readonly RegValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (isResult(x) || isResult(y)) {
      const sx = showValue(x);
      const sy = showValue(y);
      if (sx !== sy) return sx < sy ? -1 : 1;
      continue;
    }
    const k = compare(x, y);
    if (k !== 0) return k;
  }
  return 0;
}
