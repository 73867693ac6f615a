/**
 * A small relation algebra over the events of one execution, enough to write memory models the
 * way the papers and herd7's cat files do: union, sequence, inverse, transitive closure, identity
 * on a set, and the three checks models use (empty, irreflexive, acyclic).
 *
 * Events are numbered 0..n-1 by the caller. A relation is an n×n bit matrix, one row of 32-bit
 * words per event; executions are small (tens of events), so the dense form is both simple and
 * fast. Every relation remembers how it was built (`def`), so that an edge of a derived relation
 * such as `hb` can be explained as a path of base edges (`po`, `rf`, ...) for "why is this
 * outcome forbidden?".
 */

/** A set of events, as a bit vector. */
export class EventSet {
  readonly words: Uint32Array;
  constructor(readonly n: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((n + 31) >>> 5);
  }
  static of(n: number, pred: (e: number) => boolean): EventSet {
    const s = new EventSet(n);
    for (let e = 0; e < n; e++) if (pred(e)) s.add(e);
    return s;
  }
  has(e: number): boolean {
    return (this.words[e >>> 5]! & (1 << (e & 31))) !== 0;
  }
  add(e: number): void {
    this.words[e >>> 5]! |= 1 << (e & 31);
  }
  union(o: EventSet): EventSet {
    const w = new Uint32Array(this.words.length);
    for (let i = 0; i < w.length; i++) w[i] = this.words[i]! | o.words[i]!;
    return new EventSet(this.n, w);
  }
  isEmpty(): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== 0) return false;
    return true;
  }
  inter(o: EventSet): EventSet {
    const w = new Uint32Array(this.words.length);
    for (let i = 0; i < w.length; i++) w[i] = this.words[i]! & o.words[i]!;
    return new EventSet(this.n, w);
  }
}

/** How a relation was built; leaves carry the base relation's name. */
export type RelDef =
  | { readonly op: 'base' }
  | { readonly op: 'id'; readonly set: EventSet }
  | { readonly op: 'union'; readonly args: readonly Relation[] }
  | { readonly op: 'seq'; readonly args: readonly Relation[] }
  | { readonly op: 'inter'; readonly args: readonly [Relation, Relation] }
  | { readonly op: 'minus'; readonly args: readonly [Relation, Relation] }
  | { readonly op: 'inverse'; readonly arg: Relation }
  | { readonly op: 'plus'; readonly arg: Relation }
  | { readonly op: 'opt'; readonly arg: Relation }
  /** A filter of `arg` by a predicate on pairs (e.g. same location). */
  | { readonly op: 'filter'; readonly arg: Relation };

/** One step of an explanation: an edge of a named relation. */
export interface Step {
  readonly from: number;
  readonly to: number;
  /** Name of the relation the edge belongs to, e.g. `po`, `rf`, `rb`, `sw`. */
  readonly rel: string;
}

/** A binary relation on events 0..n-1. */
export class Relation {
  readonly w: number;
  readonly bits: Uint32Array;
  /** Name shown in explanations; derived relations may be unnamed. */
  name: string | null;

  constructor(
    readonly n: number,
    readonly def: RelDef,
    name: string | null = null,
    bits?: Uint32Array,
  ) {
    this.w = (n + 31) >>> 5;
    this.bits = bits ?? new Uint32Array(n * this.w);
    this.name = name;
  }

  /** A base relation given by its edges. */
  static base(n: number, name: string, edges: Iterable<readonly [number, number]>): Relation {
    const r = new Relation(n, { op: 'base' }, name);
    for (const [a, b] of edges) r.add(a, b);
    return r;
  }

  /** `[S]`: the identity on a set. */
  static id(set: EventSet, name: string | null = null): Relation {
    const r = new Relation(set.n, { op: 'id', set }, name);
    for (let e = 0; e < set.n; e++) if (set.has(e)) r.add(e, e);
    return r;
  }

  has(a: number, b: number): boolean {
    return (this.bits[a * this.w + (b >>> 5)]! & (1 << (b & 31))) !== 0;
  }

  add(a: number, b: number): void {
    this.bits[a * this.w + (b >>> 5)]! |= 1 << (b & 31);
  }

