/**
 * Values: integers of up to 128 bits, and compare_exchange results.
 *
 * A value is a JS `number` whenever it is a safe integer, and a `bigint` only beyond that. The
 * representation is canonical (a value that fits in a safe integer is never a bigint), so `===`
 * is value equality. This keeps the explorer's hot path on plain numbers while 64- and 128-bit
 * arithmetic stays exact.
 *
 * Register arithmetic is exact (unbounded, no overflow); a value is wrapped to a location's
 * integer type when it is written to memory, and atomic read-modify-writes wrap as Rust's
 * `fetch_add` does.
 */
import type { FetchOp } from '../ast.js';

/** An integer value, canonical: a safe integer is always a `number`. */
export type Value = number | bigint;

/** Rust's `Result<T, T>` returned by compare_exchange. */
export interface ResultValue {
  readonly ok: boolean;
  readonly value: Value;
}

/** What a register can hold. */
export type RegValue = Value | ResultValue;

/** An integer type: width and signedness. */
export interface IntKind {
  readonly bits: 8 | 16 | 32 | 64 | 128;
  readonly signed: boolean;
}

export function isResult(v: RegValue): v is ResultValue {
  return typeof v === 'object';
}

/** Makes a bigint canonical. */
export function fromBigInt(b: bigint): Value {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export function toBigInt(v: Value): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Wraps a value into the range of an integer type (two's complement, as `as` casts do). */
export function wrap(v: Value, k: IntKind): Value {
  if (typeof v === 'number') {
    switch (k.bits) {
      case 8:
        return k.signed ? (v << 24) >> 24 : v & 0xff;
      case 16:
        return k.signed ? (v << 16) >> 16 : v & 0xffff;
      case 32:
        if (v >= -2147483648 && v <= 4294967295) return k.signed ? v | 0 : v >>> 0;
        break;
      default:
        if (k.signed || v >= 0) return v;
    }
  }
  const b = toBigInt(v);
  return fromBigInt(k.signed ? BigInt.asIntN(k.bits, b) : BigInt.asUintN(k.bits, b));
}

/** Whether a constant fits in an integer type (for validation). */
export function fits(v: bigint, k: IntKind): boolean {
  const bits = BigInt(k.bits);
  if (k.signed) return v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n);
  return v >= 0n && v < 1n << bits;
}

export function isZero(v: Value): boolean {
  return v === 0;
}

/** Truthiness of a register value: non-zero integers; an `Ok` result. */
export function truthy(v: RegValue): boolean {
  if (typeof v === 'object') return v.ok;
  return v !== 0;
}

export function add(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return fromBigInt(toBigInt(a) + toBigInt(b));
}

export function sub(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return fromBigInt(toBigInt(a) - toBigInt(b));
}

export function mul(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return fromBigInt(toBigInt(a) * toBigInt(b));
}

/** Truncating division, as Rust and C divide; the caller rules out a zero divisor. */
export function div(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) <= 0x7fffffff && Math.abs(b) <= 0x7fffffff) {
    const r = Math.trunc(a / b);
    return r === 0 ? 0 : r;
  }
  return fromBigInt(toBigInt(a) / toBigInt(b));
}

/** Remainder with the sign of the dividend, as Rust and C; the caller rules out a zero divisor. */
export function rem(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  return fromBigInt(toBigInt(a) % toBigInt(b));
}

function small(a: Value): a is number {
  return typeof a === 'number' && a >= -2147483648 && a <= 2147483647;
}

export function bitAnd(a: Value, b: Value): Value {
  if (small(a) && small(b)) return a & b;
  return fromBigInt(toBigInt(a) & toBigInt(b));
}

export function bitOr(a: Value, b: Value): Value {
  if (small(a) && small(b)) return a | b;
  return fromBigInt(toBigInt(a) | toBigInt(b));
}

export function bitXor(a: Value, b: Value): Value {
  if (small(a) && small(b)) return a ^ b;
  return fromBigInt(toBigInt(a) ^ toBigInt(b));
}

/** Bitwise complement of an unbounded two's complement integer: -a - 1. */
export function bitNot(a: Value): Value {
  return sub(neg(a), 1);
}

export function neg(a: Value): Value {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return fromBigInt(-a);
}

/** Largest shift amount accepted; larger ones are a panic ("shift overflow"), as in Rust. */
export const MAX_SHIFT = 127;

export function shl(a: Value, s: number): Value {
  return fromBigInt(toBigInt(a) << BigInt(s));
}

/** Arithmetic (flooring) right shift. */
export function shr(a: Value, s: number): Value {
  return fromBigInt(toBigInt(a) >> BigInt(s));
}

export function compare(a: Value, b: Value): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Equality of register values, results included (`r == Ok(0)`). */
export function regEquals(a: RegValue, b: RegValue): boolean {
  if (typeof a === 'object' || typeof b === 'object') {
    return typeof a === 'object' && typeof b === 'object' && a.ok === b.ok && a.value === b.value;
  }
  return a === b;
}

/** The value an atomic `fetch_op` writes, wrapped to the location's type. */
export function fetchResult(op: FetchOp, old: Value, operand: Value, k: IntKind): Value {
  const x = wrap(operand, k);
  switch (op) {
    case 'add':
      return wrap(add(old, x), k);
    case 'sub':
      return wrap(sub(old, x), k);
    case 'and':
      return wrap(bitAnd(old, x), k);
    case 'nand':
      return wrap(bitNot(bitAnd(old, x)), k);
    case 'or':
      return wrap(bitOr(old, x), k);
    case 'xor':
      return wrap(bitXor(old, x), k);
    case 'max':
      return compare(old, x) >= 0 ? old : x;
    case 'min':
      return compare(old, x) <= 0 ? old : x;
  }
}

/** Renders a register value: `42`, `Ok(0)`, `Err(1)`. */
export function showValue(v: RegValue): string {
  if (typeof v === 'object') return `${v.ok ? 'Ok' : 'Err'}(${String(v.value)})`;
  return String(v);
}
