/**
 * The thread interpreter: runs one thread's instructions up to its next memory access and hands
 * that access to the exploration driver as a `Request`. It knows nothing of models or graphs:
 * the driver answers a read with a value, and the interpreter carries on.
 *
 * It also decides when a thread stops: finished, blocked (a failed `assume!`, a spin iteration,
 * a lock held by another thread), cut by the loop bound, or faulted (assertion failure, panic).
 */
import { assertNever, type Mode } from '../events/modes.js';
import type { RmwSpec } from '../graph/graph.js';
import type { Address, Instr, LocId, Operand, Program, SiteId, ThreadCode } from '../program/ir.js';
import { bitNot, isResult, neg, regEquals, truthy, wrap, type RegValue, type Value } from '../program/values.js';
import { binary, type RmwOutcome } from './ops.js';
import { uniformCode } from './uniform.js';

export { canFailSpuriously, rmwOutcome, type RmwOutcome } from './ops.js';

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

/** A memory access the thread wants to perform next. */
export type Request =
  | { readonly kind: 'read'; readonly loc: LocId; readonly mode: Mode; readonly site: SiteId; readonly rmw: RmwSpec | null }
  | { readonly kind: 'write'; readonly loc: LocId; readonly value: Value; readonly mode: Mode; readonly site: SiteId }
  | { readonly kind: 'fence'; readonly mode: Mode; readonly site: SiteId }
  /** The thread stopped (finished, blocked, cut or faulted); see its state. */
  | { readonly kind: 'stop' };

/** The request of a stopped thread (one object: requests are immutable). */
const STOP: Request = { kind: 'stop' };

/** Thrown out of a long computation when the exploration must stop (a limit, Ctrl-C). */
export class Interrupted extends Error {
  constructor() {
    super('exploration interrupted');
  }
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

export class Interpreter {
  /** Per global loop id, its index among its thread's loops. */
  private readonly local: Int32Array;
  private readonly loopsOf: number[];
  /** Per thread, its code with every instruction in one object shape (uniform.ts). */
  private readonly code: (readonly Instr[])[] = [];

  /**
   * Per thread and instruction, the request it always makes, once made: a load or fence at a
   * fixed location, an RMW with constant operands. Requests are immutable, and building one at
   * every step was a good part of the explorer's allocation.
   */
  private readonly fixed: (Request | undefined)[][] = [];

  /** Instructions run since the last poll of `stop`. */
  private steps = 0;

  constructor(
    readonly program: Program,
    /** Iterations a `while`/`loop` may run before the execution is cut. */
    readonly unroll: number,
    /**
     * Polled every million instructions: a thread can compute for long without touching
     * memory (a `for` loop with a huge constant bound), and limits must still be honoured.
     */
    private readonly stop: () => boolean = () => false,
  ) {
    this.local = new Int32Array(program.loops.length);
    this.loopsOf = program.threads.map(() => 0);
    program.loops.forEach((l, i) => (this.local[i] = this.loopsOf[l.thread]!++));
    for (const t of program.threads) {
      this.code.push(uniformCode(t.code));
      const none: (Request | undefined)[] = [];
      for (let i = 0; i < t.code.length; i++) none.push(undefined);
      this.fixed.push(none);
    }
  }

  initialState(thread: number): ThreadState {
    const t = this.program.threads[thread]!;
    const nloops = this.loopsOf[thread]!;
    return {
      pc: 0,
      regs: t.initRegs.slice(),
      status: 'running',
      stop: null,
      writes: 0,
      events: 0,
      iterStart: 0,
      iter: nloops === 0 ? NO_COUNTS : zeros(nloops),
      snapRegs: nloops === 0 ? NO_SNAPSHOTS : noSnapshots(nloops),
      snapWrites: nloops === 0 ? NO_COUNTS : zeros(nloops),
      held: NONE,
    };
  }

