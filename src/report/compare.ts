/**
 * `ordo compare` as plain data: one program run under every ordering mode and both models, the
 * outcomes each run reaches side by side, and what each strengthening buys.
 *
 * Which run is stronger than which (docs/graphs.md, "Strength order"): run B is at least as
 * strong as run A when its model is at least as strong (rc11 ⊑ sc) and, under rc11, the program
 * B runs has at every access an ordering at least as strong as A's (a fence counts as stronger
 * than no fence). Under rc11 that is decided on the program itself, access by access, so
 * `as-written` is placed exactly: for a program written with Release/Acquire it is equivalent to
 * `acqrel`, with SeqCst accesses it is above `acqrel` or incomparable to it. Under sc the
 * orderings do not matter (every access behaves as SeqCst), so every sc run is above every rc11
 * run and the four sc runs are equivalent.
 *
 * Both models are monotone in that order (strengthening never adds outcomes), so an outcome a
 * stronger run reaches and a weaker one does not is a checker bug: it is listed as an anomaly.
 */
import type { ModelName, Observation, OrderingMode, Quantifier } from '../ast.js';
import { modeLeq } from '../events/modes.js';
import type { Instr, Program } from '../program/ir.js';
import { applyMode } from '../program/modes.js';
import type { AccessRef, Report, RunStatus, Verdict } from './types.js';

export const COMPARE_MODELS: readonly ModelName[] = ['rc11', 'sc'];
export const COMPARE_MODES: readonly OrderingMode[] = ['as-written', 'relaxed', 'acqrel', 'seqcst'];

/** The runs of a comparison, in column order: rc11 then sc, each mode in `COMPARE_MODES` order. */
export const COMPARE_RUNS: readonly { readonly model: ModelName; readonly mode: OrderingMode }[] = COMPARE_MODELS.flatMap((model) =>
  COMPARE_MODES.map((mode) => ({ model, mode })),
);

/** One column: a run's verdict and what it found besides outcomes. */
export interface ComparedRun {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly verdict: Verdict;
  readonly observation: Observation;
  readonly status: RunStatus;
  /** False when a limit stopped the run: its column may miss outcomes. */
  readonly complete: boolean;
  readonly counts: Report['counts'];
  readonly positive: number;
  readonly negative: number;
  /** Indices into `Comparison.races`. */
  readonly races: readonly number[];
  /** Assertion failures and panics (executions). */
  readonly faulted: number;
}

/** One row: a distinct final state and the executions reaching it in each run (0: never). */
export interface ComparedOutcome {
  readonly values: readonly string[];
  readonly satisfies: boolean | null;
  readonly executions: readonly number[];
}

/** A race, named once for every run that has it. */
export interface ComparedRace {
  readonly first: AccessRef;
  readonly second: AccessRef;
  /** Indices of the runs with this race. */
  readonly runs: readonly number[];
  /** What ordering would order the pair, when an as-written run has it (null otherwise). */
  readonly fix: string | null;
}

/** What strengthening buys for one outcome: the weakest runs that forbid it, over the strongest that allow it. */
export interface Difference {
  readonly outcome: number;
  /** Maximal runs (in the strength order) reaching the outcome below some run that does not. */
  readonly allowedBy: readonly number[];
  /** Minimal runs not reaching the outcome above some run that does. */
  readonly forbiddenBy: readonly number[];
}

/** A stronger run reaching an outcome a weaker one does not: a bug in the checker. */
export interface Anomaly {
  readonly outcome: number;
  readonly weaker: number;
  readonly stronger: number;
}

export interface Comparison {
  readonly file: string;
  readonly name: string;
  readonly condition: { readonly quantifier: Quantifier; readonly text: string } | null;
  readonly variables: readonly string[];
  readonly runs: readonly ComparedRun[];
  readonly outcomes: readonly ComparedOutcome[];
  readonly races: readonly ComparedRace[];
  /** `atLeastAsStrong[a][b]`: run b is at least as strong as run a. */
  readonly atLeastAsStrong: readonly (readonly boolean[])[];
  readonly differences: readonly Difference[];
  readonly anomalies: readonly Anomaly[];
}

/** Whether, in every access of `program`, mode `b` gives an ordering at least as strong as mode `a`. */
export function modeAtLeastAsStrong(program: Program, a: OrderingMode, b: OrderingMode): boolean {
  if (a === b) return true;
  const pa = applyMode(program, a);
  const pb = applyMode(program, b);
  return pa.threads.every((t, ti) => t.code.every((ia, k) => instrLeq(ia, pb.threads[ti]!.code[k]!)));
}

function instrLeq(a: Instr, b: Instr): boolean {
  if (a.op === 'nop') return true; // a fence the relaxed mode removed: anything is at least that
  switch (a.op) {
    case 'load':
    case 'store':
      return (b.op === 'load' || b.op === 'store') && modeLeq(a.mode, b.mode);
    case 'rmw':
      return b.op === 'rmw' && modeLeq(a.readMode, b.readMode) && modeLeq(a.writeMode, b.writeMode) && modeLeq(a.failMode, b.failMode);
    case 'fence':
      return b.op === 'fence' && modeLeq(a.mode, b.mode);
    default:
      return true; // not a memory access: the same instruction in every mode
  }
}

