/**
 * The checks lowering makes on single operations: Rust's ordering rules (worded like rustc's
 * `invalid_atomic_ordering` lint), atomic vs plain vs mutex access to a declared location, and
 * literals that must fit the location's type. Each reports a diagnostic and lets lowering go on.
 */
import type { Expr, LocationRef, NodeId, Ordering } from '../ast.js';
import type { LocationEntry, LowerContext } from './context.js';
import { fits } from './values.js';

export function checkAccess(ctx: LowerContext, entry: LocationEntry, access: 'atomic' | 'plain' | 'mutex', id: NodeId, ref: LocationRef): void {
  if (entry.kind === 'any') return;
  if (entry.kind === 'mutex' && access !== 'mutex') {
    ctx.error('E0212', `\`${ref.name}\` is a \`Mutex\`: it can only be locked and unlocked`, id);
  } else if (access === 'mutex' && entry.kind !== 'mutex') {
    ctx.error('E0212', `\`${ref.name}\` is not a \`Mutex\` (it has type \`${entry.typeName}\`)`, id);
  } else if (access === 'atomic' && entry.kind === 'plain') {
    ctx.error('E0210', `\`${ref.name}\` has the plain type \`${entry.typeName}\`: atomic operations need an atomic type`, id, {
      help: [`declare it with an atomic type, e.g. \`static ${ref.name}: Atomic${cap(entry.typeName)}\``],
    });
  } else if (access === 'plain' && entry.kind === 'atomic') {
    ctx.error('E0211', `\`${ref.name}\` is atomic (\`${entry.typeName}\`): access it with \`load\` and \`store\``, id);
  }
}

export function checkOrdering(ctx: LowerContext, kind: 'load' | 'store', o: Ordering, id: NodeId): void {
  if (kind === 'load' && (o === 'Release' || o === 'AcqRel')) {
    ctx.errorAtWord('E0200', 'atomic loads cannot have `Release` or `AcqRel` ordering', id, orderingWord(ctx, o), {
      help: ['consider using ordering modes `Acquire`, `SeqCst` or `Relaxed`'],
    });
  }
  if (kind === 'store' && (o === 'Acquire' || o === 'AcqRel' || o === 'Consume')) {
    ctx.errorAtWord('E0201', 'atomic stores cannot have `Acquire` or `AcqRel` ordering', id, orderingWord(ctx, o), {
      help: ['consider using ordering modes `Release`, `SeqCst` or `Relaxed`'],
    });
  }
}

export function checkFailureOrdering(ctx: LowerContext, o: Ordering, id: NodeId): void {
  if (o === 'Release' || o === 'AcqRel') {
    ctx.errorAtWord('E0203', "compare_exchange's failure ordering may not be `Release` or `AcqRel`, since a failed compare_exchange does not result in a write", id, orderingWord(ctx, o), {
      help: ['consider using `Acquire` or `Relaxed` failure ordering instead'],
    });
  }
}

/** The ordering as the file spells it, to put the caret under it. */
function orderingWord(ctx: LowerContext, o: Ordering): string {
  if (ctx.dialect === 'rust') return o;
  const c: Record<Ordering, string> = {
    Relaxed: 'memory_order_relaxed', Consume: 'memory_order_consume', Acquire: 'memory_order_acquire',
    Release: 'memory_order_release', AcqRel: 'memory_order_acq_rel', SeqCst: 'memory_order_seq_cst',
  };
  return c[o];
}

/** A literal written to a location must fit its type (native dialect). */
export function checkConstant(ctx: LowerContext, e: Expr, entry: LocationEntry | null): void {
  if (!entry || ctx.dialect !== 'rust') return;
  let v: bigint | null = null;
  if (e.kind === 'int') v = e.value;
  else if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'int') v = -e.arg.value;
  if (v !== null && !fits(v, entry.type)) {
    ctx.error('E0224', `literal out of range for \`${entry.typeName}\``, e.id, { notes: [rangeNote(v, entry)] });
  }
}

/** After validation has reported a bad ordering, lowering carries on with a legal one. */
export function safe(o: Ordering, kind: 'load' | 'store'): Ordering {
  if (kind === 'load') return o === 'Release' || o === 'AcqRel' ? 'SeqCst' : o;
  return o === 'Acquire' || o === 'AcqRel' || o === 'Consume' ? 'SeqCst' : o;
}

function cap(typeName: string): string {
  return typeName === 'bool' ? 'Bool' : typeName.charAt(0).toUpperCase() + typeName.slice(1);
}

export function rangeNote(v: bigint, entry: { type: { bits: number; signed: boolean }; typeName: string }): string {
  const bits = BigInt(entry.type.bits);
  const lo = entry.type.signed ? -(1n << (bits - 1n)) : 0n;
  const hi = entry.type.signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  return `the literal \`${v}\` does not fit into the type \`${entry.typeName}\` whose range is \`${lo}..=${hi}\``;
}
