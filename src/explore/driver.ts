/**
 * The exploration driver: enumerates every consistent execution graph of a program exactly once
 * (TruSt, Kokologiannakis et al., POPL 2022, as implemented by GenMC), with memory bounded by
 * the size of one execution.
 *
 * Shape: events are added one at a time, leftmost runnable thread first. A read first reads the
 * mo-latest write and pushes every other consistent choice as a work item; a write is first
 * placed mo-last, pushes its other consistent placements, and then pushes a *backward revisit*
 * for every earlier read it could be read by, when that revisit passes the maximality test
 * (revisits.ts). Work items are replayed by cutting the graph back to the stamp of their event.
 * A backward revisit removes events from the middle of the order, so it starts a new context
 * (a graph copy with its own work list); contexts form a stack, as GenMC's executions do.
 * Graphs with a thread blocked for good, or spinning on a stale value, are cut short
 * (blocking.ts).
 *
 * The driver never asks which model it runs: it asks a `Consistency` oracle.
 */
import type { Mode } from '../events/modes.js';
import { initRef, NO_REF, type EventRef, type ExecutionGraph, type GEvent } from '../graph/graph.js';
import type { Consistency, ReadChoice } from '../models/oracle.js';
import type { Program } from '../program/ir.js';

export type { Consistency } from '../models/oracle.js';
import { canFailSpuriously, Interpreter, Interrupted, rmwOutcome, type Request } from './interpreter.js';
import { ThreadStates } from './threads.js';
import { Blocking } from './blocking.js';
import { InPlace, InPlaceUnsound, rmwConflict } from './in-place.js';

export { InPlaceUnsound } from './in-place.js';
import { giveAll, giveOldest, unpackSubtree, type SubtreeTask, type WorkItem, type WorkStack } from './subtree.js';
import { keptCounts, porfPrefix, revisitsOf, settledRmwSources, writesInMoOrder, type Scratch } from './revisits.js';
import { ExecutionGraph as Graph } from '../graph/graph.js';
import type { ExecutionSink, ExploreOptions, ExploreStats } from './api.js';

export type { ExecutionSink, ExploreOptions, ExploreStats } from './api.js';

/** A graph and its pending work items (a backward revisit starts a new one). */
type Context = WorkStack;

export class Explorer {
  private readonly interp: Interpreter;
  private readonly contexts: Context[] = [];
  private readonly threads: ThreadStates;
  /** Buffers reused by prefix and revisit computations (never two at once). */
  private readonly scratch: Scratch;
  private stamp = 0;
  /** Which blocked graphs and choices may be skipped (blocking.ts). */
  private readonly blocking: Blocking;
  /** In-place revisiting of spin reads (in-place.ts); null when blocked graphs are not pruned. */
  private inPlace: InPlace | null;
  readonly stats: ExploreStats = { executions: 0, dropped: 0, pruned: 0, complete: true };

  constructor(
    readonly program: Program,
    private readonly oracle: Consistency,
    private readonly sink: ExecutionSink,
    private readonly options: ExploreOptions,
  ) {
    this.interp = new Interpreter(program, options.unroll, () => this.options.shouldStop?.() ?? false);
    this.scratch = { prefix: new Int32Array(program.threads.length), kept: [] };
    this.threads = new ThreadStates(this.interp);
    this.blocking = new Blocking(program, this.interp);
    const canRestart = sink.restart !== undefined || options.inPlaceDecisions !== undefined;
    const inPlace = options.pruneBlocked !== false && options.inPlace !== false && canRestart && this.blocking.inPlaceApplies;
    this.inPlace = inPlace ? new InPlace(program, this.interp, this.threads, oracle, this.blocking, options.inPlaceDecisions) : null;
  }

  /** Explores everything (or until `shouldStop`). */
  run(): ExploreStats {
    try {
      return this.stoppable(() => this.explore());
    } catch (e) {
      // shared decisions: whoever shares them starts every explorer over
      if (!(e instanceof InPlaceUnsound) || this.options.inPlaceDecisions !== undefined) throw e;
    }
    // start over without it (in-place.ts says when it does not apply)
    this.inPlace = null;
    this.threads.countBlocked = false;
    this.contexts.length = 0;
    this.stamp = 0;
    Object.assign(this.stats, { executions: 0, dropped: 0, pruned: 0, complete: true });
    this.threads.reset();
    this.sink.restart!();
    return this.stoppable(() => this.explore());
  }

