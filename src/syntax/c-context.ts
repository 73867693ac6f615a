/**
 * What the semantic actions of one C parse share: the node table (spans now, ids in pre-order
 * once the tree is complete, see common.ts) and the nodes that may carry comments (anchors for
 * trivia.ts). One context per call of `parseC`; nothing here outlives a parse.
 */
import type { Span } from '../ast.js';
import type { NodeTable } from './common.js';
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

/** Something with a source interval (an Ohm node). */
export interface HasSource {
  readonly source: { readonly startIdx: number; readonly endIdx: number };
}

export function spanAt(at: HasSource | Span): Span {
  return 'source' in at ? { start: at.source.startIdx, end: at.source.endIdx } : at;
}

/** Registers a new node (created with `id: -1`) as spanning `at`. */
export function mk<T extends object>(c: CContext, node: T, at: HasSource | Span): T {
  return c.nodes.add(node, spanAt(at));
}
