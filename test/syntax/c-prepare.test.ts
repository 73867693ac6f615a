// The text the C grammar matches (src/syntax/c-prepare.ts): comments blanked where the grammar
// used to skip them, everything else (offsets, line breaks, text kept as written) unchanged.
import { describe, expect, it } from 'vitest';
import { parseC } from '../../src/syntax/c.js';
import { BLANK, prepareC, prepareCProposition } from '../../src/syntax/c-prepare.js';
import { headerEnd } from '../../src/syntax/common.js';

const prepare = (text: string): string => prepareC(text, headerEnd(text));
/** The prepared text with blanked characters shown as `#`. */
const shown = (text: string): string => prepare(text).split(BLANK).join('#');

describe('prepareC', () => {
  it('blanks comments between tokens, keeping every offset and line break', () => {
    const text = 'C t\n{ x = 0; } (* a\n b *)\nP0 () { // c\n  r = 1; /* d */ }\n';
    expect(prepare(text)).toHaveLength(text.length);
    expect(shown(text)).toBe('C t\n{ x = 0; } ####\n#####\nP0 () { ####\n  r = 1; ####### }\n');
  });

  it('returns the text itself when there is no comment', () => {
    const text = 'C t\n"doc"\nCycle=a\n{}\nP0 () {}\nexists (x=1)\n';
    expect(prepare(text)).toBe(text);
  });

  it('leaves the doc string, key=value lines and regions: lines as written', () => {
    const text = 'C t\n"a (* b *)"\nCycle=x // y\n(* c *) Safe=(* z *)\n{}\nregions: w // v\n';
    expect(shown(text)).toBe('C t\n"a (* b *)"\nCycle=x // y\n####### Safe=(* z *)\n{}\nregions: w // v\n');
  });

  it('ends a key=value line at a comment between the key and `=` (not a key=value line)', () => {
    expect(shown('C t\nCycle (* c *)= x\n{}\n')).toBe('C t\nCycle #######= x\n{}\n');
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