  /** Explores the subtree below a work item another explorer gave away (see subtree.ts). */
  runTask(task: SubtreeTask): ExploreStats {
    const { graph, item } = unpackSubtree(task, this.interp);
    this.inPlace?.adopt();
    this.contexts.push({ graph, items: [item] });
    this.stamp = Math.max(this.stamp, task.stamp);
    return this.stoppable(() => this.loop());
  }

  /** Runs `body`; a stop (`shouldStop`) ends it early and marks the exploration incomplete. */
  private stoppable(body: () => void): ExploreStats {
    try {
      body();
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      this.stats.complete = false;
    }
    return this.stats;
  }

  /** Gives away the oldest work item with its graph (subtree.ts); null when there is none to give. */
  donate(): SubtreeTask | null {
    return giveOldest(this.contexts);
  }

  /**
   * Gives away every work item left, oldest first, after `pause` ended `run` early: the tasks
   * together cover what the exploration had left, and this explorer has nothing left.
   */
  drain(): SubtreeTask[] {
    return giveAll(this.contexts);
  }

  private explore(): void {
    const shape = { threads: this.program.threads.length, initValues: this.program.locations.map((l) => l.init) };
    const g = new Graph(shape);
    this.contexts.push({ graph: g, items: [] });
    this.threads.restore(g);
    this.extend();
    this.loop();
  }

  private loop(): void {
    while (this.contexts.length > 0) {
      this.options.betweenItems?.();
      if (this.options.shouldStop?.()) {
        this.stats.complete = false;
        return;
      }
      if (this.options.pause?.()) return;
      const ctx = this.contexts[this.contexts.length - 1]!;
      const item = ctx.items.pop();
      if (item === undefined) {
        this.contexts.pop();
        continue;
      }
      if (this.apply(ctx, item)) this.extend();
    }
  }

  private get ctx(): Context {
    return this.contexts[this.contexts.length - 1]!;
  }

  /** Adds events until every thread has stopped; then reports the execution. */
  private extend(): void {
    for (let step = 1; ; step++) {
      // a long execution (thousands of events) is itself a long step: poll inside it too
      if ((step & 255) === 0 && this.options.shouldStop?.()) throw new Interrupted();
      if (this.options.pruneBlocked !== false && this.blocking.frozen(this.ctx.graph, this.threads.states)) {
        this.stats.pruned++;
        this.sink.pruned?.(this.ctx.graph, this.threads.states);
        return;
      }
      const t = firstRunnable(this.threads.pending);
      if (t < 0) break;
      const req = this.threads.pending[t]!;
      let ok: boolean;
      switch (req.kind) {
        case 'read':
          ok = this.addRead(t, req);
          break;
        case 'write':
          ok = this.addWrite(t, req);
          break;
        case 'fence':
          ok = this.addFence(t, req);
          break;
        case 'stop':
          throw new Error('internal error: scheduled a stopped thread');
      }
      if (!ok) {
        this.stats.dropped++;
        return;
      }
    }
    const stale = this.options.pruneBlocked === false ? 'no' : this.blocking.stale(this.ctx.graph, this.threads.states);
    if (stale !== 'no') {
      this.stats.pruned++;
      if (stale === 'report') this.sink.pruned?.(this.ctx.graph, this.threads.states);
      return;
    }
    this.stats.executions++;
    this.sink.execution(this.ctx.graph, this.threads.states);
  }

  private newEvent(t: number, kind: GEvent['kind'], loc: number, mode: Mode, site: number, rmw: GEvent['rmw'], rmwWrite = false): GEvent {
    return {
      thread: t,
      index: this.ctx.graph.size(t),
      kind,
      loc,
      mode,
      value: 0,
      rf: NO_REF,
      rmw,
      rmwRead: false,
      rmwWrite,
      spurious: false,
      site,
      stamp: ++this.stamp,
      addedMax: true,
      inPlace: false,
      view: null,
      relView: null,
      snapshot: null,
    };
  }

