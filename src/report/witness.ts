/**
 * Witnesses: one execution shown two ways. The graph snapshot (events, rf, mo) feeds `ordo
 * graph` and `ordo why`; the interleaving is what people read: a linearisation the model allows
 * (of po ∪ rf under RC11, of po ∪ rf ∪ mo ∪ rb under SC), each read saying which write it read
 * from and whether that value was already overwritten ("stale") at that point.
 */
import type { Mode } from '../events/modes.js';
import { indexOf, makeRef, threadOf, type EventRef, type ExecutionGraph } from '../graph/graph.js';
import type { Program } from '../program/ir.js';
import { showValue } from '../program/values.js';
import type { ThreadState } from '../explore/thread-state.js';
import type { ExecutionKind, GraphSnapshot, SnapshotEvent, ThreadStop, Witness, WitnessStep } from './types.js';

/** Snapshot ids of a graph's events: initial writes of the locations in use first, then threads. */
export interface SnapshotIds {
  get(r: EventRef): number | undefined;
}

/** Builds the serialisable graph of an execution. */
export function snapshot(program: Program, g: ExecutionGraph): { snap: GraphSnapshot; ids: SnapshotIds } {
  const events: SnapshotEvent[] = [];
  const nlocs = program.locations.length;
  const used = new Uint8Array(nlocs);
  for (const evs of g.threads) for (const e of evs) if (e.loc >= 0) used[e.loc] = 1;
  const initId = new Int32Array(nlocs).fill(-1);
  for (let loc = 0; loc < nlocs; loc++) {
    if (!used[loc]) continue;
    initId[loc] = events.length;
    const l = program.locations[loc]!;
    events.push({ id: events.length, thread: -1, index: loc, kind: 'W', location: l.name, mode: 'init', value: showValue(l.init), line: 0, text: '', rf: null, rmw: false });
  }
  const base: number[] = [];
  let next = events.length;
  for (const evs of g.threads) {
    base.push(next);
    next += evs.length;
  }
  const ids: SnapshotIds = { get: (r) => (r < 0 ? (initId[-1 - r]! >= 0 ? initId[-1 - r]! : undefined) : base[threadOf(r)]! + indexOf(r)) };
  for (const evs of g.threads) {
    for (const e of evs) {
      const site = program.sites[e.site];
      events.push({
        id: events.length,
        thread: e.thread,
        index: e.index,
        kind: e.kind,
        location: e.loc >= 0 ? program.locations[e.loc]!.name : null,
        mode: e.mode,
        value: showValue(e.value),
        line: site?.line ?? 0,
        text: site?.text ?? '',
        rf: e.kind === 'R' ? ids.get(e.rf)! : null,
        rmw: e.rmwRead || e.rmwWrite,
      });
    }
  }
  const mo: { location: string; writes: number[] }[] = [];
  for (let loc = 0; loc < nlocs; loc++) {
    if (!used[loc]) continue;
    const writes = [initId[loc]!];
    for (const w of g.mo[loc]!) writes.push(ids.get(w)!);
    mo.push({ location: program.locations[loc]!.name, writes });
  }
  return { snap: { threads: program.threads.map((t) => t.name), events, mo }, ids };
}

/** How threads that did not finish stopped. */
export function threadStops(program: Program, states: readonly ThreadState[]): ThreadStop[] {
  const out: ThreadStop[] = [];
  states.forEach((s, t) => {
    if (s.status === 'done' || s.status === 'running' || s.stop === null) return;
    const stop = s.stop;
    const site = program.sites[stop.kind === 'fault' ? stop.fault.site : stop.site];
    const base = { thread: t, threadName: program.threads[t]!.name, line: site?.line ?? 0, text: site?.text ?? '' };
    switch (stop.kind) {
      case 'fault':
        out.push({ ...base, kind: stop.fault.kind, message: stop.fault.message });
        break;
      case 'assume':
        out.push({ ...base, kind: 'assume', message: 'blocked: the assumption does not hold' });
        break;
      case 'spin':
        out.push({ ...base, kind: 'spin', message: 'blocked: the loop would spin forever (an iteration that changes nothing)' });
        break;
      case 'lock':
        out.push({ ...base, kind: 'lock', message: 'blocked: the mutex is never released' });
        break;
      case 'cut':
        out.push({ ...base, kind: 'cut', message: 'cut: the loop exceeds the unroll bound (raise it with --unroll)' });
        break;
    }
  });
  return out;
}

