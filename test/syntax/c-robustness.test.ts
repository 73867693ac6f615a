// Robustness of the C front end through parseLitmus: no input makes it throw, pathological
// inputs end quickly with a diagnostic, and whatever parses formats back to the same tree with
// every comment kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLitmus, parseLitmus } from '../../src/syntax/index.js';
import { stripIds } from './c-strip.js';

const VALID = `C SB+rmw
"a doc string"
Cycle=Fre PodWR Fre PodWR
Relax=

(* about this test *)
{ x = 0; atomic_int y = 0; 0:r9 = 1; }

P0 (atomic_int* x, volatile int* z) {
  int r0 = atomic_fetch_add_explicit(x, 1, memory_order_acq_rel); // rmw
  if (r0 == 0) { *z = 1; } else { r0 += 2; }
}

P1 (atomic_int* x, atomic_int* y) {
  atomic_store(y, 1);
  atomic_thread_fence(memory_order_seq_cst);
  int r1 = atomic_compare_exchange_strong(x, &r0, (2 + *z) * 3);
}

locations [x; 1:r1;]
regions: x:PROP
exists (0:r0=0 /\\ ~1:r1=1 \\/ [y]=2)
expect { rc11: Sometimes }
`;

describe('C front end robustness', () => {
  it('parses the sample', () => {
    expect(parseLitmus(VALID, 'v.litmus').ok).toBe(true);
  });

  it('never throws on random text', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseLitmus(`C R\n${s}`, 'r.litmus');
        parseLitmus(`C R\n{}\nP0 () {\n${s}\n}\n`, 'r.litmus');
      }),
      { seed: 52, numRuns: 300 },
    );
  });

  it('never throws on a mutated valid file, and what parses round-trips', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.nat({ max: VALID.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const text = VALID.slice(0, at) + insert + VALID.slice(at + cut);
        const r = parseLitmus(text, 'm.litmus');
        if (!r.ok) return;
        const out = formatLitmus(r.file);
        const again = parseLitmus(out, 'm.litmus');
        expect(again.ok && stripIds(again.file), out).toEqual(stripIds(r.file));
      }),
      { seed: 53, numRuns: 500 },
    );
  });

  it('keeps comments and blank lines put anywhere', { timeout: 30_000 }, () => {
    const pieces = [' // c\n', '\n// d\n', ' /* e */ ', '\n(* f\ng *)\n', ' (* (* h *) *) ', '\n\n', '\n\n// i\n\n'];
    const start = VALID.indexOf('\n') + 1;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: start, max: VALID.length }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = VALID;
        for (const [at, p] of [...edits].sort((a, b) => b[0] - a[0])) text = text.slice(0, at) + p + text.slice(at);
        const r = parseLitmus(text, 'c.litmus');
        if (!r.ok) return;
        const out = formatLitmus(r.file);
        const again = parseLitmus(out, 'c.litmus');
        expect(again.ok && stripIds(again.file), out).toEqual(stripIds(r.file));
        expect(formatLitmus(again.ok ? again.file : r.file)).toBe(out);
        for (const [, p] of edits) {
          const comment = p.trim();
          if (comment !== '') expect(out, `${comment} lost:\n${text}\n---\n${out}`).toContain(comment);
        }
      }),
      { seed: 54, numRuns: 400 },
    );
  });

  const N = 10_000;
  const inThread = (code: string): string => `C DEEP\n{}\nP0 (atomic_int* x) {\n  ${code}\n}\n`;
  it.each([
    ['deep parentheses', inThread(`r = ${'('.repeat(N)}1${')'.repeat(N)};`)],
    ['deep unary', inThread(`r = ${'!'.repeat(N)}r;`)],
    ['deep negation', inThread(`r = ${'- '.repeat(N)}r;`)],
    ['long sum', inThread(`r = ${Array(N).fill('r').join(' + ')};`)],
    ['else-if chain', inThread(`if (r == 0) {}${' else if (r == 1) {}'.repeat(N / 4)}`)],
    ['deep condition', `C DEEP\n{}\nexists (${'~'.repeat(N)}true)\n`],
    ['long condition', `C DEEP\n{}\nexists (${Array(N / 2).fill('0:r=1').join(' /\\ ')})\n`],
    ['long implication chain', `C DEEP\n{}\nexists (${Array(N / 2).fill('0:r=1').join(' => ')})\n`],
    ['large file', inThread('r = 1;\n'.repeat(60_000 / 7))],
  ])('ends quickly, without throwing, on a %s', { timeout: 30_000 }, (_name, text) => {
    const start = performance.now();
    const r = parseLitmus(text, 'deep.litmus');
    if (!r.ok) expect(r.diagnostics[0]!.code).toMatch(/^E0(004|100)$/);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