  private addRead(t: number, req: Extract<Request, { kind: 'read' }>): boolean {
    const g = this.ctx.graph;
    const ev = this.newEvent(t, 'R', req.loc, req.mode, req.site, req.rmw);
    const r = g.append(ev);
    const max = g.moMax(req.loc);
    // every consistent (write, spurious) choice other than the canonical one is a work item
    const choices: ReadChoice[] = [];
    const order = g.mo[req.loc]!;
    const settled = req.rmw !== null ? settledRmwSources(g, ev, this.scratch.prefix) : null;
    for (let i = -1; i < order.length; i++) {
      const w = i < 0 ? initRef(req.loc) : order[i]!;
      const variants = this.variants(ev, w);
      for (let k = 0; k < variants.length; k++) {
        const spurious = variants[k]!;
        if (w === max && !spurious) continue;
        // an RMW that writes after a write a settled RMW read could never be made atomic
        if (settled !== null && settled.has(w) && rmwOutcome(ev.rmw!, g.get(w).value, spurious).writes) continue;
        choices.push({ write: w, spurious });
      }
    }
    const ok = this.oracle.readChoices(g, ev, choices, (c) => this.setRf(g, ev, c.write, c.spurious));
    const blocks = this.options.pruneBlocked === false ? null : this.blocking.blockingValues(t, ev, this.threads.states);
    for (let i = 0; i < ok.length; i++) {
      const c = ok[i]!;
      if (blocks !== null && blocks(g.get(c.write).value)) continue;
      this.ctx.items.push({ kind: 'read', read: r, write: c.write, spurious: c.spurious });
    }
    this.setRf(g, ev, max, false);
    return this.completeRead(t, ev);
  }

  /** Spurious-failure variants of reading `w`: [false], or [false, true] for a weak CAS. */
  private variants(ev: GEvent, w: EventRef): readonly boolean[] {
    return ev.rmw !== null && canFailSpuriously(ev.rmw, this.ctx.graph.get(w).value) ? BOTH : NOT_SPURIOUS;
  }

  private setRf(g: ExecutionGraph, ev: GEvent, w: EventRef, spurious: boolean): void {
    ev.view = null;
    ev.rf = w;
    ev.value = g.get(w).value;
    ev.spurious = spurious;
    if (ev.rmw !== null) ev.mode = rmwOutcome(ev.rmw, ev.value, spurious).readMode;
  }

  /** Gives a read's value to its thread; for an RMW that writes, adds the write part. */
  private completeRead(t: number, ev: GEvent): boolean {
    const s = this.threads.states[t]!;
    if (ev.rmw === null) {
      this.interp.completeLoad(t, s, ev.value);
      this.threads.advance(t, ev);
      return true;
    }
    const o = rmwOutcome(ev.rmw, ev.value, ev.spurious);
    ev.mode = o.readMode;
    ev.rmwRead = o.writes;
    this.interp.completeRmw(t, s, o);
    if (!o.writes) {
      this.threads.advance(t, ev);
      return true;
    }
    const g = this.ctx.graph;
    const wEv = this.newEvent(t, 'W', ev.loc, ev.rmw.writeMode, ev.site, null, true);
    wEv.value = o.writeValue;
    const w = g.append(wEv);
    g.insertMoAfter(w, ev.rf);
    this.threads.advance(t, wEv);
    // Revisits first: the graph may violate atomicity now (two RMWs read the same write), and
    // only a revisit of the other RMW repairs that.
    this.pushRevisits(w, this.inPlace !== null && rmwConflict(g, ev));
    return this.oracle.consistentAfter(g, wEv);
  }

  private addWrite(t: number, req: Extract<Request, { kind: 'write' }>): boolean {
    const g = this.ctx.graph;
    const ev = this.newEvent(t, 'W', req.loc, req.mode, req.site, null);
    ev.value = req.value;
    const w = g.append(ev);
    const preds = writesInMoOrder(g, req.loc);
    const max = preds[preds.length - 1]!;
    g.insertMoAfter(w, preds[0]!);
    const ok = this.oracle.writeChoices(g, ev, preds.slice(0, -1), (p) => g.moveMoAfter(w, p));
    for (let i = 0; i < ok.length; i++) this.ctx.items.push({ kind: 'write', write: w, pred: ok[i]! });
    g.moveMoAfter(w, max);
    this.interp.completeWrite(t, this.threads.states[t]!);
    this.threads.advance(t, ev);
    this.pushRevisits(w);
    return true;
  }

