/**
 * Bugs found by the robustness work, each as a minimal test that FAILS until the bug is fixed
 * (reported to the owner of the code; see docs/robustness.md, "What it found"). When a fix lands,
 * the test passes and stays as a regression test; move it next to the code's own tests if you like.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { Explorer } from '../../src/explore/driver.js';
import { enumerateReference } from '../../src/explore/reference.js';
import { graphKey } from '../../src/graph/key.js';
import { oracleFor } from '../../src/models/oracle.js';
import { rc11 } from '../../src/models/rc11.js';
import { modelPredicate } from '../../src/run.js';
import { ordo, runInProcess } from './helpers.js';

describe('exploration', () => {
  // Wrong answer: under RC11 the fast oracle accepts an incoherent execution of this program
  // (13 executions; the reference enumerator and the declarative oracle find 12). The extra
  // graph has u1's `Y.store(3)` mo-after its own later fetch_add's write (po ; mo backwards):
  //   u0: R Y=2 (from u1's RMW) + W 3 | u1: W 3, R Y=1 (from u2) + W 2 | u2: W 1
  //   mo: u2:W1, u1:rmw W2, u0:rmw W3, u1:W3
  // Thread order matters (the same threads in another order are right), which is how the
  // thread-order property (properties.test.ts, 4) found it. With swap instead of fetch_add too;
  // not with SeqCst, not under SC.
  it('RC11 fast oracle: the same 12 executions as the reference, none incoherent', () => {
    const text = 'Rust M\nstatic Y: AtomicUsize = 0;\nthread u0 { Y.fetch_add(1, Relaxed); }\nthread u1 { Y.store(3, Relaxed); Y.fetch_add(1, Relaxed); }\nthread u2 { Y.store(1, Relaxed); }\n';
    const r = check(text, 'm.litmus', { model: 'rc11', mode: 'as-written', unroll: 4 });
    if (!r.ok) throw new Error('does not check');
    const reference: string[] = [];
    enumerateReference(r.program, modelPredicate(rc11), { execution: (g) => void reference.push(graphKey(g)) }, { unroll: 4 });
    const fast: string[] = [];
    new Explorer(r.program, oracleFor('rc11', 'fast'), { execution: (g) => void fast.push(graphKey(g)) }, { unroll: 4 }).run();
    expect(reference).toHaveLength(12);
    expect(fast.filter((k) => !reference.includes(k))).toEqual([]);
    expect(r.report.counts.complete).toBe(12);
  });

  // Wrong answer: a data race reported in a program none of whose runs is kept. t2's assume!
  // can never hold, so every execution is discarded; but a graph where t1 spins for good on a
  // stale read of Z was abandoned early (the explorer's moot pruning) before t2 had run, and its
  // race on SHARED was reported: "FAIL: data race on SHARED". Found by test/explore/blocked.test.ts
  // with RUNS=4000 SEED=5 (pruning on and off disagreed on the races); the program of that
  // seed no longer reaches the check since later shortcuts, this one (seed 6) does.
  it('no race is reported from a graph every extension of which an assume! discards', () => {
    const text = [
      'Rust stale',
      'static X: AtomicUsize = 0;',
      'static Z: AtomicUsize = 0;',
      'static SHARED: usize = 0;',
      'thread t0 { Z.store(1, Relaxed); SHARED = 1; }',
      'thread t1 { SHARED = 1; while Z.load(Relaxed) != 1 {} assume!(X.load(Relaxed) == 0); }',
      'thread t2 { assume!(X.load(Relaxed) == 1); }',
      '',
    ].join('\n');
    for (const model of ['rc11', 'sc'] as const) {
      const r = check(text, 'stale.litmus', { model, mode: 'as-written', unroll: 4 });
      if (!r.ok) throw new Error('does not check');
      expect(r.report.races).toEqual([]);
      expect(r.report.counts.complete).toBe(0);
    }
  });
});

/** Runs ordo, killing it after `ms` (a hang is a failure, not a stuck suite). */
function ordoWithin(args: string[], ms: number) {
  return ordo(args, {
    onStart: (c) => {
      const t = setTimeout(() => c.kill('SIGKILL'), ms);
      c.on('close', () => clearTimeout(t));
    },
  });
}

