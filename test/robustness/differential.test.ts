/**
 * The comparison `npm run differential` makes (differential-lib.ts), at a fixed seed and a small
 * budget: a few random programs with four operations per thread (test/explore/differential.test.ts
 * runs 200 with three), and the proof that the comparison can fail: a declarative RC11 that reads
 * Acquire as Relaxed disagrees with the reference on some random program.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declarativeOracle } from '../../src/models/oracle.js';
import { randomProgram } from '../helpers/random-programs.js';
import { differential } from './differential-lib.js';
import { rc11AcquireAsRelaxed } from './planted-bugs.js';

describe('explorer = reference (the differential script, small budget)', () => {
  it.each(['rc11', 'sc'] as const)('%s, fast and declarative oracles, up to 4 operations per thread', { timeout: 120_000 }, (model) => {
    let compared = 0;
    fc.assert(
      fc.property(randomProgram({ maxOps: 4 }), (f) => {
        const d = differential(f, model, { declarative: true, maxCandidates: 50_000 });
        if (d.kind === 'differ') throw new Error(d.why);
        if (d.kind === 'same') compared++;
      }),
      { seed: 301, numRuns: 30 },
    );
    expect(compared).toBeGreaterThan(25);
  });

  it('catches a model that reads Acquire as Relaxed', { timeout: 120_000 }, () => {
    const oracle = declarativeOracle(rc11AcquireAsRelaxed());
    const r = fc.check(
      fc.property(randomProgram(), (f) => {
        const d = differential(f, 'rc11', { oracle });
        if (d.kind === 'differ') throw new Error(d.why);
      }),
      { seed: 302, numRuns: 1000, endOnFailure: true },
    );
    expect(r.failed).toBe(true);
    expect(String(r.errorInstance)).toMatch(/not in the reference/);
  });
});
