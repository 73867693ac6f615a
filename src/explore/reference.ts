/**
 * The reference enumerator: generate every candidate execution, keep those the model accepts
 * (herd7's method). Slow and obviously correct, it is the yardstick the optimal explorer is
 * tested against (exploration.md, "How we know it is right").
 *
 * 1. Values: each location's possible values are found by iterating to a fixpoint: run every
 *    thread with reads returning any known value, collect what gets written, repeat.
 * 2. Paths: each thread's event sequences, one per choice of values for its reads.
 * 3. Candidates: every combination of one path per thread, every `rf` (a read reads a write of
 *    its location with the value it read), every `mo` (every order of each location's writes,
 *    the initial write first).
 * 4. Test: the model's axioms.
 *
 * It shares the interpreter and the models with the explorer on purpose: what it checks is the
 * exploration algorithm. It gives up (throws `ReferenceLimit`) on programs too big for it.
 */
import { initRef, makeRef, NO_REF, type EventRef, ExecutionGraph, type GEvent } from '../graph/graph.js';
import type { Program } from '../program/ir.js';
import type { Value } from '../program/values.js';
import type { ExecutionSink } from './driver.js';
import { canFailSpuriously, Interpreter, rmwOutcome } from './interpreter.js';
import { copyState, type ThreadState } from './thread-state.js';

export class ReferenceLimit extends Error {}

interface Path {
  readonly events: readonly GEvent[];
  readonly state: ThreadState;
}

export interface ReferenceOptions {
  readonly unroll: number;
  /**
   * Leave out candidates every model rejects outright (a read of a po-later write, mo against a
   * thread's own order, an RMW split in mo), default true. `why` turns it off: it must show the
   * axiom that rejects each candidate.
   */
  readonly prune?: boolean;
  /** Give up beyond this many candidate executions (default 2,000,000). */
  readonly maxCandidates?: number;
  /** Polled as candidates are generated; true gives up (throws ReferenceLimit). */
  readonly shouldStop?: () => boolean;
}

/** Calls `sink.execution` once per consistent execution; returns how many there were. */
export function enumerateReference(program: Program, consistent: (g: ExecutionGraph) => boolean, sink: ExecutionSink, options: ReferenceOptions): number {
  let found = 0;
  forEachCandidate(program, options, (g, states) => {
    if (!consistent(g)) return;
    found++;
    sink.execution(g, states);
  });
  return found;
}

/**
 * Calls `visit` once per candidate execution, consistent or not (`ordo why` explains the
 * inconsistent ones). The graph is reused between calls.
 */
