/**
 * Dividing an exploration: work items given away (`donate`) and explored elsewhere
 * (`runTask`) cover exactly the executions of one undivided exploration, none twice. Here the
 * "other explorers" run in turn in this thread; the parallel CLI does the same across threads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../bench/families.js';
import { Explorer, InPlaceUnsound, type ExecutionSink } from '../../src/explore/driver.js';
import type { SubtreeTask } from '../../src/explore/subtree.js';
import { graphKey } from '../../src/graph/key.js';
import { oracleFor } from '../../src/models/oracle.js';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { parseLitmus } from '../../src/syntax/index.js';
import * as b from '../helpers/ast.js';
import { randomProgram } from '../helpers/random-programs.js';
import { source, spinProgArb } from '../helpers/spin-programs.js';

function whole(p: Program): string[] {
  const keys: string[] = [];
  new Explorer(p, oracleFor('rc11'), { execution: (g) => void keys.push(graphKey(g)) }, { unroll: 8 }).run();
  return keys;
}

/**
 * Explores giving away an item every `every` items, then explores the given-away items the same
 * way. `decisions`: spin reads are revisited in place, every explorer sharing the decisions (as
 * the workers of `--workers` do).
 */
function divided(p: Program, every: number, decisions?: Int32Array): string[] {
  const keys: string[] = [];
  // no `restart`: without shared decisions, no in-place revisiting either
  const sink: ExecutionSink = { execution: (g) => void keys.push(graphKey(g)) };
  const queue: SubtreeTask[] = [];
  const explorerFor = (): Explorer => {
    let n = 0;
    const e: Explorer = new Explorer(p, oracleFor('rc11'), sink, {
      unroll: 8,
      ...(decisions !== undefined ? { inPlaceDecisions: decisions } : {}),
      betweenItems: () => {
        if (++n % every === 0) {
          const t = e.donate();
          if (t) queue.push(structuredClone(t));
        }
      },
    });
    return e;
  };
  explorerFor().run();
  while (queue.length > 0) explorerFor().runTask(queue.shift()!);
  return keys;
}

/**
 * Explores `after` work items, pauses, gives away everything left (`drain`) and explores each
 * task with an explorer of its own, as a parallel exploration does after its first moments.
 */
function paused(p: Program, after: number, decisions?: Int32Array): string[] {
  const keys: string[] = [];
  const sink: ExecutionSink = { execution: (g) => void keys.push(graphKey(g)) };
  const shared = decisions !== undefined ? { inPlaceDecisions: decisions } : {};
  let n = 0;
  const first = new Explorer(p, oracleFor('rc11'), sink, { unroll: 8, ...shared, pause: () => ++n > after });
  first.run();
  const tasks = first.drain().map((t) => structuredClone(t));
  expect(first.drain()).toEqual([]);
  for (const t of tasks) new Explorer(p, oracleFor('rc11'), sink, { unroll: 8, ...shared }).runTask(t);
  return keys;
}

/** `paused` with in-place revisiting, run again without it when an explorer finds it unsound. */
function pausedInPlace(p: Program, after: number): string[] {
  try {
    return paused(p, after, new Int32Array(p.locations.length));
  } catch (e) {
    if (!(e instanceof InPlaceUnsound)) throw e;
    return paused(p, after);
  }
}

/** `divided` with in-place revisiting, run again without it when an explorer finds it unsound. */
function dividedInPlace(p: Program, every: number): { keys: string[]; unsound: boolean } {
  try {
    return { keys: divided(p, every, new Int32Array(p.locations.length)), unsound: false };
  } catch (e) {
    if (!(e instanceof InPlaceUnsound)) throw e;
    return { keys: divided(p, every), unsound: true };
  }
}

const sorted = (xs: string[]) => [...xs].sort();

/** `keys` holds every execution of `p` once, as the undivided exploration finds them. */
function expectEveryOnce(keys: string[], p: Program): void {
  expect(new Set(keys).size).toBe(keys.length);
  expect(sorted(keys)).toEqual(sorted(whole(p)));
}

/** `expectEveryOnce` on 150 random programs, `explore` taking a random `k` in [min, max]. */
function everyOnceOnRandomPrograms(explore: (p: Program, k: number) => string[], min: number, max: number, seed: number): void {
  fc.assert(
    fc.property(randomProgram(), fc.integer({ min, max }), (f, k) => {
      const l = lower(f, b.source());
      if (!l.ok) throw new Error('lower');
      expectEveryOnce(explore(l.program, k), l.program);
    }),
    { numRuns: 150, seed },
  );
}

function lowered(text: string): Program {
  const parsed = parseLitmus(text, 'f.litmus');
  if (!parsed.ok) throw new Error('parse');
  const l = lower(parsed.file, parsed.source);
  if (!l.ok) throw new Error('lower');
  return l.program;
}

describe('divided exploration', () => {
  it('covers every execution once on random programs', () => {
    everyOnceOnRandomPrograms((p, every) => divided(p, every), 1, 4, 9);
  }, 120_000);

  it.each(FAMILIES.map((f) => [f.name, f] as const))('covers every execution of %s once', (_n, f) => {
    const p = lowered(f.source(f.small[f.small.length - 1]!));
    const d = divided(p, 3);
    expectEveryOnce(d, p);
  }, 120_000);
});

// A longer campaign: RUNS=5000 SEED=n npx vitest run test/explore/subtree.test.ts
const RUNS = Number(process.env.RUNS ?? 300);
const SEED = Number(process.env.SEED ?? 12);

describe('an exploration paused and drained', () => {
  it('covers every execution once on random programs', () => {
    everyOnceOnRandomPrograms((p, after) => paused(p, after), 0, 12, 13);
  }, 120_000);

  it('covers every execution once on random programs with spin loops, revisiting in place', () => {
    fc.assert(
      fc.property(spinProgArb, fc.integer({ min: 0, max: 12 }), (threads, after) => {
        const p = lowered(source(threads));
        const d = pausedInPlace(p, after);
        expectEveryOnce(d, p);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, Math.max(120_000, RUNS * 40));

  it.each(FAMILIES.map((f) => [f.name, f] as const))('covers every execution of %s once', (_n, f) => {
    const p = lowered(f.source(f.small[f.small.length - 1]!));
    for (const after of [1, 7]) {
      const d = pausedInPlace(p, after);
      expectEveryOnce(d, p);
    }
  }, 120_000);
});

describe('divided exploration revisiting spin reads in place', () => {
  it('covers every execution once on random programs with spin loops', () => {
    let unsound = 0;
    fc.assert(
      fc.property(spinProgArb, fc.integer({ min: 1, max: 4 }), (threads, every) => {
        const p = lowered(source(threads));
        const d = dividedInPlace(p, every);
        if (d.unsound) unsound++;
        expectEveryOnce(d.keys, p);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // the runs include explorations started over, without it
    expect(unsound).toBeGreaterThan(0);
  }, Math.max(120_000, RUNS * 40));

  it.each([3, 4])('covers every execution of ticketlock %i once', (n) => {
    const p = lowered(FAMILIES.find((f) => f.name === 'ticketlock')!.source(n));
    for (const every of [1, 2, 5]) {
      const d = dividedInPlace(p, every);
      expect(d.unsound).toBe(false);
      expectEveryOnce(d.keys, p);
    }
  }, 120_000);
});
