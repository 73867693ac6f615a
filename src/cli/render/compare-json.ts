/**
 * `ordo compare --format json`: the comparison as one JSON document, schema `ordo-compare/1`
 * (documented in docs/graphs.md, "JSON"). Runs are named `model/mode` wherever a run is referred
 * to, so a reader needs no index arithmetic; outcome values line up with `variables`. Nothing
 * here depends on time or on the machine, so two runs of the same file give the same bytes.
 */
import type { AccessRef } from '../../report/types.js';
import type { Comparison } from '../../report/compare.js';
import { runLabel } from './compare.js';

export const COMPARE_SCHEMA = 'ordo-compare/1';

export function renderCompareJson(c: Comparison): string {
  const name = (i: number): string => runLabel(c.runs[i]!);
  const access = (a: AccessRef) => ({ thread: a.threadName, line: a.line, column: a.column, text: a.text, op: a.op, mode: a.mode, location: a.location });
  const doc = {
    schema: COMPARE_SCHEMA,
    file: c.file,
    name: c.name,
    condition: c.condition,
    variables: c.variables,
    runs: c.runs.map((r, i) => ({
      run: name(i),
      model: r.model,
      mode: r.mode,
      verdict: r.verdict,
      observation: r.observation,
      status: r.status,
      complete: r.complete,
      executions: r.counts,
      positive: r.positive,
      negative: r.negative,
      races: r.races.length,
      atLeastAsStrongAs: c.runs.map((_, j) => j).filter((j) => j !== i && c.atLeastAsStrong[j]![i]!).map(name),
    })),
    outcomes: c.outcomes.map((o) => ({
      values: o.values,
      satisfies: o.satisfies,
      executions: Object.fromEntries(c.runs.map((_, i) => [name(i), o.executions[i]!])),
    })),
    differences: c.differences.map((d) => ({ values: c.outcomes[d.outcome]!.values, allowedBy: d.allowedBy.map(name), forbiddenBy: d.forbiddenBy.map(name) })),
    races: c.races.map((r) => ({ first: access(r.first), second: access(r.second), runs: r.runs.map(name), fix: r.fix })),
    anomalies: c.anomalies.map((a) => ({ values: c.outcomes[a.outcome]!.values, weaker: name(a.weaker), stronger: name(a.stronger) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