export function forEachCandidate(program: Program, options: ReferenceOptions, visit: (g: ExecutionGraph, states: readonly ThreadState[]) => void): void {
  const interp = new Interpreter(program, options.unroll);
  const domains = valueDomains(program, interp);
  const paths = program.threads.map((_, t) => threadPaths(interp, t, domains));
  const shape = { threads: program.threads.length, initValues: program.locations.map((l) => l.init) };
  const maxCandidates = options.maxCandidates ?? 2_000_000;
  const prune = options.prune ?? true;
  let candidates = 0;

  // A read's value must be written by someone: the initial write, a chosen path, or some path
  // of a thread still to choose. Checking that while choosing prunes the product of paths.
  const key = (loc: number, v: Value): string => `${loc}:${String(v)}`;
  const mayWrite = paths.map((ps) => new Set(ps.flatMap((p) => p.events.filter((e) => e.kind === 'W').map((e) => key(e.loc, e.value)))));
  const laterMayWrite = paths.map((_, t) => new Set(mayWrite.slice(t + 1).flatMap((s) => [...s])));
  const chosen: Path[] = [];
  const written = new Map<string, number>();
  const supplied = (t: number): boolean => {
    for (const p of chosen) {
      for (const e of p.events) {
        if (e.kind !== 'R') continue;
        const k = key(e.loc, e.value);
        if (program.locations[e.loc]!.init !== e.value && !written.has(k) && !laterMayWrite[t]!.has(k)) return false;
      }
    }
    return true;
  };
  let combos = 0;
  const pickPaths = (t: number): void => {
    if ((++combos & 1023) === 0 && options.shouldStop?.()) throw new ReferenceLimit('stopped');
    if (t === paths.length) {
      candidatesOf(chosen);
      return;
    }
    for (const p of paths[t]!) {
      chosen.push(p);
      const mine = p.events.filter((e) => e.kind === 'W').map((e) => key(e.loc, e.value));
      for (const k of mine) written.set(k, (written.get(k) ?? 0) + 1);
      if (supplied(t)) pickPaths(t + 1);
      for (const k of mine) written.set(k, written.get(k)! - 1 || 0);
      for (const k of mine) if (written.get(k) === 0) written.delete(k);
      chosen.pop();
    }
  };

  const candidatesOf = (ps: readonly Path[]): void => {
    const g = new ExecutionGraph(shape, ps.map((p) => p.events.map((e) => ({ ...e }))));
    const reads: GEvent[] = [];
    const writesByLoc = new Map<number, EventRef[]>();
    for (const e of g.events()) {
      if (e.kind === 'R') reads.push(e);
      if (e.kind === 'W') {
        const list = writesByLoc.get(e.loc) ?? [];
        list.push(makeRef(e.thread, e.index));
        writesByLoc.set(e.loc, list);
      }
    }
    // rf choices per read: same location, same value
    const rfChoices = reads.map((r) =>
      [initRef(r.loc), ...(writesByLoc.get(r.loc) ?? [])].filter((w) => g.get(w).value === r.value && !sameRmw(r, w)),
    );
    if (rfChoices.some((c) => c.length === 0)) return;
    const locs = [...writesByLoc.keys()];
    const states = ps.map((p) => p.state);

    const pickRf = (i: number): void => {
      if (i === reads.length) {
        pickMo(0);
        return;
      }
      for (const w of rfChoices[i]!) {
        // reading a po-later write of one's own thread closes a po ∪ rf cycle: no model allows it
        if (prune && w >= 0 && g.get(w).thread === reads[i]!.thread && g.get(w).index > reads[i]!.index) continue;
        reads[i]!.rf = w;
        pickRf(i + 1);
      }
    };
    const pickMo = (li: number): void => {
      if (li === locs.length) {
        g.invalidateViews();
        if (++candidates > maxCandidates) throw new ReferenceLimit(`more than ${maxCandidates} candidate executions`);
        if ((candidates & 255) === 0 && options.shouldStop?.()) throw new ReferenceLimit('stopped');
        visit(g, states);
        return;
      }
      const loc = locs[li]!;
      for (const order of prune ? coherentOrders(g, writesByLoc.get(loc)!) : permutations(writesByLoc.get(loc)!)) {
        g.mo[loc] = order;
        pickMo(li + 1);
      }
    };
    pickRf(0);
  };

  pickPaths(0);
}

/** A read cannot read from its own RMW's write part. */
function sameRmw(r: GEvent, w: EventRef): boolean {
  return w === makeRef(r.thread, r.index + 1);
}

/**
 * Possible values of each location, by rounds: round k knows every value a write can produce
 * when its thread's reads return values known after round k-1. A value of a real execution is
 * produced by a chain of writes through po ∪ rf, which is acyclic, so it is known once the rounds
 * exceed the number of writes an execution can contain. Values of cyclic (thin-air) chains may
 * also appear: harmless, since a candidate must still match values and pass the model.
 */
function valueDomains(program: Program, interp: Interpreter): Value[][] {
  const domains = program.locations.map((l) => [l.init]);
  for (let round = 0; ; round++) {
    let grew = false;
    let writesPerExecution = 0;
    for (let t = 0; t < program.threads.length; t++) {
      let maxWrites = 0;
      for (const p of threadPaths(interp, t, domains)) {
        let writes = 0;
        for (const e of p.events) {
          if (e.kind !== 'W') continue;
          writes++;
          if (!domains[e.loc]!.includes(e.value)) {
            domains[e.loc]!.push(e.value);
            grew = true;
          }
        }
        maxWrites = Math.max(maxWrites, writes);
      }
      writesPerExecution += maxWrites;
    }
    if (!grew || round > writesPerExecution) return domains;
    if (round > 64) throw new ReferenceLimit('too many rounds of value discovery');
  }
}

