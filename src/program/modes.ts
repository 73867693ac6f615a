/**
 * Ordering modes (semantics.md, "Ordering modes"): a run may override the written orderings of
 * every atomic access, as a transformation of the program before exploration.
 *
 * - `as-written`: unchanged.
 * - `relaxed`: every atomic access Relaxed; fences disappear.
 * - `acqrel`: loads Acquire, stores Release, RMWs AcqRel, CAS failure Acquire, fences AcqRel.
 * - `seqcst`: everything SeqCst.
 *
 * Plain accesses stay plain, and a `Mutex` stays a mutex (it is a lock, not an atomic access).
 */
import type { OrderingMode } from '../ast.js';
import { isAtomic, type Mode } from '../events/modes.js';
import type { Instr, Program } from './ir.js';

export function applyMode(program: Program, mode: OrderingMode): Program {
  if (mode === 'as-written') return program;
  const m = (kind: 'load' | 'store' | 'rmwRead' | 'rmwWrite' | 'fail' | 'fence', old: Mode): Mode => {
    if (!isAtomic(old)) return old;
    switch (mode) {
      case 'relaxed':
        return 'rlx';
      case 'seqcst':
        return 'sc';
      case 'acqrel':
        return kind === 'load' || kind === 'rmwRead' || kind === 'fail' ? 'acq' : kind === 'fence' ? 'acqrel' : 'rel';
    }
  };
  const rewrite = (i: Instr): Instr => {
    switch (i.op) {
      case 'load':
        return { ...i, mode: m('load', i.mode) };
      case 'store':
        return { ...i, mode: m('store', i.mode) };
      case 'rmw':
        return { ...i, readMode: m('rmwRead', i.readMode), writeMode: m('rmwWrite', i.writeMode), failMode: m('fail', i.failMode) };
      case 'fence':
        return mode === 'relaxed' ? { op: 'nop' } : { ...i, mode: m('fence', i.mode) };
      default:
        return i;
    }
  };
  return { ...program, threads: program.threads.map((t) => ({ ...t, code: t.code.map(rewrite) })) };
}
