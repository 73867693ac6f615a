/**
 * Semantic properties of the checker on random programs, written against an `Explore` function
 * so that the same property can be run on the real checker (it must hold) and on a checker with a
 * planted bug (it must fail: planted-bugs.ts). Shared by properties.test.ts and the
 * `npm run differential` script. No vitest here.
 *
 *  1. sc ⊆ rc11: every outcome reachable under SC is reachable under RC11.
 *  2. monotone: strengthening the ordering of one access (each in turn, to each stronger
 *     ordering) never adds an RC11 outcome.
 *  3. all SeqCst: with every access SeqCst and no plain access, RC11 outcomes = SC outcomes.
 *  4. thread order: renaming and reordering the threads changes nothing (modulo the renaming).
 *  5. determinism: the same file gives byte-identical reports (here in-process; the CLI is
 *     checked in properties.test.ts).
 * (6, the `fmt` round trip, lives in test/syntax: fmt-rust-roundtrip, c-roundtrip.)
 *
 * A property returns null when it holds, or a sentence saying how it fails.
 */
import type { LitmusFile, ModelName, Ordering, ThreadDecl } from '../../src/ast.js';
import { Explorer } from '../../src/explore/driver.js';
import { oracleFor, type Consistency } from '../../src/models/oracle.js';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { Collector } from '../../src/report/collect.js';
import type { Report } from '../../src/report/types.js';
import * as b from '../helpers/ast.js';

/** Explores a lowered program under a model (as written), returning the report. */
export type Explore = (program: Program, model: ModelName) => Report;

/** Explores with a given consistency oracle, as run.ts does (no limits). */
export function exploreWith(program: Program, model: ModelName, oracle: Consistency, unroll = 4): Report {
  const collector = new Collector(program, { model, mode: 'as-written', scWitness: false });
  new Explorer(program, oracle, collector, { unroll }).run();
  return collector.finish({ complete: true, stoppedBy: null, elapsedMs: 0 });
}

/** The real checker, with its fast oracles. */
export const realExplore: Explore = (p, model) => exploreWith(p, model, oracleFor(model, 'fast'));

export function lowered(f: LitmusFile): Program {
  const l = lower(f, b.source());
  if (!l.ok) throw new Error(`a random program does not lower: ${l.diagnostics.map((d) => d.message).join('; ')}`);
  return l.program;
}

/** The outcomes of a report as `var=value ...` strings; `rename` maps variable labels first. */
export function outcomeSet(r: Report, rename: (label: string) => string = (l) => l): Set<string> {
  const labels = r.variables.map(rename);
  return new Set(r.outcomes.map((o) => labels.map((l, i) => `${l}=${o.values[i]}`).sort().join(' ')));
}

const missing = (sub: Set<string>, sup: Set<string>): string[] => [...sub].filter((x) => !sup.has(x));

// ---------------------------------------------------------------------------------------------
// Orderings in the AST

type Kind = 'load' | 'store' | 'rmw' | 'fail' | 'fence';

/** An ordering in the tree that a mutation may change. */
interface OrderingSlot {
  readonly node: Record<string, unknown>;
  readonly field: 'ordering' | 'success' | 'failure';
  readonly kind: Kind;
}

