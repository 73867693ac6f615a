/**
 * Semantic actions for the code of the C dialect: thread bodies, statements and expressions
 * (grammar/c-litmus.ohm → src/ast.ts), as functions over the concrete syntax tree (cst.ts). The
 * file-level actions are in c-semantics.ts.
 *
 * Nodes are created with `id: -1` and registered with their span; common.ts's NodeTable numbers
 * them once the tree is complete. Each action builds its parts in the order the Ohm semantics
 * it replaced did, so that the first problem reported and the order of comment anchors stay the
 * same.
 */
import type { BinaryOp, Expr, FetchOp, LocationRef, Ordering, Stmt, UnaryOp } from '../ast.js';
import { SyntaxProblem } from './common.js';
import { mk, spanAt, type CContext } from './c-context.js';
import { C_BINARY_PRECEDENCE, climb, isBinaryOp, shapeEnds, type Shape } from './c-operators.js';
import type { Cst } from './cst.js';
import { namedType, wordsType, type CTypeInfo } from './c-types.js';

/** `x` naming a location in code (a pointer parameter). */
export function locRef(n: Cst, c: CContext): LocationRef {
  return mk(c, { id: -1, name: n.text, index: null }, n);
}

/**
 * The value of an integer literal (`intLit`), decimal or hexadecimal. A leading zero is refused:
 * C reads `010` as octal 8, herd7 as decimal 10, and a litmus test should not depend on which.
 */
export function intValue(n: Cst): bigint {
  const text = n.text;
  if (/^0[0-9]/.test(text)) {
    throw new SyntaxProblem(`the integer \`${text}\` has a leading zero`, spanAt(n), 'octal in C, decimal in herd7');
  }
  return BigInt(text.toLowerCase());
}

/** A `SignedInt`: `-`? then an integer literal. */
export function signedValue(n: Cst): bigint {
  const v = intValue(n.at(1));
  return n.at(0).size > 0 ? -v : v;
}

const ORDERINGS: Readonly<Record<string, Ordering>> = {
  memory_order_relaxed: 'Relaxed',
  memory_order_consume: 'Consume',
  memory_order_acquire: 'Acquire',
  memory_order_release: 'Release',
  memory_order_acq_rel: 'AcqRel',
  memory_order_seq_cst: 'SeqCst',
};

/** A `memOrder`. */
export function ordering(n: Cst): Ordering {
  return ORDERINGS[n.text]!;
}

/**
 * The type a `CType` spells: qualifiers, then `_Atomic` and a parenthesised `PlainType`, or
 * `_Atomic`? and a `PlainType`. A `SyntaxProblem` when C has no such type (`long short`, `_Atomic`
 * of an atomic typedef).
 */
export function ctype(n: Cst): CTypeInfo {
  const quals = n.at(0).children.map((q) => q.text);
  const core = n.at(2);
  const paren = core.rule === 'AtomicParen';
  const plainNode = paren ? core.at(1) : core;
  const plain = plainType(plainNode);
  if (!paren && n.at(1).size === 0) return { ...plain, name: [...quals, plain.name].join(' ') };
  if (plain.atomic) throw new SyntaxProblem(`\`_Atomic\` of the atomic type \`${plain.name}\``, plainNode.span);
  const name = paren ? `_Atomic(${plain.name})` : `_Atomic ${plain.name}`;
  return { name: [...quals, name].join(' '), atomic: true, int: plain.int };
}

/** A `PlainType`: one type name, or integer keywords. */
function plainType(n: Cst): CTypeInfo {
  const word = n.at(0);
  if (word.rule === 'namedType') {
    const t = namedType(word.text);
    if (!t) throw new Error(`c-types.ts does not know the grammar's type ${word.text}`);
    return { name: word.text, ...t };
  }
  const t = wordsType(word.children.map((w) => w.text));
  if (typeof t === 'string') throw new SyntaxProblem(t, n.span, 'not a type');
  return { name: t.name, atomic: false, int: t };
}

/** The elements of a list rule written `x (sep x)*`, or of an optional one (`List?`). */
export function listItems(n: Cst): Cst[] {
  const list = n.rule === '_iter' ? n.opt : n;
  return list ? [list.at(0), ...list.at(2).children] : [];
}

