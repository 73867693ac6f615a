/**
 * Lowering of expressions, the half of a thread's lowering that statements build on
 * (lower-thread.ts): three-address code in which each memory access is one instruction into a
 * temporary, in left-to-right order, and `&&`/`||` become branches so that a short-circuited
 * access never happens. Checks what expressions alone can tell: Rust's ordering rules for loads
 * and read-modify-writes, atomic vs plain accesses, constants in range, indices, and the types
 * of compare_exchange results.
 */
import type { Expr, LocationRef, NodeId, ThreadDecl } from '../ast.js';
import { loadMode, rmwModes, type Mode } from '../events/modes.js';
import type { LowerContext, LocationEntry } from './context.js';
import type { Address, BinaryFn, Operand, RmwOp } from './ir.js';
import { fromBigInt, type RegValue } from './values.js';
import { checkAccess, checkConstant, checkFailureOrdering, checkOrdering, safe } from './checks.js';
import { CodeBuffer, type RegInfo, type Ty } from './code-buffer.js';

export interface Lowered {
  readonly op: Operand;
  readonly ty: Ty;
}

const BINARY: Readonly<Record<string, BinaryFn>> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'rem', '&': 'and', '|': 'or', '^': 'xor',
  '<<': 'shl', '>>': 'shr', '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
};

export abstract class ExprLowerer extends CodeBuffer {
  constructor(
    ctx: LowerContext,
    /** The thread's index, for the sites of its events. */
    protected readonly index: number,
    decl: ThreadDecl,
  ) {
    super(ctx, decl);
  }

  /** An expression used as a condition: must be an integer/boolean. */
  protected cond(e: Expr): Operand {
    return this.intExpr(e);
  }

  protected intExpr(e: Expr): Operand {
    const v = this.expr(e);
    if (v.ty !== 'int') this.mismatch(e.id, 'int', v.ty);
    return v.op;
  }

  protected expr(e: Expr): Lowered {
    switch (e.kind) {
      case 'int':
        return { op: c(fromBigInt(e.value)), ty: 'int' };
      case 'bool':
        return { op: c(e.value ? 1 : 0), ty: 'int' };
      case 'reg': {
        const r = this.useReg(e.name, e.id);
        return r ? { op: { k: 'r', slot: r.slot }, ty: r.ty } : { op: c(0), ty: 'int' };
      }
      case 'read': {
        const addr = this.address(e.loc, 'plain', e.id);
        return this.memRead(addr.address, 'na', e.id);
      }
      case 'load': {
        checkOrdering(this.ctx, 'load', e.ordering, e.id);
        const addr = this.address(e.loc, 'atomic', e.id);
        return this.memRead(addr.address, loadMode(safe(e.ordering, 'load')), e.id);
      }
      case 'swap':
      case 'fetch': {
        const addr = this.address(e.loc, 'atomic', e.id);
        const v = this.intExpr(e.value);
        checkConstant(this.ctx, e.value, addr.entry);
        const rmw: RmwOp = e.kind === 'swap' ? { kind: 'swap' } : { kind: 'fetch', op: e.op };
        const m = rmwModes(e.ordering);
        return this.rmw(addr.address, rmw, v, null, m.read, m.write, m.read, e.id, 'int');
      }
      case 'cas': {
        checkFailureOrdering(this.ctx, e.failure, e.id);
        const addr = this.address(e.loc, 'atomic', e.id);
        const exp = this.intExpr(e.expected);
        const des = this.intExpr(e.desired);
        checkConstant(this.ctx, e.expected, addr.entry);
        checkConstant(this.ctx, e.desired, addr.entry);
        const m = rmwModes(e.success);
        return this.rmw(addr.address, { kind: 'cas', weak: e.weak }, exp, des, m.read, m.write, loadMode(safe(e.failure, 'load')), e.id, 'result');
      }
      case 'ccas':
        return this.cCas(e);
      case 'addUnless': {
        const addr = this.address(e.loc, 'atomic', e.id);
        const a = this.intExpr(e.add);
        const u = this.intExpr(e.unless);
        return this.rmw(addr.address, { kind: 'addUnless' }, a, u, 'sc', 'sc', 'sc', e.id, 'int');
      }
      case 'unary': {
        const v = this.intExpr(e.arg);
        const dst = this.temp();
        this.emit({ op: 'unary', dst, fn: e.op === '!' ? 'not' : e.op === '-' ? 'neg' : 'bitnot', a: v });
        return { op: { k: 'r', slot: dst }, ty: 'int' };
      }
      case 'binary':
        if (e.op === '&&' || e.op === '||') return this.shortCircuit(e.op, e.left, e.right);
        return this.binary(e.op, this.expr(e.left), this.expr(e.right), e.id);
      case 'result': {
        const v = this.intExpr(e.value);
        const dst = this.temp();
        this.emit({ op: 'mkResult', dst, ok: e.ok, value: v });
        return { op: { k: 'r', slot: dst }, ty: 'result' };
      }
      case 'method': {
        const v = this.expr(e.target);
        if (v.ty !== 'result') {
          this.ctx.error('E0228', `no method named \`${methodName(e.method)}\` found for an integer`, e.id, {
            help: ['result methods apply to the value of `compare_exchange`'],
          });
          return { op: c(0), ty: 'int' };
        }
        const dst = this.temp();
        if (e.method === 'is_ok' || e.method === 'is_err') this.emit({ op: 'test', dst, src: v.op, ok: e.method === 'is_ok' });
        else {
          const expect = e.method === 'unwrap' ? true : e.method === 'unwrap_err' ? false : null;
          this.emit({ op: 'unwrap', dst, src: v.op, expect, site: this.ctx.site(e.id, this.index) });
        }
        return { op: { k: 'r', slot: dst }, ty: 'int' };
      }
      default:
        return assertNeverExpr(e);
    }
  }

