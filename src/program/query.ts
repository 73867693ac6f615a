/**
 * Lowering a proposition about final states: the file's own condition (lower.ts) and a
 * proposition given on its own against an already lowered program (`ordo why FILE 'P'`,
 * `ordo graph --outcome 'P'`). Both share the tree walk (`lowerCond`) and the checks on a named
 * location (`resolveLocation`), so a name means the same thing, with the same error codes, in
 * a file's condition and on the command line:
 *
 *   E0220 unknown location, E0221 unknown thread, E0222 unknown register,
 *   E0212 a mutex, E0213 an array without an index (or an index on a scalar), E0225 out of bounds.
 */
import type { Cond, CondTerm, NodeId, SourceMap } from '../ast.js';
import type { Code, Diagnostic } from '../diagnostics/index.js';
import { LowerContext } from './context.js';
import type { CondIR, LocationKind, LocId, Program, TermIR } from './ir.js';
import { fromBigInt } from './values.js';

/** Resolves the names a proposition uses; each reports its own errors and returns null on one. */
export interface NameResolver {
  register(term: Extract<CondTerm, { kind: 'reg' }>): TermIR | null;
  location(term: Extract<CondTerm, { kind: 'loc' }>): TermIR | null;
}

/** A term that failed to resolve stands for 0, so that lowering goes on and reports every error. */
const UNRESOLVED: TermIR = { kind: 'const', value: 0 };

/** Lowers a proposition, names resolved by `names`. */
export function lowerCond(c: Cond, names: NameResolver): CondIR {
  const term = (t: CondTerm): TermIR => {
    switch (t.kind) {
      case 'int':
        return { kind: 'const', value: fromBigInt(t.value) };
      case 'bool':
        return { kind: 'const', value: t.value ? 1 : 0 };
      case 'result':
        return { kind: 'const', value: { ok: t.ok, value: fromBigInt(t.value) } };
      case 'method':
        return { kind: 'test', term: term(t.target), ok: t.method === 'is_ok' };
      case 'reg':
        return names.register(t) ?? UNRESOLVED;
      case 'loc':
        return names.location(t) ?? UNRESOLVED;
    }
  };
  const cond = (c: Cond): CondIR => {
    switch (c.kind) {
      case 'true':
      case 'false':
        return { kind: 'const', value: c.kind === 'true' };
      case 'compare': {
        const ops = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;
        return { kind: 'compare', op: ops[c.op], left: term(c.left), right: term(c.right) };
      }
      case 'term':
        return { kind: 'truthy', term: term(c.term) };
      case 'not':
        return { kind: 'not', arg: cond(c.arg) };
      case 'and':
      case 'or':
      case 'implies':
        return { kind: c.kind, left: cond(c.left), right: cond(c.right) };
    }
  };
  return cond(c);
}

/** What `resolveLocation` needs to know of a declared name. */
export interface DeclaredLocation {
  /** First location of the declaration (the element 0 of an array). */
  readonly base: LocId;
  readonly length: number;
  readonly isArray: boolean;
  readonly kind: LocationKind;
}

/** The location `name` or `name[index]` means, or null after reporting why it means none. */
export function resolveLocation(
  decl: DeclaredLocation | undefined,
  name: string,
  index: number | null,
  error: (code: Code, message: string) => void,
): LocId | null {
  if (!decl) {
    error('E0220', `no location \`${name}\` in this test`);
    return null;
  }
  if (decl.kind === 'mutex') {
    error('E0212', `\`${name}\` is a \`Mutex\`: its value cannot be observed`);
    return null;
  }
  if (decl.isArray !== (index !== null)) {
    error('E0213', decl.isArray ? `\`${name}\` is an array: name an element, as in \`${name}[0]\`` : `\`${name}\` is not an array and cannot be indexed`);
    return null;
  }
  if (index !== null && (index < 0 || index >= decl.length)) {
    error('E0225', `index out of bounds: the length is ${decl.length} but the index is ${index}`);
    return null;
  }
  return decl.base + (index ?? 0);
}

/** A thread named by index (`0`, `1`, as herd7 does) or by name (`t1`). */
export function resolveThread(names: readonly string[], thread: string): number | undefined {
  if (/^\d+$/.test(thread)) return Number(thread) < names.length ? Number(thread) : undefined;
  const i = names.indexOf(thread);
  return i < 0 ? undefined : i;
}

export type PropositionLowering = { readonly ok: true; readonly prop: CondIR } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Lowers a standalone proposition (from `parseProposition`) against a lowered program: threads by
 * name or index, registers by the names the thread declares, locations by name (`TABLE[2]`).
 */
export function lowerProposition(program: Program, cond: Cond, source: SourceMap): PropositionLowering {
  const ctx = new LowerContext(source, program.dialect);
  const declared = new Map<string, DeclaredLocation>();
  for (const l of program.locations) {
    const d = declared.get(l.decl);
    if (d) declared.set(l.decl, { ...d, length: d.length + 1 });
    else declared.set(l.decl, { base: l.id, length: 1, isArray: l.index !== null, kind: l.kind });
  }
  const threadNames = program.threads.map((t) => t.name);
  const at = (id: NodeId) => (code: Code, message: string) => ctx.error(code, message, id);
  const prop = lowerCond(cond, {
    register(t) {
      const ti = resolveThread(threadNames, t.thread);
      if (ti === undefined) {
        ctx.error('E0221', `no thread \`${t.thread}\` in this test`, t.id, { notes: [`the threads are ${threadNames.map((n, i) => `\`${n}\` (${i})`).join(', ')}`] });
        return null;
      }
      const slot = program.threads[ti]!.slotNames.indexOf(t.name);
      if (t.name === '' || slot < 0) {
        const regs = [...new Set(program.threads[ti]!.slotNames.filter((n) => n !== ''))];
        const notes = regs.length > 0 ? [`\`${threadNames[ti]}\` has ${regs.map((r) => `\`${r}\``).join(', ')}`] : [`\`${threadNames[ti]}\` has no registers`];
        ctx.error('E0222', `thread \`${threadNames[ti]}\` has no register \`${t.name}\``, t.id, { notes });
        return null;
      }
      return { kind: 'reg', thread: ti, slot };
    },
    location(t) {
      const loc = resolveLocation(declared.get(t.name), t.name, t.index, at(t.id));
      return loc === null ? null : { kind: 'loc', loc };
    },
  });
  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics };
  return { ok: true, prop };
}
