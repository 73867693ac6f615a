/**
 * Limits and hard programs: a program with about 10^11 executions stops at --max-executions and
 * at --timeout with an incomplete verdict, the outcomes found so far and exit status 3; memory
 * stays flat while it runs (the live heap after 120,000 executions is no larger than after
 * 30,000); loops that never exit end as blocked or cut executions with an explanation, never a
 * hang; Ctrl-C in a batch still writes a whole JSON document (test/cli covers the text report).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { ordo, ROOT, runInProcess } from './helpers.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** 6 threads × 3 relaxed increments: 18! / (3!)^6 = 137,225,088,000 executions, one final state. */
const HUGE = `Rust HUGE\nstatic X: AtomicUsize = 0;\n${Array.from({ length: 6 }, (_, i) => `thread t${i} {\n${'    X.fetch_add(1, Relaxed);\n'.repeat(3)}}\n`).join('')}exists (X == 18)\n`;
const dir = mkdtempSync(join(tmpdir(), 'ordo-limits-'));
const hugeFile = join(dir, 'huge.litmus');
writeFileSync(hugeFile, HUGE);
const OPTS = { model: 'rc11', mode: 'as-written', unroll: 8 } as const;

describe('a program with 10^11 executions stops at a limit', () => {
  it('--max-executions: incomplete, exactly that many, the outcome found', () => {
    const r = check(HUGE, 'huge.litmus', { ...OPTS, maxExecutions: 1000 });
    if (!r.ok) throw new Error('invalid');
    expect(r.report.complete).toBe(false);
    expect(r.report.stoppedBy).toBe('max-executions');
    expect(r.report.counts.complete).toBe(1000);
    expect(r.report.outcomes.map((o) => o.values)).toEqual([['18']]);
    expect(r.report.status).toBe('incomplete');
  });

  it('--timeout: incomplete, soon after the deadline', () => {
    const start = performance.now();
    const r = check(HUGE, 'huge.litmus', { ...OPTS, timeoutMs: 300 });
    if (!r.ok) throw new Error('invalid');
    expect(performance.now() - start).toBeLessThan(3000);
    expect(r.report.stoppedBy).toBe('timeout');
    expect(r.report.counts.complete).toBeGreaterThan(0);
    expect(r.report.status).toBe('incomplete');
  });

  it.concurrent.each([
    ['--max-executions', ['--max-executions', '2000'], 'INCOMPLETE: stopped by --max-executions'],
    ['--timeout', ['--timeout', '0.3'], 'INCOMPLETE: stopped by --timeout'],
  ])('through the binary, %s: exit 3, the report so far', { timeout: 60_000 }, async (_, args, status) => {
    const r = await ordo(['run', hugeFile, ...args]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('the outcomes below are those found so far');
    expect(r.stdout).toMatch(/\*  18 +\d+/);
    expect(r.stdout.trimEnd().endsWith(status)).toBe(true);
  });
});

/** Live heap (after a full GC) sampled during a run of `executions`, and peak RSS, in a child. */
function memoryOf(executions: number): Promise<{ maxLiveMB: number; peakRssMB: number; executions: number }> {
  const script = `
    import { check } from ${JSON.stringify(join(ROOT, 'dist', 'src', 'check.js'))};
    import { readFileSync } from 'node:fs';
    const text = readFileSync(${JSON.stringify(hugeFile)}, 'utf8');
    let max = 0;
    const sample = () => { globalThis.gc(); max = Math.max(max, process.memoryUsage().heapUsed); };
    const r = check(text, 'huge.litmus', { model: 'rc11', mode: 'as-written', unroll: 8, maxExecutions: ${executions}, onProgress: sample });
    sample();
    const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    console.log(JSON.stringify({ maxLiveMB: max / 2 ** 20, peakRssMB: hwm, executions: r.report.counts.complete }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { maxLiveMB: number; peakRssMB: number; executions: number }) : reject(new Error(`exit ${code}`))));
  });
}

describe('memory stays flat while exploring', () => {
  it('the live heap after 120,000 executions is about that after 30,000', { timeout: 120_000 }, async () => {
    const [small, large] = await Promise.all([memoryOf(30_000), memoryOf(120_000)]);
    expect(small.executions).toBe(30_000);
    expect(large.executions).toBe(120_000);
    // 4x the executions, the same memory: nothing is kept per execution
    expect(large.maxLiveMB).toBeLessThan(small.maxLiveMB * 1.25 + 2);
    expect(large.maxLiveMB).toBeLessThan(64);
    expect(large.peakRssMB).toBeLessThan(small.peakRssMB * 1.5 + 20);
  });
});

const waitsForever = (body: string): string => `Rust LOOP\nstatic X: AtomicUsize = 0;\nstatic Y: AtomicUsize = 0;\nstatic M: Mutex;\n${body}\nexists (X == 1)\n`;

describe('loops that never exit end, and say why', () => {
  it.each([
    ['waits for a value nobody writes', 'thread w {\n    while Y.load(Acquire) == 0 {}\n    X.store(1, Relaxed);\n}', 1, 'Blocked', 'the spin loop never exits'],
    ['two threads wait for each other', 'thread a {\n    while Y.load(Acquire) == 0 {}\n    X.store(1, Release);\n}\nthread b {\n    while X.load(Acquire) == 0 {}\n    Y.store(1, Release);\n}', 1, 'Blocked', 'the spin loop never exits'],
    ['an empty loop', 'thread s {\n    loop {}\n}\nthread o {\n    X.store(1, Relaxed);\n}', 1, 'Blocked', 'the spin loop never exits'],
    ['a purely local infinite loop', 'thread c {\n    let mut i = 0;\n    loop {\n        i += 1;\n    }\n}\nthread o {\n    X.store(1, Relaxed);\n}', 3, 'Cut', 'reached the loop bound'],
    ['a loop with side effects waiting in vain', 'thread b {\n    loop {\n        X.fetch_add(1, Relaxed);\n        if Y.load(Acquire) == 1 {\n            break;\n        }\n    }\n}', 3, 'Cut', 'reached the loop bound'],
    ['a mutex never unlocked', 'thread a {\n    M.lock();\n    X.store(1, Relaxed);\n}\nthread b {\n    M.lock();\n    X.store(2, Relaxed);\n}', 1, 'Blocked', 'could not finish'],
  ] as const)('%s', (_, body, exit, section, why) => {
    const start = performance.now();
    const s = runInProcess('loop.litmus', waitsForever(body), { unroll: 50 });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(s.exit).toBe(exit);
    expect(s.stdout).toMatch(new RegExp(`^   ${section} +\\d+ executions? `, 'm'));
    expect(s.stdout).toContain(why);
  });
});

describe('Ctrl-C in a batch', () => {
  it('--format json: a whole document, the stopped file incomplete, the rest not run, exit 130', { timeout: 60_000 }, async () => {
    const other = join(dir, 'huge2.litmus');
    writeFileSync(other, readFileSync(hugeFile));
    let exploring = false;
    const r = await ordo(['run', hugeFile, other, '--format', 'json', '--jobs', '1'], {
      onStart: (c) => {
        // interrupt once the worker is busy: CPU time well past start-up (see test/cli/run.test.ts)
        const poll = setInterval(() => {
          const ticks = readFileSync(`/proc/${c.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
          if (Number(ticks[11]) + Number(ticks[12]) >= 150 && !exploring) {
            exploring = true;
            clearInterval(poll);
            c.kill('SIGINT');
          }
        }, 50);
        c.on('close', () => clearInterval(poll));
      },
    });
    expect(r.status).toBe(130);
    const doc = JSON.parse(r.stdout) as { summary: { notRun: number; incomplete: number }; files: { status: string; runs: { stoppedBy: string | null }[] }[] };
    expect(doc.summary).toMatchObject({ notRun: 1, incomplete: 1 });
    expect(doc.files.map((f) => f.status)).toEqual(['incomplete', 'not-run']);
    expect(doc.files[0]!.runs[0]!.stoppedBy).toBe('interrupted');
  });
});
