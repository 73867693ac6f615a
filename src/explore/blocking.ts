/**
 * Blocked threads: which graphs with a blocked thread the explorer may abandon, and which
 * choices of a spin's load it need not push, without changing what the exploration reports.
 *
 * A thread blocks in a spin loop (an iteration that changed nothing), on a lock it cannot take,
 * or on a false `assume!`. Plain TruSt explores every graph with such a thread to the end, and
 * counts it as a blocked execution. Three shortcuts, each tested against that plain exploration
 * (test/explore/blocked.test.ts: the same complete executions, outcomes, races and faults):
 *
 * - `frozen`: a blocked thread's read can never be revisited, so every extension stays blocked
 *   (GenMC calls such graphs moot). The graph is abandoned at once; its races and faults so far
 *   are still reported.
 * - `stale`: a finished graph where a thread spins on a value that a later write replaced is no
 *   final state of a run, since a spinning thread sees the latest write sooner or later
 *   (C++ [intro.progress]: stores become visible in finite time). It is not counted as an
 *   execution; the graph where the read reads the latest write is explored in its own right,
 *   and reports the same races and faults, unless a plain access shares a stale read's
 *   location (then this graph reports its own too).
 * - `blockingValues`: the older choices of a spin's load that would block its thread make
 *   graphs `frozen` abandons as soon as they are made; they are not pushed at all.
 *
 * None applies while a thread may still fail an `assume!`: that would discard the extensions,
 * and with them the races and faults abandoning the graph reports.
 */
import type { ExecutionGraph, GEvent } from '../graph/graph.js';
import type { Instr, Program } from '../program/ir.js';
import { plainLocations } from '../program/plain.js';
import type { Value } from '../program/values.js';
import type { Interpreter } from './interpreter.js';
import { copyState, copyStateInto, type ThreadState } from './thread-state.js';

/**
 * What `stale` found: nothing; a stale spin whose graph still reports its races and faults; or
 * one whose graph reports nothing its sibling does not (the graph with the stale reads reading
 * the latest writes: the same other events, explored and reported in its own right, and no plain
 * access races with the stale reads).
 */
export type Stale = 'no' | 'report' | 'quiet';

export class Blocking {
  /** Per thread, whether its code has an `assume!`. */
  private readonly assumes: readonly boolean[];
  /** Per location, 1 when a plain (non-atomic) load or store may access it. */
  private readonly plainLoc: Uint8Array;
  /** Per thread and instruction, 1 inside a loop (all 0 in a thread with an `assume!`). */
  private readonly inLoop: readonly Uint8Array[];
  /** Per thread, a state for trial runs of a load's values, reused (blockingValues). */
  private readonly trial: (ThreadState | undefined)[] = [];

  constructor(
    program: Program,
    private readonly interp: Interpreter,
  ) {
    this.assumes = program.threads.map((th) => th.code.some((ins) => ins.op === 'assume'));
    this.plainLoc = plainLocations(program);
    this.inLoop = program.threads.map((th, t) => loopInstructions(th.code, this.assumes[t]!));
  }

  /**
   * Whether a blocked thread can never be unblocked in any extension of `g`: the read it blocked
   * on is frozen, either read non-maximally or inside a revisiting write's prefix, and a frozen
   * event is never revisited nor deleted (revisits.ts). Complete executions are unaffected.
   */
  frozen(g: ExecutionGraph, states: readonly ThreadState[]): boolean {
    for (let t = 0; t < states.length; t++) {
      if (states[t]!.status !== 'blocked') continue;
      const e = g.last(t);
      if (e !== undefined && e.kind === 'R' && (!e.addedMax || !g.revisitable(e))) return !this.mayStillAssume(states);
    }
    return false;
  }

  /**
   * Whether a thread of the finished graph `g` spins on a stale read: a read of the iteration
   * that spun (or of a lock's failed attempt) reads a write that a later write of its location
   * follows in mo. (An `assume!` reads once: a stale value there is a real outcome.) GenMC does
   * not count such executions either.
   */
  stale(g: ExecutionGraph, states: readonly ThreadState[]): Stale {
    let found: Stale = 'no';
    for (let t = 0; t < states.length; t++) {
      const stop = states[t]!.stop;
      if (stop?.kind !== 'spin' && stop?.kind !== 'lock') continue;
      // the reads of the iteration that spun (it wrote nothing; a failed compare_exchange only
      // reads), or the failed attempt of a lock, which waits as a spin loop would
      const evs = g.threads[t]!;
      for (let i = stop.kind === 'spin' ? stop.from : evs.length - 1; i < evs.length; i++) {
        const e = evs[i]!;
        if (e.kind !== 'R' || e.rmwRead || e.rf === g.moMax(e.loc)) continue;
        if (this.mayStillAssume(states)) return 'no';
        if (this.plainLoc[e.loc] === 1) return 'report';
        found = 'quiet';
      }
    }
    return found;
  }

