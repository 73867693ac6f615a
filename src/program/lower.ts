/**
 * Lowering: a parsed litmus file becomes a `Program` (ir.ts), or a list of diagnostics. This is
 * where a well-formed file is checked for being a valid program: unknown or duplicate names,
 * orderings Rust rejects, atomic vs plain accesses, constant ranges, types (lower-thread.ts),
 * and the final condition and expectations (here).
 */
import type { Cond, LitmusFile, LocationDecl, LocationType, NodeId, SourceMap } from '../ast.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { LowerContext, type LocationEntry } from './context.js';
import { condText, herdCondText } from './condtext.js';
import type { CondIR, LocationInfo, ObservedVar, Program, ThreadCode } from './ir.js';
import { lowerCond, resolveLocation, type NameResolver } from './query.js';
import { rangeNote, ThreadLowerer } from './lower-thread.js';
import { fits, fromBigInt, type IntKind, type RegValue, type Value } from './values.js';

/** Limits that keep a file from exhausting memory before exploration even starts. */
export const MAX_THREADS = 256;
export const MAX_LOCATIONS = 100_000;

export type LowerResult = { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export function lower(file: LitmusFile, source: SourceMap): LowerResult {
  const ctx = new LowerContext(source, file.dialect);
  declareLocations(ctx, file);
  if (file.threads.length === 0) ctx.error('E0229', 'a litmus test needs at least one thread', null);
  if (file.threads.length > MAX_THREADS) {
    ctx.error('E0004', `too many threads: ${file.threads.length} (Ordo explores at most ${MAX_THREADS})`, file.threads[MAX_THREADS]!.id);
    return { ok: false, diagnostics: ctx.diagnostics };
  }
  const threadIndex = new Map<string, number>();
  file.threads.forEach((t, i) => {
    if (threadIndex.has(t.name)) ctx.error('E0223', `the thread name \`${t.name}\` is defined multiple times`, t.id);
    else threadIndex.set(t.name, i);
  });
  const resolveThread = (name: string): number | undefined => (/^\d+$/.test(name) ? (Number(name) < file.threads.length ? Number(name) : undefined) : threadIndex.get(name));

  const regInits = file.threads.map(() => new Map<string, RegValue>());
  for (const ri of file.registerInits) {
    const t = resolveThread(ri.thread);
    if (t === undefined) ctx.error('E0221', `no thread \`${ri.thread}\` in this test`, ri.id);
    else regInits[t]!.set(ri.register, fromBigInt(ri.value));
  }

  const lowerers = file.threads.map((t, i) => {
    if (file.dialect === 'c') checkParams(ctx, t);
    return new ThreadLowerer(ctx, i, t, regInits[i]!);
  });
  const threads: ThreadCode[] = lowerers.map((l) => l.lower());

  // condition, filter, observed variables
  const vars: ObservedVar[] = [];
  const varKey = new Map<string, number>();
  const herd = new Set<number>();
  const addVar = (v: ObservedVar, forHerd: boolean): void => {
    const key = v.kind === 'reg' ? `r${v.thread}:${v.slot}` : `l${v.loc}`;
    let i = varKey.get(key);
    if (i === undefined) {
      i = vars.length;
      vars.push(v);
      varKey.set(key, i);
    }
    if (forHerd) herd.add(i);
  };
  // the condition's names, resolved; `record` adds them to the variables an outcome shows
  const names = (record: boolean): NameResolver => ({
    register(t) {
      const ti = resolveThread(t.thread);
      if (ti === undefined) {
        ctx.error('E0221', `no thread \`${t.thread}\` in this test`, t.id);
        return null;
      }
      const r = lowerers[ti]!.registerSlot(t.name);
      if (!r) {
        ctx.error('E0222', `thread \`${file.threads[ti]!.name}\` has no register \`${t.name}\``, t.id);
        return null;
      }
      if (record) addVar(regVar(file, ti, r.slot, t.name), true);
      return { kind: 'reg', thread: ti, slot: r.slot };
    },
    location(t) {
      const loc = resolveLoc(ctx, t.name, t.index, t.id);
      if (loc === null) return null;
      if (record) addVar(locVar(ctx, file, loc), true);
      return { kind: 'loc', loc };
    },
  });
  const cond = (c: Cond, record: boolean): CondIR => lowerCond(c, names(record));

  const condition = file.condition
    ? { quantifier: file.condition.quantifier, prop: cond(file.condition.prop, true), text: condText(file.condition, file.dialect), herdText: herdCondText(file.condition, (t) => String(resolveThread(t) ?? t)) }
    : null;
  for (const o of file.observed ?? []) {
    if (o.kind === 'reg') names(true).register({ kind: 'reg', id: o.id, thread: o.thread, name: o.name });
    else names(true).location({ kind: 'loc', id: o.id, name: o.name, index: o.index });
  }
  const filter = file.filter ? cond(file.filter, false) : null;
  if (!file.condition && !file.observed) {
    threads.forEach((t, ti) => t.slotNames.forEach((name, slot) => name !== '' && lowerers[ti]!.registerSlot(name) && addVar(regVar(file, ti, slot, name), false)));
    ctx.locations.forEach((l) => addVar(locVar(ctx, file, l.id), false));
  }

  const seen = new Set<string>();
  for (const e of file.expectations) {
    const key = `${e.model}/${e.mode}`;
    if (seen.has(key)) ctx.error('E0230', `an expectation for \`${key}\` is already given`, e.id);
    seen.add(key);
  }

  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics };
  return {
    ok: true,
    program: {
      name: file.name,
      dialect: file.dialect,
      file: source.file,
      doc: file.doc,
      locations: ctx.locations,
      threads,
      sites: ctx.sites,
      loops: ctx.loops,
      condition,
      filter,
      observed: vars,
      herdObserved: [...herd].sort((a, b) => a - b),
      expectations: file.expectations,
    },
  };
}

