/**
 * A worker's collected part survives the compact form it travels in (part.ts): outcomes with
 * numbers, with bigints and results, with and without witnesses and a condition.
 */
import { describe, expect, it } from 'vitest';
import { packPart, unpackPart } from '../../src/cli/parallel/part.js';
import type { CollectedPart } from '../../src/report/collect.js';

type Outcome = CollectedPart['outcomes'][number][1];

const base = {
  races: [],
  faults: [],
  stops: [],
  counts: { complete: 7, blocked: 1, cut: 0, faulted: 0, filtered: 0 },
  pTrue: 3,
  pFalse: 4,
} satisfies Omit<CollectedPart, 'outcomes'>;

const witness = { kind: 'complete', steps: [], stops: [], graph: { events: [] } } as unknown as NonNullable<Outcome['witness']>;

function roundTrip(p: CollectedPart): CollectedPart {
  return unpackPart(structuredClone(packPart(p)));
}

describe('packed parts', () => {
  it('keep numeric outcomes, counts, verdict data and witnesses', () => {
    const p: CollectedPart = {
      ...base,
      outcomes: [
        ['0,1', { values: [0, 1], executions: 5, satisfies: true, witness }],
        ['1,1', { values: [1, 1], executions: 2, satisfies: false, witness: null }],
      ],
    };
    expect(roundTrip(p)).toEqual(p);
  });

  it('keep bigints and results, and outcomes without a condition', () => {
    const p: CollectedPart = {
      ...base,
      outcomes: [
        ['Ok(1),18446744073709551615', { values: [{ ok: true, value: 1 }, 18446744073709551615n], executions: 1, satisfies: null, witness: null }],
        ['Err(0),0', { values: [{ ok: false, value: 0 }, 0n], executions: 6, satisfies: null, witness }],
      ],
    };
    expect(roundTrip(p)).toEqual(p);
  });

  it('keep no outcomes, and outcomes of no variables', () => {
    expect(roundTrip({ ...base, outcomes: [] })).toEqual({ ...base, outcomes: [] });
    const p: CollectedPart = { ...base, outcomes: [['', { values: [], executions: 7, satisfies: true, witness: null }]] };
    expect(roundTrip(p)).toEqual(p);
  });
});