/** Every path of one thread, reads returning any value of their location's domain. */
function threadPaths(interp: Interpreter, t: number, domains: readonly Value[][]): Path[] {
  const out: Path[] = [];
  const walk = (s: ThreadState, events: GEvent[]): void => {
    if (out.length > 200_000) throw new ReferenceLimit('too many paths');
    const req = interp.next(t, s);
    const ev = (kind: GEvent['kind'], loc: number, mode: GEvent['mode'], site: number): GEvent => ({
      thread: t, index: events.length, kind, loc, mode, value: 0, rf: NO_REF, rmw: null, rmwRead: false,
      rmwWrite: false, spurious: false, site, stamp: 0, addedMax: true, inPlace: false, view: null, relView: null, snapshot: null,
    });
    switch (req.kind) {
      case 'stop':
        out.push({ events, state: s });
        return;
      case 'write': {
        const e = ev('W', req.loc, req.mode, req.site);
        e.value = req.value;
        interp.completeWrite(t, s);
        walk(s, [...events, e]);
        return;
      }
      case 'fence':
        interp.completeFence(t, s);
        walk(s, [...events, ev('F', -1, req.mode, req.site)]);
        return;
      case 'read':
        for (const v of domains[req.loc]!) {
          const spec = req.rmw;
          for (const spurious of spec !== null && canFailSpuriously(spec, v) ? [false, true] : [false]) {
            const s2 = copyState(s);
            const r: GEvent = { ...ev('R', req.loc, req.mode, req.site), rmw: spec, value: v, spurious };
            if (spec === null) {
              interp.completeLoad(t, s2, v);
              walk(s2, [...events, r]);
              continue;
            }
            const o = rmwOutcome(spec, v, spurious);
            r.mode = o.readMode;
            r.rmwRead = o.writes;
            interp.completeRmw(t, s2, o);
            if (!o.writes) {
              walk(s2, [...events, r]);
              continue;
            }
            const w: GEvent = { ...ev('W', req.loc, spec.writeMode, req.site), index: events.length + 1, rmwWrite: true, value: o.writeValue };
            walk(s2, [...events, r, w]);
          }
        }
        return;
    }
  };
  walk(interp.initialState(t), []);
  return out;
}

/**
 * The orders of a location's writes worth testing: every permutation, less those that both
 * models reject outright, so the product over locations stays small. A thread's writes to one
 * location keep their program order (else hb ; mo is cyclic), and an RMW's write comes right
 * after the write its read part read (atomicity). The model still checks everything.
 */
function* coherentOrders(g: ExecutionGraph, writes: readonly EventRef[]): Generator<EventRef[]> {
  const rmwSource = new Map<EventRef, EventRef>(); // rmw write part -> the write its read read
  for (const w of writes) {
    const e = g.get(w);
    if (e.rmwWrite) rmwSource.set(w, g.get(makeRef(e.thread, e.index - 1)).rf);
  }
  const order: EventRef[] = [];
  const used = new Set<EventRef>();
  function* place(): Generator<EventRef[]> {
    if (order.length === writes.length) {
      yield [...order];
      return;
    }
    const prev = order.length === 0 ? initRef(g.get(writes[0]!).loc) : order[order.length - 1]!;
    for (const w of writes) {
      if (used.has(w)) continue;
      const e = g.get(w);
      // program order among the thread's own writes to this location
      if (writes.some((x) => !used.has(x) && x !== w && g.get(x).thread === e.thread && g.get(x).index < e.index)) continue;
      const src = rmwSource.get(w);
      if (src !== undefined && src !== prev) continue;
      // if some RMW read prev, its write part must come next
      if (src === undefined && [...rmwSource].some(([rw, s]) => s === prev && !used.has(rw))) continue;
      used.add(w);
      order.push(w);
      yield* place();
      order.pop();
      used.delete(w);
    }
  }
  yield* place();
}

function* permutations<T>(xs: readonly T[]): Generator<T[]> {
  if (xs.length <= 1) {
    yield [...xs];
    return;
  }
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of permutations(rest)) yield [xs[i]!, ...p];
  }
}
