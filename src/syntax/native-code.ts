/**
 * Semantic actions of the native dialect for thread code: statements and expressions (the
 * grammar is grammar/litmus.ohm; the file-level actions are in native.ts).
 *
 * Two decisions live here:
 * - names: a name declared `static` in the file is a location, any other name a register, so
 *   `DATA = 1` is a `write` and `r = 1` an `assign`, `DATA` a `read` and `r` a `reg`; an indexed
 *   name `T[i]` is always a location;
 * - binary operators: the grammar reads `a + b * c` as a flat list and `group` builds the tree by
 *   Rust precedence, iteratively, so that long chains cannot overflow the stack.
 */
import type { Node } from 'ohm-js';
import type { BinaryOp, Expr, FetchOp, LocationRef, Ordering, ResultMethod, Span, Stmt, UnaryOp } from '../ast.js';
import type { LitmusActionDict } from './generated/litmus.ohm-bundle.js';
import { join, SyntaxProblem, spanOf, type NodeTable } from './common.js';
import type { Anchor } from './trivia.js';

/** What the actions of one parse share. */
export interface NativeContext {
  readonly nodes: NodeTable;
  /** Names declared `static`: locations. Filled before the threads are read. */
  readonly statics: Set<string>;
  /** Nodes that may carry comments, for trivia.ts. */
  readonly anchors: Anchor[];
}

/** Node accessors for the operations below (Ohm types nodes' operations as `any`). */
export const op = {
  expr: (n: Node): Expr => n['expr'](),
  stmt: (n: Node): Stmt => n['stmt'](),
  block: (n: Node): Stmt[] => n['block'](),
  place: (n: Node): Place => n['place'](),
  ordering: (n: Node): Ordering => n['ordering'](),
  int: (n: Node): bigint => n['int'](),
};

/** A name with an optional index, before we know whether it is a register or a location. */
export interface Place {
  readonly name: string;
  readonly index: Expr | null;
  readonly span: Span;
}

/** Binary operators by precedence (Rust's table; higher binds tighter). */
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '||': 1, '&&': 2,
  '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '|': 4, '^': 5, '&': 6, '<<': 7, '>>': 7,
  '+': 8, '-': 8, '*': 9, '/': 9, '%': 9,
};
const COMPARISON = 3;

/**
 * Groups `first (op operand)*` by precedence (shunting-yard); `make` builds one node from two
 * operands. Comparisons do not associate, as in Rust. Used for conditions too.
 */
export function group<T, O extends BinaryOp>(
  first: T,
  rest: readonly { op: O; opSpan: Span; operand: T }[],
  make: (op: O, left: T, right: T) => T,
): T {
  const operands: T[] = [first];
  const ops: { op: O; opSpan: Span }[] = [];
  const reduce = (): void => {
    const right = operands.pop()!;
    const left = operands.pop()!;
    operands.push(make(ops.pop()!.op, left, right));
  };
  for (const item of rest) {
    const prec = PRECEDENCE[item.op];
    while (ops.length > 0 && PRECEDENCE[ops[ops.length - 1]!.op] >= prec) {
      if (prec === COMPARISON && PRECEDENCE[ops[ops.length - 1]!.op] === COMPARISON) {
        throw new SyntaxProblem('comparison operators cannot be chained', item.opSpan, 'use parentheses, e.g. `(a == b) == c`');
      }
      reduce();
    }
    ops.push(item);
    operands.push(item.operand);
  }
  while (ops.length > 0) reduce();
  return operands[0]!;
}

