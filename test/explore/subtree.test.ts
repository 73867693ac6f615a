/**
 * Dividing an exploration: work items given away (`donate`) and explored elsewhere
 * (`runTask`) cover exactly the executions of one undivided exploration, none twice. Here the
 * "other explorers" run in turn in this thread; the parallel CLI does the same across threads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../bench/families.js';
import { Explorer, type ExecutionSink } from '../../src/explore/driver.js';
import type { SubtreeTask } from '../../src/explore/subtree.js';
import { graphKey } from '../../src/graph/key.js';
import { oracleFor } from '../../src/models/oracle.js';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { parseLitmus } from '../../src/syntax/index.js';
import * as b from '../helpers/ast.js';
import { randomProgram } from '../helpers/random-programs.js';

function whole(p: Program): string[] {
  const keys: string[] = [];
  new Explorer(p, oracleFor('rc11'), { execution: (g) => void keys.push(graphKey(g)) }, { unroll: 8 }).run();
  return keys;
}

/** Explores giving away an item every `every` items, then explores the given-away items the same way. */
function divided(p: Program, every: number): string[] {
  const keys: string[] = [];
  const sink: ExecutionSink = { execution: (g) => void keys.push(graphKey(g)) };
  const queue: SubtreeTask[] = [];
  const explorerFor = (): Explorer => {
    let n = 0;
    const e: Explorer = new Explorer(p, oracleFor('rc11'), sink, {
      unroll: 8,
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

const sorted = (xs: string[]) => [...xs].sort();

describe('divided exploration', () => {
  it('covers every execution once on random programs', () => {
    fc.assert(
      fc.property(randomProgram(), fc.integer({ min: 1, max: 4 }), (f, every) => {
        const l = lower(f, b.source());
        if (!l.ok) throw new Error('lower');
        const d = divided(l.program, every);
        expect(new Set(d).size).toBe(d.length);
        expect(sorted(d)).toEqual(sorted(whole(l.program)));
      }),
      { numRuns: 150, seed: 9 },
    );
  }, 120_000);

  it.each(FAMILIES.map((f) => [f.name, f] as const))('covers every execution of %s once', (_n, f) => {
    const n = f.small[f.small.length - 1]!;
    const parsed = parseLitmus(f.source(n), 'f.litmus');
    if (!parsed.ok) throw new Error('parse');
    const l = lower(parsed.file, parsed.source);
    if (!l.ok) throw new Error('lower');
    const d = divided(l.program, 3);
    expect(new Set(d).size).toBe(d.length);
    expect(sorted(d)).toEqual(sorted(whole(l.program)));
  }, 120_000);
});