describe.concurrent('files given to the single-file commands', { timeout: 60_000 }, () => {
  // Bug: compare, graph and why read their file with readInput() without the stat check that
  // `run` and `fmt` make (single-file.ts loadProgram), so /dev/zero is read forever (memory
  // grows until the process dies) and a FIFO blocks in open(). `ordo run /dev/zero` is fine.
  it('ordo compare /dev/zero is one line E0303, exit 2 (found reading forever)', async () => {
    const r = await ordoWithin(['compare', '/dev/zero'], 12_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('/dev/zero: error[E0303]: not a regular file or folder: a character device\n');
  });

  it('ordo why FIFO PROP is one line E0303, exit 2 (found blocking forever)', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'ordo-bug-')), 'pipe.litmus');
    execFileSync('mkfifo', [fifo]);
    const r = await ordoWithin(['why', fifo, 'X == 1'], 12_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${fifo}: error[E0303]: not a regular file or folder: a named pipe (FIFO)\n`);
  });
});

describe.concurrent('hangs', { timeout: 60_000 }, () => {
  // Hang: `ordo why` on this small random program (4 threads, 10 accesses; `ordo run` explores
  // its 28 SC executions in well under a second) runs for minutes: it enumerates candidate
  // executions with forEachCandidate (src/explore/reference.ts), whose time between two
  // candidates is unbounded (a few candidates per second here; maxCandidates never trips), and
  // `why` has no --timeout. The same program stalls the reference side of the differential.
  it('ordo why answers within seconds on a small program (found running for minutes)', async () => {
    const r = await ordoWithin(['why', 'test/robustness/fixtures/why-slow.litmus', 'X == 3', '--model', 'sc'], 12_000);
    expect(r.signal).toBeNull();
    expect(r.status === 0 || r.status === 1).toBe(true);
  });
});

describe('--timeout (and Ctrl-C, polled in the same place) is late', () => {
  // Hang: the limits are polled by the explorer between work items, and the clock only every
  // 64th item (run.ts), so (a) a thread computing without touching memory is never interrupted
  // (10^9 iterations of a local loop run for minutes with --timeout 1), and (b) when each work
  // item is long (a thread of thousands of stores), 64 of them overshoot the deadline many times.
  const within = (text: string, timeoutMs: number): number => {
    const start = performance.now();
    const r = check(text, 't.litmus', { model: 'rc11', mode: 'as-written', unroll: 8, timeoutMs });
    expect(r.ok).toBe(true);
    return performance.now() - start;
  };
  it('a long local computation stops at the timeout (found taking seconds for 0.5 s)', () => {
    const text = 'Rust LOCAL\nstatic X: AtomicUsize = 0;\nthread t0 {\n    let mut s = 0;\n    for i in 0..250 { for j in 0..250 { for k in 0..250 { s += 1; } } }\n    X.store(s, Relaxed);\n}\n';
    expect(within(text, 500)).toBeLessThan(3000);
  });
  it('long work items stop at the timeout (found taking seconds for 0.5 s)', () => {
    const text = 'Rust LONG\nstatic X: AtomicUsize = 0;\nthread t0 {\n    for i in 0..1500 { X.store(i, Relaxed); }\n}\nthread t1 {\n    let r = X.load(Relaxed);\n}\n';
    expect(within(text, 500)).toBeLessThan(3000);
  });
});

describe.concurrent('messages', { timeout: 60_000 }, () => {
  // Wrong message: without a condition the verdict line reads `Ok  no condition; every execution
  // finished` even when executions panicked, failed an assertion or blocked (words.ts
  // verdictMeaning ignores the counts). Here 3 of 9 executions divide by zero.
  it('the verdict of a file without a condition does not claim every execution finished when some failed', () => {
    const text = 'Rust F\nstatic X: AtomicUsize = 0;\nthread w { X.store(2, Relaxed); }\nthread d {\n    let r = X.load(Relaxed);\n    let q = 10 / r;\n}\n';
    const s = runInProcess('f.litmus', text);
    expect(s.stdout).toContain('PANIC in d');
    expect(s.stdout).not.toContain('every execution finished');
  });

  // Poor message: an empty argument (e.g. an unset shell variable, `ordo run "$DIR"`) prints
  // `: error[E0300]: no such file or folder`, naming nothing. It should say the path is empty.
  it('an empty path argument is named as such', async () => {
    const r = await ordo(['run', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/^:/);
    expect(r.stderr).toMatch(/empty/);
  });
});