  /** Runs until the next memory access (returned) or until the thread stops. */
  next(thread: number, s: ThreadState): Request {
    const code = this.code[thread]!;
    while (s.status === 'running') {
      if (++this.steps >= 1 << 20) {
        this.steps = 0;
        if (this.stop()) throw new Interrupted();
      }
      const ins = code[s.pc]!;
      switch (ins.op) {
        case 'nop':
          s.pc++;
          break;
        case 'const':
          s.regs[ins.dst] = ins.value;
          s.pc++;
          break;
        case 'move':
          s.regs[ins.dst] = val(s, ins.src);
          s.pc++;
          break;
        case 'unary': {
          const a = val(s, ins.a);
          s.regs[ins.dst] = ins.fn === 'not' ? (truthy(a) ? 0 : 1) : ins.fn === 'neg' ? neg(int(a)) : bitNot(int(a));
          s.pc++;
          break;
        }
        case 'binary': {
          const r = binary(ins.fn, val(s, ins.a), val(s, ins.b));
          if (typeof r === 'string') return this.fault(s, 'panic', ins.site, r);
          s.regs[ins.dst] = r;
          s.pc++;
          break;
        }
        case 'jump':
          s.pc = ins.target;
          break;
        case 'branch':
          s.pc = truthy(val(s, ins.cond)) ? s.pc + 1 : ins.ifFalse;
          break;
        case 'load': {
          const known = this.fixed[thread]![s.pc];
          if (known !== undefined) return known;
          const loc = this.resolve(s, ins.addr, ins.site);
          if (loc < 0) return STOP;
          return this.keep(thread, s.pc, ins.addr.index === null, { kind: 'read', loc, mode: ins.mode, site: ins.site, rmw: null });
        }
        case 'store': {
          const loc = this.resolve(s, ins.addr, ins.site);
          if (loc < 0) return STOP;
          const value = wrap(int(val(s, ins.value)), this.program.locations[loc]!.type);
          return { kind: 'write', loc, value, mode: ins.mode, site: ins.site };
        }
        case 'rmw': {
          const known = this.fixed[thread]![s.pc];
          if (known !== undefined) return known;
          const loc = this.resolve(s, ins.addr, ins.site);
          if (loc < 0) return STOP;
          const type = this.program.locations[loc]!.type;
          const rmw: RmwSpec = {
            op: ins.rmw,
            a: wrap(int(val(s, ins.a)), type),
            b: ins.b === null ? 0 : wrap(int(val(s, ins.b)), type),
            type,
            readMode: ins.readMode,
            writeMode: ins.writeMode,
            failMode: ins.failMode,
          };
          const fixed = ins.addr.index === null && ins.a.k === 'c' && (ins.b === null || ins.b.k === 'c');
          return this.keep(thread, s.pc, fixed, { kind: 'read', loc, mode: ins.readMode, site: ins.site, rmw });
        }
        case 'fence':
          return this.fixed[thread]![s.pc] ?? this.keep(thread, s.pc, true, { kind: 'fence', mode: ins.mode, site: ins.site });
        case 'lock': {
          const loc = this.resolve(s, ins.addr, ins.site);
          if (loc < 0) return STOP;
          if (s.held.includes(loc)) return this.fault(s, 'panic', ins.site, 'deadlock: this thread already holds the mutex');
          const rmw: RmwSpec = {
            op: { kind: 'lock' },
            a: 0,
            b: 1,
            type: this.program.locations[loc]!.type,
            readMode: 'acq',
            writeMode: 'rlx',
            failMode: 'acq',
          };
          return { kind: 'read', loc, mode: 'acq', site: ins.site, rmw };
        }
        case 'unlock': {
          const loc = this.resolve(s, ins.addr, ins.site);
          if (loc < 0) return STOP;
          if (!s.held.includes(loc)) return this.fault(s, 'panic', ins.site, 'unlock of a mutex this thread does not hold');
          return { kind: 'write', loc, value: 0, mode: 'rel', site: ins.site };
        }
        case 'assert':
          if (!truthy(val(s, ins.cond))) return this.fault(s, 'assert', ins.site, 'assertion failed');
          s.pc++;
          break;
        case 'assume':
          if (!truthy(val(s, ins.cond))) return this.halt(s, 'blocked', { kind: 'assume', site: ins.site });
          s.pc++;
          break;
        case 'test': {
          const v = val(s, ins.src);
          if (!isResult(v)) throw new Error('internal error: is_ok on a non-result');
          s.regs[ins.dst] = v.ok === ins.ok ? 1 : 0;
          s.pc++;
          break;
        }
        case 'unwrap': {
          const v = val(s, ins.src);
          if (!isResult(v)) throw new Error('internal error: unwrap on a non-result');
          if (ins.expect !== null && v.ok !== ins.expect) {
            const msg = ins.expect
              ? `called \`Result::unwrap()\` on an \`Err\` value: ${String(v.value)}`
              : `called \`Result::unwrap_err()\` on an \`Ok\` value: ${String(v.value)}`;
            return this.fault(s, 'panic', ins.site, msg);
          }
          s.regs[ins.dst] = v.value;
          s.pc++;
          break;
        }
        case 'mkResult':
          s.regs[ins.dst] = { ok: ins.ok, value: int(val(s, ins.value)) };
          s.pc++;
          break;
        case 'loopHead': {
          const outer = this.program.loops[ins.loop]!.outerRegs;
          const l = this.local[ins.loop]!;
          const snap: RegValue[] = [];
          for (let i = 0; i < outer.length; i++) snap.push(s.regs[outer[i]!]!);
          s.snapRegs[l] = snap;
          s.snapWrites[l] = s.writes;
          s.iterStart = s.events;
          s.pc++;
          break;
        }
        case 'loopBody': {
          const loop = this.program.loops[ins.loop]!;
          const l = this.local[ins.loop]!;
          s.iter[l]!++;
          if (!loop.bounded && s.iter[l]! > this.unroll) return this.halt(s, 'cut', { kind: 'cut', site: loop.site });
          s.pc++;
          break;
        }
        case 'loopExit':
          s.iter[this.local[ins.loop]!] = 0;
          s.pc++;
          break;
        case 'backEdge': {
          const loop = this.program.loops[ins.loop]!;
          const l = this.local[ins.loop]!;
          if (s.writes === s.snapWrites[l] && sameRegs(s, loop.outerRegs, s.snapRegs[l]!)) {
            return this.halt(s, 'blocked', { kind: 'spin', site: loop.site, from: s.iterStart });
          }
          s.pc = ins.target;
          break;
        }
        case 'panic':
          return this.fault(s, 'panic', ins.site, ins.message);
        case 'halt':
          s.status = 'done';
          return STOP;
        default:
          return assertNever(ins);
      }
    }
    return STOP;
  }

