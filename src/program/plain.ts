/**
 * Where a program accesses memory non-atomically: only such accesses can race, so the
 * collector looks for races only in programs that have them, and the explorer's blocked-thread
 * shortcuts (explore/blocking.ts) only where a location has none.
 */
import type { Program } from './ir.js';

/** Per location, 1 when some plain (non-atomic) load or store may access it. */
export function plainLocations(program: Program): Uint8Array {
  const out = new Uint8Array(program.locations.length);
  for (const th of program.threads) {
    for (const ins of th.code) {
      if ((ins.op !== 'load' && ins.op !== 'store') || ins.mode !== 'na') continue;
      out.fill(1, ins.addr.base, ins.addr.base + (ins.addr.index === null ? 1 : ins.addr.length));
    }
  }
  return out;
}
