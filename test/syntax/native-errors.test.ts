// Golden tests of parse errors: each test/syntax/errors/NAME.litmus (read as bytes and decoded as
// the CLI does, UTF-8 with replacement, BOM kept) renders its diagnostics exactly as in
// NAME.expected; the generated inputs below (deep nesting, a 1 MB file) have a NAME.expected
// without a .litmus. `ORDO_ACCEPT=1 npx vitest run test/syntax/native-errors.test.ts` rewrites
// the .expected files; review the diff before committing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { formatLitmus, LIMITS, parseLitmus } from '../../src/syntax/index.js';
import { commentsOf, stripIds } from './arb-rust.js';

const DIR = join(import.meta.dirname, 'errors');
const ACCEPT = process.env['ORDO_ACCEPT'] === '1';

/** What the user would see for `text`. */
function render(text: string, file: string): string {
  const r = parseLitmus(text, file);
  if (r.ok) return `parsed: ${r.file.locations.length} locations, ${r.file.threads.length} threads\n`;
  return r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n\n') + '\n';
}

function golden(name: string, text: string): void {
  const actual = render(text, `${name}.litmus`);
  const path = join(DIR, `${name}.expected`);
  if (ACCEPT) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('parse errors (golden files)', () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith('.litmus')).map((f) => f.slice(0, -'.litmus'.length)).sort();
  it.each(names)('%s', (name) => {
    golden(name, decode(readFileSync(join(DIR, `${name}.litmus`))));
  });
});

const N = 10_000;
const thread = (code: string) => `Rust DEEP\nthread t {\n    ${code}\n}\n`;

/** Generated inputs: too deep or too large to keep as files. */
const GENERATED: Record<string, () => string> = {
  'deep-parentheses': () => thread(`let r = ${'('.repeat(N)}1${')'.repeat(N)};`),
  'deep-blocks': () => thread(`${'loop{'.repeat(N)}${'}'.repeat(N)}`),
  'deep-unary': () => thread(`let r = ${'!'.repeat(N)}x;`),
  'deep-negation': () => thread(`let r = ${'- '.repeat(N)}x;`),
  'long-sum': () => thread(`let r = ${Array(N).fill('x').join(' + ')};`),
  'deep-methods': () => thread(`let r = x${'.unwrap()'.repeat(N / 2)};`),
  'else-if-chain': () => thread(`if r == 0 {}${' else if r == 1 {}'.repeat(N / 4)}`),
  'deep-condition': () => `Rust DEEP\nexists (${'!'.repeat(N)}true)\n`,
  'long-condition': () => `Rust DEEP\nexists (${Array(N / 2).fill('t:r == 1').join(' && ')})\n`,
  'deep-condition-parentheses': () => `Rust DEEP\nexists (${'('.repeat(N)}true${')'.repeat(N)})\n`,
  // within the pre-scan's bounds, but deeper than the tree may be
  'sum-of-300': () => thread(`let r = ${Array(300).fill('x').join(' + ')};`),
  'one-megabyte': () => thread('r = 1;\n'.repeat((1 << 20) / 7)),
  'one-megabyte-line': () => `Rust BIG ${'x'.repeat(1 << 20)}\n`,
};

describe('generated inputs (golden files)', () => {
  it.each(Object.keys(GENERATED))('%s', (name) => {
    const start = performance.now();
    golden(name, GENERATED[name]!());
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it('parses a file just under the size limit', { timeout: 30_000 }, () => {
    const stmt = '    let r = X.load(Acquire) + D * (3 - r); // c\n';
    let text = 'Rust BIG\nstatic X: AtomicUsize = 0;\nstatic D: usize = 0;\nthread t {\n';
    while (text.length + stmt.length + 2 < LIMITS.maxChars) text += stmt;
    text += '}\n';
    const r = parseLitmus(text, 'big.litmus');
    expect(r.ok).toBe(true);
  });
});

describe('robustness', () => {
  const valid = readFileSync(join(import.meta.dirname, 'examples', 'sb-rmw.litmus'), 'utf8');

  it('never throws on random text', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseLitmus(s, 'r.litmus');
        parseLitmus(`Rust R\n${s}`, 'r.litmus');
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never throws on a mutated valid file', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + cut);
        const r = parseLitmus(text, 'm.litmus');
        if (!r.ok) return;
        // whatever parses formats to text that parses back to the same tree, with every comment
        const out = formatLitmus(r.file);
        const again = parseLitmus(out, 'm.litmus');
        expect(again.ok && stripIds(again.file)).toEqual(stripIds(r.file));
        expect(commentsOf(out)).toEqual(commentsOf(text));
      }),
      { seed: 43, numRuns: 300 },
    );
  });

  it('keeps comments and blank lines put anywhere', { timeout: 30_000 }, () => {
    const piece = fc.constantFrom(' // c\n', '\n// d\n', ' /* e */ ', '\n/* f\ng */\n', '\n\n', '\n\n// h\n\n');
    const start = valid.indexOf('\n') + 1;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: start, max: valid.length }), piece), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = valid;
        for (const [at, p] of [...edits].sort((a, b) => b[0] - a[0])) text = text.slice(0, at) + p + text.slice(at);
        const r = parseLitmus(text, 'c.litmus');
        if (!r.ok) return;
        const out = formatLitmus(r.file);
        const again = parseLitmus(out, 'c.litmus');
        expect(again.ok && stripIds(again.file)).toEqual(stripIds(r.file));
        expect(commentsOf(out)).toEqual(commentsOf(text));
        expect(formatLitmus(again.ok ? again.file : r.file)).toBe(out);
      }),
      { seed: 44, numRuns: 300 },
    );
  });
});

describe('dispatch on the first word', () => {
  it('reads `Rust` files natively and `C` files as herd7 C, after a BOM and blank lines', () => {
    const rust = parseLitmus('\ufeff\n\n  Rust R\nthread t {}\n', 'r.litmus');
    expect(rust.ok && rust.file.dialect).toBe('rust');
    const c = parseLitmus('C SB\n{ x = 0; y = 0; }\nP0 (atomic_int* x) {\n  atomic_store_explicit(x, 1, memory_order_relaxed);\n}\nexists (x=1)\n', 'c.litmus');
    expect(c.ok && c.file.dialect).toBe('c');
    if (rust.ok && c.ok) {
      expect(formatLitmus(rust.file)).toBe('Rust R\n\nthread t {}\n');
      expect(formatLitmus(c.file).startsWith('C SB\n')).toBe(true);
    }
  });
});
