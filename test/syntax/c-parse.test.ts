// Unit tests of the C front end (src/syntax/c.ts): what each construct of herd7's C dialect
// becomes in the AST, and the E0100 diagnostics of text it rejects.
import { describe, expect, it } from 'vitest';
import type { Cond, Expr, LitmusFile, LocationDecl, Stmt } from '../../src/ast.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { parseC } from '../../src/syntax/c.js';
import { NAMED_TYPES, RESERVED_WORDS } from '../../src/syntax/c-types.js';
import { stripIds } from './c-strip.js';

function parse(text: string): LitmusFile {
  const r = parseC(text, 't.litmus');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n'));
  return r.file;
}

function errors(text: string): string[] {
  const r = parseC(text, 't.litmus');
  if (r.ok) throw new Error('parsed, but should not have');
  return r.diagnostics.map((d) => `${d.code} ${d.start?.line}:${d.start?.column} ${d.message}`);
}

/** The statements of a one-thread program with the given body. */
function body(code: string): unknown {
  return stripIds(parse(`C t\n{}\nP0 (atomic_int* x, volatile int* y) {\n${code}\n}\n`)).threads[0].body;
}

function expr(e: string): unknown {
  return (body(`r = ${e};`) as [{ value: unknown }])[0].value;
}

function cond(p: string): unknown {
  return stripIds(parse(`C t\n{}\nexists ${p}\n`)).condition.prop;
}

// shorthands for expected (id-less) trees
const int = (v: number): unknown => ({ kind: 'int', value: `${v}n` });
const reg = (name: string): unknown => ({ kind: 'reg', name });
const bin = (op: string, left: unknown, right: unknown): unknown => ({ kind: 'binary', op, left, right });
const loc = (name: string): unknown => ({ name, index: null });
const creg = (thread: string, name: string, v: number, op = '=='): unknown => ({
  kind: 'compare', op, left: { kind: 'reg', thread, name }, right: { kind: 'int', value: `${v}n` },
});
const cloc = (name: string, v: number): unknown => ({
  kind: 'compare', op: '==', left: { kind: 'loc', name, index: null }, right: { kind: 'int', value: `${v}n` },
});

describe('header', () => {
  it('reads the name, the doc string and key=value lines', () => {
    const f = parse('C acc+2W.01\n"Rfe PodWW"\nCycle=Rfe PodWW\nRelax=\nGenerator=diy7 (version 7.58+1)\n\n{}\n');
    expect(f.name).toBe('acc+2W.01');
    expect(f.doc).toBe('Rfe PodWW');
    expect(f.meta).toEqual([
      { key: 'Cycle', value: 'Rfe PodWW' },
      { key: 'Relax', value: '' },
      { key: 'Generator', value: 'diy7 (version 7.58+1)' },
    ]);
    expect(f.dialect).toBe('c');
  });

  it('keeps comment markers in a key=value line as part of the value', () => {
    const f = parse('C t\nOrig=a // b (* c *)\n{}\n');
    expect(f.meta).toEqual([{ key: 'Orig', value: 'a // b (* c *)' }]);
    expect(f.locations).toEqual([]);
    expect(f.trailingComments).toEqual([]);
  });

  it('reads key=value lines without a doc string (herd catalogue C05)', () => {
    expect(parse('C C05\nVariant=S128\n\n{\n__int128_t x=1;\n}\n').meta).toEqual([{ key: 'Variant', value: 'S128' }]);
  });
});

