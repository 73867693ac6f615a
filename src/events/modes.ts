/**
 * Memory orders of events, and the partial order between them.
 *
 * Modes are a *partial* order: na ⊏ rlx ⊏ acq, rel ⊏ acqrel ⊏ sc, with acq and rel incomparable.
 * Code never compares modes as numbers; it asks the questions the models ask ("is this at least
 * acquire?") through the tables below.
 */
import type { Ordering } from '../ast.js';

/** The mode of an event. `na` is a plain (non-atomic) access. */
export type Mode = 'na' | 'rlx' | 'acq' | 'rel' | 'acqrel' | 'sc';

export const MODES: readonly Mode[] = ['na', 'rlx', 'acq', 'rel', 'acqrel', 'sc'];

const AT_LEAST_RLX: Readonly<Record<Mode, boolean>> = { na: false, rlx: true, acq: true, rel: true, acqrel: true, sc: true };
const AT_LEAST_ACQ: Readonly<Record<Mode, boolean>> = { na: false, rlx: false, acq: true, rel: false, acqrel: true, sc: true };
const AT_LEAST_REL: Readonly<Record<Mode, boolean>> = { na: false, rlx: false, acq: false, rel: true, acqrel: true, sc: true };

/** `m ⊒ rlx`: the event is atomic. */
export function isAtomic(m: Mode): boolean {
  return AT_LEAST_RLX[m];
}

/** `m ⊒ acq` */
export function isAtLeastAcquire(m: Mode): boolean {
  return AT_LEAST_ACQ[m];
}

/** `m ⊒ rel` */
export function isAtLeastRelease(m: Mode): boolean {
  return AT_LEAST_REL[m];
}

/** `m = sc` */
export function isSeqCst(m: Mode): boolean {
  return m === 'sc';
}

/** `a ⊑ b` in the partial order of modes. */
export function modeLeq(a: Mode, b: Mode): boolean {
  if (a === b) return true;
  switch (a) {
    case 'na':
      return true;
    case 'rlx':
      return b !== 'na';
    case 'acq':
    case 'rel':
      return b === 'acqrel' || b === 'sc';
    case 'acqrel':
      return b === 'sc';
    case 'sc':
      return false;
    default:
      return assertNever(a);
  }
}

/** Modes of the two events of a read-modify-write with ordering `o` (semantics.md, "RMW modes"). */
export function rmwModes(o: Ordering): { readonly read: Mode; readonly write: Mode } {
  switch (o) {
    case 'Relaxed':
      return { read: 'rlx', write: 'rlx' };
    case 'Consume':
    case 'Acquire':
      return { read: 'acq', write: 'rlx' };
    case 'Release':
      return { read: 'rlx', write: 'rel' };
    case 'AcqRel':
      return { read: 'acq', write: 'rel' };
    case 'SeqCst':
      return { read: 'sc', write: 'sc' };
    default:
      return assertNever(o);
  }
}

/** Mode of a load with ordering `o` (validation has rejected Release and AcqRel). */
export function loadMode(o: Ordering): Mode {
  return rmwModes(o).read;
}

/** Mode of a store with ordering `o` (validation has rejected Acquire and AcqRel). */
export function storeMode(o: Ordering): Mode {
  return rmwModes(o).write;
}

/** Mode of a fence with ordering `o`; a Relaxed fence (C only) has mode rlx and no effect. */
export function fenceMode(o: Ordering): Mode {
  switch (o) {
    case 'Relaxed':
      return 'rlx';
    case 'Consume':
    case 'Acquire':
      return 'acq';
    case 'Release':
      return 'rel';
    case 'AcqRel':
      return 'acqrel';
    case 'SeqCst':
      return 'sc';
    default:
      return assertNever(o);
  }
}

/** For exhaustive switches: a compile error when a case is missing, a bug report at run time. */
export function assertNever(x: never): never {
  throw new Error(`internal error: unexpected value ${JSON.stringify(x)}`);
}