  private memRead(address: Address, mode: Mode, id: NodeId): Lowered {
    const dst = this.temp();
    this.emit({ op: 'load', dst, addr: address, mode, site: this.ctx.site(id, this.index) });
    return { op: { k: 'r', slot: dst }, ty: 'int' };
  }

  private rmw(address: Address, rmw: RmwOp, a: Operand, b: Operand | null, readMode: Mode, writeMode: Mode, failMode: Mode, id: NodeId, ty: Ty): Lowered {
    const dst = this.temp();
    this.emit({ op: 'rmw', dst, addr: address, rmw, a, b, readMode, writeMode, failMode, site: this.ctx.site(id, this.index) });
    return { op: { k: 'r', slot: dst }, ty };
  }

  /** C's compare_exchange: the expected value comes from, and on failure goes back to, `*exp`. */
  private cCas(e: Extract<Expr, { kind: 'ccas' }>): Lowered {
    checkFailureOrdering(this.ctx, e.failure, e.id);
    const addr = this.address(e.loc, 'atomic', e.id);
    let expected: Operand;
    let expAddr: Address | null = null;
    let expReg: RegInfo | null = null;
    if (e.expected.kind === 'location') {
      expAddr = this.address(e.expected.loc, 'plain', e.id).address;
      expected = this.memRead(expAddr, 'na', e.id).op;
    } else {
      expReg = this.useReg(e.expected.name, e.expected.id);
      expected = expReg ? { k: 'r', slot: expReg.slot } : c(0);
    }
    const des = this.intExpr(e.desired);
    const m = rmwModes(e.success);
    const res = this.rmw(addr.address, { kind: 'cas', weak: e.weak }, expected, des, m.read, m.write, loadMode(safe(e.failure, 'load')), e.id, 'result');
    const ok = this.temp();
    this.emit({ op: 'test', dst: ok, src: res.op, ok: true });
    const br = this.emit({ op: 'branch', cond: { k: 'r', slot: ok }, ifFalse: -1 });
    const skip = this.emit({ op: 'jump', target: -1 });
    this.patch(br, this.code.length);
    const old = this.temp();
    this.emit({ op: 'unwrap', dst: old, src: res.op, expect: null, site: this.ctx.site(e.id, this.index) });
    if (expAddr) this.emit({ op: 'store', addr: expAddr, value: { k: 'r', slot: old }, mode: 'na', site: this.ctx.site(e.id, this.index) });
    else if (expReg) this.emit({ op: 'move', dst: expReg.slot, src: { k: 'r', slot: old } });
    this.patch(skip, this.code.length);
    return { op: { k: 'r', slot: ok }, ty: 'int' };
  }

