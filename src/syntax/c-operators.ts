/**
 * Operator precedence of the C dialect, shared by the parser (which reads binary operators flat
 * and arranges them here, by precedence climbing) and the formatter (which prints the fewest
 * parentheses that give the same tree back).
 *
 * Code uses C's precedence. The final condition uses herd7's: `\/` below `/\` below `=>`
 * (right-associative) below `~`; herd7's stateParser.mly declares exactly this.
 */
import type { BinaryOp } from '../ast.js';

/** C binary operators, loosest first; all left-associative. */
export const C_BINARY_PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

/** Precedence of a unary operator's operand position, and of primary expressions. */
export const C_UNARY_PRECEDENCE = 11;
export const C_PRIMARY_PRECEDENCE = 12;

export function isBinaryOp(s: string): s is BinaryOp {
  return Object.prototype.hasOwnProperty.call(C_BINARY_PRECEDENCE, s);
}

/** herd7's proposition connectives, as written. */
export type PropOp = '\\/' | '/\\' | '=>';

export const PROP_PRECEDENCE: Readonly<Record<PropOp, number>> = { '\\/': 1, '/\\': 2, '=>': 3 };
export const PROP_RIGHT_ASSOC: Readonly<Record<PropOp, boolean>> = { '\\/': false, '/\\': false, '=>': true };
/** `~P` binds tighter than every connective. */
export const PROP_NOT_PRECEDENCE = 4;
export const PROP_ATOM_PRECEDENCE = 5;

/** An operator tree before its nodes are built: leaves are the operands, in source order. */
export type Shape<L, O> =
  | { readonly kind: 'leaf'; readonly leaf: L }
  | { readonly kind: 'op'; readonly op: O; readonly left: Shape<L, O>; readonly right: Shape<L, O> };

/**
 * Arranges `first (op operand)*` into a tree by precedence climbing. `prec` gives an operator's
 * binding strength (higher binds tighter), `rightAssoc` whether it groups to the right.
 */
export function climb<L, O>(
  first: L,
  rest: readonly (readonly [O, L])[],
  prec: (op: O) => number,
  rightAssoc: (op: O) => boolean,
): Shape<L, O> {
  let pos = 0;
  const parse = (lhs: Shape<L, O>, min: number): Shape<L, O> => {
    let left = lhs;
    while (pos < rest.length && prec(rest[pos]![0]) >= min) {
      const [op, operand] = rest[pos]!;
      pos++;
      let right: Shape<L, O> = { kind: 'leaf', leaf: operand };
      while (pos < rest.length) {
        const next = rest[pos]![0];
        const tighter = prec(next) > prec(op) || (rightAssoc(next) && prec(next) === prec(op));
        if (!tighter) break;
        right = parse(right, prec(op) + (prec(next) > prec(op) ? 1 : 0));
      }
      left = { kind: 'op', op, left, right };
    }
    return left;
  };
  return parse({ kind: 'leaf', leaf: first }, 0);
}

/** The first and last leaves of a shape (for the source span of an operator node). */
export function shapeEnds<L, O>(s: Shape<L, O>): readonly [L, L] {
  let a = s;
  while (a.kind === 'op') a = a.left;
  let b = s;
  while (b.kind === 'op') b = b.right;
  return [a.leaf, b.leaf];
}
