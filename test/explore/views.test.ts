/**
 * The fast forms of RC11's relations against the readable ones, on every execution of random
 * programs: happens-before from views (models/views.ts) equals `hb` of rc11.ts, and the races
 * found from views equal those found from relations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Explorer } from '../../src/explore/driver.js';
import { toExecution } from '../../src/graph/execution.js';
import { oracleFor } from '../../src/models/oracle.js';
import { findRaces, findRacesFast } from '../../src/models/races.js';
import { rc11Relations } from '../../src/models/rc11.js';
import { happensBefore } from '../../src/models/views.js';
import { lower } from '../../src/program/lower.js';
import * as b from '../helpers/ast.js';
import { randomProgram } from '../helpers/random-programs.js';

describe('views', () => {
  it('hb from views = hb of rc11.ts, races alike', () => {
    let graphs = 0;
    fc.assert(
      fc.property(randomProgram(), (f) => {
        const l = lower(f, b.source());
        if (!l.ok) throw new Error('lower');
        new Explorer(l.program, oracleFor('rc11'), {
          execution(g) {
            graphs++;
            const x = toExecution(g);
            const { hb } = rc11Relations(x);
            for (let i = 0; i < x.n; i++) {
              for (let j = 0; j < x.n; j++) {
                if (x.events[i]!.thread < 0 || x.events[j]!.thread < 0) continue;
                expect(happensBefore(g, x.events[i]!, x.events[j]!), `hb(${i},${j})`).toBe(hb.has(i, j));
              }
            }
            const slow = findRaces(x).map(({ a, b: c }) => `${x.refs[a]}-${x.refs[c]}`).sort();
            const fast = findRacesFast(g).map(([a, c]) => `${a}-${c}`).sort();
            expect(fast).toEqual(slow);
          },
        }, { unroll: 4 }).run();
      }),
      { numRuns: 150, seed: 5 },
    );
    expect(graphs).toBeGreaterThan(500);
  }, 120_000);
});