  private shortCircuit(op: '&&' | '||', left: Expr, right: Expr): Lowered {
    const dst = this.temp();
    this.emit({ op: 'binary', dst, fn: 'ne', a: this.intExpr(left), b: c(0), site: 0 });
    // && : if left is false skip right; || : if left is true skip right
    let skip: number;
    if (op === '&&') skip = this.emit({ op: 'branch', cond: { k: 'r', slot: dst }, ifFalse: -1 });
    else {
      const notL = this.temp();
      this.emit({ op: 'unary', dst: notL, fn: 'not', a: { k: 'r', slot: dst } });
      skip = this.emit({ op: 'branch', cond: { k: 'r', slot: notL }, ifFalse: -1 });
    }
    this.emit({ op: 'binary', dst, fn: 'ne', a: this.intExpr(right), b: c(0), site: 0 });
    this.patch(skip, this.code.length);
    return { op: { k: 'r', slot: dst }, ty: 'int' };
  }

  protected binary(op: string, l: Lowered, r: Lowered, id: NodeId): Lowered {
    const fn = BINARY[op]!;
    if (fn === 'eq' || fn === 'ne') {
      if (l.ty !== r.ty) this.mismatch(id, l.ty, r.ty);
    } else {
      if (l.ty !== 'int') this.mismatch(id, 'int', l.ty);
      else if (r.ty !== 'int') this.mismatch(id, 'int', r.ty);
    }
    const dst = this.temp();
    const site = fn === 'div' || fn === 'rem' || fn === 'shl' || fn === 'shr' ? this.ctx.site(id, this.index) : 0;
    this.emit({ op: 'binary', dst, fn, a: l.op, b: r.op, site });
    return { op: { k: 'r', slot: dst }, ty: 'int' };
  }

  /** Resolves a location reference, checking the kind of access against the declaration. */
  protected address(ref: LocationRef, access: 'atomic' | 'plain' | 'mutex', useId: NodeId): { address: Address; entry: LocationEntry | null } {
    const entry = this.ctx.byName.get(ref.name);
    const dummy: Address = { base: 0, length: 1, index: null, name: ref.name };
    if (!entry) {
      const what = this.ctx.dialect === 'c' ? `\`${ref.name}\` is not a location of this test` : `cannot find static \`${ref.name}\` in this scope`;
      this.ctx.error('E0220', what, ref.id, { label: 'not found' });
      if (ref.index) this.intExpr(ref.index);
      return { address: dummy, entry: null };
    }
    checkAccess(this.ctx, entry, access, useId, ref);
    if (entry.isArray !== (ref.index !== null)) {
      this.ctx.error('E0213', entry.isArray ? `\`${ref.name}\` is an array: index it, as in \`${ref.name}[i]\`` : `\`${ref.name}\` is not an array and cannot be indexed`, ref.id);
    }
    if (ref.index === null || !entry.isArray) return { address: { base: entry.base, length: 1, index: null, name: ref.name }, entry };
    if (ref.index.kind === 'int') {
      const i = ref.index.value;
      if (i < 0n || i >= BigInt(entry.length)) {
        this.ctx.error('E0225', `this operation will panic at runtime: index out of bounds: the length is ${entry.length} but the index is ${i}`, ref.index.id);
        return { address: { base: entry.base, length: 1, index: null, name: ref.name }, entry };
      }
      return { address: { base: entry.base + Number(i), length: 1, index: null, name: ref.name }, entry };
    }
    const idx = this.intExpr(ref.index);
    return { address: { base: entry.base, length: entry.length, index: idx, name: ref.name }, entry };
  }
}

/** A constant operand. */
export function c(value: RegValue): Operand {
  return { k: 'c', value };
}

function methodName(m: string): string {
  return m === 'unwrap_or_else_identity' ? 'unwrap_or_else' : m;
}

function assertNeverExpr(e: never): never {
  throw new Error(`internal error: unexpected expression ${JSON.stringify(e)}`);
}