  /**
   * For the load `ev` thread `t` is about to complete: a test of the values that would leave the
   * thread blocked right after it, or null when its older choices must all be pushed. Reading
   * such a value from an older write makes a graph `frozen` abandons as soon as it is made, and
   * that graph reports nothing its sibling (the load reading the latest write, which goes on)
   * does not: the same other events, the same races among them, and the load itself races with
   * nothing when no plain access shares its location. GenMC drops such choices the same way.
   */
  blockingValues(t: number, ev: GEvent, states: readonly ThreadState[]): ((value: Value) => boolean) | null {
    if (ev.rmw !== null || this.plainLoc[ev.loc] === 1) return null;
    const before = states[t]!;
    // only a load in a loop can be a spin's
    if (this.inLoop[t]![before.pc] !== 1 || this.mayStillAssume(states)) return null;
    let last: Value | null = null;
    let blocks = false;
    return (value) => {
      if (value !== last) {
        let s = this.trial[t];
        if (s === undefined) s = this.trial[t] = copyState(before);
        else copyStateInto(s, before);
        this.interp.completeLoad(t, s, value);
        this.interp.next(t, s);
        last = value;
        blocks = s.status === 'blocked';
      }
      return blocks;
    };
  }

  /**
   * The read thread `t` spins on, when in-place revisiting may move it to a new write
   * (in-place.ts): the thread is blocked in a spin whose iteration made that one read, a plain
   * atomic load of a location no plain access shares, read the canonical way and still
   * revisitable. Otherwise null. A read a backward revisit gave its write (a later one, not in
   * place) is left to the regular revisits: moving it would make again graphs the revisit's
   * maximality test rules out (a duplicate test/explore/blocked.test.ts found, seed 101).
   */
  spinRead(g: ExecutionGraph, states: readonly ThreadState[], t: number): GEvent | null {
    const s = states[t]!;
    if (s.status !== 'blocked' || s.stop?.kind !== 'spin') return null;
    const evs = g.threads[t]!;
    const e = evs[evs.length - 1];
    if (e === undefined || s.stop.from !== e.index || e.kind !== 'R' || e.rmw !== null) return null;
    if (this.plainLoc[e.loc] === 1 || !e.addedMax || !g.revisitable(e)) return null;
    if (!e.inPlace && e.rf >= 0 && g.get(e.rf).stamp > e.stamp) return null;
    return e;
  }

  /**
   * Whether a spin read may be revisited in place in this program (in-place.ts): some thread
   * has a loop, and none an `assume!`. While an `assume!` may still fail, the shortcuts here do
   * not apply, and a read revisited in place for some writes but not for others makes graphs
   * twice (test/explore/blocked.test.ts, seed 101).
   */
  get inPlaceApplies(): boolean {
    return !this.assumes.includes(true) && this.inLoop.some((l) => l.includes(1));
  }

  /** Whether a thread with an `assume!` in its code has not stopped for good yet. */
  private mayStillAssume(states: readonly ThreadState[]): boolean {
    for (let t = 0; t < states.length; t++) {
      if (!this.assumes[t]) continue;
      const s = states[t]!;
      if (s.status === 'running' || (s.status === 'blocked' && s.stop?.kind !== 'assume')) return true;
    }
    return false;
  }
}

/** Per instruction, 1 between a loop's head and its back edge; all 0 when `none`. */
function loopInstructions(code: readonly Instr[], none: boolean): Uint8Array {
  const out = new Uint8Array(code.length);
  if (none) return out;
  let depth = 0;
  code.forEach((ins, i) => {
    if (ins.op === 'loopHead') depth++;
    if (depth > 0) out[i] = 1;
    if (ins.op === 'backEdge') depth--;
  });
  return out;
}
