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
import { newState, type Fault, type StopReason, type ThreadState, type ThreadStatus } from './thread-state.js';
import { uniformCode } from './uniform.js';

export { canFailSpuriously, rmwOutcome, type RmwOutcome } from './ops.js';

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
    return newState(this.program.threads[thread]!.initRegs, this.loopsOf[thread]!);
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


function int(v: RegValue): Value {
  if (isResult(v)) throw new Error('internal error: a compare_exchange result used as a number');
  return v;
}

function sameRegs(s: ThreadState, regs: readonly number[], snap: readonly RegValue[]): boolean {
  for (let i = 0; i < regs.length; i++) if (!regEquals(s.regs[regs[i]!]!, snap[i]!)) return false;
  return true;
}

export type { ThreadCode };
