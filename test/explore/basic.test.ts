import { describe, expect, it } from 'vitest';
import { explore } from '../../src/run.js';
import { lower } from '../../src/program/lower.js';
import * as b from '../helpers/ast.js';
import type { LitmusFile } from '../../src/ast.js';
import type { ModelName } from '../../src/ast.js';

function run(f: LitmusFile, model: ModelName = 'rc11') {
  const l = lower(f, b.source());
  if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
  return explore(l.program, { model, mode: 'as-written', unroll: 8 });
}

const sb = (o: 'Relaxed' | 'SeqCst') =>
  b.file('SB', [b.atomic('X'), b.atomic('Y')], [
    b.thread('t0', [b.store('X', 1, o), b.let_('r0', b.load('Y', o))]),
    b.thread('t1', [b.store('Y', 1, o), b.let_('r1', b.load('X', o))]),
  ], { q: 'exists', p: b.and(b.eq(b.treg('t0', 'r0'), b.tint(0)), b.eq(b.treg('t1', 'r1'), b.tint(0))) });

describe('explorer counts', () => {
  it('SB relaxed: 4 executions, the weak outcome allowed', () => {
    const r = run(sb('Relaxed'));
    expect(r.counts.complete).toBe(4);
    expect(r.verdict).toBe('Ok');
  });
  it('SB seqcst: 3 executions, forbidden', () => {
    const r = run(sb('SeqCst'));
    expect(r.counts.complete).toBe(3);
    expect(r.verdict).toBe('No');
  });
  it('SB relaxed under SC: 3', () => {
    expect(run(sb('Relaxed'), 'sc').counts.complete).toBe(3);
  });
  it('LB relaxed: 3 (no thin air)', () => {
    const lb = b.file('LB', [b.atomic('X'), b.atomic('Y')], [
      b.thread('t0', [b.let_('r0', b.load('Y', 'Relaxed')), b.store('X', 1, 'Relaxed')]),
      b.thread('t1', [b.let_('r1', b.load('X', 'Relaxed')), b.store('Y', 1, 'Relaxed')]),
    ]);
    expect(run(lb).counts.complete).toBe(3);
  });
  for (let n = 2; n <= 6; n++) {
    it(`${n} relaxed fetch_adds: ${n}! executions`, () => {
      const threads = Array.from({ length: n }, (_, i) => b.thread(`t${i}`, [b.expr(b.fetchAdd('X', 1, 'Relaxed'))]));
      const fact = Array.from({ length: n }, (_, i) => i + 1).reduce((a, c) => a * c, 1);
      expect(run(b.file('ainc', [b.atomic('X')], threads)).counts.complete).toBe(fact);
    });
  }
});
