/**
 * The threads' interpreter states for the explorer's current graph: each thread's state after
 * its last event, and the access it wants to perform next. Each event carries a snapshot of its
 * thread's state (taken when it was added), so following the graph when it is cut back, or
 * copied by a revisit, only copies snapshots; a thread is re-run from its start only for a graph
 * built without snapshots.
 */
import type { ExecutionGraph, GEvent } from '../graph/graph.js';
import { Interpreter, rmwOutcome, type Request } from './interpreter.js';
import { copyState, type ThreadState } from './thread-state.js';

export class ThreadStates {
  readonly states: ThreadState[] = [];
  readonly pending: Request[] = [];
  /** Per thread, the last event its state has consumed (a state is reused while it is unchanged). */
  private readonly basis: (GEvent | null)[] = [];
  private readonly consumed: number[] = [];
  /**
   * How many threads are blocked, kept only when `countBlocked` is set (by in-place.ts, which
   * has nothing to look for while none is; other explorations do not pay for the count).
   */
  blocked = 0;
  countBlocked = false;

  constructor(private readonly interp: Interpreter) {}

  /** Forgets every thread's state (an exploration starting over). */
  reset(): void {
    this.states.length = 0;
    this.pending.length = 0;
    this.basis.length = 0;
    this.consumed.length = 0;
    this.blocked = 0;
  }

  /** After completing `ev`: snapshot its thread's state on it, then run to the next access. */
  advance(t: number, ev: GEvent): void {
    const s = this.states[t]!;
    ev.snapshot = copyState(s);
    this.pending[t] = this.interp.next(t, s);
    if (this.countBlocked && s.status === 'blocked') this.blocked++;
    this.basis[t] = ev;
    this.consumed[t] = ev.index + 1;
  }

  /**
   * Follows graph `g`: every thread's state after its last event (kept when its events are the
   * same objects as before), and its next access. `upTo` (a read, the last event of its thread)
   * is left pending: its thread stops just before completing it, for the caller to complete with
   * a new value.
   */
  restore(g: ExecutionGraph, upTo?: GEvent): void {
    for (let t = 0; t < g.threads.length; t++) {
      const evs = g.threads[t]!;
      const k = upTo !== undefined && upTo.thread === t ? upTo.index : evs.length;
      const last = k === 0 ? null : evs[k - 1]!;
      if (this.states[t] !== undefined && this.basis[t] === last && this.consumed[t] === k && upTo?.thread !== t) continue;
      const s = this.stateAfter(g, t, k);
      this.states[t] = s;
      this.pending[t] = this.interp.next(t, s);
      this.basis[t] = last;
      this.consumed[t] = k;
    }
    if (!this.countBlocked) return;
    let blocked = 0;
    for (let t = 0; t < this.states.length; t++) if (this.states[t]!.status === 'blocked') blocked++;
    this.blocked = blocked;
  }

  /** Recomputes the snapshot of load `r`, the last event of its thread, after its value changed. */
  reread(g: ExecutionGraph, r: GEvent): void {
    const t = r.thread;
    const s = this.stateAfter(g, t, r.index);
    this.interp.next(t, s);
    this.interp.completeLoad(t, s, r.value);
    r.snapshot = s;
  }

  /** A fresh state of thread `t` after its first `k` events: from a snapshot when there is one. */
  private stateAfter(g: ExecutionGraph, t: number, k: number): ThreadState {
    if (k === 0) return this.interp.initialState(t);
    const snap = g.threads[t]![k - 1]!.snapshot as ThreadState | null;
    return snap !== null ? copyState(snap) : this.replay(g, t, k);
  }

  /** Re-runs thread `t` over its first `k` events, feeding reads their recorded values. */
  private replay(g: ExecutionGraph, t: number, k: number): ThreadState {
    const s = this.interp.initialState(t);
    const evs = g.threads[t]!;
    for (let i = 0; i < k; i++) {
      const e = evs[i]!;
      const req = this.interp.next(t, s);
      if (req.kind === 'stop') throw new Error(`internal error: replay of thread ${t} stopped before event ${i}`);
      if (req.kind === 'read') {
        if (e.kind !== 'R' || e.loc !== req.loc) throw new Error('internal error: replay diverged at a read');
        if (req.rmw === null) this.interp.completeLoad(t, s, e.value);
        else {
          const o = rmwOutcome(req.rmw, e.value, e.spurious);
          this.interp.completeRmw(t, s, o);
          if (o.writes) i++; // the write part is the next event
        }
      } else if (req.kind === 'write') {
        if (e.kind !== 'W' || e.loc !== req.loc) throw new Error('internal error: replay diverged at a write');
        this.interp.completeWrite(t, s);
      } else {
        this.interp.completeFence(t, s);
      }
    }
    return s;
  }
}
