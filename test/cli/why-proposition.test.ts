/**
 * The proposition `ordo why` and `ordo graph --outcome` take: parsed in the file's dialect
 * (syntax/proposition.ts) and lowered against the program (program/query.ts), with the same
 * names and error codes as the file's own condition.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { lowerProposition } from '../../src/program/query.js';
import { parseLitmus } from '../../src/syntax/index.js';
import { parseProposition } from '../../src/syntax/proposition.js';

function program(text: string): Program {
  const p = parseLitmus(text, 'test.litmus');
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const l = lower(p.file, p.source);
  if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
  return l.program;
}

const fixture = (name: string): Program => program(readFileSync(`test/cli/fixtures-b/${name}`, 'utf8'));

function query(p: Program, text: string) {
  const parsed = parseProposition(text, p.dialect, '<P>');
  if (!parsed.ok) return { ok: false as const, codes: parsed.diagnostics.map((d) => d.code), diagnostics: parsed.diagnostics };
  const lowered = lowerProposition(p, parsed.cond, parsed.source);
  return lowered.ok ? { ok: true as const, prop: lowered.prop } : { ok: false as const, codes: lowered.diagnostics.map((d) => d.code), diagnostics: lowered.diagnostics };
}

const WIDE = `Rust Wide
static X: AtomicUsize = 0;
static T: [AtomicU32; 3] = [0; 3];
static M: Mutex;
thread t0 {
    let r = X.load(Relaxed);
    T[1].store(1, Relaxed);
}
thread t1 {
    let c = X.compare_exchange(0, 1, AcqRel, Acquire);
}
`;

describe('parseProposition and lowerProposition', () => {
  it('lower a native proposition as the file lowers its own condition', () => {
    const mp = fixture('mp.litmus');
    const r = query(mp, 't1:r1 == 1 && t1:r2 == 0');
    expect(r.ok && r.prop).toEqual(mp.condition!.prop);
  });

  it('lower a C proposition as the file lowers its own condition', () => {
    const sb = fixture('sb-c.litmus');
    const r = query(sb, '0:r0=0 /\\ 1:r0=0');
    expect(r.ok && r.prop).toEqual(sb.condition!.prop);
    expect(query(sb, 'exists (0:r0=0 /\\ [y]=1);').ok).toBe(true);
    expect(query(sb, '~exists (0:r0=0 \\/ y=1 => x=1)').ok).toBe(true);
  });

  it('accept a pasted `exists` or `~exists`, refuse `forall`', () => {
    const mp = fixture('mp.litmus');
    const plain = query(mp, 't1:r1 == 1');
    expect(query(mp, 'exists (t1:r1 == 1)')).toEqual(plain);
    expect(query(mp, '~exists (t1:r1 == 1)')).toEqual(plain);
    const r = query(mp, 'forall (t1:r1 == 1)');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0]!.message).toMatch(/forall/);
  });

  it('name threads by name (native) or index (C), locations by name and index, results and tests', () => {
    const p = program(WIDE);
    expect(query(p, 't0:r != 2 && T[2] == 0 && X >= 0').ok).toBe(true);
    expect(query(fixture('sb-c.litmus'), '1:r0=0 /\\ [x]=1').ok).toBe(true);
    const c = query(fixture('sb-c.litmus'), '2:r0=0');
    expect(!c.ok && c.codes).toEqual(['E0221']);
    const r = query(p, 't1:c == Ok(0) || t1:c.is_err()');
    expect(r.ok).toBe(true);
    expect(r.ok && r.prop.kind === 'or' && r.prop.right).toEqual({ kind: 'truthy', term: { kind: 'test', term: { kind: 'reg', thread: 1, slot: 0 }, ok: false } });
  });

  it.each([
    ['t9:r == 1', 'E0221'],
    ['t0:nope == 1', 'E0222'],
    ['Y == 1', 'E0220'],
    ['T == 0', 'E0213'],
    ['X[0] == 0', 'E0213'],
    ['T[3] == 0', 'E0225'],
    ['M == 0', 'E0212'],
    ['t0:r ==', 'E0100'],
    ['', 'E0001'],
    ['(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((t0:r == 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))', 'E0004'],
  ])('report %s as %s, with a caret into the proposition', (text, code) => {
    const r = query(program(WIDE), text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.codes).toContain(code);
    const d = !r.ok ? r.diagnostics[0]! : null;
    expect(d?.file).toBe('<P>');
  });

  it('report every unknown name at once', () => {
    const r = query(program(WIDE), 't9:r == 1 && Q == 2 && t0:zz == 3');
    expect(!r.ok && r.codes).toEqual(['E0221', 'E0220', 'E0222']);
    expect(!r.ok && r.diagnostics.map((d) => d.start?.column)).toEqual([1, 14, 24]);
  });
});
