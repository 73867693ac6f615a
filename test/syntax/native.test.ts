// Focused tests of the native dialect parser: each construct of docs/language.md gives the
// expected AST (compared without ids), and ids and spans are assigned as documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cond, Expr, LitmusFile, Stmt } from '../../src/ast.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { parseNative } from '../../src/syntax/native.js';
import { stripIds } from './arb-rust.js';

const STATICS = 'static X: AtomicUsize = 0;\nstatic D: usize;\nstatic T: [AtomicU8; 4];\nstatic M: Mutex;\n';

function parseFile(text: string): LitmusFile {
  const r = parseNative(text, 't.litmus');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n'));
  return r.file;
}
const file = (text: string) => stripIds(parseFile(text));
/** The statements of `thread t { <code> }`, in a file declaring X, D, T and M. */
const body = (code: string): Stmt[] => stripIds(parseFile(`Rust T\n${STATICS}thread t {\n${code}\n}\n`).threads[0]!.body) as Stmt[];
/** The expression `e` (as the initialiser of a `let`). */
const expr = (e: string): Expr => (body(`let r = ${e};`)[0] as Stmt & { kind: 'let' }).init!;
/** The proposition of `exists (<p>)`. */
const prop = (p: string): Cond => stripIds(parseFile(`Rust T\nexists (${p})`).condition!.prop);

const int = (v: number | bigint) => ({ kind: 'int', value: BigInt(v) });
const reg = (name: string) => ({ kind: 'reg', name });
const loc = (name: string, index: unknown = null) => ({ name, index });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });

describe('header and locations', () => {
  it('reads the header, the doc string with escapes, and an empty program', () => {
    const f = file('Rust MP+rel+acq\n"Message \\"passing\\" \\\\ \\n\\tend\r\nsecond line"\n');
    expect(f).toMatchObject({ kind: 'file', dialect: 'rust', name: 'MP+rel+acq', doc: 'Message "passing" \\ \n\tend\nsecond line' });
    expect(f).toMatchObject({ meta: [], locations: [], registerInits: [], threads: [], observed: null, filter: null, condition: null, expectations: [], verbatim: [], trailingComments: [] });
    expect(file('Rust 2+2W').name).toBe('2+2W');
    expect(file('Rust Z6.U//x').name).toBe('Z6.U//x');
  });

  it('reads every location type', () => {
    const f = file(`Rust T
static A: AtomicBool = true;
static B: AtomicU16;
static C: AtomicIsize = -1;
static mut P: u128 = 0x_ff;
static Q: [i8; 3] = [1, -2, 3];
static R: [AtomicUsize; 2] = [7; 2];
static M: Mutex<()>;
static N: Mutex;
`);
    expect(f.locations).toEqual([
      { kind: 'location', name: 'A', type: { kind: 'scalar', atomic: true, name: 'AtomicBool', int: { kind: 'int', name: 'bool', bits: 8, signed: false } }, init: { kind: 'value', value: 1n } },
      { kind: 'location', name: 'B', type: { kind: 'scalar', atomic: true, name: 'AtomicU16', int: { kind: 'int', name: 'u16', bits: 16, signed: false } }, init: null },
      { kind: 'location', name: 'C', type: { kind: 'scalar', atomic: true, name: 'AtomicIsize', int: { kind: 'int', name: 'isize', bits: 64, signed: true } }, init: { kind: 'value', value: -1n } },
      { kind: 'location', name: 'P', type: { kind: 'scalar', atomic: false, name: 'u128', int: { kind: 'int', name: 'u128', bits: 128, signed: false } }, init: { kind: 'value', value: 255n } },
      { kind: 'location', name: 'Q', type: { kind: 'array', element: { kind: 'scalar', atomic: false, name: 'i8', int: { kind: 'int', name: 'i8', bits: 8, signed: true } }, length: 3 }, init: { kind: 'list', values: [1n, -2n, 3n] } },
      { kind: 'location', name: 'R', type: { kind: 'array', element: { kind: 'scalar', atomic: true, name: 'AtomicUsize', int: { kind: 'int', name: 'usize', bits: 64, signed: false } }, length: 2 }, init: { kind: 'repeat', value: 7n, count: 2 } },
      { kind: 'location', name: 'M', type: { kind: 'mutex' }, init: null },
      { kind: 'location', name: 'N', type: { kind: 'mutex' }, init: null },
    ]);
  });

  it('reads integer literal forms', () => {
    expect(expr('1_000')).toEqual(int(1000));
    expect(expr('0x1F')).toEqual(int(31));
    expect(expr('0o17')).toEqual(int(15));
    expect(expr('0b1010')).toEqual(int(10));
    expect(expr('42usize')).toEqual(int(42));
    expect(expr('1_u32')).toEqual(int(1));
    expect(expr('340282366920938463463374607431768211456')).toEqual(int(2n ** 128n));
    expect(expr('true')).toEqual({ kind: 'bool', value: true });
    expect(expr('-1')).toEqual({ kind: 'unary', op: '-', arg: int(1) });
  });
});

