/**
 * A thread's interpreter state between memory accesses: what it is, how a fresh one is made, and
 * how it is copied (the explorer snapshots a state at every event, so copies are a hot path).
 */
import type { LocId, SiteId } from '../program/ir.js';
import type { RegValue } from '../program/values.js';

/** Why a thread stopped before finishing. */
export type StopReason =
  | { readonly kind: 'assume'; readonly site: SiteId }
  /** A loop iteration that changed nothing: running it again cannot differ (semantics.md). */
  | {
      readonly kind: 'spin';
      readonly site: SiteId;
      /** The thread's first event of that iteration (the reads it would make again). */
      readonly from: number;
    }
  | { readonly kind: 'lock'; readonly site: SiteId }
  | { readonly kind: 'cut'; readonly site: SiteId }
  | { readonly kind: 'fault'; readonly fault: Fault };

/** An assertion failure or a panic of one thread. */
export interface Fault {
  readonly kind: 'assert' | 'panic';
  readonly site: SiteId;
  readonly message: string;
}

export type ThreadStatus = 'running' | 'done' | 'blocked' | 'cut' | 'fault';

/** The state of one thread between memory accesses. */
export interface ThreadState {
  pc: number;
  readonly regs: RegValue[];
  status: ThreadStatus;
  stop: StopReason | null;
  /** Write events issued so far (spin detection compares it across an iteration). */
  writes: number;
  /** Events issued so far, and their number when the innermost loop began its iteration. */
  events: number;
  iterStart: number;
  /** Per loop of this thread: iterations of the current entry. */
  readonly iter: number[];
  /** Per loop of this thread: outer registers and write count at the start of the current iteration. */
  readonly snapRegs: (RegValue[] | null)[];
  readonly snapWrites: number[];
  /** Mutexes held (locations); replaced, never mutated in place, so copies may share it. */
  held: readonly LocId[];
}

/*
 * A state's arrays are packed, and each field's arrays have one elements kind whether empty or
 * not: `new Array(n).fill(v)` is holey, V8 tracks elements kinds per array literal (so counts and
 * snapshots each need their own), and states whose arrays differ in kind make the interpreter's
 * hot code polymorphic.
 */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}
function noSnapshots(n: number): (RegValue[] | null)[] {
  const out: (RegValue[] | null)[] = [];
  for (let i = 0; i < n; i++) out.push(null);
  return out;
}
/** Shared by states without loops; never written. */
const NO_COUNTS: number[] = [];
const NO_SNAPSHOTS: (RegValue[] | null)[] = [null];
NO_SNAPSHOTS.pop(); // an empty list whose elements kind is that of `noSnapshots`'s lists

/** The mutexes held by a thread that holds none (lock and unlock replace the list). */
const NONE: never[] = [];

/** The state of a thread about to run its first instruction. */
export function newState(initRegs: readonly RegValue[], loops: number): ThreadState {
  return {
    pc: 0,
    regs: initRegs.slice(),
    status: 'running',
    stop: null,
    writes: 0,
    events: 0,
    iterStart: 0,
    iter: loops === 0 ? NO_COUNTS : zeros(loops),
    snapRegs: loops === 0 ? NO_SNAPSHOTS : noSnapshots(loops),
    snapWrites: loops === 0 ? NO_COUNTS : zeros(loops),
    held: NONE,
  };
}

/** A copy of a state (the explorer snapshots states to avoid replaying threads). */
export function copyState(s: ThreadState): ThreadState {
  return {
    pc: s.pc,
    regs: s.regs.slice(),
    status: s.status,
    stop: s.stop,
    writes: s.writes,
    events: s.events,
    iterStart: s.iterStart,
    iter: s.iter.length === 0 ? s.iter : s.iter.slice(),
    snapRegs: s.snapRegs.length === 0 ? s.snapRegs : s.snapRegs.slice(),
    snapWrites: s.snapWrites.length === 0 ? s.snapWrites : s.snapWrites.slice(),
    // replaced, never mutated, by lock and unlock: safe to share
    held: s.held,
  };
}

/**
 * Makes `into`, a copy of a state of the same thread, equal to `s` again, reusing its arrays
 * (same lengths: they are per thread). For trial runs, which would otherwise copy at every try.
 */
export function copyStateInto(into: ThreadState, s: ThreadState): void {
  into.pc = s.pc;
  copyArray(into.regs, s.regs);
  into.status = s.status;
  into.stop = s.stop;
  into.writes = s.writes;
  into.events = s.events;
  into.iterStart = s.iterStart;
  copyArray(into.iter, s.iter);
  copyArray(into.snapRegs, s.snapRegs);
  copyArray(into.snapWrites, s.snapWrites);
  into.held = s.held;
}

function copyArray<T>(into: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i]!;
}
