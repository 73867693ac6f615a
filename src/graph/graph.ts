/**
 * The execution graph: events per thread in program order (`po`), the write each read reads
 * from (`rf`), and one modification order per location (`mo`). Nothing else is stored; every
 * other relation is derived by the models (GenMC's ExecutionGraph keeps the same primitives).
 *
 * Events are named by `EventRef` numbers: `thread * STRIDE + index` for thread events, and
 * `-1 - loc` for the initial write of location `loc`. A ref stays valid when the graph is cut
 * back or copied, because the explorer only ever removes po-suffixes of threads.
 *
 * The explorer's bookkeeping for optimal exploration (the order events were added, whether each
 * was added maximally, whether it may still be revisited) lives on the events too, since it is
 * per event and copied with the graph; models never read it.
 */
import type { EventKind } from '../events/kinds.js';
import type { Mode } from '../events/modes.js';
import type { LocId, RmwOp, SiteId } from '../program/ir.js';
import type { IntKind, Value } from '../program/values.js';

export type EventRef = number;

/** Events per thread are limited to STRIDE - 1; threads to 2047 (lowering allows far fewer). */
export const STRIDE = 1 << 20;
const SHIFT = 20;
const MASK = STRIDE - 1;
/**
 * The rf of a read not yet given a write. Kept inside V8's small-integer range (31 bits) so that
 * `rf` stays a small-integer field: a number outside it makes V8 store every event's rf as a
 * boxed double, read through a pointer and allocated again on each copy. It would be the
 * initial write of location 2^30 - 1, far beyond any program lowering accepts.
 */
export const NO_REF: EventRef = -(2 ** 30);

export function makeRef(thread: number, index: number): EventRef {
  return (thread << SHIFT) | index;
}
export function initRef(loc: LocId): EventRef {
  return -1 - loc;
}
export function isInitRef(r: EventRef): boolean {
  return r < 0;
}
export function threadOf(r: EventRef): number {
  return r < 0 ? -1 : r >>> SHIFT;
}
export function indexOf(r: EventRef): number {
  return r < 0 ? -1 - r : r & MASK;
}

/** What an RMW read needs to decide, from the value it reads, whether and what it writes. */
export interface RmwSpec {
  readonly op: RmwOp | { readonly kind: 'lock' };
  /** swap/fetch operand; cas expected; addUnless addend */
  readonly a: Value;
  /** cas desired; addUnless "unless" */
  readonly b: Value;
  readonly type: IntKind;
  readonly readMode: Mode;
  readonly writeMode: Mode;
  readonly failMode: Mode;
}

/** One event of the graph. */
export interface GEvent {
  readonly thread: number;
  readonly index: number;
  readonly kind: EventKind;
  /** Location for reads and writes; -1 for fences. */
  readonly loc: LocId;
  /** For an RMW read the mode depends on success (set with rf); otherwise fixed. */
  mode: Mode;
  /** Writes: the value written. Reads: the value read (the rf write's value). */
  value: Value;
  /** Reads: the write read from. */
  rf: EventRef;
  /** Reads issued by an RMW instruction (whether or not it wrote); null otherwise. */
  readonly rmw: RmwSpec | null;
  /** A read whose RMW wrote: the next event of the thread is its write part. */
  rmwRead: boolean;
  /** The write part of an RMW (its read is the previous event). */
  readonly rmwWrite: boolean;
  /** A weak compare_exchange that failed although it read the expected value. */
  spurious: boolean;
  readonly site: SiteId;
  /** Explorer bookkeeping: when the event was added (order ≤G of TruSt). */
  stamp: number;
  /** Explorer bookkeeping: added the canonical way (read mo-latest, placed mo-last). */
  addedMax: boolean;
  /**
   * Explorer bookkeeping: a spin's read that a later write revisited in place (in-place.ts). Its
   * write has a later stamp, so cutting the graph back may remove it: the read then reads the
   * latest write left.
   */
  inPlace: boolean;
  /**
   * Model cache: RC11's happens-before view of the event (per thread, the last index that
   * happens before or is it), and for writes the view a release sequence carries to readers.
   * Cleared when the event's rf changes; shared (immutable) between graph copies.
   */
  view: Int32Array | null;
  relView: Int32Array | null;
  /**
   * Explorer cache: the thread's interpreter state right after this event (immutable; copied
   * before use), so that cutting the graph back never re-runs a thread from its start.
   */
  snapshot: object | null;
}

/** The shape of a program the graph needs: thread count and initial memory. */
export interface GraphShape {
  readonly threads: number;
  readonly initValues: readonly Value[];
}

export class ExecutionGraph {
  readonly threads: GEvent[][];
  /** Per location, the non-initial writes in modification order (the init write is first). */
  readonly mo: EventRef[][];
  readonly inits: readonly GEvent[];
  /**
   * Explorer bookkeeping: per thread, the last index that may no longer be revisited (it was in
   * the po ∪ rf prefix of a write that revisited a read). Such prefixes are po-prefixes, so one
   * index per thread records them.
   */
  readonly barrier: Int32Array;
  /**
   * Per location, its reads in the order they were added (so cutting the graph back removes a
   * suffix of each list): the explorer asks for a location's reads at every write, and a long
   * execution has many events of other locations.
   */
  readonly reads: EventRef[][];