describe('statements', () => {
  it('resolves names: statics are locations, other names registers', () => {
    expect(body('D = 42; r = D; T[r] = 1; let r2 = T[0];')).toEqual([
      { kind: 'write', loc: loc('D'), value: int(42) },
      { kind: 'assign', name: 'r', op: null, value: { kind: 'read', loc: loc('D') } },
      { kind: 'write', loc: loc('T', reg('r')), value: int(1) },
      { kind: 'let', name: 'r2', mutable: false, init: { kind: 'read', loc: loc('T', int(0)) } },
    ]);
  });

  it('reads let, compound assignment and every compound operator', () => {
    expect(body('let mut r = 0; r += 1;')).toEqual([
      { kind: 'let', name: 'r', mutable: true, init: int(0) },
      { kind: 'assign', name: 'r', op: '+', value: int(1) },
    ]);
    for (const op of ['-', '*', '/', '%', '&', '|', '^', '<<', '>>']) {
      expect(body(`r ${op}= 2;`)).toEqual([{ kind: 'assign', name: 'r', op, value: int(2) }]);
    }
  });

  it('reads atomic statements, fences and the mutex', () => {
    expect(body('X.store(1, Release); X.fetch_add(1, Ordering::Relaxed); fence(SeqCst); M.lock(); M.unlock();')).toEqual([
      { kind: 'store', loc: loc('X'), value: int(1), ordering: 'Release' },
      { kind: 'expr', expr: { kind: 'fetch', op: 'add', loc: loc('X'), value: int(1), ordering: 'Relaxed' } },
      { kind: 'fence', ordering: 'SeqCst' },
      { kind: 'lock', mutex: loc('M') },
      { kind: 'unlock', mutex: loc('M') },
    ]);
  });

  it('reads if / else if / else as nested ifs', () => {
    expect(body('if r == 1 { break; } else if r == 2 { continue; } else { r = 3; }')).toEqual([
      {
        kind: 'if',
        cond: bin('==', reg('r'), int(1)),
        then: [{ kind: 'break' }],
        else: [{ kind: 'if', cond: bin('==', reg('r'), int(2)), then: [{ kind: 'continue' }], else: [{ kind: 'assign', name: 'r', op: null, value: int(3) }] }],
      },
    ]);
    expect(body('if true {}')).toEqual([{ kind: 'if', cond: { kind: 'bool', value: true }, then: [], else: null }]);
  });

  it('reads loops', () => {
    expect(body('while X.load(Acquire) == 0 {} loop { break; } for i in 0..3 {} for j in -1..=2 { continue; }')).toEqual([
      { kind: 'while', cond: bin('==', { kind: 'load', loc: loc('X'), ordering: 'Acquire' }, int(0)), body: [] },
      { kind: 'loop', body: [{ kind: 'break' }] },
      { kind: 'for', var: 'i', from: 0n, to: 3n, inclusive: false, body: [] },
      { kind: 'for', var: 'j', from: -1n, to: 2n, inclusive: true, body: [{ kind: 'continue' }] },
    ]);
  });

  it('reads assertions and assumptions', () => {
    expect(body('assert!(r == 1); assert_eq!(r, 2); assert_ne!(r, 3,); assume!(r != 0);')).toEqual([
      { kind: 'assert', form: 'assert', args: [bin('==', reg('r'), int(1))] },
      { kind: 'assert', form: 'assert_eq', args: [reg('r'), int(2)] },
      { kind: 'assert', form: 'assert_ne', args: [reg('r'), int(3)] },
      { kind: 'assume', cond: bin('!=', reg('r'), int(0)) },
    ]);
  });
});

