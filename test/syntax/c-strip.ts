/**
 * Test helper for the C dialect's tests: an AST as plain JSON without node ids, so that trees
 * from two parses (of a file and of its formatted text) compare with `toEqual`.
 */
import type { LitmusFile } from '../../src/ast.js';

export function stripIds(file: LitmusFile): unknown {
  return JSON.parse(JSON.stringify(file, (key, value: unknown) => (key === 'id' ? undefined : typeof value === 'bigint' ? `${value}n` : value)));
}
