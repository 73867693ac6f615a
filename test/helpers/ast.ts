/**
 * A tiny builder of native-dialect ASTs for tests that must not depend on the parser.
 * Ids are assigned from a counter; spans are all empty (diagnostics then have no position).
 */
import type { Cond, CondTerm, Expr, LitmusFile, LocationDecl, LocationRef, Ordering, Stmt, ThreadDecl } from '../../src/ast.js';
import type { SourceMap } from '../../src/ast.js';

let next = 1;
const id = () => next++;

export const loc = (name: string, index: Expr | null = null): LocationRef => ({ id: id(), name, index });
export const int = (v: number | bigint): Expr => ({ kind: 'int', id: id(), value: BigInt(v) });
export const reg = (name: string): Expr => ({ kind: 'reg', id: id(), name });
export const load = (name: string, ordering: Ordering): Expr => ({ kind: 'load', id: id(), loc: loc(name), ordering });
export const read = (name: string): Expr => ({ kind: 'read', id: id(), loc: loc(name) });
export const fetchAdd = (name: string, v: number, ordering: Ordering): Expr => ({ kind: 'fetch', id: id(), op: 'add', loc: loc(name), value: int(v), ordering });
export const cas = (name: string, e: number, n: number, s: Ordering, f: Ordering, weak = false): Expr => ({
  kind: 'cas', id: id(), loc: loc(name), expected: int(e), desired: int(n), success: s, failure: f, weak,
});
export const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', id: id(), op, left, right });

export const store = (name: string, v: number | Expr, ordering: Ordering): Stmt => ({ kind: 'store', id: id(), loc: loc(name), value: typeof v === 'number' ? int(v) : v, ordering });
export const write = (name: string, v: number | Expr): Stmt => ({ kind: 'write', id: id(), loc: loc(name), value: typeof v === 'number' ? int(v) : v });
export const let_ = (name: string, init: Expr, mutable = false): Stmt => ({ kind: 'let', id: id(), name, mutable, init });
export const expr = (e: Expr): Stmt => ({ kind: 'expr', id: id(), expr: e });
export const fence = (ordering: Ordering): Stmt => ({ kind: 'fence', id: id(), ordering });
export const while_ = (cond: Expr, body: Stmt[]): Stmt => ({ kind: 'while', id: id(), cond, body });
export const if_ = (cond: Expr, then: Stmt[], els: Stmt[] | null = null): Stmt => ({ kind: 'if', id: id(), cond, then, else: els });
export const assert_ = (cond: Expr): Stmt => ({ kind: 'assert', id: id(), form: 'assert', args: [cond] });
export const lock = (m: string): Stmt => ({ kind: 'lock', id: id(), mutex: loc(m) });
export const unlock = (m: string): Stmt => ({ kind: 'unlock', id: id(), mutex: loc(m) });

export const atomic = (name: string, init = 0, bits: 8 | 16 | 32 | 64 = 64): LocationDecl => ({
  kind: 'location', id: id(), name,
  type: { kind: 'scalar', atomic: true, name: 'AtomicUsize', int: { kind: 'int', name: 'usize', bits, signed: false } },
  init: { kind: 'value', id: id(), value: BigInt(init) },
});
export const plain = (name: string, init = 0): LocationDecl => ({
  kind: 'location', id: id(), name,
  type: { kind: 'scalar', atomic: false, name: 'usize', int: { kind: 'int', name: 'usize', bits: 64, signed: false } },
  init: { kind: 'value', id: id(), value: BigInt(init) },
});
export const mutex = (name: string): LocationDecl => ({ kind: 'location', id: id(), name, type: { kind: 'mutex' }, init: null });

export const thread = (name: string, body: Stmt[]): ThreadDecl => ({ kind: 'thread', id: id(), name, params: [], body });

export const treg = (thread: string, name: string): CondTerm => ({ kind: 'reg', id: id(), thread, name });
export const tloc = (name: string): CondTerm => ({ kind: 'loc', id: id(), name, index: null });
export const tint = (v: number): CondTerm => ({ kind: 'int', id: id(), value: BigInt(v) });
export const eq = (l: CondTerm, r: CondTerm): Cond => ({ kind: 'compare', id: id(), op: '==', left: l, right: r });
export const and = (l: Cond, r: Cond): Cond => ({ kind: 'and', id: id(), left: l, right: r });

export function file(name: string, locations: LocationDecl[], threads: ThreadDecl[], cond: { q: 'exists' | 'not exists' | 'forall'; p: Cond } | null = null): LitmusFile {
  return {
    kind: 'file', dialect: 'rust', name, doc: null, meta: [], locations, registerInits: [], threads,
    observed: null, filter: null,
    condition: cond ? { id: id(), quantifier: cond.q, prop: cond.p } : null,
    expectations: [], verbatim: [], trailingComments: [],
  };
}

export const source = (f = 'test.litmus'): SourceMap => ({ file: f, text: '', spans: new Map() });