  /** Gives the relation a name, for explanations; returns it. */
  named(name: string): Relation {
    this.name = name;
    return this;
  }

  /** Successors of `a`. */
  *succ(a: number): Generator<number> {
    const base = a * this.w;
    for (let i = 0; i < this.w; i++) {
      let word = this.bits[base + i]!;
      while (word !== 0) {
        const t = word & -word;
        yield (i << 5) + (31 - Math.clz32(t));
        word ^= t;
      }
    }
  }

  *edges(): Generator<[number, number]> {
    for (let a = 0; a < this.n; a++) for (const b of this.succ(a)) yield [a, b];
  }

  isEmpty(): boolean {
    for (let i = 0; i < this.bits.length; i++) if (this.bits[i] !== 0) return false;
    return true;
  }

  union(...others: Relation[]): Relation {
    const r = new Relation(this.n, { op: 'union', args: [this, ...others] });
    r.bits.set(this.bits);
    for (const o of others) for (let i = 0; i < r.bits.length; i++) r.bits[i]! |= o.bits[i]!;
    return r;
  }

  inter(o: Relation): Relation {
    const r = new Relation(this.n, { op: 'inter', args: [this, o] });
    for (let i = 0; i < r.bits.length; i++) r.bits[i] = this.bits[i]! & o.bits[i]!;
    return r;
  }

  minus(o: Relation): Relation {
    const r = new Relation(this.n, { op: 'minus', args: [this, o] });
    for (let i = 0; i < r.bits.length; i++) r.bits[i] = this.bits[i]! & ~o.bits[i]!;
    return r;
  }

  /** `this ; others...` */
  seq(...others: Relation[]): Relation {
    let acc: Relation = this;
    for (const o of others) acc = compose(acc, o);
    const r = new Relation(this.n, { op: 'seq', args: [this, ...others] }, null, acc.bits);
    return r;
  }

  inverse(): Relation {
    const r = new Relation(this.n, { op: 'inverse', arg: this });
    for (const [a, b] of this.edges()) r.add(b, a);
    return r;
  }

  /** `this?`: reflexive closure. */
  opt(): Relation {
    const r = new Relation(this.n, { op: 'opt', arg: this });
    r.bits.set(this.bits);
    for (let e = 0; e < this.n; e++) r.add(e, e);
    return r;
  }

  /** `this+`: transitive closure (Warshall on bit rows). */
  plus(): Relation {
    const r = new Relation(this.n, { op: 'plus', arg: this });
    r.bits.set(this.bits);
    const w = this.w;
    for (let k = 0; k < this.n; k++) {
      const kw = k >>> 5;
      const kb = 1 << (k & 31);
      const kRow = k * w;
      for (let i = 0; i < this.n; i++) {
        if ((r.bits[i * w + kw]! & kb) === 0) continue;
        const iRow = i * w;
        for (let j = 0; j < w; j++) r.bits[iRow + j]! |= r.bits[kRow + j]!;
      }
    }
    return r;
  }

  /** The pairs satisfying a predicate (e.g. same location). */
  filter(pred: (a: number, b: number) => boolean): Relation {
    const r = new Relation(this.n, { op: 'filter', arg: this });
    for (const [a, b] of this.edges()) if (pred(a, b)) r.add(a, b);
    return r;
  }

  /** An event related to itself, or null. */
  reflexivePoint(): number | null {
    for (let e = 0; e < this.n; e++) if (this.has(e, e)) return e;
    return null;
  }

  /** Some edge, or null. */
  someEdge(): [number, number] | null {
    for (const e of this.edges()) return e;
    return null;
  }

