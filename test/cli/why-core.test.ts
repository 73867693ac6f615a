/** What `ordo why` can explain, through the core's `why` (src/explain/why.ts). */
import { describe, expect, it } from 'vitest';
import { why } from '../../src/explain/why.js';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { lowerProposition } from '../../src/program/query.js';
import { parseLitmus } from '../../src/syntax/index.js';
import { parseProposition } from '../../src/syntax/proposition.js';

function ask(text: string, prop: string) {
  const p = parseLitmus(text, 'test.litmus');
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const l = lower(p.file, p.source);
  if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
  const program: Program = l.program;
  const q = parseProposition(prop, program.dialect, '<P>');
  if (!q.ok) throw new Error(JSON.stringify(q.diagnostics));
  const lp = lowerProposition(program, q.cond, q.source);
  if (!lp.ok) throw new Error(JSON.stringify(lp.diagnostics));
  return why(program, lp.prop, { model: 'rc11', mode: 'as-written', unroll: 8 });
}

const LB = `Rust LB
static X: AtomicUsize = 0;
static Y: AtomicUsize = 0;
thread t0 { let r0 = X.load(Relaxed); Y.store(1, Relaxed); }
thread t1 { let r1 = Y.load(Relaxed); X.store(1, Relaxed); }
`;

const LOST_UPDATE = `Rust LostUpdate
static X: AtomicUsize = 0;
thread t0 { X.fetch_add(1, Relaxed); }
thread t1 { X.fetch_add(1, Relaxed); }
`;

describe('why, through the core', () => {
  it('load buffering is forbidden by no-thin-air, with the po ∪ rf cycle', () => {
    const r = ask(LB, 't0:r0 == 1 && t1:r1 == 1');
    expect(r.kind).toBe('forbidden');
    if (r.kind !== 'forbidden') return;
    expect(r.axioms.map((a) => a.axiom)).toEqual(['no-thin-air']);
    expect(r.axioms[0]!.example.steps.map((s) => s.rel)).toEqual(['po', 'rf', 'po', 'rf']);
  });

  // The lost update of two relaxed fetch_adds (both read 0, X ends as 1) is forbidden by
  // atomicity: rmw ∩ (rb ; mo) is not empty. `why` asks the reference enumerator for every
  // candidate, including the modification orders that atomicity rejects.
  it('a lost update is forbidden by atomicity', () => {
    const r = ask(LOST_UPDATE, 'X == 1');
    expect(r.kind).toBe('forbidden');
    // both fetch_adds reading 0 break atomicity; the candidates where t1 reads 1 but its write
    // comes first in mo (so X ends as 1 too) break coherence
    expect(r.kind === 'forbidden' && r.axioms.map((a) => a.axiom)).toEqual(['coherence', 'atomicity']);
  });
});
