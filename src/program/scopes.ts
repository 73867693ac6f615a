/**
 * The registers a thread declares (`let`, `for`), in first-declaration order: they get the
 * first register slots, before temporaries.
 */
import type { Expr, Stmt } from '../ast.js';

export function registerNames(body: readonly Stmt[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const declare = (name: string): void => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  const stmts = (ss: readonly Stmt[]): void => {
    for (const s of ss) {
      switch (s.kind) {
        case 'let':
          declare(s.name);
          break;
        case 'for':
          declare(s.var);
          stmts(s.body);
          break;
        case 'if':
          stmts(s.then);
          if (s.else) stmts(s.else);
          break;
        case 'while':
        case 'loop':
          stmts(s.body);
          break;
        default:
      }
    }
  };
  stmts(body);
  return names;
}

export type { Expr };