describe('expressions', () => {
  it('applies Rust precedence and left associativity', () => {
    expect(expr('1 + 2 * 3')).toEqual(bin('+', int(1), bin('*', int(2), int(3))));
    expect(expr('1 - 2 - 3')).toEqual(bin('-', bin('-', int(1), int(2)), int(3)));
    expect(expr('a || b && c == d | e ^ f & g << h + i * j')).toEqual(
      bin('||', reg('a'), bin('&&', reg('b'), bin('==', reg('c'), bin('|', reg('d'), bin('^', reg('e'), bin('&', reg('f'), bin('<<', reg('g'), bin('+', reg('h'), bin('*', reg('i'), reg('j')))))))))),
    );
    expect(expr('(1 + 2) * 3')).toEqual(bin('*', bin('+', int(1), int(2)), int(3)));
    expect(expr('!-a')).toEqual({ kind: 'unary', op: '!', arg: { kind: 'unary', op: '-', arg: reg('a') } });
    expect(expr('-a * b')).toEqual(bin('*', { kind: 'unary', op: '-', arg: reg('a') }, reg('b')));
    for (const op of ['<', '<=', '>', '>=', '!=', '%', '/', '>>']) expect(expr(`a ${op} b`)).toEqual(bin(op, reg('a'), reg('b')));
  });

  it('reads atomic operations', () => {
    expect(expr('X.swap(2, AcqRel)')).toEqual({ kind: 'swap', loc: loc('X'), value: int(2), ordering: 'AcqRel' });
    for (const op of ['add', 'sub', 'and', 'nand', 'or', 'xor', 'max', 'min']) {
      expect(expr(`T[1].fetch_${op}(r, SeqCst)`)).toEqual({ kind: 'fetch', op, loc: loc('T', int(1)), value: reg('r'), ordering: 'SeqCst' });
    }
    expect(expr('X.compare_exchange(0, 1, AcqRel, Acquire)')).toEqual({ kind: 'cas', loc: loc('X'), expected: int(0), desired: int(1), success: 'AcqRel', failure: 'Acquire', weak: false });
    expect(expr('X.compare_exchange_weak(0, 1, Ordering::SeqCst, Ordering::Relaxed)')).toMatchObject({ kind: 'cas', weak: true, success: 'SeqCst', failure: 'Relaxed' });
  });

  it('reads results and their methods', () => {
    const cas = { kind: 'cas', loc: loc('X'), expected: int(0), desired: int(1), success: 'SeqCst', failure: 'SeqCst', weak: false };
    expect(expr('X.compare_exchange(0, 1, SeqCst, SeqCst).is_ok()')).toEqual({ kind: 'method', target: cas, method: 'is_ok' });
    expect(expr('r.is_err()')).toEqual({ kind: 'method', target: reg('r'), method: 'is_err' });
    expect(expr('r.unwrap()')).toEqual({ kind: 'method', target: reg('r'), method: 'unwrap' });
    expect(expr('r.unwrap_err()')).toEqual({ kind: 'method', target: reg('r'), method: 'unwrap_err' });
    expect(expr('r.unwrap_or_else(|x| x)')).toEqual({ kind: 'method', target: reg('r'), method: 'unwrap_or_else_identity' });
    expect(expr('r == Ok(1)')).toEqual(bin('==', reg('r'), { kind: 'result', ok: true, value: int(1) }));
    expect(expr('Err(2)')).toEqual({ kind: 'result', ok: false, value: int(2) });
  });
});