  /** A cycle as a list of events (first not repeated at the end), or null when acyclic. */
  findCycle(): number[] | null {
    const color = new Uint8Array(this.n); // 0 white, 1 on stack, 2 done
    const parent = new Int32Array(this.n).fill(-1);
    for (let root = 0; root < this.n; root++) {
      if (color[root] !== 0) continue;
      // iterative DFS keeping successor iterators
      const stack: { node: number; it: Generator<number> }[] = [{ node: root, it: this.succ(root) }];
      color[root] = 1;
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const nx = top.it.next();
        if (nx.done) {
          color[top.node] = 2;
          stack.pop();
          continue;
        }
        const v = nx.value;
        if (color[v] === 1) {
          const cycle = [v];
          for (let u = top.node; u !== v; u = parent[u]!) cycle.push(u);
          cycle.push(v);
          cycle.reverse();
          cycle.pop();
          return cycle;
        }
        if (color[v] === 0) {
          color[v] = 1;
          parent[v] = top.node;
          stack.push({ node: v, it: this.succ(v) });
        }
      }
    }
    return null;
  }
}

function compose(a: Relation, b: Relation): Relation {
  const r = new Relation(a.n, { op: 'base' });
  const w = a.w;
  for (let i = 0; i < a.n; i++) {
    const iRow = i * w;
    for (let wi = 0; wi < w; wi++) {
      let word = a.bits[iRow + wi]!;
      while (word !== 0) {
        const t = word & -word;
        const k = (wi << 5) + (31 - Math.clz32(t));
        word ^= t;
        const kRow = k * w;
        for (let j = 0; j < w; j++) r.bits[iRow + j]! |= b.bits[kRow + j]!;
      }
    }
  }
  return r;
}

/**
 * Explains the edge (a, b) of `r` as a path of steps, expanding derived relations down to named
 * ones. A relation whose name is in `opaque` is shown as one step instead of being expanded.
 */
export function explainEdge(r: Relation, a: number, b: number, opaque: ReadonlySet<string> = new Set()): Step[] {
  if (!r.has(a, b)) throw new Error(`internal error: (${a}, ${b}) is not in ${r.name ?? 'the relation'}`);
  if (r.name !== null && (opaque.has(r.name) || r.def.op === 'base')) return [{ from: a, to: b, rel: r.name }];
  const d = r.def;
  switch (d.op) {
    case 'base':
      return [{ from: a, to: b, rel: r.name ?? '?' }];
    case 'id':
      return [];
    case 'union': {
      const arg = d.args.find((x) => x.has(a, b))!;
      return explainEdge(arg, a, b, opaque);
    }
    case 'inter':
    case 'minus':
      return explainEdge(d.args[0], a, b, opaque);
    case 'filter':
      return explainEdge(d.arg, a, b, opaque);
    case 'inverse':
      return explainEdge(d.arg, b, a, opaque).map((s) => ({ from: s.to, to: s.from, rel: `${s.rel}⁻¹` })).reverse();
    case 'opt':
      return a === b ? [] : explainEdge(d.arg, a, b, opaque);
    case 'plus':
      return pathIn(d.arg, a, b).flatMap(([x, y]) => explainEdge(d.arg, x, y, opaque));
    case 'seq':
      return explainSeq(d.args, a, b, opaque);
  }
}

function explainSeq(args: readonly Relation[], a: number, b: number, opaque: ReadonlySet<string>): Step[] {
  if (args.length === 1) return explainEdge(args[0]!, a, b, opaque);
  const [first, ...rest] = args;
  // reachability of b through the remaining composition, from each middle point
  const tail = rest.length === 1 ? rest[0]! : rest[0]!.seq(...rest.slice(1));
  for (const c of first!.succ(a)) {
    if (tail.has(c, b)) return [...explainEdge(first!, a, c, opaque), ...explainSeq(rest, c, b, opaque)];
  }
  throw new Error('internal error: no witness for a sequence edge');
}

/** A shortest path from a to b in r (at least one edge), as edges. */
function pathIn(r: Relation, a: number, b: number): [number, number][] {
  const prev = new Int32Array(r.n).fill(-1);
  const queue: number[] = [a];
  const seen = new Uint8Array(r.n);
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi]!;
    for (const v of r.succ(u)) {
      if (v === b) {
        const path: [number, number][] = [[u, v]];
        for (let x = u; x !== a; x = prev[x]!) path.push([prev[x]!, x]);
        return path.reverse();
      }
      if (!seen[v]) {
        seen[v] = 1;
        prev[v] = u;
        queue.push(v);
      }
    }
  }
  throw new Error('internal error: no path in a transitive closure');
}
