/**
 * The semantic properties of properties-lib.ts on random programs (fixed seeds), and for each the
 * proof that it can fail: the same property run on a checker with a planted bug (planted-bugs.ts)
 * must find a counterexample within a bounded number of random programs.
 * Longer runs: `npm run differential -- --runs N --seed S --properties`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LitmusFile } from '../../src/ast.js';
import { check } from '../../src/check.js';
import { formatLitmus } from '../../src/syntax/index.js';
import { randomProgram } from '../helpers/random-programs.js';
import { ordo, runInProcess, stable } from './helpers.js';
import { discoveryOrderReport, lastThreadReadsLatest, rc11WithoutSc, scWithoutAtomicity, seqCstAsRelaxed } from './planted-bugs.js';
import {
  deterministic, realExplore, reportBytes, scWithinRc11, seqCstIsSc, strengtheningMonotone, threadOrderIrrelevant, type Explore,
} from './properties-lib.js';

const RUNS = 150;
/** How many random programs a planted bug may survive: each is caught far sooner in practice. */
const CATCH_WITHIN = 1000;

const programs = randomProgram();
/** A permutation of n threads from n random keys. */
const permOf = (keys: readonly number[], n: number): number[] => Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);

/** The property as fast-check sees it: a failure is a thrown message. */
const holds = (why: string | null): void => {
  if (why !== null) throw new Error(why);
};

const P1 = (ex: Explore) => fc.property(programs, (f) => holds(scWithinRc11(f, ex)));
const P2 = (ex: Explore) => fc.property(programs, (f) => holds(strengtheningMonotone(f, ex)));
const P3 = (ex: Explore) => fc.property(randomProgram({ plain: false }), (f) => holds(seqCstIsSc(f, ex)));
const P4 = (ex: Explore) =>
  fc.property(programs, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), fc.constantFrom('rc11' as const, 'sc' as const), (f, keys, model) =>
    holds(threadOrderIrrelevant(f, permOf(keys, f.threads.length), model, ex)),
  );

describe('semantic properties hold on random programs', () => {
  it('1. every outcome reachable under SC is reachable under RC11', { timeout: 120_000 }, () => {
    fc.assert(P1(realExplore), { seed: 101, numRuns: RUNS });
  });
  it('2. strengthening one ordering never adds an RC11 outcome', { timeout: 120_000 }, () => {
    fc.assert(P2(realExplore), { seed: 102, numRuns: 100 });
  });
  it('3. all SeqCst and no plain access: RC11 outcomes = SC outcomes', { timeout: 120_000 }, () => {
    fc.assert(P3(realExplore), { seed: 103, numRuns: RUNS });
  });
  it('4. renaming and reordering threads changes nothing but names', { timeout: 120_000 }, () => {
    fc.assert(P4(realExplore), { seed: 104, numRuns: RUNS });
  });
  it('5. the same file gives the same report and the same text, in-process', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(programs, (f) => {
        const text = formatLitmus(f);
        const opts = { model: 'rc11', mode: 'as-written', unroll: 4 } as const;
        holds(deterministic(() => {
          const r = check(text, 'd.litmus', opts);
          return r.ok ? reportBytes(r.report) : 'invalid';
        }));
        holds(deterministic(() => stable(runInProcess('d.litmus', text).stdout)));
      }),
      { seed: 105, numRuns: 60 },
    );
  });
  it('6. the fmt round trip is tested in test/syntax (fmt-rust-roundtrip, c-roundtrip)', () => {});
});

describe('5. determinism through the binary: two runs, byte-identical but for times', { timeout: 180_000 }, () => {
  // a folder of random programs, checked in parallel (two workers): the likeliest place for order to leak
  const dir = mkdtempSync(join(tmpdir(), 'ordo-determinism-'));
  fc.sample(randomProgram({ maxThreads: 4, maxOps: 4 }), { seed: 106, numRuns: 8 }).forEach((f, i) => writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.litmus`), formatLitmus(f)));
  const noTimes = (s: string): string => s.replace(/"(timeMs|elapsedMs)": [\d.]+/g, '"$1": 0');
  it.concurrent.each([
    ['text', (s: string) => stable(s)],
    ['json', noTimes],
    ['herd', (s: string) => s.replace(/^Time .*$/gm, 'Time')],
  ] as const)('--format %s', async (format, clean) => {
    const args = ['run', dir, '--format', format, '--jobs', '2', '--details'];
    const [a, b] = await Promise.all([ordo(args), ordo(args)]);
    expect(a.status).toBe(b.status);
    expect(clean(a.stdout)).toBe(clean(b.stdout));
    expect(a.stdout.length).toBeGreaterThan(1000);
  });
});

/** Runs a property on a buggy checker: it must fail. Returns the counterexample's message. */
function mustCatch(prop: fc.IPropertyWithHooks<unknown[]> | fc.IRawProperty<unknown[]>, seed: number): string {
  const r = fc.check(prop, { seed, numRuns: CATCH_WITHIN, endOnFailure: true });
  expect(r.failed, 'the planted bug went unnoticed').toBe(true);
  return r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
}

describe('each property catches a planted bug', () => {
  it('1 catches SC without its atomicity axiom', { timeout: 120_000 }, () => {
    expect(mustCatch(P1(scWithoutAtomicity), 201)).toMatch(/^SC reaches .*, RC11 does not/);
  });
  it('2 catches SeqCst read as Relaxed', { timeout: 120_000 }, () => {
    expect(mustCatch(P2(seqCstAsRelaxed), 3)).toMatch(/→ SeqCst .*adds the outcome/);
  });
  it('3 catches RC11 without its sc axiom', { timeout: 120_000 }, () => {
    expect(mustCatch(P3(rc11WithoutSc), 203)).toMatch(/all SeqCst, RC11 reaches/);
  });
  it('4 catches a scheduler that never lets the last thread read an older write', { timeout: 120_000 }, () => {
    expect(mustCatch(P4(lastThreadReadsLatest), 204)).toMatch(/^reordered/);
  });
  it('5 catches final states listed in the order found', { timeout: 120_000 }, () => {
    const p5 = fc.property(programs, (f: LitmusFile) => holds(deterministic(() => discoveryOrderReport(f))));
    expect(mustCatch(p5, 205)).toMatch(/^two runs differ/);
  });
});