  constructor(readonly shape: GraphShape, threads?: GEvent[][], mo?: EventRef[][], barrier?: Int32Array, reads?: EventRef[][]) {
    this.threads = threads ?? eventLists(shape.threads);
    this.mo = mo ?? refLists(shape.initValues.length);
    this.inits = initEvents(shape);
    this.barrier = barrier ?? new Int32Array(shape.threads).fill(-1);
    if (reads !== undefined) this.reads = reads;
    else {
      const all: GEvent[] = [];
      for (const evs of this.threads) for (const e of evs) if (e.kind === 'R') all.push(e);
      all.sort((a, b) => a.stamp - b.stamp);
      this.reads = refLists(shape.initValues.length);
      for (const e of all) this.reads[e.loc]!.push(makeRef(e.thread, e.index));
    }
  }

  /** May the event still be revisited? */
  revisitable(e: GEvent): boolean {
    return e.index > this.barrier[e.thread]!;
  }

  get(r: EventRef): GEvent {
    if (r < 0) return this.inits[-1 - r]!;
    return this.threads[r >>> SHIFT]![r & MASK]!;
  }

  has(r: EventRef): boolean {
    if (r < 0) return -1 - r < this.inits.length;
    const t = r >>> SHIFT;
    return t < this.threads.length && (r & MASK) < this.threads[t]!.length;
  }

  /** Number of events in a thread. */
  size(thread: number): number {
    return this.threads[thread]!.length;
  }

  last(thread: number): GEvent | undefined {
    const evs = this.threads[thread]!;
    return evs[evs.length - 1];
  }

  /** Appends an event to its thread; returns its ref. */
  append(e: GEvent): EventRef {
    const evs = this.threads[e.thread]!;
    if (e.index !== evs.length) throw new Error('internal error: events are appended in program order');
    evs.push(e);
    const r = makeRef(e.thread, e.index);
    if (e.kind === 'R') this.reads[e.loc]!.push(r);
    return r;
  }

  /** Position of a write in mo: -1 for the init write. */
  moIndex(w: EventRef): number {
    if (w < 0) return -1;
    const i = this.mo[this.get(w).loc]!.indexOf(w);
    if (i < 0) throw new Error('internal error: write not in mo');
    return i;
  }

  /** The mo-latest write of a location (the init write when there is no other). */
  moMax(loc: LocId): EventRef {
    const list = this.mo[loc]!;
    return list.length === 0 ? initRef(loc) : list[list.length - 1]!;
  }

  /** Inserts write `w` right after `pred` (a write of the same location, or its init) in mo. */
  insertMoAfter(w: EventRef, pred: EventRef): void {
    const loc = this.get(w).loc;
    const list = this.mo[loc]!;
    const at = pred < 0 ? 0 : list.indexOf(pred) + 1;
    if (pred >= 0 && at === 0) throw new Error('internal error: mo predecessor missing');
    // by hand rather than splice: the explorer does this for every write and every placement
    list.push(w);
    for (let i = list.length - 1; i > at; i--) list[i] = list[i - 1]!;
    list[at] = w;
  }

  /** Moves `w` to right after `pred` in mo. */
  moveMoAfter(w: EventRef, pred: EventRef): void {
    const list = this.mo[this.get(w).loc]!;
    const from = list.indexOf(w);
    if (from < 0) throw new Error('internal error: write not in mo');
    let to = pred < 0 ? 0 : list.indexOf(pred) + 1;
    if (pred >= 0 && to === 0) throw new Error('internal error: mo predecessor missing');
    if (to > from) to--; // its place once w is taken out
    for (let i = from; i < to; i++) list[i] = list[i + 1]!;
    for (let i = from; i > to; i--) list[i] = list[i - 1]!;
    list[to] = w;
  }

  /** All events in a deterministic order: threads in order, each in po. */
  *events(): Generator<GEvent> {
    for (const evs of this.threads) yield* evs;
  }

  /** Reads of `loc` that read from `w`. */
  readersOf(w: EventRef): EventRef[] {
    const loc = this.get(w).loc;
    const out: EventRef[] = [];
    for (const evs of this.threads) for (const e of evs) if (e.kind === 'R' && e.loc === loc && e.rf === w) out.push(makeRef(e.thread, e.index));
    return out;
  }

  /** Forgets every cached view (after changing rf of arbitrary reads, as the reference does). */
  invalidateViews(): void {
    for (const evs of this.threads) for (const e of evs) {
      e.view = null;
      e.relView = null;
    }
  }

  /** Total number of thread events. */
  eventCount(): number {
    let n = 0;
    for (const evs of this.threads) n += evs.length;
    return n;
  }