describe('init block', () => {
  const init = (text: string): unknown => stripIds(parse(`C t\n{ ${text} }\n`));
  const scalar = (name: string, atomic: boolean, intName: string, bits: number, signed: boolean): unknown => ({
    kind: 'scalar', atomic, name, int: { kind: 'int', name: intName, bits, signed },
  });

  it('reads the untyped forms, with or without brackets and separators', () => {
    const f = init('[x] = 0; y=1\nz ; [w]');
    expect((f as LitmusFile).locations).toEqual([
      { kind: 'location', name: 'x', type: null, init: { kind: 'value', value: '0n' } },
      { kind: 'location', name: 'y', type: null, init: { kind: 'value', value: '1n' } },
      { kind: 'location', name: 'z', type: null, init: null },
      { kind: 'location', name: 'w', type: null, init: null },
    ]);
  });

  it('reads register initialisers', () => {
    expect((init('0:r1=0; 1: r2 = -3;') as LitmusFile).registerInits).toEqual([
      { kind: 'registerInit', thread: '0', register: 'r1', value: '0n' },
      { kind: 'registerInit', thread: '1', register: 'r2', value: '-3n' },
    ]);
  });

  it('accepts an empty block, a lone `;`, and one entry per line (herd catalogue C13)', () => {
    expect(parse('C t\n{}\n').locations).toEqual([]);
    expect(parse('C t\n{ ; }\n').locations).toEqual([]);
    expect(parse('C t\n{\nx = 0;\ny = 0;\n}\n').locations.map((l) => l.name)).toEqual(['x', 'y']);
  });

  it.each([
    ['int x = 0', scalar('int', false, 'int', 32, true)],
    ['unsigned x', scalar('unsigned', false, 'unsigned', 32, false)],
    ['unsigned  long long int x', scalar('unsigned long long int', false, 'unsigned long long int', 64, false)],
    ['long x', scalar('long', false, 'long', 64, true)],
    ['short x', scalar('short', false, 'short', 16, true)],
    ['char x', scalar('char', false, 'char', 8, true)],
    ['unsigned char x', scalar('unsigned char', false, 'unsigned char', 8, false)],
    ['int8_t x', scalar('int8_t', false, 'int8_t', 8, true)],
    ['uint64_t x', scalar('uint64_t', false, 'uint64_t', 64, false)],
    ['size_t x', scalar('size_t', false, 'size_t', 64, false)],
    ['intptr_t x', scalar('intptr_t', false, 'intptr_t', 64, true)],
    ['bool x', scalar('bool', false, 'bool', 8, false)],
    ['_Bool x', scalar('_Bool', false, '_Bool', 8, false)],
    ['__int128 y', scalar('__int128', false, '__int128', 128, true)],
    ['unsigned __int128 y', scalar('unsigned __int128', false, 'unsigned __int128', 128, false)],
    ['__uint128_t x', scalar('__uint128_t', false, '__uint128_t', 128, false)],
    ['atomic_int x', scalar('atomic_int', true, 'int', 32, true)],
    ['atomic_long x', scalar('atomic_long', true, 'long', 64, true)],
    ['atomic_ullong x', scalar('atomic_ullong', true, 'unsigned long long', 64, false)],
    ['atomic_bool x', scalar('atomic_bool', true, '_Bool', 8, false)],
    ['atomic_t x = ATOMIC_INIT(0)', scalar('atomic_t', true, 'int', 32, true)],
    ['_Atomic __int128 z = 0', scalar('_Atomic __int128', true, '__int128', 128, true)],
    ['_Atomic ( int ) z', scalar('_Atomic(int)', true, 'int', 32, true)],
    ['volatile int v', scalar('volatile int', false, 'int', 32, true)],
  ])('maps the C type of `%s`', (text, type) => {
    expect(((init(text) as LitmusFile).locations[0] as LocationDecl).type).toEqual(type);
  });

  it('knows every single-word type name of the grammar, atomic exactly when it says so', () => {
    for (const name of NAMED_TYPES) {
      const type = parse(`C t\n{ ${name} v; }\n`).locations[0]!.type;
      expect(type).toMatchObject({ kind: 'scalar', name, atomic: name.startsWith('atomic_') });
    }
  });

  it('takes a word that only starts like a reserved word for a name', () => {
    // the grammar's keyword and type tries end at the end of a word
    const names = ['int8', 'intx', 'uint', 'uint8', 'atomic_', 'atomic_intx', 'atomic_ints', '_Atomicx', '__int12', 'sizeo', 'conste', 'r', 'returns', 'if_', 'do0', 'P0x'];
    for (const name of names) {
      expect(parseC(`C t\n{}\nP0 () {\n  r = ${name};\n}\n`, 't').ok, name).toBe(true);
    }
  });

  it('never takes a reserved word for a name', () => {
    for (const word of RESERVED_WORDS) {
      expect(parseC(`C t\n{}\nP0 () {\n  r = ${word};\n}\n`, 't').ok, word).toBe(false);
    }
  });

  it('reads ATOMIC_INIT(v) as the value v', () => {
    expect(parse('C t\n{ atomic_t x = ATOMIC_INIT(-2); }\n').locations[0]!.init).toMatchObject({ kind: 'value', value: -2n });
  });

  it('reads 128-bit and hexadecimal values exactly', () => {
    const f = parse('C t\n{ x = 170141183460469231731687303715884105727; y = 0xFF; }\n');
    expect(f.locations.map((l) => l.init)).toMatchObject([{ value: (1n << 127n) - 1n }, { value: 255n }]);
  });
});