  /** Returns `req`, remembered as the request of `thread`'s instruction `pc` when it is `fixed`. */
  private keep(thread: number, pc: number, fixed: boolean, req: Request): Request {
    if (fixed) this.fixed[thread]![pc] = req;
    return req;
  }

  /** Completes a plain load with the value read. */
  completeLoad(thread: number, s: ThreadState, v: Value): void {
    const ins = this.code[thread]![s.pc]!;
    if (ins.op !== 'load') throw new Error('internal error: completeLoad on ' + ins.op);
    s.regs[ins.dst] = v;
    s.events++;
    s.pc++;
  }

  /** Completes an RMW (or lock) read: `o` says whether it wrote. A failed lock blocks the thread. */
  completeRmw(thread: number, s: ThreadState, o: RmwOutcome): void {
    const ins = this.code[thread]![s.pc]!;
    if (o.writes) s.writes++;
    s.events += o.writes ? 2 : 1;
    if (ins.op === 'lock') {
      if (!o.writes) {
        this.halt(s, 'blocked', { kind: 'lock', site: ins.site });
        return;
      }
      s.held = [...s.held, this.resolveKnown(s, ins.addr)];
      s.pc++;
      return;
    }
    if (ins.op !== 'rmw') throw new Error('internal error: completeRmw on ' + ins.op);
    s.regs[ins.dst] = o.result;
    s.pc++;
  }

  /** Completes a store or unlock. */
  completeWrite(thread: number, s: ThreadState): void {
    const ins = this.code[thread]![s.pc]!;
    if (ins.op === 'unlock') {
      const loc = this.resolveKnown(s, ins.addr);
      s.held = s.held.filter((h) => h !== loc);
    } else if (ins.op !== 'store') throw new Error('internal error: completeWrite on ' + ins.op);
    s.writes++;
    s.events++;
    s.pc++;
  }

  completeFence(_thread: number, s: ThreadState): void {
    s.events++;
    s.pc++;
  }

  /** Copies a state (the explorer snapshots states to avoid replaying threads). */
  static copy(s: ThreadState): ThreadState {
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
  static copyInto(into: ThreadState, s: ThreadState): void {
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

  private resolve(s: ThreadState, a: Address, site: SiteId): LocId {
    if (a.index === null) return a.base;
    const i = int(val(s, a.index));
    if (typeof i !== 'number' || i < 0 || i >= a.length) {
      this.fault(s, 'panic', site, `index out of bounds: the len is ${a.length} but the index is ${String(i)}`);
      return -1;
    }
    return a.base + i;
  }

  private resolveKnown(s: ThreadState, a: Address): LocId {
    return a.index === null ? a.base : a.base + (int(val(s, a.index)) as number);
  }

  private fault(s: ThreadState, kind: Fault['kind'], site: SiteId, message: string): Request {
    return this.halt(s, 'fault', { kind: 'fault', fault: { kind, site, message } });
  }

  private halt(s: ThreadState, status: ThreadStatus, stop: StopReason): Request {
    s.status = status;
    s.stop = stop;
    return STOP;
  }
}

function val(s: ThreadState, o: Operand): RegValue {
  return o.k === 'r' ? s.regs[o.slot]! : o.value;
}

function copyArray<T>(into: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i]!;
}

function int(v: RegValue): Value {
  if (isResult(v)) throw new Error('internal error: a compare_exchange result used as a number');
  return v;
}

function sameRegs(s: ThreadState, regs: readonly number[], snap: readonly RegValue[]): boolean {
  for (let i = 0; i < regs.length; i++) if (!regEquals(s.regs[regs[i]!]!, snap[i]!)) return false;
  return true;
}

export type { ThreadCode };