/** Every ordering in the file, in tree order. */
function orderingSlots(f: LitmusFile): OrderingSlot[] {
  const out: OrderingSlot[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (x === null || typeof x !== 'object') return;
    const n = x as Record<string, unknown>;
    switch (n['kind']) {
      case 'load':
        out.push({ node: n, field: 'ordering', kind: 'load' });
        break;
      case 'store':
        out.push({ node: n, field: 'ordering', kind: 'store' });
        break;
      case 'fetch':
      case 'swap':
        out.push({ node: n, field: 'ordering', kind: 'rmw' });
        break;
      case 'cas':
        out.push({ node: n, field: 'success', kind: 'rmw' }, { node: n, field: 'failure', kind: 'fail' });
        break;
      case 'fence':
        out.push({ node: n, field: 'ordering', kind: 'fence' });
        break;
      default:
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(f.threads);
  return out;
}

/** The legal orderings strictly stronger than `o` for an access of kind `k` (Rust's rules). */
export function stronger(k: Kind, o: Ordering): Ordering[] {
  const above: Record<Kind, Partial<Record<Ordering, Ordering[]>>> = {
    load: { Relaxed: ['Acquire', 'SeqCst'], Acquire: ['SeqCst'] },
    fail: { Relaxed: ['Acquire', 'SeqCst'], Acquire: ['SeqCst'] },
    store: { Relaxed: ['Release', 'SeqCst'], Release: ['SeqCst'] },
    rmw: {
      Relaxed: ['Acquire', 'Release', 'AcqRel', 'SeqCst'],
      Acquire: ['AcqRel', 'SeqCst'],
      Release: ['AcqRel', 'SeqCst'],
      AcqRel: ['SeqCst'],
    },
    fence: { Acquire: ['AcqRel', 'SeqCst'], Release: ['AcqRel', 'SeqCst'], AcqRel: ['SeqCst'] },
  };
  return above[k][o] ?? [];
}

const copy = (f: LitmusFile): LitmusFile => structuredClone(f);

/** Every file with exactly one ordering strengthened, each with a word on what changed. */
export function* strengthenings(f: LitmusFile): Generator<{ file: LitmusFile; what: string }> {
  const count = orderingSlots(f).length;
  for (let i = 0; i < count; i++) {
    const slot = orderingSlots(f)[i]!;
    const old = slot.node[slot.field] as Ordering;
    for (const next of stronger(slot.kind, old)) {
      const g = copy(f);
      const s = orderingSlots(g)[i]!;
      s.node[s.field] = next;
      yield { file: g, what: `${s.kind} ${s.field} ${old} → ${next} (ordering ${i + 1} of ${count})` };
    }
  }
}

/** The file with every ordering SeqCst. */
export function allSeqCst(f: LitmusFile): LitmusFile {
  const g = copy(f);
  for (const s of orderingSlots(g)) s.node[s.field] = 'SeqCst';
  return g;
}

/** The file with its threads reordered by `perm` and renamed to `names[i]` (new position i). */
export function permuteThreads(f: LitmusFile, perm: readonly number[], names: readonly string[]): LitmusFile {
  const threads: ThreadDecl[] = perm.map((from, i) => ({ ...f.threads[from]!, name: names[i]! }));
  return { ...f, threads };
}

// ---------------------------------------------------------------------------------------------
// The properties

/** 1. Every SC outcome is an RC11 outcome. */
export function scWithinRc11(f: LitmusFile, ex: Explore): string | null {
  const p = lowered(f);
  const extra = missing(outcomeSet(ex(p, 'sc')), outcomeSet(ex(p, 'rc11')));
  return extra.length === 0 ? null : `SC reaches ${extra[0]}, RC11 does not`;
}

/** 2. Strengthening any one ordering (each in turn, to each stronger one) never adds an RC11 outcome. */
export function strengtheningMonotone(f: LitmusFile, ex: Explore): string | null {
  const before = outcomeSet(ex(lowered(f), 'rc11'));
  for (const s of strengthenings(f)) {
    const added = missing(outcomeSet(ex(lowered(s.file), 'rc11')), before);
    if (added.length > 0) return `strengthening ${s.what} adds the outcome ${added[0]}`;
  }
  return null;
}

/** 3. All SeqCst, no plain accesses: RC11 = SC. */
export function seqCstIsSc(f: LitmusFile, ex: Explore): string | null {
  const p = lowered(allSeqCst(f));
  const rc11 = outcomeSet(ex(p, 'rc11'));
  const sc = outcomeSet(ex(p, 'sc'));
  const onlyRc11 = missing(rc11, sc);
  const onlySc = missing(sc, rc11);
  if (onlyRc11.length > 0) return `all SeqCst, RC11 reaches ${onlyRc11[0]}, SC does not`;
  if (onlySc.length > 0) return `all SeqCst, SC reaches ${onlySc[0]}, RC11 does not`;
  return null;
}

/** 4. Reordering and renaming threads changes nothing but the names. */
export function threadOrderIrrelevant(f: LitmusFile, perm: readonly number[], model: ModelName, ex: Explore): string | null {
  const names = perm.map((_, i) => `u${(i * 7 + 3) % 10}${i}`);
  const g = permuteThreads(f, perm, names);
  const back = new Map(perm.map((from, i) => [names[i]!, f.threads[from]!.name]));
  const rename = (label: string): string => {
    const colon = label.indexOf(':');
    return colon < 0 ? label : `${back.get(label.slice(0, colon)) ?? label.slice(0, colon)}${label.slice(colon)}`;
  };
  const a = ex(lowered(f), model);
  const b2 = ex(lowered(g), model);
  const sa = outcomeSet(a);
  const sb = outcomeSet(b2, rename);
  const lost = missing(sa, sb);
  const gained = missing(sb, sa);
  if (lost.length > 0) return `reordered [${perm.join(',')}] under ${model}, ${lost[0]} is no longer reached`;
  if (gained.length > 0) return `reordered [${perm.join(',')}] under ${model}, ${gained[0]} is newly reached`;
  if (a.counts.complete !== b2.counts.complete) return `reordered [${perm.join(',')}] under ${model}: ${a.counts.complete} executions became ${b2.counts.complete}`;
  return null;
}

/** 5. Two runs of the same thing give the same bytes. */
export function deterministic(run: () => string): string | null {
  const a = run();
  const b2 = run();
  return a === b2 ? null : `two runs differ:\n${a}\n---\n${b2}`;
}

/** A report as stable bytes: everything but the elapsed time. */
export function reportBytes(r: Report): string {
  return JSON.stringify({ ...r, elapsedMs: 0 }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
