/**
 * A worker's collected part in a compact form for the trip to the coordinator. A program can
 * have as many distinct outcomes as executions (sb_ring 16: 65,536), and structured-cloning one
 * object, one tuple and one array per outcome cost more than exploring them; here the outcomes
 * travel as one string of keys, one typed array of counts and one flat array of values.
 */
import type { CollectedPart } from '../../report/collect.js';

type Outcome = CollectedPart['outcomes'][number][1];

/** A `CollectedPart` with its outcomes packed (structured-clone safe). */
export interface PackedPart extends Omit<CollectedPart, 'outcomes'> {
  /** The outcome keys, separated by KEY_END. */
  readonly keys: string;
  readonly executions: Float64Array;
  /** Per outcome: 1 satisfies, 0 does not, -1 no condition. */
  readonly satisfies: Int8Array;
  /** Every outcome's values, one after the other. */
  readonly values: Float64Array | Outcome['values'][number][];
  /** Values per outcome. */
  readonly width: number;
  /** The witnesses, with the index of their outcome. */
  readonly witnesses: [number, NonNullable<Outcome['witness']>][];
}

/** Ends each key; keys are values joined by commas, never a control character. */
const KEY_END = '\u0000';

export function packPart(p: CollectedPart): PackedPart {
  const n = p.outcomes.length;
  const width = n === 0 ? 0 : p.outcomes[0]![1].values.length;
  const executions = new Float64Array(n);
  const satisfies = new Int8Array(n);
  // numbers travel as a typed array; other values (bigints, results) in a packed array (a
  // holey one would be cloned element by element as a sparse object)
  let numeric = true;
  for (let i = 0; i < n && numeric; i++) for (const v of p.outcomes[i]![1].values) if (typeof v !== 'number') numeric = false;
  const values: Float64Array | Outcome['values'][number][] = numeric ? new Float64Array(n * width) : [];
  const witnesses: [number, NonNullable<Outcome['witness']>][] = [];
  const keys: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [key, o] = p.outcomes[i]!;
    if (o.values.length !== width) throw new Error('internal error: outcomes of different widths');
    keys[i] = key;
    executions[i] = o.executions;
    satisfies[i] = o.satisfies === null ? -1 : o.satisfies ? 1 : 0;
    if (numeric) for (let k = 0; k < width; k++) values[i * width + k] = o.values[k] as number;
    else for (let k = 0; k < width; k++) (values as Outcome['values'][number][]).push(o.values[k]!);
    if (o.witness !== null) witnesses.push([i, o.witness]);
  }
  const { outcomes: _, ...rest } = p;
  return { ...rest, keys: keys.join(KEY_END), executions, satisfies, values, width, witnesses };
}

export function unpackPart(p: PackedPart): CollectedPart {
  const { keys, executions, satisfies, values, width, witnesses, ...rest } = p;
  const witness = new Map(witnesses);
  const valuesOf = (i: number): Outcome['values'] => {
    const out: Outcome['values'][number][] = [];
    for (let k = i * width; k < (i + 1) * width; k++) out.push(values[k]!);
    return out;
  };
  const outcomes: [string, Outcome][] = [];
  let from = 0;
  for (let i = 0; i < executions.length; i++) {
    let to = keys.indexOf(KEY_END, from);
    if (to < 0) to = keys.length;
    const s = satisfies[i]!;
    outcomes.push([
      keys.slice(from, to),
      { values: valuesOf(i), executions: executions[i]!, satisfies: s < 0 ? null : s === 1, witness: witness.get(i) ?? null },
    ]);
    from = to + 1;
  }
  return { ...rest, outcomes };
}
