/**
 * The benchmark families at their small sizes: the explorer's count of complete executions must
 * equal RC11's (GenMC's) exactly; a different count means an execution visited twice or missed.
 */
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../bench/families.js';
import { check, DEFAULT_UNROLL } from '../src/check.js';

describe.each(FAMILIES.map((f) => [f.name, f] as const))('%s', (_name, f) => {
  it.each(f.small.map((n) => [n]))('n = %i', (n) => {
    const r = check(f.source(n), `${f.name}${n}.litmus`, { model: 'rc11', mode: 'as-written', unroll: f.unroll?.(n) ?? DEFAULT_UNROLL });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    expect(r.report.counts.cut).toBe(0);
    expect(r.report.complete).toBe(true);
    const expected = f.expected(n);
    if (expected !== null) expect(r.report.counts.complete).toBe(expected);
    else expect(r.report.counts.complete).toBeGreaterThan(0);
  });
});

it('the counts GenMC reports at the larger sizes are what the formulas give', () => {
  const fam = (name: string) => FAMILIES.find((f) => f.name === name)!;
  expect(fam('ainc').expected(9)).toBe(362880);
  expect(fam('binc').expected(5)).toBe(14400);
  expect(fam('wcas').expected(12)).toBe(24577);
  expect(fam('readers').expected(18)).toBe(262144);
  expect(fam('coa').expected(6)).toBe(2073600);
  expect(fam('lastzero').expected(15)).toBe(147456);
  expect(fam('indexer').expected(16)).toBe(32768);
  expect(fam('ticketlock').expected(6)).toBe(720);
});