describe('threads', () => {
  it('reads names and parameters with the pointee type as written', () => {
    const f = stripIds(parse('C t\n{}\nP0 (atomic_int* x, volatile int *y, const int* z, atomic_int * w) {}\nP1() {}\n'));
    expect(f.threads.map((t) => [t.name, t.params])).toEqual([
      ['P0', [{ name: 'x', ctype: 'atomic_int' }, { name: 'y', ctype: 'volatile int' }, { name: 'z', ctype: 'const int' }, { name: 'w', ctype: 'atomic_int' }]],
      ['P1', []],
    ]);
  });
});

describe('statements', () => {
  it('reads declarations, one `let` per declarator', () => {
    expect(body('int r0 = 1, r1;\n__int128 r2 = *y;')).toEqual([
      { kind: 'let', name: 'r0', mutable: true, init: int(1), ctype: 'int' },
      { kind: 'let', name: 'r1', mutable: true, init: null, ctype: 'int' },
      { kind: 'let', name: 'r2', mutable: true, init: { kind: 'read', loc: loc('y') }, ctype: '__int128' },
    ]);
  });

  it('reads assignments, compound assignments and plain writes', () => {
    expect(body('r0 = 1; r0 += 2; r0 <<= 1; *y = r0;')).toEqual([
      { kind: 'assign', name: 'r0', op: null, value: int(1) },
      { kind: 'assign', name: 'r0', op: '+', value: int(2) },
      { kind: 'assign', name: 'r0', op: '<<', value: int(1) },
      { kind: 'write', loc: loc('y'), value: reg('r0') },
    ]);
  });

  it('reads stores (non-explicit ones are seq_cst) and fences, relaxed ones included', () => {
    expect(body('atomic_store_explicit(x, 1, memory_order_release);\natomic_store(x, 2);\natomic_thread_fence(memory_order_relaxed);')).toEqual([
      { kind: 'store', loc: loc('x'), value: int(1), ordering: 'Release' },
      { kind: 'store', loc: loc('x'), value: int(2), ordering: 'SeqCst' },
      { kind: 'fence', ordering: 'Relaxed' },
    ]);
  });

  it('reads a read-modify-write whose result is dropped as an expression statement', () => {
    expect(body('atomic_fetch_add_explicit(x, 1, memory_order_relaxed);')).toEqual([
      { kind: 'expr', expr: { kind: 'fetch', op: 'add', loc: loc('x'), value: int(1), ordering: 'Relaxed' } },
    ]);
  });

  it('reads if/else, else if, single-statement bodies and while', () => {
    const w = { kind: 'write', loc: loc('y'), value: int(1) };
    expect(body('if (r) *y = 1; else if (t) { *y = 1; } else *y = 1;\nwhile (r) { }')).toEqual([
      { kind: 'if', cond: reg('r'), then: [w], else: [{ kind: 'if', cond: reg('t'), then: [w], else: [w] }] },
      { kind: 'while', cond: reg('r'), body: [] },
    ]);
  });
});

