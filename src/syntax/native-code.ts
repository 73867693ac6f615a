/**
 * Semantic actions of the native dialect for thread code: statements and expressions, as functions
 * over the concrete syntax tree (cst.ts; the grammar is grammar/litmus.ohm; the file-level
 * actions are in native.ts). Each builds its parts in the order the Ohm semantics it replaced
 * did, so that the first problem reported and the order of comment anchors stay the same.
 *
 * Two decisions live here:
 * - names: a name declared `static` in the file is a location, any other name a register, so
 *   `DATA = 1` is a `write` and `r = 1` an `assign`, `DATA` a `read` and `r` a `reg`; an indexed
 *   name `T[i]` is always a location;
 * - binary operators: the grammar reads `a + b * c` as a flat list and `group` builds the tree by
 *   Rust precedence, iteratively, so that long chains cannot overflow the stack.
 */
import type { BinaryOp, Expr, FetchOp, LocationRef, Ordering, ResultMethod, Span, Stmt, UnaryOp } from '../ast.js';
import { join, SyntaxProblem, type NodeTable } from './common.js';
import type { Cst } from './cst.js';
import type { Anchor } from './trivia.js';

/** What the actions of one parse share. */
export interface NativeContext {
  readonly nodes: NodeTable;
  /** Names declared `static`: locations. Filled before the threads are read. */
  readonly statics: Set<string>;
  /** Nodes that may carry comments, for trivia.ts. */
  readonly anchors: Anchor[];
}

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

/** The integer of an `intLit`: prefixes `0x 0o 0b`, underscores; the suffix is dropped. */
export function intLitValue(n: Cst): bigint {
  return BigInt(n.at(0).text.replace(/_/g, ''));
}

/** The integer of a `SignedInt` or `intLit`. */
export function intOf(n: Cst): bigint {
  if (n.rule === 'intLit') return intLitValue(n);
  const v = intLitValue(n.at(1));
  return n.at(0).size > 0 ? -v : v;
}

/** An `Ordering`. */
export function orderingOf(n: Cst): Ordering {
  return n.at(1).text as Ordering;
}

