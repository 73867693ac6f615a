/**
 * SC, fast: `po ∪ rf ∪ mo ∪ rb` acyclic and atomicity, checked by one depth-first search over
 * the graph's events with only the covering edges (next in po, rf, next in mo, and from each
 * read to the write after the one it read), which have the same transitive closure.
 */
import type { EventRef, ExecutionGraph, GEvent } from '../graph/graph.js';
import type { Consistency } from './consistency.js';
import { atomicityHolds } from './rc11-fast.js';

export function scAcyclic(g: ExecutionGraph): boolean {
  const T = g.threads.length;
  const base = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) base[t + 1] = base[t]! + g.threads[t]!.length;
  const n = base[T]!;
  const id = (r: EventRef): number => base[Math.floor(r / (1 << 20))]! + (r % (1 << 20));
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (let t = 0; t < T; t++) {
    const evs = g.threads[t]!;
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i]!;
      const me = base[t]! + i;
      if (i + 1 < evs.length) succ[me]!.push(me + 1);
      if (e.kind === 'R') {
        if (e.rf >= 0) succ[id(e.rf)]!.push(me);
        const order = g.mo[e.loc]!;
        const next = order[e.rf < 0 ? 0 : order.indexOf(e.rf) + 1];
        if (next !== undefined) succ[me]!.push(id(next));
      }
    }
  }
  for (const order of g.mo) for (let i = 1; i < order.length; i++) succ[id(order[i - 1]!)]!.push(id(order[i]!));
  // iterative DFS, colours 0 white, 1 on the stack, 2 done
  const colour = new Uint8Array(n);
  const stack: number[] = [];
  const pos: number[] = [];
  for (let root = 0; root < n; root++) {
    if (colour[root] !== 0) continue;
    stack.push(root);
    pos.push(0);
    colour[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const k = pos[pos.length - 1]!;
      const out = succ[top]!;
      if (k === out.length) {
        colour[top] = 2;
        stack.pop();
        pos.pop();
        continue;
      }
      pos[pos.length - 1] = k + 1;
      const v = out[k]!;
      if (colour[v] === 1) return false;
      if (colour[v] === 0) {
        colour[v] = 1;
        stack.push(v);
        pos.push(0);
      }
    }
  }
  return true;
}

export const scFast: Consistency = {
  readChoices(g, _r: GEvent, choices, apply) {
    return choices.filter((c) => {
      apply(c);
      return scAcyclic(g);
    });
  },
  writeChoices(g, _w, preds, place) {
    return preds.filter((p) => {
      place(p);
      return atomicityHolds(g) && scAcyclic(g);
    });
  },
  consistentAfter: (g) => atomicityHolds(g) && scAcyclic(g),
};