describe('expressions', () => {
  it.each([
    ['a + b * c', bin('+', reg('a'), bin('*', reg('b'), reg('c')))],
    ['a - b - c', bin('-', bin('-', reg('a'), reg('b')), reg('c'))],
    ['a || b && c', bin('||', reg('a'), bin('&&', reg('b'), reg('c')))],
    ['a | b ^ c & d', bin('|', reg('a'), bin('^', reg('b'), bin('&', reg('c'), reg('d'))))],
    ['a == b < c', bin('==', reg('a'), bin('<', reg('b'), reg('c')))],
    ['a << b + c', bin('<<', reg('a'), bin('+', reg('b'), reg('c')))],
    ['a >= b != c <= d', bin('!=', bin('>=', reg('a'), reg('b')), bin('<=', reg('c'), reg('d')))],
    ['(a + b) % c', bin('%', bin('+', reg('a'), reg('b')), reg('c'))],
    ['-1', { kind: 'unary', op: '-', arg: int(1) }],
    ['!~a', { kind: 'unary', op: '!', arg: { kind: 'unary', op: '~', arg: reg('a') } }],
    ['a - -1', bin('-', reg('a'), { kind: 'unary', op: '-', arg: int(1) })],
    ['0x1F', int(31)],
    ['*y * 2', bin('*', { kind: 'read', loc: loc('y') }, int(2))],
    ['(*y + 1) * 2', bin('*', bin('+', { kind: 'read', loc: loc('y') }, int(1)), int(2))],
  ])('reads %s with C precedence', (text, tree) => {
    expect(expr(text)).toEqual(tree);
  });

  it('reads loads and exchanges, non-explicit ones as seq_cst', () => {
    expect(expr('atomic_load_explicit(x, memory_order_consume)')).toEqual({ kind: 'load', loc: loc('x'), ordering: 'Consume' });
    expect(expr('atomic_load(x)')).toEqual({ kind: 'load', loc: loc('x'), ordering: 'SeqCst' });
    expect(expr('atomic_exchange_explicit(x, 2, memory_order_acq_rel)')).toEqual({ kind: 'swap', loc: loc('x'), value: int(2), ordering: 'AcqRel' });
    expect(expr('atomic_exchange(x, 2)')).toEqual({ kind: 'swap', loc: loc('x'), value: int(2), ordering: 'SeqCst' });
  });

  it.each(['add', 'sub', 'or', 'xor', 'and'])('reads atomic_fetch_%s, explicit or not', (op) => {
    expect(expr(`atomic_fetch_${op}_explicit(x, 1, memory_order_acquire)`)).toEqual({ kind: 'fetch', op, loc: loc('x'), value: int(1), ordering: 'Acquire' });
    expect(expr(`atomic_fetch_${op}(x, 1)`)).toEqual({ kind: 'fetch', op, loc: loc('x'), value: int(1), ordering: 'SeqCst' });
  });

  it('reads compare_exchange with a location or `&register` as the expected value', () => {
    expect(expr('atomic_compare_exchange_strong_explicit(x, y, 2, memory_order_release, memory_order_relaxed)')).toEqual({
      kind: 'ccas', loc: loc('x'), expected: { kind: 'location', loc: loc('y') }, desired: int(2), success: 'Release', failure: 'Relaxed', weak: false,
    });
    expect(expr('atomic_compare_exchange_weak(x, &r1, 2)')).toEqual({
      kind: 'ccas', loc: loc('x'), expected: { kind: 'register', name: 'r1' }, desired: int(2), success: 'SeqCst', failure: 'SeqCst', weak: true,
    });
  });

  it("reads herd7's __atomic_add_unless{mb}", () => {
    expect(expr('__atomic_add_unless{mb}(x, 10, 0)')).toEqual({ kind: 'addUnless', loc: loc('x'), add: int(10), unless: int(0) });
  });

  it.each([
    ['relaxed', 'Relaxed'], ['consume', 'Consume'], ['acquire', 'Acquire'], ['release', 'Release'], ['acq_rel', 'AcqRel'], ['seq_cst', 'SeqCst'],
  ])('maps memory_order_%s to %s', (c, o) => {
    expect(expr(`atomic_load_explicit(x, memory_order_${c})`)).toMatchObject({ ordering: o });
  });
});

