/**
 * herd7's verdict and Observation, and Ordo's CI status (semantics.md, "Outcomes, conditions,
 * verdicts").
 *
 * herd7 counts *executions*, not states. With the condition's proposition P, it validates
 * V = P for `exists` and `forall` and V = ¬P for `~exists`; Positive and Negative count the
 * complete executions where V holds and does not. The verdict: `exists` is Ok when some
 * execution satisfies P; `~exists` and `forall` are Ok when no execution falsifies V. A data race
 * makes it Undef. The Observation is about P itself: Never, Sometimes or Always.
 */
import type { Expectation, ModelName, Observation, OrderingMode, Quantifier } from '../ast.js';
import type { ExpectationResult, RunStatus, Verdict } from './types.js';

export interface VerdictInput {
  readonly quantifier: Quantifier | null;
  /** Complete executions where P holds / does not. */
  readonly pTrue: number;
  readonly pFalse: number;
  readonly racy: boolean;
}

export function herdCounts(v: VerdictInput): { positive: number; negative: number } {
  return v.quantifier === 'not exists' ? { positive: v.pFalse, negative: v.pTrue } : { positive: v.pTrue, negative: v.pFalse };
}

export function observation(v: VerdictInput): Observation {
  if (v.pTrue === 0) return 'Never';
  if (v.pFalse === 0) return 'Always';
  return 'Sometimes';
}

export function verdict(v: VerdictInput): Verdict {
  if (v.racy) return 'Undef';
  switch (v.quantifier) {
    case 'exists':
      return v.pTrue > 0 ? 'Ok' : 'No';
    case 'not exists':
      return v.pTrue === 0 ? 'Ok' : 'No';
    case 'forall':
    case null:
      return v.pFalse === 0 ? 'Ok' : 'No';
  }
}

/**
 * Whether exploring more (no limit, a higher loop bound) could change the verdict and the
 * Observation: evidence found so far is final, its absence is not.
 */
export function settledVerdict(v: VerdictInput, exhaustive: boolean): boolean {
  if (exhaustive) return true;
  const obs = observation(v);
  // found evidence is final: a witness of P for exists / ~exists, a counterexample for forall
  const verdictFinal = v.racy || (v.quantifier === 'exists' || v.quantifier === 'not exists' ? v.pTrue > 0 : v.pFalse > 0);
  return verdictFinal && obs === 'Sometimes';
}

export interface StatusInput {
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly expectations: readonly Expectation[];
  readonly verdict: Verdict;
  readonly observation: Observation;
  readonly racy: boolean;
  readonly faulty: boolean;
  /** No limit stopped the exploration. */
  readonly complete: boolean;
  /** No execution was cut by the loop bound, or the verdict does not depend on cuts. */
  readonly settled: boolean;
}

/** Checks the expectations that apply to this (model, mode). */
export function checkExpectations(s: StatusInput): ExpectationResult[] {
  return s.expectations
    .filter((e) => e.model === s.model && e.mode === s.mode)
    .map((e) => {
      const reasons: string[] = [];
      if (!s.complete) reasons.push('the exploration was stopped by a limit');
      else if (!s.settled) reasons.push('executions were cut by the loop bound (raise --unroll)');
      if (e.observation !== s.observation) reasons.push(`expected ${e.observation}, observed ${s.observation}`);
      if (e.race && !s.racy) reasons.push('expected a data race, found none');
      if (!e.race && s.racy) reasons.push('found a data race that is not expected');
      if (e.fault && !s.faulty) reasons.push('expected an assertion failure or panic, found none');
      if (!e.fault && s.faulty) reasons.push('found an assertion failure or panic that is not expected');
      return { expectation: e, holds: reasons.length === 0, reasons };
    });
}

/**
 * CI status: with expectations for this run, pass when all hold; without, pass when the verdict
 * is Ok with no race and no fault. Never pass when a limit or the loop bound leaves it open.
 */
export function runStatus(s: StatusInput, results: readonly ExpectationResult[]): RunStatus {
  if (!s.complete || !s.settled) return 'incomplete';
  if (results.length > 0) return results.every((r) => r.holds) ? 'pass' : 'fail';
  return s.verdict === 'Ok' && !s.racy && !s.faulty ? 'pass' : 'fail';
}