  /** Removes every event added after `stamp` (these are po-suffixes of threads). */
  cutAfter(stamp: number): void {
    const threads = this.threads;
    for (let t = 0; t < threads.length; t++) {
      const evs = threads[t]!;
      // pop, not `length =`: a cut removes a few events, and setting the length is a runtime call
      while (evs.length > 0 && evs[evs.length - 1]!.stamp > stamp) evs.pop();
    }
    keepPresent(this.mo, threads);
    for (const list of this.reads) {
      while (list.length > 0 && (list[list.length - 1]! & MASK) >= threads[list[list.length - 1]! >>> SHIFT]!.length) list.pop();
    }
  }

  /**
   * A copy keeping, in each thread, the first `keep[t]` events (po-prefixes). Events are shared
   * with this graph, not copied: the caller copies (`own`) those it is about to change. The
   * explorer can share them because a graph's events only change in the context that created
   * them, and a copy's context always ends before its parent's resumes.
   */
  copyPrefix(keep: readonly number[]): ExecutionGraph {
    const threads: GEvent[][] = [];
    for (let t = 0; t < this.threads.length; t++) threads.push(this.threads[t]!.slice(0, keep[t]!));
    return new ExecutionGraph(this.shape, threads, present(this.mo, threads), this.barrier.slice(), present(this.reads, threads));
  }

  /** Replaces event `r` by a private copy (before changing it in a graph that shares events). */
  own(r: EventRef): GEvent {
    const evs = this.threads[threadOf(r)]!;
    const e = copyEvent(evs[indexOf(r)]!);
    evs[indexOf(r)] = e;
    return e;
  }

  /** A full copy, sharing nothing mutable. */
  clone(): ExecutionGraph {
    const g = this.copyPrefix(this.threads.map((evs) => evs.length));
    for (const evs of g.threads) for (let i = 0; i < evs.length; i++) evs[i] = copyEvent(evs[i]!);
    return g;
  }
}

/**
 * A copy of an event, written out field by field in the order the explorer's events are built
 * (driver.ts, `newEvent`): a spread copy is slower, and its object can get another hidden class.
 */
function copyEvent(e: GEvent): GEvent {
  return {
    thread: e.thread,
    index: e.index,
    kind: e.kind,
    loc: e.loc,
    mode: e.mode,
    value: e.value,
    rf: e.rf,
    rmw: e.rmw,
    rmwRead: e.rmwRead,
    rmwWrite: e.rmwWrite,
    spurious: e.spurious,
    site: e.site,
    stamp: e.stamp,
    addedMax: e.addedMax,
    inPlace: e.inPlace,
    view: e.view,
    relView: e.relView,
    snapshot: e.snapshot,
  };
}

/*
 * `n` empty lists, in a packed array. The graph's arrays are all built by pushing: `new Array(n)`
 * is holey, and so is `map`'s result once TurboFan inlines it, and graphs whose arrays differ in
 * elements kind make every graph method polymorphic (V8 deoptimizes them while warming up).
 * Events and refs get an array literal each: V8 tracks elements kinds per literal, and once a
 * shared literal's lists had held events, its ref lists would start out as object lists too.
 */
function eventLists(n: number): GEvent[][] {
  const out: GEvent[][] = [];
  for (let i = 0; i < n; i++) out.push([]);
  return out;
}
function refLists(n: number): EventRef[][] {
  const out: EventRef[][] = [];
  for (let i = 0; i < n; i++) out.push([]);
  return out;
}

/** Copies of lists of refs without those of events not in `threads` (kept in order). */
function present(lists: readonly EventRef[][], threads: readonly GEvent[][]): EventRef[][] {
  const out: EventRef[][] = [];
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    const kept: EventRef[] = [];
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if ((r & MASK) < threads[r >>> SHIFT]!.length) kept.push(r);
    }
    out.push(kept);
  }
  return out;
}

/** Removes, from each list of refs, those of events no longer in `threads` (kept in order). */
function keepPresent(lists: EventRef[][], threads: readonly GEvent[][]): void {
  for (const list of lists) {
    let j = 0;
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if ((r & MASK) < threads[r >>> SHIFT]!.length) list[j++] = r;
    }
    while (list.length > j) list.pop();
  }
}

const initCache = new WeakMap<GraphShape, readonly GEvent[]>();

function initEvents(shape: GraphShape): readonly GEvent[] {
  let inits = initCache.get(shape);
  if (!inits) {
    inits = shape.initValues.map(
      (value, loc): GEvent => ({
        thread: -1,
        index: loc,
        kind: 'W',
        loc,
        mode: 'na',
        value,
        rf: NO_REF,
        rmw: null,
        rmwRead: false,
        rmwWrite: false,
        spurious: false,
        site: -1,
        stamp: 0,
        addedMax: true,
        inPlace: false,
        view: null,
        relView: null,
        snapshot: null,
      }),
    );
    initCache.set(shape, inits);
  }
  return inits;
}