describe('after the threads', () => {
  it('reads locations, filter, condition and expectations', () => {
    const f = file(`Rust T
locations [D, t1:r1, T[2],]
filter (t0:r0 == 1)
~exists (t1:r1 != 42)
expect { rc11: Never, sc/seqcst: Always, rc11/relaxed: Sometimes + race, rc11/acqrel: Never + panic + race, }
`);
    expect(f.observed).toEqual([{ kind: 'loc', name: 'D', index: null }, { kind: 'reg', thread: 't1', name: 'r1' }, { kind: 'loc', name: 'T', index: 2 }]);
    expect(f.filter).toEqual({ kind: 'compare', op: '==', left: { kind: 'reg', thread: 't0', name: 'r0' }, right: { kind: 'int', value: 1n } });
    expect(f.condition).toEqual({ quantifier: 'not exists', prop: { kind: 'compare', op: '!=', left: { kind: 'reg', thread: 't1', name: 'r1' }, right: { kind: 'int', value: 42n } } });
    expect(f.expectations).toEqual([
      { model: 'rc11', mode: 'as-written', observation: 'Never', race: false, fault: false },
      { model: 'sc', mode: 'seqcst', observation: 'Always', race: false, fault: false },
      { model: 'rc11', mode: 'relaxed', observation: 'Sometimes', race: true, fault: false },
      { model: 'rc11', mode: 'acqrel', observation: 'Never', race: true, fault: true },
    ]);
    expect(file('Rust T\nexists (true)').condition!.quantifier).toBe('exists');
    expect(file('Rust T\nforall (true)').condition!.quantifier).toBe('forall');
  });

  it('reads propositions with precedence and every term', () => {
    const r = (thread: string, name: string) => ({ kind: 'reg', thread, name });
    const cmp = (op: string, left: unknown, right: unknown) => ({ kind: 'compare', op, left, right });
    expect(prop('a:x == 1 || b:y == 2 && !(c:z == 3)')).toEqual({
      kind: 'or',
      left: cmp('==', r('a', 'x'), { kind: 'int', value: 1n }),
      right: { kind: 'and', left: cmp('==', r('b', 'y'), { kind: 'int', value: 2n }), right: { kind: 'not', arg: cmp('==', r('c', 'z'), { kind: 'int', value: 3n }) } },
    });
    expect(prop('D == -1 && T[3] >= Ok(0) && t:r != Err(-2)')).toMatchObject({
      kind: 'and',
      left: { kind: 'and', left: cmp('==', { kind: 'loc', name: 'D', index: null }, { kind: 'int', value: -1n }), right: cmp('>=', { kind: 'loc', name: 'T', index: 3 }, { kind: 'result', ok: true, value: 0n }) },
      right: cmp('!=', r('t', 'r'), { kind: 'result', ok: false, value: -2n }),
    });
    expect(prop('t0:r.is_ok() && !t1:s.is_err()')).toEqual({
      kind: 'and',
      left: { kind: 'term', term: { kind: 'method', target: r('t0', 'r'), method: 'is_ok' } },
      right: { kind: 'not', arg: { kind: 'term', term: { kind: 'method', target: r('t1', 's'), method: 'is_err' } } },
    });
    expect(prop('true || false')).toEqual({ kind: 'or', left: { kind: 'true' }, right: { kind: 'false' } });
    // `!` takes a whole comparison
    expect(prop('!t:r == 1')).toEqual({ kind: 'not', arg: cmp('==', r('t', 'r'), { kind: 'int', value: 1n }) });
    expect(prop('t:r == true')).toEqual(cmp('==', r('t', 'r'), { kind: 'bool', value: true }));
  });
});

