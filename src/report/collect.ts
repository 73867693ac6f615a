/**
 * The collector: receives each execution the explorer finishes and keeps only what the report
 * needs (counts per distinct outcome, races, faults, blocked and cut executions, one witness of
 * each), so memory grows with the number of distinct outcomes, never with executions.
 */
import type { ModelName, OrderingMode } from '../ast.js';
import { makeRef, type ExecutionGraph } from '../graph/graph.js';
import { toExecution } from '../graph/execution.js';
import { findRacesFast } from '../models/races.js';
import type { ThreadState } from '../explore/thread-state.js';
import type { Program, TermIR } from '../program/ir.js';
import { showValue, type RegValue } from '../program/values.js';
import { plainLocations } from '../program/plain.js';
import { compareValues, evalCond, observedValue, termValue } from './final-state.js';
import type { AccessRef, ExecutionKind, FaultReport, OutcomeReport, RaceReport, Report, StopSummary, Witness } from './types.js';
import { checkExpectations, herdCounts, observation, runStatus, settledVerdict, verdict } from './verdict.js';
import { witness } from './witness.js';
import { raceFix } from './fix.js';

export interface CollectOptions {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  /** Show witnesses as SC interleavings (po ∪ rf ∪ mo ∪ rb) rather than po ∪ rf ones. */
  readonly scWitness: boolean;
  /** Distinct outcomes that get a witness (default 100); the others only count executions. */
  readonly witnessLimit?: number;
}

/**
 * The collector of one run: SC runs show witnesses as SC interleavings. Shared by the
 * single-thread explorer, the parallel workers and the coordinator that merges their parts.
 */
export function collectorForRun(program: Program, run: { readonly model: ModelName; readonly mode: OrderingMode; readonly witnessLimit?: number | undefined }): Collector {
  return new Collector(program, {
    model: run.model,
    mode: run.mode,
    scWitness: run.model === 'sc',
    ...(run.witnessLimit !== undefined ? { witnessLimit: run.witnessLimit } : {}),
  });
}

interface OutcomeEntry {
  readonly values: readonly RegValue[];
  executions: number;
  readonly satisfies: boolean | null;
  readonly witness: Witness | null;
}

interface Counted<T> {
  readonly item: T;
  executions: number;
}

/**
 * What a collector has gathered, as plain data (structured-clone safe): the explorers of a
 * parallel exploration each collect their share, and one collector absorbs them all.
 */
export interface CollectedPart {
  readonly outcomes: readonly [string, OutcomeEntry][];
  readonly races: readonly [string, Counted<Omit<RaceReport, 'executions'>>][];
  readonly faults: readonly [string, Counted<Omit<FaultReport, 'executions'>>][];
  readonly stops: readonly [string, Counted<Omit<StopSummary, 'executions'>>][];
  readonly counts: Collector['counts'];
  readonly pTrue: number;
  readonly pFalse: number;
}

export class Collector {
  private readonly outcomes = new Map<string, OutcomeEntry>();
  private readonly races = new Map<string, Counted<Omit<RaceReport, 'executions'>>>();
  private readonly faults = new Map<string, Counted<Omit<FaultReport, 'executions'>>>();
  private readonly stops = new Map<string, Counted<Omit<StopSummary, 'executions'>>>();
  readonly counts = { complete: 0, blocked: 0, cut: 0, faulted: 0, filtered: 0 };
  private pTrue = 0;
  private pFalse = 0;
  private readonly hasPlain: boolean;
  /** Scratch for an outcome's key: one string per observed variable. */
  private readonly keyParts: string[];

  constructor(
    readonly program: Program,
    readonly options: CollectOptions,
  ) {
    this.keyParts = program.observed.map(() => '');
    this.hasPlain = plainLocations(program).includes(1);
  }