describe('conditions and clauses', () => {
  it('reads the atoms: registers (spaces allowed), locations with or without brackets, =, ==, !=', () => {
    expect(cond('(0: r0 = 0 /\\ [x]=-1 /\\ y == 2 /\\ 1:r1 != 3)')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: { kind: 'and', left: creg('0', 'r0', 0), right: cloc('x', -1) }, right: cloc('y', 2) },
      right: creg('1', 'r1', 3, '!='),
    });
  });

  it("uses herd7's precedence: \\/ below /\\ below => (right-associative) below ~", () => {
    const [a, b, c] = [cloc('a', 1), cloc('b', 1), cloc('c', 1)];
    expect(cond('a=1 \\/ b=1 /\\ c=1')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(cond('a=1 /\\ b=1 => c=1')).toEqual({ kind: 'and', left: a, right: { kind: 'implies', left: b, right: c } });
    expect(cond('a=1 => b=1 => c=1')).toEqual({ kind: 'implies', left: a, right: { kind: 'implies', left: b, right: c } });
    expect(cond('~a=1 /\\ not b=1')).toEqual({ kind: 'and', left: { kind: 'not', arg: a }, right: { kind: 'not', arg: b } });
    expect(cond('(true \\/ false)')).toEqual({ kind: 'or', left: { kind: 'true' }, right: { kind: 'false' } });
  });

  it.each([
    ['exists (x=1)', 'exists'],
    ['~exists x=1', 'not exists'],
    ['~ exists x=1', 'not exists'],
    ['not exists x=1', 'not exists'],
    ['forall (x=1);', 'forall'],
  ])('reads the quantifier of `%s`', (text, q) => {
    expect(parse(`C t\n{}\n${text}\n`).condition!.quantifier).toBe(q);
  });

  it('reads locations, filter, verbatim clauses and expect, in any order', () => {
    const f = stripIds(parse('C t\n{}\nexpect { rc11: Sometimes, sc/relaxed: Never + race + panic }\nexists (x=1)\nregions: x:PROP\nfilter 0:r0=1\nlocations [x; 0:r1; [y];]\n'));
    expect(f.observed).toEqual([{ kind: 'loc', name: 'x', index: null }, { kind: 'reg', thread: '0', name: 'r1' }, { kind: 'loc', name: 'y', index: null }]);
    expect(f.filter).toEqual(creg('0', 'r0', 1));
    expect(f.verbatim).toEqual(['regions: x:PROP']);
    expect(f.expectations).toEqual([
      { model: 'rc11', mode: 'as-written', observation: 'Sometimes', race: false, fault: false },
      { model: 'sc', mode: 'relaxed', observation: 'Never', race: true, fault: true },
    ]);
  });

  it('accepts a file with no condition', () => {
    expect(parse('C t\n{}\nP0 () {}\n').condition).toBeNull();
  });
});

describe('comments', () => {
  it('skips herd (nesting) and C comments, and attaches them to nodes', () => {
    const f = parse('C t\n(* a (* nested *) comment *)\n{ x = 0; }\nP0 (volatile int* x) {\n  *x = 1; // one\n  /* two */\n  *x = 2;\n}\n(* end *)\n');
    expect(f.locations[0]!.trivia?.leading).toEqual(['(* a (* nested *) comment *)']);
    const [s1, s2] = f.threads[0]!.body as [Stmt, Stmt];
    expect(s1.trivia).toEqual({ leading: [], trailing: '// one', blankBefore: false });
    expect(s2.trivia).toEqual({ leading: ['/* two */'], trailing: null, blankBefore: false });
    expect(f.trailingComments).toEqual(['(* end *)']);
  });

  it('reads `(*` before a letter as a dereference in parentheses, not a comment', () => {
    expect(body('if ((*y) == 1 && (*y + 1) == 2) { }')).toMatchObject([{ kind: 'if', cond: { kind: 'binary', op: '&&' } }]);
  });

  it('records a blank line before a statement, not before the first of a block', () => {
    const b = parse('C t\n{}\nP0 () {\n\n  r = 1;\n\n  r = 2;\n}\n').threads[0]!.body;
    expect(b.map((s) => s.trivia?.blankBefore ?? false)).toEqual([false, true]);
  });
});