/** A witness of the current execution. `sc`: linearise with mo and rb too (an SC interleaving). */
export function witness(program: Program, g: ExecutionGraph, states: readonly ThreadState[], kind: ExecutionKind, sc: boolean): Witness {
  const { snap, ids } = snapshot(program, g);
  const n = snap.events.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  const edge = (a: number, b: number): void => {
    succ[a]!.push(b);
    indeg[b]!++;
  };
  for (let t = 0; t < g.threads.length; t++) {
    const evs = g.threads[t]!;
    for (let i = 1; i < evs.length; i++) edge(ids.get(makeRef(t, i - 1))!, ids.get(makeRef(t, i))!);
  }
  for (const e of snap.events) if (e.rf !== null && snap.events[e.rf]!.thread >= 0) edge(e.rf, e.id);
  if (sc) {
    const moNext = new Int32Array(n).fill(-1);
    for (const m of snap.mo) {
      for (let i = 1; i < m.writes.length; i++) {
        moNext[m.writes[i - 1]!] = m.writes[i]!;
        if (snap.events[m.writes[i - 1]!]!.thread >= 0) edge(m.writes[i - 1]!, m.writes[i]!);
      }
    }
    for (const e of snap.events) if (e.rf !== null && moNext[e.rf]! >= 0) edge(e.id, moNext[e.rf]!);
  }
  // Kahn's algorithm, earliest-added event first (the order the explorer built the execution)
  const stamp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = snap.events[i]!;
    stamp[i] = e.thread < 0 ? -1 : g.threads[e.thread]![e.index]!.stamp;
  }
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (snap.events[i]!.thread >= 0 && indeg[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    let best = 0;
    for (let i = 1; i < ready.length; i++) {
      const a = ready[i]!;
      const b = ready[best]!;
      if (stamp[a]! < stamp[b]! || (stamp[a] === stamp[b] && a < b)) best = i;
    }
    const id = ready[best]!;
    ready[best] = ready[ready.length - 1]!;
    ready.pop();
    order.push(id);
    for (const s of succ[id]!) if (--indeg[s]! === 0) ready.push(s);
  }

  const moPos = new Int32Array(n);
  for (const m of snap.mo) m.writes.forEach((w, i) => (moPos[w] = i));
  const latest = new Map<string, number>();
  const steps: WitnessStep[] = [];
  for (const id of order) {
    const e = snap.events[id]!;
    if (e.kind === 'W' && e.rmw && id > 0 && snap.events[id - 1]!.rmw && snap.events[id - 1]!.thread === e.thread && snap.events[id - 1]!.kind === 'R') {
      latest.set(e.location!, Math.max(latest.get(e.location!) ?? 0, moPos[id]!));
      continue; // shown with its read part
    }
    const threadName = program.threads[e.thread]!.name;
    const base = { event: id, thread: e.thread, threadName, line: e.line, text: e.text, location: e.location, mode: e.mode as Mode };
    if (e.kind === 'F') {
      steps.push({ ...base, kind: 'fence', value: null, written: null, readsFrom: null, stale: false });
    } else if (e.kind === 'W') {
      latest.set(e.location!, Math.max(latest.get(e.location!) ?? 0, moPos[id]!));
      steps.push({ ...base, kind: 'write', value: e.value, written: null, readsFrom: null, stale: false });
    } else {
      const src = snap.events[e.rf!]!;
      const readsFrom = src.thread < 0 ? ({ init: true } as const) : { init: false as const, thread: src.thread, threadName: program.threads[src.thread]!.name, line: src.line };
      const stale = moPos[e.rf!]! < (latest.get(e.location!) ?? 0);
      const next = snap.events[id + 1];
      const isRmw = e.rmw && next !== undefined && next.thread === e.thread && next.kind === 'W' && next.rmw;
      steps.push({ ...base, kind: isRmw ? 'rmw' : 'read', value: e.value, written: isRmw ? next!.value : null, readsFrom, stale });
    }
  }
  return { kind, steps, stops: threadStops(program, states), graph: snap };
}
