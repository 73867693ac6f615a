/**
 * "Why is this outcome forbidden?" For a proposition P over final states: if some consistent
 * execution reaches P, the answer is a witness. Otherwise every *candidate* execution reaching P
 * (every path, rf and mo, as the reference enumerator generates them) breaks an axiom of the
 * model; group them by the first axiom they break and show, for each, the cycle (or edge) that
 * breaks it, as a path of named relations (po, rf, mo, rb, sw) between events with their lines.
 */
import type { ModelName } from '../ast.js';
import { Explorer } from '../explore/driver.js';
import { forEachCandidate, ReferenceLimit } from '../explore/reference.js';
import type { ThreadState } from '../explore/thread-state.js';
import { toExecution } from '../graph/execution.js';
import type { ExecutionGraph } from '../graph/graph.js';
import { explainWitness, firstViolation } from '../models/model.js';
import { getModel } from '../models/registry.js';
import type { CondIR, Program } from '../program/ir.js';
import { applyMode } from '../program/modes.js';
import { evalCond, termValue } from '../report/final-state.js';
import type { GraphSnapshot, Witness } from '../report/types.js';
import { snapshot, witness } from '../report/witness.js';
import type { OrderingMode } from '../ast.js';
import { oracleFor } from '../models/oracle.js';

/** One edge of an explanation cycle, between snapshot events. */
export interface WhyStep {
  readonly from: number;
  readonly to: number;
  readonly rel: string;
}

export interface AxiomExplanation {
  readonly axiom: string;
  readonly formula: string;
  /** Candidate executions reaching the outcome that break this axiom first. */
  readonly candidates: number;
  /** One of them, with the cycle (or edge) that breaks the axiom. */
  readonly example: { readonly graph: GraphSnapshot; readonly steps: readonly WhyStep[] };
}

export type WhyResult =
  | { readonly kind: 'allowed'; readonly witness: Witness }
  | {
      readonly kind: 'forbidden';
      /** Candidate executions reaching the outcome (all inconsistent). */
      readonly candidates: number;
      readonly axioms: readonly AxiomExplanation[];
      /** True when there were too many candidates to look at all of them. */
      readonly truncated: boolean;
    };

export interface WhyOptions {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly unroll: number;
  /** Candidate executions to examine at most (default 200,000). */
  readonly maxCandidates?: number;
  /** Time to spend at most, in milliseconds (default 5 s); the answer is then partial. */
  readonly timeoutMs?: number;
}

/** Relations shown as single edges rather than expanded. */
const OPAQUE = new Set(['sw', 'rb']);

export function why(source: Program, prop: CondIR, options: WhyOptions): WhyResult {
  const program = applyMode(source, options.mode);
  const model = getModel(options.model);
  const holds = (g: ExecutionGraph, states: readonly ThreadState[]): boolean =>
    states.every((s) => s.status === 'done') && evalCond(prop, (t) => termValue(t, g, states));

  const deadline = performance.now() + (options.timeoutMs ?? 5_000);
  const late = (): boolean => performance.now() > deadline;
  // allowed? the optimal explorer finds a witness quickly if there is one
  let found: Witness | null = null;
  const explorer = new Explorer(
    program,
    oracleFor(options.model, 'fast', program),
    {
      execution(g, states) {
        if (found === null && holds(g, states)) found = witness(program, g, states, 'complete', options.model === 'sc');
      },
    },
    { unroll: options.unroll, shouldStop: () => found !== null || late() },
  );
  explorer.run();
  if (found !== null) return { kind: 'allowed', witness: found };
  // the explorer stopped early: the outcome may still be allowed, the answer below is partial
  let truncated = !explorer.stats.complete;

  const groups = new Map<string, { formula: string; candidates: number; example: AxiomExplanation['example'] }>();
  let candidates = 0;
  try {
    forEachCandidate(program, { unroll: options.unroll, maxCandidates: options.maxCandidates ?? 200_000, prune: false, shouldStop: late }, (g, states) => {
      if (!holds(g, states)) return;
      const x = toExecution(g);
      const v = firstViolation(model, x);
      if (v === null) return; // cannot happen: the explorer found no such execution
      candidates++;
      const hit = groups.get(v.axiom);
      if (hit) {
        hit.candidates++;
        return;
      }
      const { snap, ids } = snapshot(program, g);
      const toSnap = (i: number): number => ids.get(x.refs[i]!)!;
      const steps = explainWitness(v.witness, OPAQUE).map((s) => ({ from: toSnap(s.from), to: toSnap(s.to), rel: s.rel }));
      groups.set(v.axiom, { formula: v.formula, candidates: 1, example: { graph: snap, steps } });
    });
  } catch (e) {
    if (!(e instanceof ReferenceLimit)) throw e;
    truncated = true;
  }
  const axioms = model.axioms
    .filter((a) => groups.has(a.name))
    .map((a) => ({ axiom: a.name, ...groups.get(a.name)! }));
  return { kind: 'forbidden', candidates, axioms, truncated };
}
