/**
 * Semantic actions for the code of the C dialect: thread bodies, statements and expressions
 * (grammar/c-litmus.ohm → src/ast.ts). src/syntax/c-semantics.ts installs these dictionaries as
 * Ohm operations; every operation takes the per-parse `CContext` as its argument `c`.
 *
 * Nodes are created with `id: -1` and registered with their span; common.ts's NodeTable numbers
 * them once the tree is complete.
 */
import type { Node } from 'ohm-js';
import type { BinaryOp, Expr, FetchOp, LocationRef, Ordering, Stmt, UnaryOp } from '../ast.js';
import type { CLitmusActionDict } from './generated/c-litmus.ohm-bundle.js';
import { SyntaxProblem } from './common.js';
import { mk, spanAt, type CContext } from './c-context.js';
import { C_BINARY_PRECEDENCE, climb, isBinaryOp, shapeEnds, type Shape } from './c-operators.js';
import type { CTypeInfo } from './c-types.js';

// Typed entry points into the operations (Ohm types a node's operations as `any`).
export const expr = (n: Node, c: CContext): Expr => n['expr'](c) as Expr;
export const stmts = (n: Node, c: CContext): Stmt[] => n['stmts'](c) as Stmt[];
export const ordering = (n: Node): Ordering => n['ordering']() as Ordering;
export const ctype = (n: Node, c: CContext): CTypeInfo => n['ctype'](c) as CTypeInfo;

/** `x` naming a location in code (a pointer parameter). */
export function locRef(n: Node, c: CContext): LocationRef {
  return mk(c, { id: -1, name: n.sourceString, index: null }, n);
}

/**
 * The value of an integer literal (`intLit`), decimal or hexadecimal. A leading zero is refused:
 * C reads `010` as octal 8, herd7 as decimal 10, and a litmus test should not depend on which.
 */
export function intValue(n: Node): bigint {
  const text = n.sourceString;
  if (/^0[0-9]/.test(text)) {
    throw new SyntaxProblem(`the integer \`${text}\` has a leading zero`, spanAt(n), 'octal in C, decimal in herd7');
  }
  return BigInt(text.toLowerCase());
}

const ORDERINGS: Readonly<Record<string, Ordering>> = {
  memory_order_relaxed: 'Relaxed',
  memory_order_consume: 'Consume',
  memory_order_acquire: 'Acquire',
  memory_order_release: 'Release',
  memory_order_acq_rel: 'AcqRel',
  memory_order_seq_cst: 'SeqCst',
};

export const orderingActions: CLitmusActionDict<Ordering> = {
  memOrder(_prefix, _name) {
    return ORDERINGS[this.sourceString]!;
  },
};

/**
 * Statements of a block, anchored for the trivia pass. The first statement's spacing is the
 * formatter's (no blank line after `{`), so only later ones keep a blank line before them.
 */
function block(items: readonly Node[], c: CContext): Stmt[] {
  const out: Stmt[] = [];
  for (const item of items) {
    for (const s of stmts(item, c)) {
      c.anchors.push({ node: s, span: c.nodes.span(s), keepBlank: out.length > 0 });
      out.push(s);
    }
  }
  return out;
}

export const stmtActions: CLitmusActionDict<Stmt[]> = {
  Block(_open, items, _close) {
    return block(items.children, this.args.c);
  },
  Body_single(stmt) {
    return block([stmt], this.args.c);
  },
  IfStmt(_if, _open, cond, _close, then, elseOpt) {
    const c: CContext = this.args.c;
    const otherwise = elseOpt.numChildren > 0 ? stmts(elseOpt.child(0), c) : null;
    return [mk(c, { kind: 'if', id: -1, cond: expr(cond, c), then: stmts(then, c), else: otherwise }, this)];
  },
  ElseClause(_else, body) {
    return stmts(body, this.args.c);
  },
  WhileStmt(_while, _open, cond, _close, body) {
    const c: CContext = this.args.c;
    return [mk(c, { kind: 'while', id: -1, cond: expr(cond, c), body: stmts(body, c) }, this)];
  },
  DeclStmt(type, declarators, _semi) {
    const c: CContext = this.args.c;
    const ctypeName = ctype(type, c).name;
    const list = declarators.asIteration().children;
    return list.map((d, i): Stmt => {
      // the first declarator spans from the type (comments above the line attach to it), the
      // last one to the `;` (so does a comment after it)
      const start = i === 0 ? this.source.startIdx : d.source.startIdx;
      const end = i === list.length - 1 ? this.source.endIdx : d.source.endIdx;
      const init = d.child(2).numChildren > 0 ? expr(d.child(2).child(0), c) : null;
      return mk(c, { kind: 'let', id: -1, name: d.child(0).sourceString, mutable: true, init, ctype: ctypeName }, { start, end });
    });
  },
  StoreStmt_explicit(_f, _o, loc, _c1, value, _c2, order, _close, _semi) {
    const c: CContext = this.args.c;
    return [mk(c, { kind: 'store', id: -1, loc: locRef(loc, c), value: expr(value, c), ordering: ordering(order) }, this)];
  },
  StoreStmt_plain(_f, _o, loc, _c1, value, _close, _semi) {
    const c: CContext = this.args.c;
    return [mk(c, { kind: 'store', id: -1, loc: locRef(loc, c), value: expr(value, c), ordering: 'SeqCst' }, this)];
  },
  FenceStmt(_f, _o, order, _close, _semi) {
    return [mk(this.args.c, { kind: 'fence', id: -1, ordering: ordering(order) }, this)];
  },
  WriteStmt(_star, loc, _eq, value, _semi) {
    const c: CContext = this.args.c;
    return [mk(c, { kind: 'write', id: -1, loc: locRef(loc, c), value: expr(value, c) }, this)];
  },
  AssignStmt(name, op, value, _semi) {
    const c: CContext = this.args.c;
    const text = op.sourceString;
    const bin = text === '=' ? null : text.slice(0, -1);
    if (bin !== null && !isBinaryOp(bin)) throw new Error(`c-litmus.ohm and c-code.ts disagree on ${text}`);
    return [mk(c, { kind: 'assign', id: -1, name: name.sourceString, op: bin, value: expr(value, c) }, this)];
  },
  CallStmt(call, _semi) {
    const c: CContext = this.args.c;
    return [mk(c, { kind: 'expr', id: -1, expr: expr(call, c) }, this)];
  },
};