  private addFence(t: number, req: Extract<Request, { kind: 'fence' }>): boolean {
    const ev = this.newEvent(t, 'F', -1, req.mode, req.site, null);
    this.ctx.graph.append(ev);
    this.interp.completeFence(t, this.threads.states[t]!);
    this.threads.advance(t, ev);
    return true;
  }


  /**
   * Pushes the backward revisits of the new (or newly placed) write `w`, after revisiting in
   * place the spin reads it unblocks. `conflict`: `w` is an RMW's write that breaks atomicity.
   */
  private pushRevisits(w: EventRef, conflict = false): void {
    if (this.inPlace !== null) {
      this.inPlace.checkOrdered(this.ctx.graph, w);
      this.inPlace.revisit(this.ctx.graph, w);
    }
    revisitsOf(this.ctx.graph, w, this.scratch, this.ctx.items, conflict);
  }

  /** Cuts `g` back to `stamp`; reads revisited in place whose write is cut read the latest left. */
  private cut(g: ExecutionGraph, stamp: number): void {
    g.cutAfter(stamp);
    this.inPlace?.repair(g);
  }

  /** Applies a work item to the current context; false when the result is inconsistent. */
  private apply(ctx: Context, item: WorkItem): boolean {
    const g = ctx.graph;
    switch (item.kind) {
      case 'read': {
        this.cut(g, g.get(item.read).stamp);
        const ev = g.get(item.read);
        this.setRf(g, ev, item.write, item.spurious);
        ev.addedMax = false;
        ev.inPlace = false;
        ev.rmwRead = false;
        this.threads.restore(g, ev);
        return this.completeRead(ev.thread, ev) || this.drop();
      }
      case 'write': {
        const ev = g.get(item.write);
        this.cut(g, ev.stamp);
        g.moveMoAfter(item.write, item.pred);
        this.inPlace?.repair(g, item.write);
        ev.addedMax = false;
        this.threads.restore(g);
        this.pushRevisits(item.write);
        return true;
      }
      case 'backward': {
        this.cut(g, g.get(item.write).stamp);
        // scratch buffers: the prefix is done with before completeRead needs them again
        const prefix = porfPrefix(g, item.write, this.scratch.prefix);
        const copy = g.copyPrefix(keptCounts(g, item.read, prefix, this.scratch.kept));
        prefix.forEach((last, t) => {
          if (last > copy.barrier[t]!) copy.barrier[t] = last;
        });
        this.inPlace?.repair(copy);
        const rEv = copy.own(item.read);
        this.setRf(copy, rEv, item.write, item.spurious);
        rEv.rmwRead = false;
        rEv.inPlace = false;
        rEv.addedMax = item.write === copy.moMax(rEv.loc) && !item.spurious;
        this.contexts.push({ graph: copy, items: [] });
        this.threads.restore(copy, rEv);
        // Check the revisited read before completing it: completing an RMW pushes the revisits
        // of its write part, and revisits pushed from an inconsistent graph would keep the
        // inconsistency in graphs that are only checked around their own changes.
        if (!this.oracle.consistentAfter(copy, rEv)) return this.drop();
        return this.completeRead(rEv.thread, rEv) || this.drop();
      }
    }
  }

  private drop(): false {
    this.stats.dropped++;
    return false;
  }
}

/** The leftmost thread that has an access to make, or -1 (a loop: this runs at every step). */
function firstRunnable(pending: readonly Request[]): number {
  for (let t = 0; t < pending.length; t++) if (pending[t]!.kind !== 'stop') return t;
  return -1;
}

/** The spurious-failure variants of a read (shared: one is asked for at every write a read may take). */
const NOT_SPURIOUS: readonly boolean[] = [false];
const BOTH: readonly boolean[] = [false, true];
