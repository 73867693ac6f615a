/**
 * What `ordo graph` draws besides the stored primitives: for one witness execution (a
 * `GraphSnapshot`, which keeps only events, rf and mo), RC11's derived `sw` and `hb` and the
 * data races, as edges between snapshot event ids; and which witness to draw for an outcome.
 *
 * The relations are computed by the same code the model uses (`rc11Relations`, `findRaces`) on
 * an execution graph rebuilt from the snapshot, so the picture cannot disagree with the
 * checker. Like races.ts, `sw` and `hb` are RC11's whatever model ran: they describe the
 * synchronisation the orderings in effect give.
 */
import type { ModelName, OrderingMode } from '../ast.js';
import type { Mode } from '../events/modes.js';
import { toExecution } from '../graph/execution.js';
import { ExecutionGraph, initRef, makeRef, NO_REF, type EventRef } from '../graph/graph.js';
import { findRaces } from '../models/races.js';
import { rc11Relations } from '../models/rc11.js';
import type { CondIR, Program } from '../program/ir.js';
import type { GraphSnapshot, Report, Witness } from '../report/types.js';
import { why } from './why.js';

/** A directed pair of snapshot event ids. */
export type Edge = readonly [number, number];

export interface ExecutionView {
  readonly graph: GraphSnapshot;
  /** Synchronises-with. */
  readonly sw: readonly Edge[];
  /**
   * Happens-before between conflicting accesses of different threads (same location, one of
   * them a write): the pairs hb keeps from racing. The whole of hb is mostly po and would hide
   * the picture.
   */
  readonly hb: readonly Edge[];
  /** Data races: conflicting accesses, one plain, unordered by hb (in event order). */
  readonly races: readonly Edge[];
}

/** Derives sw, hb (between conflicting accesses) and races of a witness graph. */
export function viewExecution(program: Program, snap: GraphSnapshot): ExecutionView {
  const g = rebuild(program, snap);
  if (g === null) return { graph: snap, sw: [], hb: [], races: [] };
  const x = toExecution(g);
  // toExecution numbers events as snapshot() does: initial writes of the locations used, by
  // location, then each thread in po; so an execution index is a snapshot id
  if (x.n !== snap.events.length) throw new Error('internal error: the rebuilt execution does not match its snapshot');
  const { sw, hb } = rc11Relations(x);
  const conflicting = (a: number, b: number): boolean => {
    const ea = snap.events[a]!;
    const eb = snap.events[b]!;
    return ea.thread >= 0 && eb.thread >= 0 && ea.thread !== eb.thread && ea.location !== null && ea.location === eb.location && (ea.kind === 'W' || eb.kind === 'W') && ea.kind !== 'F' && eb.kind !== 'F';
  };
  return {
    graph: snap,
    sw: [...sw.edges()],
    hb: [...hb.edges()].filter(([a, b]) => conflicting(a, b)),
    races: findRaces(x).map(({ a, b }) => [a, b] as const),
  };
}

/** The execution graph a snapshot was taken of (enough of it for the relations: no values). */
function rebuild(program: Program, snap: GraphSnapshot): ExecutionGraph | null {
  const g = new ExecutionGraph({ threads: program.threads.length, initValues: program.locations.map((l) => l.init) });
  // events are built from an initial write, so that fields the relations never read (explorer
  // and model caches) get their neutral values whatever they are
  const template = g.inits[0];
  if (template === undefined) return null; // no memory at all: nothing to relate
  const locId = new Map(program.locations.map((l) => [l.name, l.id]));
  const ref = (id: number): EventRef => {
    const e = snap.events[id]!;
    return e.thread < 0 ? initRef(e.index) : makeRef(e.thread, e.index);
  };
  for (const e of snap.events) {
    if (e.thread < 0) continue;
    g.append({
      ...template,
      thread: e.thread,
      index: e.index,
      kind: e.kind,
      loc: e.location === null ? -1 : locId.get(e.location)!,
      mode: e.mode as Mode,
      rf: e.rf === null ? NO_REF : ref(e.rf),
      rmw: null,
      rmwRead: e.kind === 'R' && e.rmw,
      rmwWrite: e.kind === 'W' && e.rmw,
      spurious: false,
    });
  }
  for (const m of snap.mo) g.mo[locId.get(m.location)!] = m.writes.slice(1).map(ref);
  return g;
}

/** Which witness `ordo graph` draws. */
export type WitnessChoice =
  | { readonly kind: 'found'; readonly witness: Witness; readonly what: string }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Without a proposition: the first outcome (in the report's order) satisfying the condition,
 * else the first outcome; with no complete execution, the first assertion failure.
 */
export function defaultWitness(report: Report): WitnessChoice {
  const label = (values: readonly string[]): string => report.variables.map((v, i) => `${v}=${values[i]}`).join(' ');
  const o = report.outcomes.find((x) => x.satisfies === true && x.witness !== null) ?? report.outcomes.find((x) => x.witness !== null);
  if (o?.witness) return { kind: 'found', witness: o.witness, what: `outcome ${label(o.values)}` };
  const f = report.faults[0];
  if (f) return { kind: 'found', witness: f.witness, what: `${f.kind} in ${f.threadName} at line ${f.line}` };
  return { kind: 'none', reason: 'no execution finishes (every one is blocked or cut): there is no outcome to draw' };
}

export interface WitnessOptions {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
}

/** An execution reaching a state where `prop` holds, or why there is none. */
export function witnessWhere(program: Program, prop: CondIR, options: WitnessOptions): WitnessChoice {
  // a small candidate budget: when the state is forbidden we only say so; `ordo why` explains
  const r = why(program, prop, { ...options, maxCandidates: 20_000 });
  switch (r.kind) {
    case 'allowed':
      return { kind: 'found', witness: r.witness, what: 'the outcome asked for' };
    case 'forbidden': {
      const axioms = r.axioms.map((a) => a.axiom).join(', ');
      return { kind: 'none', reason: `no ${options.model}/${options.mode} execution reaches it: it is forbidden${axioms ? ` (${axioms})` : ''}` };
    }
  }
}
