/**
 * `ordo why` end to end: a forbidden outcome names its axiom and shows the cycle (text, golden;
 * and as a picture with the cycle highlighted), an allowed one prints a witness, and input
 * errors exit 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FB, goldenB } from './fixtures-b/golden.js';
import { ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const OUT = mkdtempSync(join(tmpdir(), 'ordo-why-'));
const why = (...args: string[]) => ordo(['why', ...args]);
const MP_WEAK = 't1:r1 == 1 && t1:r2 == 0';

describe.concurrent('why', () => {
  it('a forbidden MP outcome: coherence, with the cycle po, sw, po, rb', async () => {
    const r = await why(`${FB}/mp.litmus`, MP_WEAK);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('is forbidden under rc11/as-written');
    expect(r.stdout).toContain('coherence (hb ; eco? irreflexive)');
    const cycle = r.stdout.split('\n').filter((l) => /^\s+(—\w+→\s+)?t\d|back to/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
    expect(cycle).toEqual([
      't0 L8 DATA.store(42, Relaxed); W DATA=42 rlx',
      '—po→ t0 L9 READY.store(1, Release); W READY=1 rel',
      '—sw→ t1 L13 READY.load(Acquire) R READY=1 acq',
      '—po→ t1 L14 DATA.load(Relaxed) R DATA=0 rlx',
      '—rb→ back to t0 L8',
    ]);
    goldenB('mp.why.txt', r.stdout);
  });

  it('an allowed outcome prints a witness and says so', async () => {
    const r = await why(`${FB}/mp.litmus`, MP_WEAK, '--mode', 'relaxed');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('is allowed under rc11/relaxed');
    expect(r.stdout).toContain('Witness');
    expect(r.stdout).toMatch(/t1 +L14 +DATA\.load\(Relaxed\) +Relaxed +read DATA = 0 ← init \(stale\)/);
  });

  it('the sc axiom for SB under seqcst; a pasted condition and the C dialect', async () => {
    const r = await why(`${FB}/sb-c.litmus`, 'exists (0:r0=0 /\\ 1:r0=0)');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('sc (psc acyclic)');
    expect(r.stdout).toContain('—rb→  back to P0 L7');
    const sc = await why(`${FB}/sb.litmus`, 't0:r0 == 0 && t1:r1 == 0', '--model', 'sc');
    expect(sc.stdout).toContain('is forbidden under sc/as-written');
  });

  it('a state no execution can reach at all', async () => {
    const r = await why(`${FB}/mp.litmus`, 't1:r2 == 7');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('No candidate execution reaches it at all');
  });

  it('-o .svg: the candidate execution with the cycle highlighted and numbered', async () => {
    const file = join(OUT, 'mp-why.svg');
    const r = await why(`${FB}/mp.litmus`, MP_WEAK, '-o', file);
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(file, 'utf8');
    for (const s of ['>1: po</text>', '>2: sw</text>', '>3: po</text>', '>4: rb</text>', 'fill="#ffe0b2"', 'stroke="#e65100"', '>R DATA=0 rlx</text>']) expect(svg).toContain(s);
    expect(svg).toContain('forbidden by coherence');
  });

  it('-o .dot for an allowed outcome draws its witness', async () => {
    const file = join(OUT, 'mp-allowed.dot');
    const r = await why(`${FB}/mp.litmus`, MP_WEAK, '--mode', 'relaxed', '-o', file);
    expect(r.status, r.stderr).toBe(0);
    const dot = readFileSync(file, 'utf8');
    expect(dot).toContain('is allowed');
    expect(dot).toContain('label="R DATA=0 rlx\\nL14: DATA.load(Relaxed)"');
  });

  it.each([
    ['an unknown register', ['t1:r9 == 1'], /error\[E0222\]: thread `t1` has no register `r9`/],
    ['a C proposition in a native file', ['1:r1=1'], /error\[E0100\]/],
    ['no proposition', [], /missing required argument/],
    ['an unknown model', [MP_WEAK, '--model', 'tso'], /--model/],
  ])('input errors exit 2: %s', async (_, args, message) => {
    const r = await why(`${FB}/mp.litmus`, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a missing file exits 2', async () => {
    const r = await why(`${FB}/nope.litmus`, MP_WEAK);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E0300');
  });
});