  /** Forgets every execution received: the explorer starts over (driver.ts). */
  restart(): void {
    this.outcomes.clear();
    this.races.clear();
    this.faults.clear();
    this.stops.clear();
    Object.assign(this.counts, { complete: 0, blocked: 0, cut: 0, faulted: 0, filtered: 0 });
    this.pTrue = 0;
    this.pFalse = 0;
  }

  /** A graph the explorer abandoned (a thread blocked for good): only its races and faults count. */
  pruned(g: ExecutionGraph, states: readonly ThreadState[]): void {
    if (failedAssume(states)) return;
    if (this.hasPlain) this.collectRaces(g, states, 'blocked');
    if (states.some((s) => s.status === 'fault')) this.collectFaults(g, states);
  }

  /** Called by the explorer for each finished execution. */
  execution(g: ExecutionGraph, states: readonly ThreadState[]): void {
    const kind = classify(states);
    this.counts[kind]++;
    // A failed `assume!` discards the execution: it is not a run of the program, so its races
    // and faults are not reported. (A spin loop or a lock blocks a real run, and those count.)
    if (kind === 'blocked' && failedAssume(states)) {
      this.collectStops(states, 'blocked');
      return;
    }
    if (this.hasPlain) this.collectRaces(g, states, kind);
    if (kind === 'faulted') this.collectFaults(g, states);
    if (kind === 'blocked' || kind === 'cut') this.collectStops(states, kind);
    if (kind !== 'complete') return;

    const term = (t: TermIR): RegValue => termValue(t, g, states);
    if (this.program.filter && !evalCond(this.program.filter, term)) {
      this.counts.filtered++;
      this.counts.complete--;
      return;
    }
    const observed = this.program.observed;
    const key = observed.length <= FEW ? this.shortKey(g, states) : this.longKey(g, states);
    const entry = this.outcomes.get(key);
    // the condition names only observed variables: an outcome seen before satisfies it or not alike
    const satisfies = entry ? entry.satisfies : this.program.condition ? evalCond(this.program.condition.prop, term) : null;
    if (satisfies === false) this.pFalse++;
    else this.pTrue++;
    if (entry) entry.executions++;
    else {
      const values = observed.map((v) => observedValue(v, g, states));
      const withWitness = this.outcomes.size < (this.options.witnessLimit ?? 100);
      // a short key is a rope of a few pieces (see shortKey): stored flat, as a property name is
      const stored = observed.length <= FEW ? Object.keys({ [key]: 0 })[0]! : key;
      this.outcomes.set(stored, { values, executions: 1, satisfies, witness: withWitness ? this.witness(g, states, kind) : null });
    }
  }

  /**
   * An outcome's key, computed for every complete execution. With a few variables `+=` is the
   * quickest; with many, the rope it builds (one piece per value) costs more than one flat string
   * joined from a reused array (sb_ring's 16 registers: 50% more executions per second), and
   * would keep every piece alive in the map.
   */
  private shortKey(g: ExecutionGraph, states: readonly ThreadState[]): string {
    const observed = this.program.observed;
    let key = '';
    for (let i = 0; i < observed.length; i++) {
      const x = observedValue(observed[i]!, g, states);
      key += (i === 0 ? '' : ',') + (typeof x === 'object' ? showValue(x) : String(x));
    }
    return key;
  }

  private longKey(g: ExecutionGraph, states: readonly ThreadState[]): string {
    const observed = this.program.observed;
    const parts = this.keyParts;
    for (let i = 0; i < observed.length; i++) {
      const x = observedValue(observed[i]!, g, states);
      parts[i] = typeof x === 'object' ? showValue(x) : String(x);
    }
    return parts.join(',');
  }

  private witness(g: ExecutionGraph, states: readonly ThreadState[], kind: ExecutionKind): Witness {
    return witness(this.program, g, states, kind, this.options.scWitness);
  }

