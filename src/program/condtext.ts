/**
 * The final condition as text: in the file's own dialect for reports, and in herd7's
 * normalised form (`exists (0:r0=1 /\ [y]=2)`, `not (...)` for `!=`) for herd-compatible logs.
 */
import type { Cond, CondTerm, Condition, Dialect } from '../ast.js';

const PREC: Record<string, number> = { implies: 1, or: 2, and: 3 };

export function condText(c: Condition, dialect: Dialect): string {
  if (dialect === 'c') return herdCondText(c, (t) => t);
  const q = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  return `${q} (${native(c.prop, 0)})`;
}

function native(c: Cond, outer: number): string {
  switch (c.kind) {
    case 'true':
    case 'false':
      return c.kind;
    case 'compare':
      return `${nativeTerm(c.left)} ${c.op} ${nativeTerm(c.right)}`;
    case 'term':
      return nativeTerm(c.term);
    case 'not':
      return `!${atom(native(c.arg, 9), c.arg)}`;
    case 'and':
    case 'or':
    case 'implies': {
      const p = PREC[c.kind]!;
      const op = c.kind === 'and' ? '&&' : c.kind === 'or' ? '||' : '=>';
      // && and || are associative: chains print flat whichever way they nest
      const s = `${native(c.left, c.kind === 'implies' ? p + 1 : p)} ${op} ${native(c.right, p)}`;
      return p < outer ? `(${s})` : s;
    }
  }
}

function atom(s: string, c: Cond): string {
  return c.kind === 'and' || c.kind === 'or' || c.kind === 'implies' || c.kind === 'compare' ? `(${s})` : s;
}

function nativeTerm(t: CondTerm): string {
  switch (t.kind) {
    case 'int':
      return String(t.value);
    case 'bool':
      return String(t.value);
    case 'reg':
      return `${t.thread}:${t.name}`;
    case 'loc':
      return t.index === null ? t.name : `${t.name}[${t.index}]`;
    case 'result':
      return `${t.ok ? 'Ok' : 'Err'}(${t.value})`;
    case 'method':
      return `${nativeTerm(t.target)}.${t.method}()`;
  }
}

/**
 * herd7's normalised condition. `threadIndex` maps a thread as written (`t1`, or `1` in C) to
 * the index herd7 prints (`1`), as in the States lines.
 */
export function herdCondText(c: Condition, threadIndex: (thread: string) => string): string {
  const q = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  return `${q} (${herd(c.prop, 0, threadIndex)})`;
}

function herd(c: Cond, outer: number, ti: (thread: string) => string): string {
  const herdTerm = (t: CondTerm): string => herdTermText(t, ti);
  switch (c.kind) {
    case 'true':
    case 'false':
      return c.kind;
    case 'compare':
      if (c.op === '==') return `${herdTerm(c.left)}=${herdTerm(c.right)}`;
      if (c.op === '!=') return `not (${herdTerm(c.left)}=${herdTerm(c.right)})`;
      return `${herdTerm(c.left)}${c.op}${herdTerm(c.right)}`;
    case 'term':
      return herdTerm(c.term);
    case 'not':
      return `not (${herd(c.arg, 0, ti)})`;
    case 'and':
    case 'or':
    case 'implies': {
      const p = PREC[c.kind]!;
      const op = c.kind === 'and' ? '/\\' : c.kind === 'or' ? '\\/' : '=>';
      const s = `${herd(c.left, c.kind === 'implies' ? p + 1 : p, ti)} ${op} ${herd(c.right, p, ti)}`;
      return p < outer ? `(${s})` : s;
    }
  }
}

function herdTermText(t: CondTerm, ti: (thread: string) => string): string {
  switch (t.kind) {
    case 'loc':
      return t.index === null ? `[${t.name}]` : `[${t.name}[${t.index}]]`;
    case 'reg':
      return `${ti(t.thread)}:${t.name}`;
    default:
      return nativeTerm(t);
  }
}