function regVar(file: LitmusFile, thread: number, slot: number, name: string): ObservedVar {
  const label = file.dialect === 'c' ? `${thread}:${name}` : `${file.threads[thread]!.name}:${name}`;
  return { kind: 'reg', thread, slot, label, herdLabel: `${thread}:${name}` };
}

function locVar(ctx: LowerContext, _file: LitmusFile, loc: number): ObservedVar {
  const name = ctx.locations[loc]!.name;
  return { kind: 'loc', loc, label: name, herdLabel: `[${name}]` };
}

function resolveLoc(ctx: LowerContext, name: string, index: number | null, id: NodeId): number | null {
  return resolveLocation(ctx.byName.get(name), name, index, (code, message) => ctx.error(code, message, id));
}

/** Declares the locations: `static` items (native) or the init block and parameters (C). */
function declareLocations(ctx: LowerContext, file: LitmusFile): void {
  const add = (name: string, id: NodeId, kind: LocationInfo['kind'], type: IntKind, typeName: string, length: number | null, init: readonly Value[]): void => {
    if (ctx.byName.has(name)) {
      ctx.error('E0223', `the name \`${name}\` is defined multiple times`, id, { label: `\`${name}\` redefined here` });
      return;
    }
    if (ctx.locations.length + (length ?? 1) > MAX_LOCATIONS) {
      ctx.error('E0004', `too many memory locations (Ordo supports up to ${MAX_LOCATIONS})`, id);
      return;
    }
    const base = ctx.locations.length;
    const n = length ?? 1;
    for (let i = 0; i < n; i++) {
      ctx.locations.push({ id: base + i, name: length === null ? name : `${name}[${i}]`, decl: name, index: length === null ? null : i, type, init: init[i] ?? 0, kind });
    }
    const entry: LocationEntry = { name, base, length: n, isArray: length !== null, kind, type, typeName };
    ctx.byName.set(name, entry);
  };

  if (file.dialect === 'rust') {
    for (const d of file.locations) declareNative(ctx, d, add);
    return;
  }
  // C: the init block, then every parameter not declared there
  const paramTypes = new Map<string, string>();
  for (const t of file.threads) for (const p of t.params) if (!paramTypes.has(p.name)) paramTypes.set(p.name, p.ctype);
  for (const d of file.locations) {
    const ctype = d.type?.kind === 'scalar' ? d.type.name : paramTypes.get(d.name) ?? 'int';
    const init = d.init?.kind === 'value' ? [fromBigInt(d.init.value)] : [];
    add(d.name, d.id, 'any', cTypeKind(ctype), ctype, null, init);
  }
  for (const t of file.threads) {
    for (const p of t.params) if (!ctx.byName.has(p.name)) add(p.name, p.id, 'any', cTypeKind(p.ctype), p.ctype, null, []);
  }
}