describe('ids, spans and trivia', () => {
  it('numbers nodes in pre-order and maps them to their source', () => {
    const text = 'Rust T\nstatic X: AtomicU8;\nthread t { let r = X.load(Acquire) + 1; }\nexists (t:r == 1)\n';
    const r = parseNative(text, 't.litmus');
    if (!r.ok) throw new Error('parse failed');
    const slices = [...r.source.spans.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => text.slice(s.start, s.end));
    expect(slices).toEqual([
      'static X: AtomicU8;',
      'thread t { let r = X.load(Acquire) + 1; }',
      'let r = X.load(Acquire) + 1;',
      'X.load(Acquire) + 1',
      'X.load(Acquire)',
      'X',
      '1',
      'exists (t:r == 1)',
      't:r == 1',
      't:r',
      '1',
    ]);
    expect(r.file.threads[0]!.id).toBe(1);
  });

  it('keeps offsets in the original text with a BOM and CRLF line ends', () => {
    const text = '\ufeffRust T\r\nthread t {\r\n    r = 1; // one\r\n\r\n    s = 2;\r\n}\r\n';
    const r = parseNative(text, 't.litmus');
    if (!r.ok) throw new Error('parse failed');
    const [a, b] = r.file.threads[0]!.body;
    expect(text.slice(r.source.spans.get(a!.id)!.start, r.source.spans.get(a!.id)!.end)).toBe('r = 1;');
    expect(a!.trivia).toEqual({ leading: [], trailing: '// one', blankBefore: false });
    expect(b!.trivia).toEqual({ leading: [], trailing: null, blankBefore: true });
  });

  it('attaches comments to declarations, statements, threads and the condition', () => {
    const f = parseFile(`Rust T // on the header line
"doc" /* after the doc */

// about X
static X: AtomicU8; // x

/* about Y */
static Y: u8;

// the writer
thread t {
    // first
    X.store(1, Relaxed); // store

    /* second */
    Y = 1;
} // end of t

// the claim
exists (X == 1) // claim
// the end
`);
    expect(f.locations.map((l) => l.trivia)).toEqual([
      { leading: ['// on the header line', '/* after the doc */', '// about X'], trailing: '// x', blankBefore: false },
      { leading: ['/* about Y */'], trailing: null, blankBefore: true },
    ]);
    expect(f.threads[0]!.trivia).toEqual({ leading: ['// the writer'], trailing: '// end of t', blankBefore: false });
    expect(f.threads[0]!.body.map((s) => s.trivia)).toEqual([
      { leading: ['// first'], trailing: '// store', blankBefore: false },
      { leading: ['/* second */'], trailing: null, blankBefore: true },
    ]);
    expect(f.condition!.trivia).toEqual({ leading: ['// the claim'], trailing: '// claim', blankBefore: false });
    expect(f.trailingComments).toEqual(['// the end']);
  });
});

describe('docs/language.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'language.md'), 'utf8');
  const DECLS = 'static X: AtomicU32;\nstatic Y: AtomicU32;\nstatic DATA: usize;\nstatic TABLE: [AtomicU8; 4];\nstatic M: Mutex;\n';

  /** A snippet of the docs as a whole file. */
  function asFile(code: string): string {
    if (code.startsWith('Rust ')) return code;
    if (/^(static|thread|\/\/)/.test(code)) return `Rust DOC\n${code}`;
    if (/^(locations|filter|exists|~exists|forall|expect)/.test(code)) return `Rust DOC\nthread t0 {}\n${code}`;
    return `Rust DOC\n${DECLS}thread t {\n${code}\n}\n`;
  }

  it.each([...doc.matchAll(/```rust\n([\s\S]*?)```/g)].map((m) => m[1]!))('parses the example %#', (code) => {
    // a block of alternative conditions holds one example per line
    const alternatives = /^(exists|~exists|forall) /.test(code) ? code.trim().split('\n') : [code];
    for (const c of alternatives) parseFile(asFile(c));
  });

  it('parses every example of the statement table', () => {
    const section = doc.slice(doc.indexOf('## Statements'), doc.indexOf('## Orderings'));
    const examples = [...section.matchAll(/^\| [^|]+ \| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((c) => c[1]!));
    expect(examples.length).toBeGreaterThan(15);
    for (const e of examples) parseFile(asFile(e.replace(/\.\.\. /g, '').replace(/\\\|/g, '|')));
  });
});
