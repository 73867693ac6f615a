// Unit tests of the C formatter (src/syntax/format-c.ts): the canonical layout, parentheses,
// comments, and the nodes it refuses.
import { describe, expect, it } from 'vitest';
import type { LitmusFile } from '../../src/ast.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { parseC } from '../../src/syntax/c.js';
import { formatC } from '../../src/syntax/format-c.js';

function parse(text: string): LitmusFile {
  const r = parseC(text, 't.litmus');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n'));
  return r.file;
}

const fmt = (text: string): string => formatC(parse(text));

/** The formatted body of a one-thread program. */
function code(body: string): string {
  const out = fmt(`C t\n{}\nP0 (atomic_int* x) {\n${body}\n}\n`);
  return out.slice(out.indexOf('{\n') + 2, out.lastIndexOf('\n}')).replace(/^ {2}/gm, '');
}

describe('layout', () => {
  it('prints a herd-style file', () => {
    const text = [
      'C MP+rel+acq',
      '"Rfe PodWW"',
      'Cycle=Rfe PodWW',
      'Relax=',
      '{ [x]=0; atomic_int y = 0; 1:r1=0 }',
      'P0(volatile int *x,atomic_int *y){ *x=1; atomic_store(y,1); }',
      'P1 (volatile int* x, atomic_int* y) {',
      '  int r0 = atomic_load_explicit(y,memory_order_acquire); if (r0 == 1) r1 = *x;',
      '}',
      'exists 1:r0 = 1 /\\ 1:r1 = 0 expect { rc11 : Never, sc/relaxed:Sometimes+race }',
    ].join('\n');
    expect(fmt(text)).toBe(
      [
        'C MP+rel+acq',
        '"Rfe PodWW"',
        'Cycle=Rfe PodWW',
        'Relax=',
        '',
        '{ x = 0; atomic_int y = 0; 1:r1 = 0; }',
        '',
        'P0 (volatile int* x, atomic_int* y) {',
        '  *x = 1;',
        '  atomic_store_explicit(y, 1, memory_order_seq_cst);',
        '}',
        '',
        'P1 (volatile int* x, atomic_int* y) {',
        '  int r0 = atomic_load_explicit(y, memory_order_acquire);',
        '  if (r0 == 1) {',
        '    r1 = *x;',
        '  }',
        '}',
        '',
        'exists (1:r0=1 /\\ 1:r1=0)',
        'expect { rc11: Never, sc/relaxed: Sometimes + race }',
        '',
      ].join('\n'),
    );
  });

  it('prints the clauses in a fixed order', () => {
    const text = 'C t\n{}\nexists x=1\nregions: x:PROP\nfilter ~0:r0=1\nlocations [0:r0; y]\n';
    expect(fmt(text)).toBe('C t\n\n{}\n\nlocations [0:r0; y;]\nfilter (~0:r0=1)\nregions: x:PROP\nexists ([x]=1)\n');
  });

  it('writes atomic_t initialisers with ATOMIC_INIT, and long init blocks one entry per line', () => {
    expect(fmt('C t\n{ atomic_t x = ATOMIC_INIT(3); }\n')).toContain('{ atomic_t x = ATOMIC_INIT(3); }');
    const many = Array.from({ length: 12 }, (_, i) => `v${i} = ${i}`).join('; ');
    expect(fmt(`C t\n{ ${many} }\n`)).toContain('{\n  v0 = 0;\n  v1 = 1;\n');
  });

  it('writes every atomic in its _explicit form', () => {
    expect(code('int r = atomic_load(x) + atomic_exchange(x, 1) + atomic_fetch_or(x, 2) + atomic_compare_exchange_weak(x, &r, 3);')).toBe(
      'int r = atomic_load_explicit(x, memory_order_seq_cst) + atomic_exchange_explicit(x, 1, memory_order_seq_cst) + ' +
        'atomic_fetch_or_explicit(x, 2, memory_order_seq_cst) + ' +
        'atomic_compare_exchange_weak_explicit(x, &r, 3, memory_order_seq_cst, memory_order_seq_cst);',
    );
    expect(code('__atomic_add_unless{mb}(x,1,2);')).toBe('__atomic_add_unless{mb}(x, 1, 2);');
  });

  it('braces every body and chains else if', () => {
    expect(code('if (a) r = 1; else if (b) r = 2; else { while (c) r = 3; }')).toBe(
      'if (a) {\n  r = 1;\n} else if (b) {\n  r = 2;\n} else {\n  while (c) {\n    r = 3;\n  }\n}',
    );
  });
});