  private collectRaces(g: ExecutionGraph, states: readonly ThreadState[], kind: ExecutionKind): void {
    const seen = new Set<string>();
    for (const [ra, rb] of findRacesFast(g)) {
      const ea = g.get(ra);
      const eb = g.get(rb);
      const key = [`${ea.site}:${ea.kind}`, `${eb.site}:${eb.kind}`].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const hit = this.races.get(key);
      if (hit) {
        hit.executions++;
        continue;
      }
      // first time: the relational view, for the witness and the fix suggestion
      const x = toExecution(g);
      const [first, second] = [ea, eb].sort((p, q) => p.thread - q.thread || p.index - q.index).map((e) => this.access(e));
      this.races.set(key, {
        item: { first: first!, second: second!, witness: this.witness(g, states, kind), fix: raceFix(x, x.index.get(ra)!, x.index.get(rb)!, this.program) },
        executions: 1,
      });
    }
  }

  private access(e: { thread: number; site: number; kind: string; mode: AccessRef['mode']; loc: number }): AccessRef {
    const site = this.program.sites[e.site]!;
    return {
      thread: e.thread,
      threadName: this.program.threads[e.thread]!.name,
      line: site.line,
      column: site.column,
      text: site.text,
      op: e.kind === 'W' ? 'write' : 'read',
      mode: e.mode,
      location: this.program.locations[e.loc]!.name,
    };
  }

  private collectFaults(g: ExecutionGraph, states: readonly ThreadState[]): void {
    states.forEach((s, t) => {
      if (s.status !== 'fault' || s.stop?.kind !== 'fault') return;
      const f = s.stop.fault;
      const key = `${t}|${f.site}|${f.kind}|${f.message}`;
      const hit = this.faults.get(key);
      if (hit) {
        hit.executions++;
        return;
      }
      const site = this.program.sites[f.site]!;
      this.faults.set(key, {
        item: { kind: f.kind, thread: t, threadName: this.program.threads[t]!.name, line: site.line, column: site.column, text: site.text, message: f.message, witness: this.witness(g, states, 'faulted') },
        executions: 1,
      });
    });
  }

  private collectStops(states: readonly ThreadState[], kind: 'blocked' | 'cut'): void {
    states.forEach((s, t) => {
      const stop = s.stop;
      if (stop === null || stop.kind === 'fault') return;
      if ((kind === 'cut') !== (stop.kind === 'cut')) return;
      const key = `${stop.kind}|${t}|${stop.site}`;
      const hit = this.stops.get(key);
      if (hit) {
        hit.executions++;
        return;
      }
      const site = this.program.sites[stop.site]!;
      this.stops.set(key, { item: { kind, reason: stop.kind, thread: t, threadName: this.program.threads[t]!.name, line: site.line, text: site.text }, executions: 1 });
    });
  }

  /** What has been gathered so far, as plain data. */
  part(): CollectedPart {
    return {
      outcomes: [...this.outcomes],
      races: [...this.races],
      faults: [...this.faults],
      stops: [...this.stops],
      counts: { ...this.counts },
      pTrue: this.pTrue,
      pFalse: this.pFalse,
    };
  }

  /**
   * Adds another collector's part: counts add up; of two witnesses of the same outcome, race or
   * fault, the one already here is kept.
   */
  absorb(p: CollectedPart): void {
    const limit = this.options.witnessLimit ?? 100;
    for (const [key, o] of p.outcomes) {
      const mine = this.outcomes.get(key);
      if (mine) mine.executions += o.executions;
      else this.outcomes.set(key, { ...o, witness: this.outcomes.size < limit ? o.witness : null });
    }
    const addCounted = <T>(into: Map<string, Counted<T>>, from: readonly [string, Counted<T>][]): void => {
      for (const [key, c] of from) {
        const mine = into.get(key);
        if (mine) mine.executions += c.executions;
        else into.set(key, { item: c.item, executions: c.executions });
      }
    };
    addCounted(this.races, p.races);
    addCounted(this.faults, p.faults);
    addCounted(this.stops, p.stops);
    for (const k of Object.keys(this.counts) as (keyof Collector['counts'])[]) this.counts[k] += p.counts[k];
    this.pTrue += p.pTrue;
    this.pFalse += p.pFalse;
  }

