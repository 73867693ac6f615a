// Property tests of the native formatter: parse(format(ast)) is ast (ids aside), for random trees
// the parser could produce (test/syntax/arb-rust.ts), and formatting is idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { formatRust } from '../../src/syntax/format-rust.js';
import { parseNative } from '../../src/syntax/native.js';
import { arbNativeFile, stripIds } from './arb-rust.js';

function reparse(text: string) {
  const r = parseNative(text, 'fmt.litmus');
  if (!r.ok) throw new Error(`${r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n')}\n--- text ---\n${text}`);
  return r.file;
}

describe('native formatter, on random trees', () => {
  it('round-trips: parse(format(ast)) equals ast modulo ids', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbNativeFile, (ast) => {
        const text = formatRust(ast);
        expect(stripIds(reparse(text))).toEqual(stripIds(ast));
      }),
      { seed: 20240611, numRuns: 600 },
    );
  });

  it('is idempotent: format(parse(format(x))) == format(x)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbNativeFile, (ast) => {
        const once = formatRust(ast);
        expect(formatRust(reparse(once))).toBe(once);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
