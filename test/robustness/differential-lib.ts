/**
 * The optimal explorer against the reference enumerator (src/explore/reference.ts: every
 * candidate execution, then the model's axioms) on one program: the same execution graphs
 * (graph for graph, by graphKey), none visited twice, the same outcomes with the same counts,
 * the same races. The explorer runs with the fast oracle and, optionally, the declarative one
 * (the readable axioms), or with any oracle given (a planted bug). No vitest here: used by
 * `npm run differential` and differential.test.ts.
 */
import type { LitmusFile, ModelName } from '../../src/ast.js';
import { Explorer, type ExecutionSink } from '../../src/explore/driver.js';
import { enumerateReference, ReferenceLimit } from '../../src/explore/reference.js';
import { graphKey } from '../../src/graph/key.js';
import { oracleFor, type Consistency } from '../../src/models/oracle.js';
import { getModel } from '../../src/models/registry.js';
import { Collector } from '../../src/report/collect.js';
import type { Report } from '../../src/report/types.js';
import { modelPredicate } from '../../src/run.js';
import { lowered } from './properties-lib.js';

export interface DiffOptions {
  readonly unroll?: number;
  /** Also run the declarative oracle (slower). */
  readonly declarative?: boolean;
  /** Run the fast oracle (default true; false with `declarative` compares the axioms alone). */
  readonly fast?: boolean;
  /** Use this oracle instead of the fast one (a planted bug). */
  readonly oracle?: Consistency;
  /** The reference gives up beyond this many candidates; the program is then skipped. */
  readonly maxCandidates?: number;
}

/** What a comparison found: `same` with the number of graphs, `skipped`, or a difference. */
export type DiffResult = { readonly kind: 'same'; readonly graphs: number } | { readonly kind: 'skipped'; readonly why: string } | { readonly kind: 'differ'; readonly why: string };

interface Run {
  readonly keys: string[];
  readonly report: Report;
}

function summary(r: Report): string {
  return JSON.stringify({
    counts: r.counts,
    outcomes: r.outcomes.map((o) => `${o.values.join(',')}x${o.executions}`),
    races: r.races.map((x) => `${x.first.line}:${x.first.op}/${x.second.line}:${x.second.op}x${x.executions}`).sort(),
  });
}

/** Compares the explorer(s) with the reference on one program under one model. */
export function differential(f: LitmusFile, model: ModelName, o: DiffOptions = {}): DiffResult {
  const program = lowered(f);
  const unroll = o.unroll ?? 4;
  const collect = (run: (sink: ExecutionSink) => void): Run => {
    const keys: string[] = [];
    const collector = new Collector(program, { model, mode: 'as-written', scWitness: false });
    run({
      execution(g, states) {
        keys.push(graphKey(g));
        collector.execution(g, states);
      },
      pruned: (g, states) => collector.pruned(g, states),
    } as ExecutionSink);
    return { keys, report: collector.finish({ complete: true, stoppedBy: null, elapsedMs: 0 }) };
  };
  let reference: Run;
  try {
    reference = collect((sink) => enumerateReference(program, modelPredicate(getModel(model)), sink, { unroll, maxCandidates: o.maxCandidates ?? 200_000 }));
  } catch (e) {
    if (e instanceof ReferenceLimit) return { kind: 'skipped', why: e.message };
    throw e;
  }
  const refKeys = new Set(reference.keys);
  const explorers: [string, Consistency][] = [];
  if (o.oracle) explorers.push(['the given oracle', o.oracle]);
  else if (o.fast ?? true) explorers.push(['the fast oracle', oracleFor(model, 'fast')]);
  if (o.declarative) explorers.push(['the declarative oracle', oracleFor(model, 'declarative')]);
  for (const [name, oracle] of explorers) {
    const e = collect((sink) => new Explorer(program, oracle, sink, { unroll }).run());
    const keys = new Set(e.keys);
    if (keys.size !== e.keys.length) return { kind: 'differ', why: `${model}, ${name}: ${e.keys.length - keys.size} execution(s) visited twice` };
    const extra = e.keys.filter((k) => !refKeys.has(k));
    const missing = reference.keys.filter((k) => !keys.has(k));
    if (extra.length > 0 || missing.length > 0) {
      return {
        kind: 'differ',
        why: `${model}, ${name}: ${e.keys.length} executions, the reference ${reference.keys.length}` +
          (extra.length > 0 ? `\n  not in the reference: ${extra[0]}` : '') +
          (missing.length > 0 ? `\n  missed: ${missing[0]}` : ''),
      };
    }
    if (summary(e.report) !== summary(reference.report)) return { kind: 'differ', why: `${model}, ${name}: the same graphs, but reports differ:\n  ${summary(e.report)}\n  ${summary(reference.report)}` };
  }
  return { kind: 'same', graphs: reference.keys.length };
}