const FETCH_OPS: Readonly<Record<string, FetchOp>> = { add: 'add', sub: 'sub', or: 'or', xor: 'xor', and: 'and' };

/** Builds the nodes of an operator tree (leaves are operand CST nodes, read left to right). */
function realize(shape: Shape<Node, BinaryOp>, c: CContext): Expr {
  if (shape.kind === 'leaf') return expr(shape.leaf, c);
  const [first, last] = shapeEnds(shape);
  const left = realize(shape.left, c);
  const right = realize(shape.right, c);
  return mk(c, { kind: 'binary', id: -1, op: shape.op, left, right }, { start: spanAt(first).start, end: spanAt(last).end });
}

type CasExpected = Extract<Expr, { kind: 'ccas' }>['expected'];

function casExpected(n: Node, c: CContext): CasExpected {
  const alt = n.child(0);
  if (alt.ctorName === 'CasExpected_reg') return mk(c, { kind: 'register', id: -1, name: alt.child(1).sourceString }, alt);
  return { kind: 'location', loc: locRef(alt.child(0), c) };
}

export const exprActions: CLitmusActionDict<Expr> = {
  Expr(first, ops, operands) {
    const rest = ops.children.map((o, i) => {
      const op = o.sourceString;
      if (!isBinaryOp(op)) throw new Error(`c-litmus.ohm and c-code.ts disagree on ${op}`);
      return [op, operands.children[i]!] as const;
    });
    const shape = climb<Node, BinaryOp>(first, rest, (op) => C_BINARY_PRECEDENCE[op], () => false);
    return realize(shape, this.args.c);
  },
  Unary_op(op, arg) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'unary', id: -1, op: op.sourceString as UnaryOp, arg: expr(arg, c) }, this);
  },
  Primary_paren(_open, inner, _close) {
    return expr(inner, this.args.c);
  },
  Primary_read(_star, loc) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'read', id: -1, loc: locRef(loc, c) }, this);
  },
  Primary_int(lit) {
    return mk(this.args.c, { kind: 'int', id: -1, value: intValue(lit) }, this);
  },
  Primary_reg(name) {
    return mk(this.args.c, { kind: 'reg', id: -1, name: name.sourceString }, this);
  },
  Call_loadExplicit(_f, _o, loc, _c, order, _close) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'load', id: -1, loc: locRef(loc, c), ordering: ordering(order) }, this);
  },
  Call_load(_f, _o, loc, _close) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'load', id: -1, loc: locRef(loc, c), ordering: 'SeqCst' }, this);
  },
  Call_swapExplicit(_f, _o, loc, _c1, value, _c2, order, _close) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'swap', id: -1, loc: locRef(loc, c), value: expr(value, c), ordering: ordering(order) }, this);
  },
  Call_swap(_f, _o, loc, _c1, value, _close) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'swap', id: -1, loc: locRef(loc, c), value: expr(value, c), ordering: 'SeqCst' }, this);
  },
  Call_fetchExplicit(f, _o, loc, _c1, value, _c2, order, _close) {
    const c: CContext = this.args.c;
    const op = FETCH_OPS[f.child(1).sourceString]!;
    return mk(c, { kind: 'fetch', id: -1, op, loc: locRef(loc, c), value: expr(value, c), ordering: ordering(order) }, this);
  },
  Call_fetch(f, _o, loc, _c1, value, _close) {
    const c: CContext = this.args.c;
    const op = FETCH_OPS[f.child(1).sourceString]!;
    return mk(c, { kind: 'fetch', id: -1, op, loc: locRef(loc, c), value: expr(value, c), ordering: 'SeqCst' }, this);
  },
  Call_casExplicit(f, _o, loc, _c1, exp, _c2, desired, _c3, succ, _c4, fail, _close) {
    const c: CContext = this.args.c;
    const weak = f.child(1).sourceString === 'weak';
    const node = { kind: 'ccas', id: -1, loc: locRef(loc, c), expected: casExpected(exp, c), desired: expr(desired, c) } as const;
    return mk(c, { ...node, success: ordering(succ), failure: ordering(fail), weak }, this);
  },
  Call_cas(f, _o, loc, _c1, exp, _c2, desired, _close) {
    const c: CContext = this.args.c;
    const weak = f.child(1).sourceString === 'weak';
    const node = { kind: 'ccas', id: -1, loc: locRef(loc, c), expected: casExpected(exp, c), desired: expr(desired, c) } as const;
    return mk(c, { ...node, success: 'SeqCst', failure: 'SeqCst', weak }, this);
  },
  Call_addUnless(_f, _o1, _mb, _c1, _o2, loc, _c2, add, _c3, unless, _close) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'addUnless', id: -1, loc: locRef(loc, c), add: expr(add, c), unless: expr(unless, c) }, this);
  },
};