/**
 * Statements of a block, anchored for the trivia pass. The first statement's spacing is the
 * formatter's (no blank line after `{`), so only later ones keep a blank line before them.
 */
function block(items: readonly Cst[], c: CContext): Stmt[] {
  const out: Stmt[] = [];
  for (const item of items) {
    for (const s of stmts(item, c)) {
      c.anchors.push({ node: s, span: c.nodes.span(s), keepBlank: out.length > 0 });
      out.push(s);
    }
  }
  return out;
}

/** The statements of a `Block`, `Body`, `Stmt` or one of the statement rules. */
export function stmts(n: Cst, c: CContext): Stmt[] {
  switch (n.rule) {
    case 'Block':
      return block(n.at(1).children, c);
    case 'Body':
    case 'Body_block':
    case 'Stmt':
    case 'StoreStmt':
      return stmts(n.at(0), c);
    case 'Body_single':
      return block([n.at(0)], c);
    case 'AtomicStmt':
    case 'IfOrWhile':
      return stmts(n.at(1), c);
    case 'IfStmt': {
      const elseOpt = n.at(5).opt;
      const otherwise = elseOpt ? stmts(elseOpt.at(1), c) : null;
      return [mk(c, { kind: 'if', id: -1, cond: expr(n.at(2), c), then: stmts(n.at(4), c), else: otherwise }, n)];
    }
    case 'WhileStmt':
      return [mk(c, { kind: 'while', id: -1, cond: expr(n.at(2), c), body: stmts(n.at(4), c) }, n)];
    case 'DeclStmt':
      return declarations(n, c);
    case 'StoreStmt_explicit':
      return [mk(c, { kind: 'store', id: -1, loc: locRef(n.at(2), c), value: expr(n.at(4), c), ordering: ordering(n.at(6)) }, n)];
    case 'StoreStmt_plain':
      return [mk(c, { kind: 'store', id: -1, loc: locRef(n.at(2), c), value: expr(n.at(4), c), ordering: 'SeqCst' }, n)];
    case 'FenceStmt':
      return [mk(c, { kind: 'fence', id: -1, ordering: ordering(n.at(2)) }, n)];
    case 'WriteStmt':
      return [mk(c, { kind: 'write', id: -1, loc: locRef(n.at(1), c), value: expr(n.at(3), c) }, n)];
    case 'AssignStmt': {
      const text = n.at(1).text;
      const bin = text === '=' ? null : text.slice(0, -1);
      if (bin !== null && !isBinaryOp(bin)) throw new Error(`c-litmus.ohm and c-code.ts disagree on ${text}`);
      return [mk(c, { kind: 'assign', id: -1, name: n.at(0).text, op: bin, value: expr(n.at(2), c) }, n)];
    }
    case 'CallStmt':
      return [mk(c, { kind: 'expr', id: -1, expr: expr(n.at(0), c) }, n)];
    default:
      throw new Error(`c-code.ts: no statement action for ${n.rule}`);
  }
}

/** `int a = 1, b;`: one `let` per declarator. */
function declarations(n: Cst, c: CContext): Stmt[] {
  const ctypeName = ctype(n.at(0)).name;
  const list = listItems(n.at(1));
  return list.map((d, i): Stmt => {
    // the first declarator spans from the type (comments above the line attach to it), the
    // last one to the `;` (so does a comment after it)
    const start = i === 0 ? n.start : d.start;
    const end = i === list.length - 1 ? n.end : d.end;
    const value = d.at(2).opt;
    const init = value ? expr(value, c) : null;
    return mk(c, { kind: 'let', id: -1, name: d.at(0).text, mutable: true, init, ctype: ctypeName }, { start, end });
  });
}

const FETCH_OPS: Readonly<Record<string, FetchOp>> = { add: 'add', sub: 'sub', or: 'or', xor: 'xor', and: 'and' };

/** Builds the nodes of an operator tree (leaves are operand CST nodes, read left to right). */
function realize(shape: Shape<Cst, BinaryOp>, c: CContext): Expr {
  if (shape.kind === 'leaf') return expr(shape.leaf, c);
  const [first, last] = shapeEnds(shape);
  const left = realize(shape.left, c);
  const right = realize(shape.right, c);
  return mk(c, { kind: 'binary', id: -1, op: shape.op, left, right }, { start: first.start, end: last.end });
}

