/**
 * Random loop-free litmus programs (as ASTs) for differential and property tests: 2 to 4
 * threads, up to 3 atomic locations and one plain one, every access kind and legal ordering,
 * RMWs (swap, fetch, strong and weak compare_exchange), fences, plain accesses and `if`.
 */
import fc from 'fast-check';
import type { Expr, LitmusFile, Ordering, Stmt } from '../../src/ast.js';
import * as b from './ast.js';

const LOAD_ORD: Ordering[] = ['Relaxed', 'Acquire', 'SeqCst'];
const STORE_ORD: Ordering[] = ['Relaxed', 'Release', 'SeqCst'];
const RMW_ORD: Ordering[] = ['Relaxed', 'Acquire', 'Release', 'AcqRel', 'SeqCst'];
const FENCE_ORD: Ordering[] = ['Acquire', 'Release', 'AcqRel', 'SeqCst'];
const FAIL_ORD: Ordering[] = ['Relaxed', 'Acquire', 'SeqCst'];

export interface RandomOptions {
  readonly maxThreads?: number;
  readonly maxOps?: number;
  readonly plain?: boolean;
}

type Op =
  | { k: 'load'; loc: number; o: number }
  | { k: 'store'; loc: number; v: number; o: number }
  | { k: 'rmw'; loc: number; v: number; o: number; f: number; kind: number }
  | { k: 'fence'; o: number }
  | { k: 'plainRead' }
  | { k: 'plainWrite'; v: number }
  | { k: 'if'; loc: number; o: number; v: number };

const opArb = (locs: number, plain: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ k: fc.constant('load' as const), loc: fc.nat(locs - 1), o: fc.nat(2) }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant('store' as const), loc: fc.nat(locs - 1), v: fc.integer({ min: 1, max: 2 }), o: fc.nat(2) }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('rmw' as const), loc: fc.nat(locs - 1), v: fc.integer({ min: 0, max: 2 }), o: fc.nat(4), f: fc.nat(2), kind: fc.nat(3) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('fence' as const), o: fc.nat(3) }) },
    { weight: plain ? 1 : 0, arbitrary: fc.constant({ k: 'plainRead' as const }) },
    { weight: plain ? 1 : 0, arbitrary: fc.record({ k: fc.constant('plainWrite' as const), v: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('if' as const), loc: fc.nat(locs - 1), o: fc.nat(2), v: fc.integer({ min: 1, max: 2 }) }) },
  );

const NAMES = ['X', 'Y', 'Z'];

function stmts(ops: Op[], t: number): Stmt[] {
  let r = 0;
  const fresh = () => `r${r++}`;
  return ops.map((op): Stmt => {
    switch (op.k) {
      case 'load':
        return b.let_(fresh(), b.load(NAMES[op.loc]!, LOAD_ORD[op.o]!));
      case 'store':
        return b.store(NAMES[op.loc]!, op.v + t * 2, STORE_ORD[op.o]!);
      case 'rmw': {
        const name = NAMES[op.loc]!;
        const o = RMW_ORD[op.o]!;
        let e: Expr;
        if (op.kind === 0) e = b.fetchAdd(name, op.v || 1, o);
        else if (op.kind === 1) e = { kind: 'swap', id: 0, loc: b.loc(name), value: b.int(op.v + 3), ordering: o };
        else e = b.cas(name, op.v, op.v + 1, o, FAIL_ORD[op.f]!, op.kind === 3);
        return b.let_(fresh(), op.kind >= 2 ? { kind: 'method', id: 0, target: e, method: 'unwrap_or_else_identity' } : e);
      }
      case 'fence':
        return b.fence(FENCE_ORD[op.o]!);
      case 'plainRead':
        return b.let_(fresh(), b.read('D'));
      case 'plainWrite':
        return b.write('D', op.v);
      case 'if':
        return b.if_(b.bin('==', b.load(NAMES[op.loc]!, LOAD_ORD[op.o]!), b.int(op.v)), [b.store(NAMES[(op.loc + 1) % 3]!, 5, 'Relaxed')]);
    }
  });
}

export function randomProgram(opts: RandomOptions = {}): fc.Arbitrary<LitmusFile> {
  const maxThreads = opts.maxThreads ?? 4;
  const maxOps = opts.maxOps ?? 3;
  const plain = opts.plain ?? true;
  return fc
    .array(fc.array(opArb(3, plain), { minLength: 1, maxLength: maxOps }), { minLength: 2, maxLength: maxThreads })
    .map((threads) =>
      b.file(
        'random',
        [b.atomic('X'), b.atomic('Y'), b.atomic('Z'), b.plain('D')],
        threads.map((ops, t) => b.thread(`t${t}`, stmts(ops, t))),
      ),
    );
}
