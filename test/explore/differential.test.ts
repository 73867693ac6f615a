/**
 * The optimal explorer against the reference enumerator (generate and test) on random
 * programs: the same executions (graph for graph), none visited twice, the same report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelName } from '../../src/ast.js';
import { Explorer, type ExecutionSink } from '../../src/explore/driver.js';
import { enumerateReference } from '../../src/explore/reference.js';
import { graphKey } from '../../src/graph/key.js';
import { getModel } from '../../src/models/registry.js';
import { lower } from '../../src/program/lower.js';
import { Collector } from '../../src/report/collect.js';
import { modelPredicate } from '../../src/run.js';
import { oracleFor } from '../../src/models/oracle.js';
import * as b from '../helpers/ast.js';
import { randomProgram } from '../helpers/random-programs.js';
import type { LitmusFile } from '../../src/ast.js';

function keysOf(f: LitmusFile, model: ModelName, which: 'explorer' | 'declarative' | 'reference' | 'pruning') {
  const l = lower(f, b.source());
  if (!l.ok) throw new Error(JSON.stringify(l.diagnostics.map((d) => d.message)));
  const keys: string[] = [];
  const complete: string[] = [];
  const collector = new Collector(l.program, { model, mode: 'as-written', scWitness: false });
  const sink: ExecutionSink = {
    execution(g, states) {
      keys.push(graphKey(g));
      if (states.every((s) => s.status === 'done')) complete.push(graphKey(g));
      collector.execution(g, states);
    },
  };
  if (which === 'reference') enumerateReference(l.program, modelPredicate(getModel(model)), sink, { unroll: 4 });
  else new Explorer(l.program, oracleFor(model, which === 'declarative' ? 'declarative' : 'fast'), sink, { unroll: 4, pruneBlocked: which === 'pruning' }).run();
  const report = collector.finish({ complete: true, stoppedBy: null, elapsedMs: 0 });
  return { keys, complete, report };
}

const summary = (r: ReturnType<typeof keysOf>['report']) => ({
  counts: r.counts,
  outcomes: r.outcomes.map((o) => `${o.values.join(',')}x${o.executions}`),
  races: r.races.map((x) => `${x.first.line}:${x.first.op}/${x.second.line}:${x.second.op}x${x.executions}`).sort(),
});

describe.each(['rc11', 'sc'] as const)('explorer = reference under %s', (model) => {
  it('on random programs', () => {
    fc.assert(
      fc.property(randomProgram(), (f) => {
        const e = keysOf(f, model, 'explorer');
        const d = keysOf(f, model, 'declarative');
        const r = keysOf(f, model, 'reference');
        expect(new Set(e.keys).size).toBe(e.keys.length); // never twice
        expect([...e.keys].sort()).toEqual([...r.keys].sort()); // the same graphs
        expect([...d.keys].sort()).toEqual([...r.keys].sort()); // the fast checks agree with the axioms
        expect(summary(e.report)).toEqual(summary(r.report));
        // abandoning hopelessly blocked graphs changes no complete execution
        const p = keysOf(f, model, 'pruning');
        expect([...p.complete].sort()).toEqual([...r.complete].sort());
        for (const k of p.keys) expect(r.keys).toContain(k);
      }),
      { numRuns: 200, seed: 42 },
    );
  }, 300_000);
});
