// Property tests of the C formatter on random trees the parser could produce (arb-c.ts):
// parse(format(ast)) equals ast (ids aside), and formatting is idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LitmusFile } from '../../src/ast.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { parseC } from '../../src/syntax/c.js';
import { formatC } from '../../src/syntax/format-c.js';
import { arbCFile } from './arb-c.js';
import { stripIds } from './c-strip.js';

function reparse(text: string): LitmusFile {
  const r = parseC(text, 'fmt.litmus');
  if (!r.ok) throw new Error(`${r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n')}\n--- text ---\n${text}`);
  return r.file;
}

describe('C formatter, on random trees', () => {
  it('round-trips: parse(format(ast)) equals ast modulo ids', () => {
    fc.assert(
      fc.property(arbCFile, (ast) => {
        const text = formatC(ast);
        expect(stripIds(reparse(text)), text).toEqual(stripIds(ast));
      }),
      { seed: 20261127, numRuns: 600 },
    );
  });

  it('is idempotent: format(parse(format(x))) == format(x)', () => {
    fc.assert(
      fc.property(arbCFile, (ast) => {
        const once = formatC(ast);
        expect(formatC(reparse(once))).toBe(once);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