/** The operations `stmt`, `block`, `expr`, `place`, `ordering`, `int` for thread code. */
export function codeActions(ctx: NativeContext) {
  const { nodes } = ctx;
  const locRef = (p: Place): LocationRef => nodes.add({ id: -1, name: p.name, index: p.index }, p.span);
  const isLocation = (p: Place): boolean => p.index !== null || ctx.statics.has(p.name);
  const anchored = (s: Stmt, keepBlank: boolean): Stmt => {
    ctx.anchors.push({ node: s, span: nodes.span(s), keepBlank });
    return s;
  };

  const block: LitmusActionDict<Stmt[]> = {
    Block(_open, stmts, _close) {
      return stmts.children.map((c, i) => anchored(op.stmt(c), i > 0));
    },
    ElsePart_if(_else, ifStmt) {
      return [anchored(op.stmt(ifStmt), false)];
    },
    ElsePart_block(_else, body) {
      return op.block(body);
    },
  };

  const stmt: LitmusActionDict<Stmt> = {
    Let(_let, mut, name, _eq, init, _semi) {
      return nodes.add({ kind: 'let', id: -1, name: name.sourceString, mutable: mut.numChildren > 0, init: op.expr(init) }, spanOf(this));
    },
    If(_if, cond, then, elsePart) {
      const other = elsePart.children[0];
      return nodes.add({ kind: 'if', id: -1, cond: op.expr(cond), then: op.block(then), else: other ? op.block(other) : null }, spanOf(this));
    },
    While(_while, cond, body) {
      return nodes.add({ kind: 'while', id: -1, cond: op.expr(cond), body: op.block(body) }, spanOf(this));
    },
    Loop(_loop, body) {
      return nodes.add({ kind: 'loop', id: -1, body: op.block(body) }, spanOf(this));
    },
    For(_for, v, _in, from, range, to, body) {
      return nodes.add(
        { kind: 'for', id: -1, var: v.sourceString, from: op.int(from), to: op.int(to), inclusive: range.sourceString === '..=', body: op.block(body) },
        spanOf(this),
      );
    },
    Break(_break, _semi) {
      return nodes.add({ kind: 'break', id: -1 }, spanOf(this));
    },
    Continue(_continue, _semi) {
      return nodes.add({ kind: 'continue', id: -1 }, spanOf(this));
    },
    Assert_eq(_m, _o, a, _c, b, _tc, _cl, _s) {
      return nodes.add({ kind: 'assert', id: -1, form: 'assert_eq', args: [op.expr(a), op.expr(b)] }, spanOf(this));
    },
    Assert_ne(_m, _o, a, _c, b, _tc, _cl, _s) {
      return nodes.add({ kind: 'assert', id: -1, form: 'assert_ne', args: [op.expr(a), op.expr(b)] }, spanOf(this));
    },
    Assert_one(_m, _o, a, _tc, _cl, _s) {
      return nodes.add({ kind: 'assert', id: -1, form: 'assert', args: [op.expr(a)] }, spanOf(this));
    },
    Assume(_m, _o, c, _tc, _cl, _s) {
      return nodes.add({ kind: 'assume', id: -1, cond: op.expr(c) }, spanOf(this));
    },
    Fence(_f, _o, ord, _c, _s) {
      return nodes.add({ kind: 'fence', id: -1, ordering: op.ordering(ord) }, spanOf(this));
    },
    Store(place, _d, _m, _o, value, _c, ord, _cl, _s) {
      return nodes.add({ kind: 'store', id: -1, loc: locRef(op.place(place)), value: op.expr(value), ordering: op.ordering(ord) }, spanOf(this));
    },
    Lock(place, _d, _m, _o, _c, _s) {
      return nodes.add({ kind: 'lock', id: -1, mutex: locRef(op.place(place)) }, spanOf(this));
    },
    Unlock(place, _d, _m, _o, _c, _s) {
      return nodes.add({ kind: 'unlock', id: -1, mutex: locRef(op.place(place)) }, spanOf(this));
    },
    Assign(placeNode, assignOp, value, _semi) {
      const span = spanOf(this);
      const p = op.place(placeNode);
      const sym = assignOp.sourceString;
      const compound = sym === '=' ? null : (sym.slice(0, -1) as BinaryOp);
      if (isLocation(p)) {
        if (compound) {
          throw new SyntaxProblem(`\`${sym}\` cannot update a location`, spanOf(assignOp), `write \`${p.name} = ... ${compound} ...\` instead`);
        }
        const loc = locRef(p);
        return nodes.add({ kind: 'write', id: -1, loc, value: op.expr(value) }, span);
      }
      return nodes.add({ kind: 'assign', id: -1, name: p.name, op: compound, value: op.expr(value) }, span);
    },
    ExprStmt(e, _semi) {
      return nodes.add({ kind: 'expr', id: -1, expr: op.expr(e) }, spanOf(this));
    },
  };

  const expr: LitmusActionDict<Expr> = {
    Expr(first, ops, operands) {
      const firstExpr = op.expr(first);
      if (ops.numChildren === 0) return firstExpr;
      const spans = new Map<Expr, Span>([[firstExpr, spanOf(first)]]);
      const rest = ops.children.map((o, i) => {
        const operand = op.expr(operands.children[i]!);
        spans.set(operand, spanOf(operands.children[i]!));
        return { op: o.sourceString as BinaryOp, opSpan: spanOf(o), operand };
      });
      return group(
        firstExpr,
        rest,
        (o, left, right) => {
          const node: Expr = nodes.add({ kind: 'binary', id: -1, op: o, left, right }, join(spans.get(left)!, spans.get(right)!));
          spans.set(node, nodes.span(node));
          return node;
        },
      );
    },
    Operand(unaryOps, postfix) {
      let e = op.expr(postfix);
      const end = spanOf(this).end;
      for (let i = unaryOps.numChildren - 1; i >= 0; i--) {
        const o = unaryOps.children[i]!;
        e = nodes.add({ kind: 'unary', id: -1, op: o.sourceString as UnaryOp, arg: e }, { start: o.source.startIdx, end });
      }
      return e;
    },
    PostfixExpr(base, suffixes) {
      let e = op.expr(base);
      const start = spanOf(this).start;
      for (const s of suffixes.children) {
        const inner = s.children[0]!;
        let method: ResultMethod;
        if (inner.ctorName === 'Suffix_identity') {
          const [param, body] = [inner.children[4]!, inner.children[6]!];
          if (param.sourceString !== body.sourceString) {
            throw new SyntaxProblem('only the identity closure is supported here', join(spanOf(inner.children[3]!), spanOf(inner.children[7]!)), `write \`|${param.sourceString}| ${param.sourceString}\``);
          }
          method = 'unwrap_or_else_identity';
        } else {
          method = inner.children[1]!.sourceString as ResultMethod;
        }
        e = nodes.add({ kind: 'method', id: -1, target: e, method }, { start, end: s.source.endIdx });
      }
      return e;
    },
    AtomicExpr_load(place, _d, _m, _o, ord, _c) {
      const span = spanOf(this);
      const loc = locRef(op.place(place));
      return nodes.add({ kind: 'load', id: -1, loc, ordering: op.ordering(ord) }, span);
    },
    AtomicExpr_swap(place, _d, _m, _o, value, _c, ord, _cl) {
      const span = spanOf(this);
      return nodes.add({ kind: 'swap', id: -1, loc: locRef(op.place(place)), value: op.expr(value), ordering: op.ordering(ord) }, span);
    },
    AtomicExpr_fetch(place, _d, m, _o, value, _c, ord, _cl) {
      const span = spanOf(this);
      const fetchOp = m.sourceString.slice('fetch_'.length) as FetchOp;
      return nodes.add({ kind: 'fetch', id: -1, op: fetchOp, loc: locRef(op.place(place)), value: op.expr(value), ordering: op.ordering(ord) }, span);
    },
    AtomicExpr_cas(place, _d, m, _o, expected, _c1, desired, _c2, success, _c3, failure, _cl) {
      const span = spanOf(this);
      return nodes.add(
        {
          kind: 'cas', id: -1, loc: locRef(op.place(place)), expected: op.expr(expected), desired: op.expr(desired),
          success: op.ordering(success), failure: op.ordering(failure), weak: m.sourceString.endsWith('_weak'),
        },
        span,
      );
    },
    AtomicExpr_store(place, _d, _m, _o, _value, _c, _ord, _cl) {
      const name = op.place(place).name;
      throw new SyntaxProblem('`store` gives no value: it is a statement', spanOf(this), `write \`${name}.store(v, o);\` on its own`);
    },
    AtomicExpr_mutex(place, _d, m, _o, _c) {
      const what = m.sourceString;
      throw new SyntaxProblem(`\`${what}\` is a statement`, spanOf(this), `write \`${op.place(place).name}.${what}();\` on its own, without \`.unwrap()\``);
    },
    PrimaryExpr_paren(_o, e, _c) {
      return op.expr(e);
    },
    PrimaryExpr_ok(_ok, _o, e, _c) {
      const span = spanOf(this);
      return nodes.add({ kind: 'result', id: -1, ok: true, value: op.expr(e) }, span);
    },
    PrimaryExpr_err(_err, _o, e, _c) {
      const span = spanOf(this);
      return nodes.add({ kind: 'result', id: -1, ok: false, value: op.expr(e) }, span);
    },
    PrimaryExpr_int(lit) {
      return nodes.add({ kind: 'int', id: -1, value: op.int(lit) }, spanOf(this));
    },
    PrimaryExpr_true(_t) {
      return nodes.add({ kind: 'bool', id: -1, value: true }, spanOf(this));
    },
    PrimaryExpr_false(_f) {
      return nodes.add({ kind: 'bool', id: -1, value: false }, spanOf(this));
    },
    PrimaryExpr_place(placeNode) {
      const span = spanOf(this);
      if (placeNode.children[0]!.ctorName === 'Place_name' && !ctx.statics.has(placeNode.sourceString)) {
        return nodes.add({ kind: 'reg', id: -1, name: placeNode.sourceString }, span);
      }
      return nodes.add({ kind: 'read', id: -1, loc: locRef(op.place(placeNode)) }, span);
    },
  };

  const place: LitmusActionDict<Place> = {
    Place_index(name, _o, index, _c) {
      return { name: name.sourceString, index: op.expr(index), span: spanOf(this) };
    },
    Place_name(name) {
      return { name: name.sourceString, index: null, span: spanOf(this) };
    },
  };

  const ordering: LitmusActionDict<Ordering> = {
    Ordering(_path, name) {
      return name.sourceString as Ordering;
    },
  };

  return { block, stmt, expr, place, ordering };
}
