// Example-based tests of the native formatter: each test/syntax/examples/NAME.litmus is already in
// canonical form (formatting it changes nothing), unless NAME.expected exists, which then holds
// the formatted text (`ORDO_ACCEPT=1` rewrites it). Either way no comment is lost and the result
// parses back to the same tree.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { formatLitmus, parseLitmus } from '../../src/syntax/index.js';
import { commentsOf, stripIds } from './arb-rust.js';

const DIR = join(import.meta.dirname, 'examples');
const ACCEPT = process.env['ORDO_ACCEPT'] === '1';

function parse(text: string) {
  const r = parseLitmus(text, 'example.litmus');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n'));
  return r.file;
}

describe('native formatter, on examples', () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith('.litmus')).map((f) => f.slice(0, -7)).sort();
  it.each(names)('%s', (name) => {
    const text = readFileSync(join(DIR, `${name}.litmus`), 'utf8');
    const ast = parse(text);
    const out = formatLitmus(ast);
    const expectedPath = join(DIR, `${name}.expected`);
    if (ACCEPT && existsSync(expectedPath)) writeFileSync(expectedPath, out);
    expect(out).toBe(existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : text);
    expect(commentsOf(out)).toEqual(commentsOf(text));
    expect(stripIds(parse(out))).toEqual(stripIds(ast));
    expect(formatLitmus(parse(out))).toBe(out);
  });

  it('prints the canonical forms of what it accepts', () => {
    const text = 'Rust X\nstatic mut A: u8 = 0b11;\nstatic B: AtomicBool = 1;\nthread t { A = B.load(Ordering::SeqCst) as_is; }\n';
    expect(() => parse(text)).toThrow(/expected/);
    const ok = 'Rust X\nstatic mut A: u8 = 0b11;\nstatic B: AtomicBool = 1;\nthread t { A = B.load(Ordering::SeqCst); r = 1_000u32; }\n';
    expect(formatLitmus(parse(ok))).toBe(
      'Rust X\n\nstatic A: u8 = 3;\nstatic B: AtomicBool = true;\n\nthread t {\n    A = B.load(SeqCst);\n    r = 1000;\n}\n',
    );
  });

  it('keeps parentheses only where precedence needs them', () => {
    const body = (e: string) => {
      const out = formatLitmus(parse(`Rust X\nthread t { r = ${e}; }\n`));
      return out.slice(out.indexOf('r = ') + 4, out.indexOf(';\n}'));
    };
    expect(body('(1 + 2) * 3')).toBe('(1 + 2) * 3');
    expect(body('1 + (2 * 3)')).toBe('1 + 2 * 3');
    expect(body('(1 - 2) - 3')).toBe('1 - 2 - 3');
    expect(body('1 - (2 - 3)')).toBe('1 - (2 - 3)');
    expect(body('(a == b) == c')).toBe('(a == b) == c');
    expect(body('a == (b == c)')).toBe('a == (b == c)');
    expect(body('(a < b) && (c || d)')).toBe('a < b && (c || d)');
    expect(body('-(a + 1)')).toBe('-(a + 1)');
    expect(body('(-a).is_ok()')).toBe('(-a).is_ok()');
    expect(body('(a + b).unwrap()')).toBe('(a + b).unwrap()');
    expect(body('((x))')).toBe('x');
    expect(body('- -1')).toBe('--1');
    expect(body('a - -1')).toBe('a - -1');
  });
});