  /** The report, once exploration has ended. */
  finish(meta: { complete: boolean; stoppedBy: Report['stoppedBy']; elapsedMs: number }): Report {
    const p = this.program;
    const racy = this.races.size > 0;
    const v = { quantifier: p.condition?.quantifier ?? null, pTrue: this.pTrue, pFalse: this.pFalse, racy };
    const exhaustive = meta.complete && this.counts.cut === 0;
    const settled = settledVerdict(v, exhaustive);
    const obs = observation(v);
    const verd = verdict(v);
    const statusIn = {
      model: this.options.model,
      mode: this.options.mode,
      expectations: p.expectations,
      verdict: verd,
      observation: obs,
      racy,
      faulty: this.faults.size > 0,
      complete: meta.complete,
      settled,
    };
    const expectations = checkExpectations(statusIn);
    const outcomes: OutcomeReport[] = [...this.outcomes.values()]
      .sort((a, b) => compareValues(a.values, b.values))
      .map((o) => ({ values: o.values.map(showValue), executions: o.executions, satisfies: o.satisfies, witness: o.witness }));
    const { positive, negative } = herdCounts(v);
    return {
      file: p.file,
      name: p.name,
      model: this.options.model,
      mode: this.options.mode,
      variables: p.observed.map((o) => o.label),
      herdVariables: p.observed.map((o) => o.herdLabel),
      herdShown: p.herdObserved,
      condition: p.condition ? { quantifier: p.condition.quantifier, text: p.condition.text, herdText: p.condition.herdText } : null,
      outcomes,
      witnessesOmitted: outcomes.filter((o) => o.witness === null).length,
      counts: { ...this.counts },
      positive,
      negative,
      verdict: verd,
      observation: obs,
      // in source order, not in the order found: the same lists whatever the exploration order
      // (a parallel exploration's workers find them in another)
      races: [...this.races.values()].map((r) => ({ ...r.item, executions: r.executions })).sort((a, b) => compareAccess(a.first, b.first) || compareAccess(a.second, b.second)),
      faults: [...this.faults.values()]
        .map((f) => ({ ...f.item, executions: f.executions }))
        .sort((a, b) => a.line - b.line || a.column - b.column || a.thread - b.thread || compareText(a.message, b.message)),
      stops: [...this.stops.values()]
        .map((s) => ({ ...s.item, executions: s.executions }))
        .sort((a, b) => a.line - b.line || a.thread - b.thread || compareText(a.reason, b.reason) || compareText(a.kind, b.kind)),
      complete: meta.complete,
      stoppedBy: meta.stoppedBy,
      settled,
      expectations,
      status: runStatus(statusIn, expectations),
      elapsedMs: meta.elapsedMs,
    };
  }
}

function compareAccess(a: AccessRef, b: AccessRef): number {
  return a.line - b.line || a.column - b.column || a.thread - b.thread || compareText(a.location, b.location) || compareText(a.op, b.op);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Variables whose outcome key is built by `+=` (see `shortKey`). */
const FEW = 4;

function classify(states: readonly ThreadState[]): ExecutionKind {
  if (failedAssume(states)) return 'blocked';
  let kind: ExecutionKind = 'complete';
  for (let t = 0; t < states.length; t++) {
    const s = states[t]!;
    if (s.status === 'fault') return 'faulted';
    if (s.status === 'cut') kind = 'cut';
    else if (s.status === 'blocked' && kind === 'complete') kind = 'blocked';
  }
  return kind;
}

/** Whether a thread stopped on a false `assume!` (a loop, not `some`: this runs per execution). */
function failedAssume(states: readonly ThreadState[]): boolean {
  for (let t = 0; t < states.length; t++) if (states[t]!.stop?.kind === 'assume') return true;
  return false;
}

export { makeRef };