describe('parentheses', () => {
  it.each([
    ['(a + b) * c', '(a + b) * c'],
    ['a + (b * c)', 'a + b * c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['-(-a)', '-(-a)'],
    ['- -1', '-(-1)'],
    ['a - -1', 'a - -1'],
    ['!(a == b)', '!(a == b)'],
    ['(a || b) && c', '(a || b) && c'],
    ['((*x))', '*x'],
    ['(*x + 1) * 2', '(*x + 1) * 2'],
    ['0x10', '16'],
  ])('writes %s as %s', (input, output) => {
    expect(code(`r = ${input};`)).toBe(`r = ${output};`);
  });

  it.each([
    ['(a=1 \\/ b=1) /\\ c=1', '([a]=1 \\/ [b]=1) /\\ [c]=1'],
    ['a=1 \\/ (b=1 /\\ c=1)', '[a]=1 \\/ [b]=1 /\\ [c]=1'],
    ['a=1 => (b=1 => c=1)', '[a]=1 => [b]=1 => [c]=1'],
    ['(a=1 => b=1) => c=1', '([a]=1 => [b]=1) => [c]=1'],
    ['~(a=1 /\\ b=1)', '~([a]=1 /\\ [b]=1)'],
    ['not a != -1', '~[a]!=-1'],
    ['true \\/ false', 'true \\/ false'],
  ])('writes the condition %s as %s', (input, output) => {
    expect(fmt(`C t\n{}\nexists ${input}\n`)).toContain(`exists (${output})\n`);
  });
});

describe('comments', () => {
  it('keeps leading and trailing comments and blank lines between statements', () => {
    const text = [
      'C t',
      '(* about the test *)',
      '{ x = 0; }',
      '// thread zero',
      'P0 (atomic_int* x) { // opening',
      '  atomic_store_explicit(x, 1, memory_order_relaxed); /* one */',
      '',
      '',
      '  (* two',
      '     lines *)',
      '  if (r) { r = 2; } // after if',
      '} // end P0',
      '// before the condition',
      'exists (x=1) // cond',
      '(* the end *)',
    ].join('\n');
    expect(fmt(text)).toBe(
      [
        'C t',
        '',
        '(* about the test *)',
        '{ x = 0; }',
        '',
        '// thread zero',
        'P0 (atomic_int* x) {',
        '  // opening',
        '  atomic_store_explicit(x, 1, memory_order_relaxed); /* one */',
        '',
        '  (* two',
        '     lines *)',
        '  if (r) {',
        '    r = 2;',
        '  } // after if',
        '} // end P0',
        '',
        '// before the condition',
        'exists ([x]=1) // cond',
        '',
        '(* the end *)',
        '',
      ].join('\n'),
    );
  });

  it('prints an init block with commented entries one entry per line', () => {
    expect(fmt('C t\n{ x = 0; // the flag\n y = 1; }\n')).toBe('C t\n\n{\n  x = 0; // the flag\n  y = 1;\n}\n');
  });

  it('does not chain an else if that carries comments of its own', () => {
    expect(code('if (a) { } else {\n  // inner\n  if (b) { }\n}')).toBe('if (a) {\n} else {\n  // inner\n  if (b) {\n  }\n}');
  });
});

describe('what the C dialect cannot express', () => {
  const base = parse('C t\n{}\nP0 () {\n  r = 1;\n}\n');
  it.each([
    ['a loop statement', { kind: 'loop', id: 0, body: [] }],
    ['an assertion', { kind: 'assert', id: 0, form: 'assert', args: [{ kind: 'bool', id: 0, value: true }] }],
  ])('throws on %s', (_what, stmt) => {
    const ast = { ...base, threads: [{ ...base.threads[0]!, body: [stmt] }] } as LitmusFile;
    expect(() => formatC(ast)).toThrow(/cannot be written in the C dialect/);
  });

  it('throws on an indexed location', () => {
    const ast = parse('C t\n{}\nP0 () {\n  *x = 1;\n}\n');
    const write = ast.threads[0]!.body[0] as Extract<LitmusFile['threads'][number]['body'][number], { kind: 'write' }>;
    const bad = { ...ast, threads: [{ ...ast.threads[0]!, body: [{ ...write, loc: { ...write.loc, index: { kind: 'int', id: 0, value: 1n } } }] }] } as LitmusFile;
    expect(() => formatC(bad)).toThrow(/indexed location/);
  });
});
