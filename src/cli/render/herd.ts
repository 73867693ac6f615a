/**
 * herd7's log record, so Ordo's output can be diffed with herd7's and read by its log tools:
 *
 *   Test NAME Allowed|Forbidden|Required
 *   States N
 *   0:r0=0; [y]=1;          (one line per distinct final state, sorted)
 *   Ok|No|Undef
 *   Witnesses
 *   Positive: P Negative: N
 *   Flag *undef*            (when a data race exists)
 *   Condition exists (...)
 *   Observation NAME Always|Sometimes|Never T F
 *   Time NAME 0.01
 *
 * herd7 also prints a `Hash=` line, a digest of its own internal form of the test; Ordo cannot
 * reproduce it and leaves it out.
 */
import type { Report } from '../../report/types.js';

interface Var {
  readonly label: string;
  readonly thread: number;
  readonly index: number;
}

/** The distinct final states as herd7 prints them: only the condition's and `locations` variables. */
export function herdStates(r: Report): string[] {
  const vars: Var[] = r.herdShown.map((i) => {
    const label = r.herdVariables[i]!;
    const m = /^(\d+):/.exec(label);
    return { label, thread: m ? Number(m[1]) : Number.MAX_SAFE_INTEGER, index: i };
  });
  // herd7 lists registers by thread, then memory, each by name
  vars.sort((a, b) => a.thread - b.thread || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const states = new Map<string, readonly string[]>();
  for (const o of r.outcomes) {
    const values = vars.map((v) => o.values[v.index]!);
    states.set(values.join('\u0000'), values);
  }
  const rows = [...states.values()].sort((a, b) => {
    for (let i = 0; i < a.length; i++) {
      const c = compareValueText(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  return rows.map((values) => values.map((v, i) => `${vars[i]!.label}=${v};`).join(' '));
}

function compareValueText(a: string, b: string): number {
  if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** herd7's kind of test, from the quantifier. */
export function herdKind(r: Report): 'Allowed' | 'Forbidden' | 'Required' {
  const q = r.condition?.quantifier ?? 'forall';
  return q === 'exists' ? 'Allowed' : q === 'not exists' ? 'Forbidden' : 'Required';
}

export function herdCondition(r: Report): string {
  return r.condition?.herdText ?? 'forall (true)';
}

/** P true / P false counts, as the Observation line shows them. */
export function herdObservationCounts(r: Report): [number, number] {
  return r.condition?.quantifier === 'not exists' ? [r.negative, r.positive] : [r.positive, r.negative];
}

export function renderHerd(r: Report): string {
  const states = herdStates(r);
  const [t, f] = herdObservationCounts(r);
  const lines = [
    `Test ${r.name} ${herdKind(r)}`,
    `States ${states.length}`,
    ...states,
    r.verdict,
    'Witnesses',
    `Positive: ${r.positive} Negative: ${r.negative}`,
    ...(r.races.length > 0 ? ['Flag *undef*'] : []),
    `Condition ${herdCondition(r)}`,
    `Observation ${r.name} ${r.observation} ${t} ${f}`,
    `Time ${r.name} ${(r.elapsedMs / 1000).toFixed(2)}`,
    '',
  ];
  return lines.join('\n') + '\n';
}

/**
 * The herd format of `ordo run`: one record per file, as herd7's log has (the run is the one
 * given by --model/--mode, else rc11/as-written, herd7's model). A file with diagnostics prints
 * nothing here; its diagnostics go to stderr.
 */
export function herdSink(ctx: { readonly write: (s: string) => void }): {
  file(f: { readonly kind: string; readonly reports?: readonly Report[] }): void;
  notRun(file: string): void;
  end(): void;
} {
  return {
    file(f) {
      for (const r of f.reports ?? []) ctx.write(renderHerd(r));
    },
    notRun() {},
    end() {},
  };
}
