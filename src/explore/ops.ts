/**
 * The arithmetic of the interpreter: what a read-modify-write writes given the value it read,
 * and the binary operators on register values (exact integers; a panic message as a string).
 */
import { assertNever, type Mode } from '../events/modes.js';
import type { RmwSpec } from '../graph/graph.js';
import type { Instr } from '../program/ir.js';
import {
  add, bitAnd, bitOr, bitXor, compare, div, fetchResult, isResult, MAX_SHIFT, mul, regEquals, rem, shl, shr, sub, wrap,
  type RegValue, type Value,
} from '../program/values.js';

/** What an RMW does given the value it read. */
export interface RmwOutcome {
  readonly writes: boolean;
  readonly writeValue: Value;
  /** Mode of the read event: the success or the failure mode. */
  readonly readMode: Mode;
  /** Value for the destination register. */
  readonly result: RegValue;
}

/** Decides an RMW from the value read (and, for a weak CAS, whether it fails spuriously). */
export function rmwOutcome(spec: RmwSpec, v: Value, spurious: boolean): RmwOutcome {
  const op = spec.op;
  switch (op.kind) {
    case 'swap':
      return { writes: true, writeValue: spec.a, readMode: spec.readMode, result: v };
    case 'fetch':
      return { writes: true, writeValue: fetchResult(op.op, v, spec.a, spec.type), readMode: spec.readMode, result: v };
    case 'cas':
      return v === spec.a && !spurious
        ? { writes: true, writeValue: spec.b, readMode: spec.readMode, result: { ok: true, value: v } }
        : { writes: false, writeValue: 0, readMode: spec.failMode, result: { ok: false, value: v } };
    case 'addUnless':
      return v !== spec.b
        ? { writes: true, writeValue: wrap(add(v, spec.a), spec.type), readMode: spec.readMode, result: 1 }
        : { writes: false, writeValue: 0, readMode: spec.failMode, result: 0 };
    case 'lock':
      return v === 0
        ? { writes: true, writeValue: 1, readMode: spec.readMode, result: 0 }
        : { writes: false, writeValue: 0, readMode: spec.failMode, result: 0 };
    default:
      return assertNever(op);
  }
}

/** Whether a weak compare_exchange reading `v` could also fail spuriously. */
export function canFailSpuriously(spec: RmwSpec, v: Value): boolean {
  return spec.op.kind === 'cas' && spec.op.weak && v === spec.a;
}

/** A binary operation; a string is a panic message. */
export function binary(fn: Extract<Instr, { op: 'binary' }>['fn'], a: RegValue, b: RegValue): RegValue | string {
  switch (fn) {
    case 'eq':
      return regEquals(a, b) ? 1 : 0;
    case 'ne':
      return regEquals(a, b) ? 0 : 1;
    default:
  }
  const x = int(a);
  const y = int(b);
  switch (fn) {
    case 'add':
      return add(x, y);
    case 'sub':
      return sub(x, y);
    case 'mul':
      return mul(x, y);
    case 'div':
      return y === 0 ? 'attempt to divide by zero' : div(x, y);
    case 'rem':
      return y === 0 ? 'attempt to calculate the remainder with a divisor of zero' : rem(x, y);
    case 'and':
      return bitAnd(x, y);
    case 'or':
      return bitOr(x, y);
    case 'xor':
      return bitXor(x, y);
    case 'shl':
      return typeof y !== 'number' || y < 0 || y > MAX_SHIFT ? 'attempt to shift left with overflow' : shl(x, y);
    case 'shr':
      return typeof y !== 'number' || y < 0 || y > MAX_SHIFT ? 'attempt to shift right with overflow' : shr(x, y);
    case 'lt':
      return compare(x, y) < 0 ? 1 : 0;
    case 'le':
      return compare(x, y) <= 0 ? 1 : 0;
    case 'gt':
      return compare(x, y) > 0 ? 1 : 0;
    case 'ge':
      return compare(x, y) >= 0 ? 1 : 0;
  }
}


function int(v: RegValue): Value {
  if (isResult(v)) throw new Error('internal error: a compare_exchange result used as a number');
  return v;
}
