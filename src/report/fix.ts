/**
 * "What ordering would have made these two accesses ordered?" For a race between a and b, look
 * in the same execution for the message-passing shape that would have synchronised them: an
 * atomic write w after a in a's thread, read (directly or through a release sequence) by an
 * atomic read r before b in b's thread. Making w Release and r Acquire puts a →po w →sw r →po b
 * in happens-before. When no such pair exists the report says nothing rather than guess.
 */
import { isAtLeastAcquire, isAtLeastRelease, isAtomic } from '../events/modes.js';
import type { Execution } from '../graph/execution.js';
import { rc11Relations } from '../models/rc11.js';
import type { Program } from '../program/ir.js';

export function raceFix(x: Execution, a: number, b: number, program: Program): string | null {
  return direction(x, a, b, program) ?? direction(x, b, a, program);
}

function direction(x: Execution, a: number, b: number, program: Program): string | null {
  const { rs } = rc11Relations(x);
  const ea = x.events[a]!;
  const eb = x.events[b]!;
  for (let w = 0; w < x.n; w++) {
    const ew = x.events[w]!;
    if (ew.thread !== ea.thread || ew.kind !== 'W' || !isAtomic(ew.mode) || !x.po.has(a, w)) continue;
    for (let r = 0; r < x.n; r++) {
      const er = x.events[r]!;
      if (er.thread !== eb.thread || er.kind !== 'R' || !isAtomic(er.mode) || !x.po.has(r, b)) continue;
      const src = x.index.get(er.rf);
      if (src === undefined || !rs.has(w, src)) continue;
      const sw = program.sites[ew.site]!;
      const sr = program.sites[er.site]!;
      const parts: string[] = [];
      if (!isAtLeastRelease(ew.mode)) parts.push(`\`${sw.text}\` (line ${sw.line}) at least Release`);
      if (!isAtLeastAcquire(er.mode)) parts.push(`\`${sr.text}\` (line ${sr.line}) at least Acquire`);
      if (parts.length === 0) continue;
      return `make ${parts.join(' and ')}: the read would then synchronise with the write, ordering the two accesses`;
    }
  }
  return null;
}