/** The strength preorder over `runs`, as a matrix (see the file comment). */
export function strengthOrder(program: Program, runs: readonly { readonly model: ModelName; readonly mode: OrderingMode }[]): boolean[][] {
  const modeCache = new Map<string, boolean>();
  const modeLe = (a: OrderingMode, b: OrderingMode): boolean => {
    const key = `${a}/${b}`;
    let v = modeCache.get(key);
    if (v === undefined) modeCache.set(key, (v = modeAtLeastAsStrong(program, a, b)));
    return v;
  };
  return runs.map((a) =>
    runs.map((b) => {
      if (b.model === 'sc') return true; // sc admits a subset of any rc11 run's executions, whatever the orderings
      if (a.model === 'sc') return false;
      return modeLe(a.mode, b.mode);
    }),
  );
}

/** Builds the comparison from the reports of `runs` (same program, same order). */
export function compareReports(program: Program, runs: readonly { readonly model: ModelName; readonly mode: OrderingMode }[], reports: readonly Report[]): Comparison {
  if (reports.length !== runs.length || reports.length === 0) throw new Error('internal error: one report per run expected');
  const first = reports[0]!;

  // rows: the union of every run's outcomes, in the reports' canonical order
  const rows = new Map<string, { values: readonly string[]; satisfies: boolean | null; executions: number[] }>();
  reports.forEach((r, ri) => {
    for (const o of r.outcomes) {
      const key = o.values.join('\u0000');
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { values: o.values, satisfies: o.satisfies, executions: reports.map(() => 0) }));
      row.executions[ri] = o.executions;
    }
  });
  const outcomes = [...rows.values()].sort((a, b) => compareValueLists(a.values, b.values));

  // races: one entry per pair of accesses, listing the runs that have it
  const races: { first: AccessRef; second: AccessRef; runs: number[]; fix: string | null }[] = [];
  const raceIndex = new Map<string, number>();
  const runRaces: number[][] = reports.map(() => []);
  reports.forEach((r, ri) => {
    for (const race of r.races) {
      const key = `${accessKey(race.first)}|${accessKey(race.second)}`;
      let i = raceIndex.get(key);
      if (i === undefined) {
        i = races.length;
        raceIndex.set(key, i);
        races.push({ first: race.first, second: race.second, runs: [], fix: null });
      }
      // a fix names orderings of the program as written: another mode's program is not the user's
      if (r.mode === 'as-written' && races[i]!.fix === null) races[i]!.fix = race.fix;
      races[i]!.runs.push(ri);
      runRaces[ri]!.push(i);
    }
  });

  const le = strengthOrder(program, runs);
  const differences: Difference[] = [];
  const anomalies: Anomaly[] = [];
  outcomes.forEach((o, oi) => {
    const reached = (i: number): boolean => o.executions[i]! > 0;
    const ids = runs.map((_, i) => i);
    const allow = ids.filter((a) => reached(a) && ids.some((f) => !reached(f) && le[a]![f]!));
    const forbid = ids.filter((f) => !reached(f) && ids.some((a) => reached(a) && le[a]![f]!));
    // strictly below / above, so that equivalent runs (the sc columns) are all kept
    const strictly = (x: number, y: number): boolean => le[x]![y]! && !le[y]![x]!;
    if (allow.length > 0) {
      differences.push({
        outcome: oi,
        allowedBy: allow.filter((a) => !allow.some((b) => strictly(a, b))),
        forbiddenBy: forbid.filter((f) => !forbid.some((g) => strictly(g, f))),
      });
    }
    // a limit may leave outcomes out of a column: only complete runs can contradict monotonicity
    for (const s of ids) {
      for (const w of ids) {
        if (s !== w && reached(s) && !reached(w) && le[w]![s]! && reports[s]!.complete && reports[w]!.complete) anomalies.push({ outcome: oi, weaker: w, stronger: s });
      }
    }
  });

  return {
    file: first.file,
    name: first.name,
    condition: first.condition ? { quantifier: first.condition.quantifier, text: first.condition.text } : null,
    variables: first.variables,
    runs: reports.map((r, ri) => ({
      model: r.model,
      mode: r.mode,
      verdict: r.verdict,
      observation: r.observation,
      status: r.status,
      complete: r.complete,
      counts: r.counts,
      positive: r.positive,
      negative: r.negative,
      races: runRaces[ri]!,
      faulted: r.counts.faulted,
    })),
    outcomes,
    races,
    atLeastAsStrong: le,
    differences,
    anomalies,
  };
}

function accessKey(a: AccessRef): string {
  return `${a.thread}:${a.line}:${a.column}:${a.op}`;
}

/** Integers numerically, anything else (a `Result`) by its text, as the reports sort them. */
function compareValueLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (/^-?\d+$/.test(x) && /^-?\d+$/.test(y)) return BigInt(x) < BigInt(y) ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