describe('ids and spans', () => {
  it('numbers nodes in pre-order and maps each id to its source', () => {
    const text = 'C t\n{ x = 0; }\nP0 (atomic_int* x) {\n  atomic_store_explicit(x, 1 + 2, memory_order_relaxed);\n}\nexists (x=1)\n';
    const r = parseC(text, 't.litmus');
    if (!r.ok) throw new Error('no parse');
    const store = r.file.threads[0]!.body[0] as Extract<Stmt, { kind: 'store' }>;
    const at = (id: number): string => {
      const s = r.source.spans.get(id)!;
      return text.slice(s.start, s.end);
    };
    expect(at(store.id)).toBe('atomic_store_explicit(x, 1 + 2, memory_order_relaxed);');
    expect(at(store.value.id)).toBe('1 + 2');
    expect(at((store.value as Extract<Expr, { kind: 'binary' }>).right.id)).toBe('2');
    expect(at(r.file.condition!.id)).toBe('exists (x=1)');
    expect(at((r.file.condition!.prop as Extract<Cond, { kind: 'compare' }>).left.id)).toBe('x');
    const ids = [...r.source.spans.keys()];
    expect(ids).toEqual(ids.map((_, i) => i));
    expect(r.file.locations[0]!.id).toBe(0);
    expect(r.file.threads[0]!.id).toBeLessThan(store.id);
  });

  it('gives equal trees, ids included, to text that differs only in layout and parentheses', () => {
    const a = parse('C t\n{}\nP0 () {\n  r = (a + b) + c;\n}\nexists ((x=1 /\\ y=1) /\\ z=1)\n');
    const b = parse('C t\n{}\n\nP0 ()\n{ r = a + b + c; }\nexists x=1 /\\ y=1 /\\ z=1\n');
    expect(JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))).toBe(
      JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)).replace(/,"trivia":\{[^}]*\}/g, ''),
    );
  });
});

describe('errors', () => {
  it.each([
    ['C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load_explicit(x, memory_order_relax);\n}\n', 'E0100 4:35 expected a memory order'],
    ['C t\n{}\nP0 () {\n  r = 1\n}\n', 'E0100 5:1 expected an operator or `;`'],
    ['C t\n{ long short x; }\n', 'E0100 2:3 `long short` is not a C integer type'],
    ['C t\n{ _Atomic atomic_int x; }\n', 'E0100 2:11 `_Atomic` of the atomic type `atomic_int`'],
    ['C t\n{}\nexists (x=1)\nforall (x=1)\n', 'E0100 4:1 the final condition is given twice'],
    ['C t\n{}\nlocations [x;]\nlocations [y;]\n', 'E0100 4:1 the `locations` clause is given twice'],
    ['C t\n{}\nP0 () {\n  r = 010;\n}\n', 'E0100 4:7 the integer `010` has a leading zero'],
    ['C t\n{ x = 0 (* open }\n', 'E0100 2:9 unterminated block comment'],
    ['C t\n{}\nP0 (float* x) {}\n', 'E0100 3:5 expected a parameter such as `atomic_int* x` or `)`'],
    ['C t\n{}\nexists (x=1 /\\ )\n', 'E0100 3:16 expected `~`, `not`, `(`, `true`, `false`, or a register T:r or a location'],
    // the guards in front of the atomic calls stand for the calls they skip
    [
      'C t\n{}\nP0 () {\n  r = ;\n}\n',
      'E0100 4:7 expected `!`, `~`, `-`, `(`, `atomic_load_explicit`, `atomic_load`, `atomic_exchange_explicit`, `atomic_exchange`, `atomic_fetch_`, `atomic_compare_exchange_`, `__atomic_add_unless`, `*`, an integer, or an identifier',
    ],
    [
      'C t\n{}\nP0 () {\n  @\n}\n',
      'E0100 4:3 expected `if`, `while`, a C type, `atomic_store_explicit`, `atomic_store`, `atomic_thread_fence`, `*`, an identifier, `atomic_load_explicit`, `atomic_load`, `atomic_exchange_explicit`, `atomic_exchange`, `atomic_fetch_`, `atomic_compare_exchange_`, `__atomic_add_unless`, or `}`',
    ],
    // a keyword run into the next word is the word, not the keyword and garbage
    ['C t\n{}\nexistsx (x=1)\n', 'E0100 3:1 expected a thread name like P0, `locations`, `filter`, a regions: or scopes: clause, `exists`, `~`, `not`, `forall`, `expect`, or the end of the file'],
    ['C t\n{ int x = ATOMIC_INITx(1); }\n', 'E0100 2:11 expected `ATOMIC_INIT` or an integer'],
  ])('rejects %j', (text, message) => {
    expect(errors(text)).toEqual([message]);
  });

  it('reports an empty file and binary input (E0001, E0003) itself when called directly', () => {
    expect(errors('  \n')[0]).toMatch(/^E0001/);
    expect(errors('C t\n{}\0')[0]).toMatch(/^E0003/);
  });
});
