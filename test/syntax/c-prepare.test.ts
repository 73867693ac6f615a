// The text the C grammar matches (src/syntax/c-prepare.ts): comments blanked where the grammar
// used to skip them, everything else (offsets, line breaks, text kept as written) unchanged.
import { describe, expect, it } from 'vitest';
import { parseC } from '../../src/syntax/c.js';
import { BLANK, DOC, META, prepareC, prepareCProposition } from '../../src/syntax/c-prepare.js';
import { headerEnd } from '../../src/syntax/common.js';
import { toSource } from '../../src/syntax/cst.js';

const prepare = (text: string): string => prepareC(text, headerEnd(text)).text;
/** The prepared text with blanked characters shown as `#`, the stubs as `D` and `M`. */
const shown = (text: string): string => prepare(text).split(BLANK).join('#').split(DOC).join('D').split(META).join('M');

describe('prepareC', () => {
  it('blanks comments between tokens, keeping every offset and line break', () => {
    const text = 'C t\n{ x = 0; } (* a\n b *)\nP0 () { // c\n  r = 1; /* d */ }\n';
    expect(prepare(text)).toHaveLength(text.length);
    expect(prepareC(text, headerEnd(text)).shortening).toBe(null);
    expect(shown(text)).toBe('C t\n{ x = 0; } ####\n#####\nP0 () { ####\n  r = 1; ####### }\n');
  });

  it('returns the text itself when there is no comment, doc string or key=value line', () => {
    const text = 'C t\n{}\nP0 () {}\nexists (x=1)\n';
    expect(prepare(text)).toBe(text);
  });

  it('cuts the doc string and key=value lines down to stubs, and maps offsets back', () => {
    const text = 'C t\n"a (* b *)"\nCycle=x // y\n(* c *) Safe=(* z *)\n{}\nregions: w // v\n';
    const prepared = prepareC(text, headerEnd(text));
    expect(shown(text)).toBe('C t\nD\nM\n####### M\n{}\nregions: w // v\n');
    const at = (s: string): number => prepared.text.indexOf(s);
    const back = (x: number): number => toSource(prepared.shortening, x);
    expect([back(at(DOC)), back(at(DOC) + 1)]).toEqual([text.indexOf('"a'), text.indexOf('\nCycle')]);
    expect([back(at(META)), back(at(META) + 1)]).toEqual([text.indexOf('Cycle'), text.indexOf('\n(* c')]);
    expect(back(at('{}'))).toBe(text.indexOf('{}'));
    expect(back(prepared.text.length)).toBe(text.length);
  });

  it('ends a key=value line at a comment between the key and `=` (not a key=value line)', () => {
    expect(shown('C t\nCycle (* c *)= x\n{}\n')).toBe('C t\nCycle #######= x\n{}\n');
    expect(parseC('C t\nCycle (* c *)= x\n{}\n', 't')).toMatchObject({ ok: false, diagnostics: [{ start: { line: 2, column: 1 } }] });
    expect(parseC('C t\nCycle (* c *)= x\n{}\n', 't').ok).toBe(false);
  });

  it('follows the grammar on nesting: herd comments nest, C block comments do not', () => {
    expect(shown('C t\n{} (* a (* b *) c *) x')).toBe('C t\n{} ################# x');
    expect(shown('C t\n{} /* a /* b */ c */')).toBe('C t\n{} ############ c */');
  });

  it('takes `(*` before a letter for a dereference in parentheses', () => {
    expect(shown('C t\n{}\nP0 () { if (*x == 1) r = (*y); (*z*) }')).toBe('C t\n{}\nP0 () { if (*x == 1) r = (*y); (*z*) }');
    expect(shown('C t\n{} (* (*x *) *) y')).toBe('C t\n{} ######### *) y');
  });

  it('reads `\\/` and `/\\` as tokens, so that a comment may follow them', () => {
    expect(prepareCProposition('x=1 \\//* c */ y=1').split(BLANK).join('#')).toBe('x=1 \\/####### y=1');
    expect(prepareCProposition('x=1 /\\// c').split(BLANK).join('#')).toBe('x=1 /\\####');
  });

  it('stops at a comment never closed and at a string, where the grammar stops', () => {
    expect(shown('C t\n{} (* a /* b */')).toBe('C t\n{} (* a /* b */');
    expect(shown('C t\n{} "s" /* b */')).toBe('C t\n{} "s" /* b */');
    expect(shown('C t\n"s /* b */')).toBe('C t\n"s /* b */');
  });

  it('ends a line comment before `\\r`', () => {
    expect(shown('C t\n{} // c\r\n')).toBe('C t\n{} ####\r\n');
  });

  it('parses the same with comments anywhere between tokens as without', () => {
    const plain = 'C t\n{ x = 0; }\nP0 (atomic_int* x) {\n  int r = atomic_load_explicit(x, memory_order_relaxed);\n}\nexists (0:r=1 /\\ x=0)\n';
    const commented = plain.replace(/ /g, ' (* c *) ').replace('C (* c *) t', 'C t');
    const a = parseC(plain, 't');
    const b = parseC(commented, 't');
    expect(a.ok && b.ok).toBe(true);
  });
});
