/**
 * What the semantic actions of one C parse share: the node table (spans now, ids in pre-order
 * once the tree is complete, see common.ts) and the nodes that may carry comments (anchors for
 * trivia.ts). One context per call of `parseC`; nothing here outlives a parse.
 */
import type { Span } from '../ast.js';
import type { NodeTable } from './common.js';
import type { Cst } from './cst.js';
import type { Anchor } from './trivia.js';

export interface CContext {
  readonly nodes: NodeTable;
  readonly anchors: Anchor[];
  /**
   * Text kept as written (key=value lines, verbatim clauses): a comment marker inside is part
   * of the text, not a comment.
   */
  readonly opaque: Span[];
}

export function spanAt(at: Cst | Span): Span {
  return 'rule' in at ? at.span : at;
}

/** Registers a new node (created with `id: -1`) as spanning `at`. */
export function mk<T extends object>(c: CContext, node: T, at: Cst | Span): T {
  return c.nodes.add(node, spanAt(at));
}