type CasExpected = Extract<Expr, { kind: 'ccas' }>['expected'];

function casExpected(n: Cst, c: CContext): CasExpected {
  const alt = n.at(0);
  if (alt.rule === 'CasExpected_reg') return mk(c, { kind: 'register', id: -1, name: alt.at(1).text }, alt);
  return { kind: 'location', loc: locRef(alt.at(0), c) };
}

/** The expression of an `Expr`, `Unary`, `Primary` or `Call` node. */
export function expr(n: Cst, c: CContext): Expr {
  switch (n.rule) {
    case 'Expr': {
      const ops = n.at(1);
      if (ops.size === 0) return expr(n.at(0), c);
      const operands = n.at(2);
      const rest = ops.children.map((o, i) => {
        const op = o.text;
        if (!isBinaryOp(op)) throw new Error(`c-litmus.ohm and c-code.ts disagree on ${op}`);
        return [op, operands.at(i)] as const;
      });
      const shape = climb<Cst, BinaryOp>(n.at(0), rest, (op) => C_BINARY_PRECEDENCE[op], () => false);
      return realize(shape, c);
    }
    case 'Unary':
    case 'Primary':
    case 'CallForm':
      return expr(n.at(0), c);
    case 'Call':
      return expr(n.at(1), c);
    case 'Unary_op':
      return mk(c, { kind: 'unary', id: -1, op: n.at(0).text as UnaryOp, arg: expr(n.at(1), c) }, n);
    case 'Primary_paren':
      return expr(n.at(1), c);
    case 'Primary_read':
      return mk(c, { kind: 'read', id: -1, loc: locRef(n.at(1), c) }, n);
    case 'Primary_int':
      return mk(c, { kind: 'int', id: -1, value: intValue(n.at(0)) }, n);
    case 'Primary_reg':
      return mk(c, { kind: 'reg', id: -1, name: n.text }, n);
    default:
      return call(n, c);
  }
}

/** One of the atomic calls (`CallForm_*`). */
function call(n: Cst, c: CContext): Expr {
  switch (n.rule) {
    case 'CallForm_loadExplicit':
      return mk(c, { kind: 'load', id: -1, loc: locRef(n.at(2), c), ordering: ordering(n.at(4)) }, n);
    case 'CallForm_load':
      return mk(c, { kind: 'load', id: -1, loc: locRef(n.at(2), c), ordering: 'SeqCst' }, n);
    case 'CallForm_swapExplicit':
      return mk(c, { kind: 'swap', id: -1, loc: locRef(n.at(2), c), value: expr(n.at(4), c), ordering: ordering(n.at(6)) }, n);
    case 'CallForm_swap':
      return mk(c, { kind: 'swap', id: -1, loc: locRef(n.at(2), c), value: expr(n.at(4), c), ordering: 'SeqCst' }, n);
    case 'CallForm_fetchExplicit':
    case 'CallForm_fetch': {
      const op = FETCH_OPS[n.at(0).at(1).text]!;
      const order = n.rule === 'CallForm_fetch' ? 'SeqCst' : ordering(n.at(6));
      return mk(c, { kind: 'fetch', id: -1, op, loc: locRef(n.at(2), c), value: expr(n.at(4), c), ordering: order }, n);
    }
    case 'CallForm_casExplicit':
    case 'CallForm_cas': {
      const weak = n.at(0).at(1).text === 'weak';
      const node = { kind: 'ccas', id: -1, loc: locRef(n.at(2), c), expected: casExpected(n.at(4), c), desired: expr(n.at(6), c) } as const;
      const explicit = n.rule === 'CallForm_casExplicit';
      const success = explicit ? ordering(n.at(8)) : 'SeqCst';
      const failure = explicit ? ordering(n.at(10)) : 'SeqCst';
      return mk(c, { ...node, success, failure, weak }, n);
    }
    case 'CallForm_addUnless':
      return mk(c, { kind: 'addUnless', id: -1, loc: locRef(n.at(5), c), add: expr(n.at(7), c), unless: expr(n.at(9), c) }, n);
    default:
      throw new Error(`c-code.ts: no expression action for ${n.rule}`);
  }
}