function declareNative(
  ctx: LowerContext,
  d: LocationDecl,
  add: (name: string, id: NodeId, kind: LocationInfo['kind'], type: IntKind, typeName: string, length: number | null, init: readonly Value[]) => void,
): void {
  const t: LocationType | null = d.type;
  if (t === null) {
    ctx.error('E0228', `\`${d.name}\` needs a type`, d.id);
    return;
  }
  if (t.kind === 'mutex') {
    if (d.init !== null) ctx.error('E0228', 'a `Mutex` takes no initial value', d.init.id);
    add(d.name, d.id, 'mutex', { bits: 8, signed: false }, 'Mutex', null, []);
    return;
  }
  const scalar = t.kind === 'scalar' ? t : t.element;
  const length = t.kind === 'array' ? t.length : null;
  const entry = { type: scalar.int, typeName: scalar.name };
  let values: bigint[] = [];
  const init = d.init;
  if (init !== null) {
    if (init.kind === 'value') {
      if (length !== null) ctx.error('E0228', `mismatched types: \`${d.name}\` is an array of ${length}, initialise it with \`[v; ${length}]\``, init.id);
      values = [init.value];
    } else {
      if (length === null) ctx.error('E0228', `mismatched types: \`${d.name}\` is not an array`, init.id);
      values = init.kind === 'list' ? [...init.values] : Array.from({ length: init.count }, () => init.value);
      if (length !== null && values.length !== length) {
        ctx.error('E0228', `mismatched types: expected an array with ${length} elements, found one with ${values.length} elements`, init.id);
      }
    }
    for (const v of values) {
      if (!fits(v, scalar.int)) {
        ctx.error('E0224', `literal out of range for \`${scalar.name}\``, init.id, { notes: [rangeNote(v, entry)] });
        break;
      }
    }
  }
  add(d.name, d.id, scalar.atomic ? 'atomic' : 'plain', scalar.int, scalar.name, length, values.map(fromBigInt));
}

/** The integer kind of a C type as written (`atomic_int`, `volatile __int128`, `atomic_t`, ...). */
export function cTypeKind(ctype: string): IntKind {
  const words = ctype
    .replace(/\*/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== 'volatile' && w !== 'const' && w !== '_Atomic');
  let base = words.join(' ');
  if (base.startsWith('atomic_')) base = base.slice('atomic_'.length);
  const table: Record<string, IntKind> = {
    int: { bits: 32, signed: true },
    t: { bits: 32, signed: true }, // atomic_t
    uint: { bits: 32, signed: false },
    'unsigned int': { bits: 32, signed: false },
    unsigned: { bits: 32, signed: false },
    long: { bits: 64, signed: true },
    'long long': { bits: 64, signed: true },
    llong: { bits: 64, signed: true },
    ulong: { bits: 64, signed: false },
    ullong: { bits: 64, signed: false },
    'unsigned long': { bits: 64, signed: false },
    'unsigned long long': { bits: 64, signed: false },
    short: { bits: 16, signed: true },
    'unsigned short': { bits: 16, signed: false },
    char: { bits: 8, signed: true },
    'unsigned char': { bits: 8, signed: false },
    bool: { bits: 8, signed: false },
    _Bool: { bits: 8, signed: false },
    __int128: { bits: 128, signed: true },
    'unsigned __int128': { bits: 128, signed: false },
    int8_t: { bits: 8, signed: true },
    int16_t: { bits: 16, signed: true },
    int32_t: { bits: 32, signed: true },
    int64_t: { bits: 64, signed: true },
    uint8_t: { bits: 8, signed: false },
    uint16_t: { bits: 16, signed: false },
    uint32_t: { bits: 32, signed: false },
    uint64_t: { bits: 64, signed: false },
    intptr_t: { bits: 64, signed: true },
    uintptr_t: { bits: 64, signed: false },
    size_t: { bits: 64, signed: false },
  };
  return table[base] ?? { bits: 32, signed: true };
}

/** C: a thread's code may only name its own parameters. */
function checkParams(ctx: LowerContext, t: LitmusFile['threads'][number]): void {
  const seen = new Set<string>();
  for (const p of t.params) {
    if (seen.has(p.name)) ctx.error('E0223', `the parameter \`${p.name}\` is declared twice`, p.id);
    seen.add(p.name);
  }
}