/** Thread code: `block` for a `Block` or `ElsePart`, `stmt`, `expr`, `place`. */
export function codeActions(ctx: NativeContext) {
  const { nodes } = ctx;
  const locRef = (p: Place): LocationRef => nodes.add({ id: -1, name: p.name, index: p.index }, p.span);
  const isLocation = (p: Place): boolean => p.index !== null || ctx.statics.has(p.name);
  const anchored = (s: Stmt, keepBlank: boolean): Stmt => {
    ctx.anchors.push({ node: s, span: nodes.span(s), keepBlank });
    return s;
  };

  const block = (n: Cst): Stmt[] => {
    switch (n.rule) {
      case 'Block':
        return n.at(1).children.map((c, i) => anchored(stmt(c), i > 0));
      case 'ElsePart':
        return block(n.at(0));
      case 'ElsePart_if':
        return [anchored(stmt(n.at(1)), false)];
      case 'ElsePart_block':
        return block(n.at(1));
      default:
        throw new Error(`native-code.ts: no block action for ${n.rule}`);
    }
  };

  const stmt = (n: Cst): Stmt => {
    switch (n.rule) {
      case 'Stmt':
        return stmt(n.at(0));
      case 'KeywordStmt':
        return stmt(n.at(1));
      case 'Let':
        return nodes.add({ kind: 'let', id: -1, name: n.at(2).text, mutable: n.at(1).size > 0, init: expr(n.at(4)) }, n.span);
      case 'If': {
        const other = n.at(3).opt;
        return nodes.add({ kind: 'if', id: -1, cond: expr(n.at(1)), then: block(n.at(2)), else: other ? block(other) : null }, n.span);
      }
      case 'While':
        return nodes.add({ kind: 'while', id: -1, cond: expr(n.at(1)), body: block(n.at(2)) }, n.span);
      case 'Loop':
        return nodes.add({ kind: 'loop', id: -1, body: block(n.at(1)) }, n.span);
      case 'For':
        return nodes.add(
          { kind: 'for', id: -1, var: n.at(1).text, from: intOf(n.at(3)), to: intOf(n.at(5)), inclusive: n.at(4).text === '..=', body: block(n.at(6)) },
          n.span,
        );
      case 'Break':
        return nodes.add({ kind: 'break', id: -1 }, n.span);
      case 'Continue':
        return nodes.add({ kind: 'continue', id: -1 }, n.span);
      case 'Assert':
        return stmt(n.at(0));
      case 'Assert_eq':
        return nodes.add({ kind: 'assert', id: -1, form: 'assert_eq', args: [expr(n.at(2)), expr(n.at(4))] }, n.span);
      case 'Assert_ne':
        return nodes.add({ kind: 'assert', id: -1, form: 'assert_ne', args: [expr(n.at(2)), expr(n.at(4))] }, n.span);
      case 'Assert_one':
        return nodes.add({ kind: 'assert', id: -1, form: 'assert', args: [expr(n.at(2))] }, n.span);
      case 'Assume':
        return nodes.add({ kind: 'assume', id: -1, cond: expr(n.at(2)) }, n.span);
      case 'Fence':
        return nodes.add({ kind: 'fence', id: -1, ordering: orderingOf(n.at(2)) }, n.span);
      case 'Store':
        return nodes.add({ kind: 'store', id: -1, loc: locRef(place(n.at(0))), value: expr(n.at(4)), ordering: orderingOf(n.at(6)) }, n.span);
      case 'Lock':
        return nodes.add({ kind: 'lock', id: -1, mutex: locRef(place(n.at(0))) }, n.span);
      case 'Unlock':
        return nodes.add({ kind: 'unlock', id: -1, mutex: locRef(place(n.at(0))) }, n.span);
      case 'Assign':
        return assign(n);
      case 'ExprStmt':
        return nodes.add({ kind: 'expr', id: -1, expr: expr(n.at(0)) }, n.span);
      default:
        throw new Error(`native-code.ts: no statement action for ${n.rule}`);
    }
  };

  const assign = (n: Cst): Stmt => {
    const span = n.span;
    const p = place(n.at(0));
    const assignOp = n.at(1);
    const sym = assignOp.text;
    const compound = sym === '=' ? null : (sym.slice(0, -1) as BinaryOp);
    if (isLocation(p)) {
      if (compound) {
        throw new SyntaxProblem(`\`${sym}\` cannot update a location`, assignOp.span, `write \`${p.name} = ... ${compound} ...\` instead`);
      }
      const loc = locRef(p);
      return nodes.add({ kind: 'write', id: -1, loc, value: expr(n.at(2)) }, span);
    }
    return nodes.add({ kind: 'assign', id: -1, name: p.name, op: compound, value: expr(n.at(2)) }, span);
  };

  const expr = (n: Cst): Expr => {
    switch (n.rule) {
      case 'Expr':
        return binary(n);
      case 'Operand': {
        let e = expr(n.at(1));
        const end = n.end;
        const ops = n.at(0);
        for (let i = ops.size - 1; i >= 0; i--) {
          const o = ops.at(i);
          e = nodes.add({ kind: 'unary', id: -1, op: o.text as UnaryOp, arg: e }, { start: o.start, end });
        }
        return e;
      }
      case 'PostfixExpr':
        return postfix(n);
      case 'BaseExpr':
      case 'PrimaryExpr':
        return expr(n.at(0));
      case 'AtomicExpr':
        return atomic(n);
      case 'PrimaryExpr_paren':
        return expr(n.at(1));
      case 'PrimaryExpr_ok':
        return nodes.add({ kind: 'result', id: -1, ok: true, value: expr(n.at(2)) }, n.span);
      case 'PrimaryExpr_err':
        return nodes.add({ kind: 'result', id: -1, ok: false, value: expr(n.at(2)) }, n.span);
      case 'PrimaryExpr_int':
        return nodes.add({ kind: 'int', id: -1, value: intLitValue(n.at(0)) }, n.span);
      case 'PrimaryExpr_true':
        return nodes.add({ kind: 'bool', id: -1, value: true }, n.span);
      case 'PrimaryExpr_false':
        return nodes.add({ kind: 'bool', id: -1, value: false }, n.span);
      case 'PrimaryExpr_place': {
        const placeNode = n.at(0);
        if (placeNode.at(0).rule === 'Place_name' && !ctx.statics.has(placeNode.text)) {
          return nodes.add({ kind: 'reg', id: -1, name: placeNode.text }, n.span);
        }
        return nodes.add({ kind: 'read', id: -1, loc: locRef(place(placeNode)) }, n.span);
      }
      default:
        throw new Error(`native-code.ts: no expression action for ${n.rule}`);
    }
  };

  const binary = (n: Cst): Expr => {
    const first = n.at(0);
    const firstExpr = expr(first);
    const ops = n.at(1);
    if (ops.size === 0) return firstExpr;
    const operands = n.at(2);
    const spans = new Map<Expr, Span>([[firstExpr, first.span]]);
    const rest = ops.children.map((o, i) => {
      const operandNode = operands.at(i);
      const operand = expr(operandNode);
      spans.set(operand, operandNode.span);
      return { op: o.text as BinaryOp, opSpan: o.span, operand };
    });
    return group(firstExpr, rest, (o, left, right) => {
      const node: Expr = nodes.add({ kind: 'binary', id: -1, op: o, left, right }, join(spans.get(left)!, spans.get(right)!));
      spans.set(node, nodes.span(node));
      return node;
    });
  };

  const postfix = (n: Cst): Expr => {
    let e = expr(n.at(0));
    const start = n.start;
    for (const s of n.at(1).children) {
      const inner = s.at(0);
      let method: ResultMethod;
      if (inner.rule === 'Suffix_identity') {
        const [param, body] = [inner.at(4), inner.at(6)];
        if (param.text !== body.text) {
          throw new SyntaxProblem('only the identity closure is supported here', join(inner.at(3).span, inner.at(7).span), `write \`|${param.text}| ${param.text}\``);
        }
        method = 'unwrap_or_else_identity';
      } else {
        method = inner.at(1).text as ResultMethod;
      }
      e = nodes.add({ kind: 'method', id: -1, target: e, method }, { start, end: s.end });
    }
    return e;
  };

  /** `Place "." AtomicCall`. */
  const atomic = (n: Cst): Expr => {
    const span = n.span;
    const placeNode = n.at(0);
    const call = n.at(2).at(0);
    switch (call.rule) {
      case 'AtomicCall_load': {
        const loc = locRef(place(placeNode));
        return nodes.add({ kind: 'load', id: -1, loc, ordering: orderingOf(call.at(2)) }, span);
      }
      case 'AtomicCall_swap':
        return nodes.add({ kind: 'swap', id: -1, loc: locRef(place(placeNode)), value: expr(call.at(2)), ordering: orderingOf(call.at(4)) }, span);
      case 'AtomicCall_fetch': {
        const fetchOp = call.at(0).text.slice('fetch_'.length) as FetchOp;
        return nodes.add(
          { kind: 'fetch', id: -1, op: fetchOp, loc: locRef(place(placeNode)), value: expr(call.at(2)), ordering: orderingOf(call.at(4)) },
          span,
        );
      }
      case 'AtomicCall_cas':
        return nodes.add(
          {
            kind: 'cas', id: -1, loc: locRef(place(placeNode)), expected: expr(call.at(2)), desired: expr(call.at(4)),
            success: orderingOf(call.at(6)), failure: orderingOf(call.at(8)), weak: call.at(0).text.endsWith('_weak'),
          },
          span,
        );
      case 'AtomicCall_store': {
        const name = place(placeNode).name;
        throw new SyntaxProblem('`store` gives no value: it is a statement', span, `write \`${name}.store(v, o);\` on its own`);
      }
      case 'AtomicCall_mutex': {
        const what = call.at(0).text;
        throw new SyntaxProblem(`\`${what}\` is a statement`, span, `write \`${place(placeNode).name}.${what}();\` on its own, without \`.unwrap()\``);
      }
      default:
        throw new Error(`native-code.ts: no action for ${call.rule}`);
    }
  };

  const place = (n: Cst): Place => {
    const alt = n.at(0);
    if (alt.rule === 'Place_index') return { name: alt.at(0).text, index: expr(alt.at(2)), span: alt.span };
    return { name: alt.text, index: null, span: alt.span };
  };

  return { block, stmt, expr };
}
