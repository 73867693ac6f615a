/**
 * `ordo run --workers N`: one exploration shared by several threads must give exactly the
 * counts, outcomes and findings of a single-threaded one (each execution in exactly one worker's
 * share).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../bench/families.js';

const dir = mkdtempSync(join(tmpdir(), 'ordo-workers-'));
/**
 * The coordinating thread starts the workers after 3 work items instead of after 30 ms, and
 * hands them everything left (src/cli/parallel/team.ts): these programs are small, and the
 * workers are what is tested.
 */
const env = { ...process.env, ORDO_PARALLEL_HANDOVER: '3' };

function run(file: string, workers: number, unroll: number, extra: Record<string, string> = {}): { states: unknown; counts: unknown; verdict: unknown } {
  // the exit status says pass or fail (a verdict No is a failure): only the document matters here
  const out = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--format', 'json', '--workers', String(workers), '--unroll', String(unroll)], { encoding: 'utf8', env: { ...env, ...extra } }).stdout;
  const doc = JSON.parse(out) as { files: { runs: { states: { values: unknown; executions: number }[]; counts: unknown; verdict: unknown }[] }[] };
  const r = doc.files[0]!.runs[0]!;
  return { states: r.states.map((s) => [s.values, s.executions]), counts: r.counts, verdict: r.verdict };
}

/** Every run's races (without witness and fix, read off whichever execution found them), faults and stops. */
function findings(file: string, workers: number): unknown {
  const out = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--format', 'json', '--workers', String(workers)], { encoding: 'utf8', env }).stdout;
  type Run = { races: { first: unknown; second: unknown; executions: number }[]; assertionFailures: { line: number; executions: number }[]; stops: unknown[] };
  const doc = JSON.parse(out) as { files: { runs: Run[] }[] };
  return doc.files[0]!.runs.map((r) => ({
    races: r.races.map((x) => [x.first, x.second, x.executions]),
    failures: r.assertionFailures.map((f) => [f.line, f.executions]),
    stops: r.stops,
  }));
}

describe('--workers', () => {
  // Found in another order by each worker; listed in source order, they must be the same lists.
  it.each(['litmus/job-counter.litmus', 'litmus/arc-drop.litmus'])('%s: the same races in the same order with 1 and 2 workers', (file) => {
    const one = findings(file, 1);
    expect((one as { races: unknown[] }[]).some((r) => r.races.length > 1)).toBe(true);
    expect(findings(file, 2)).toEqual(one);
  }, 120_000);

  const cases: [string, number][] = [['ainc', 6], ['casw', 4], ['coa', 4], ['lastzero', 6], ['ticketlock', 4], ['readers', 10]];
  it.each(cases)('%s %i: the same counts and outcomes with 1, 2 and 3 workers', (name, n) => {
    const f = FAMILIES.find((x) => x.name === name)!;
    const file = join(dir, `${name}${n}.litmus`);
    writeFileSync(file, f.source(n));
    const unroll = f.unroll?.(n) ?? 8;
    const one = run(file, 1, unroll);
    expect(run(file, 2, unroll)).toEqual(one);
    expect(run(file, 3, unroll)).toEqual(one);
  }, 120_000);

  // Spin reads revisited in place (src/explore/in-place.ts), decided once for all workers.
  it.each(['litmus/spinlock.litmus', 'litmus/peterson.litmus', 'litmus/seqlock-plain.litmus', 'litmus/spsc-ring.litmus'])('%s: the same counts, outcomes and findings with 1 and 2 workers', (file) => {
    expect(run(file, 2, 8)).toEqual(run(file, 1, 8));
    expect(findings(file, 2)).toEqual(findings(file, 1));
  }, 120_000);

  it('starts no worker for an exploration the coordinating thread finishes alone', () => {
    const debug = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ['bin/ordo', 'run', 'litmus/MP.litmus', '--workers', '2'], { encoding: 'utf8', env: { ...process.env, ORDO_DEBUG_PARALLEL: '1', ...extra } }).stderr;
    expect(debug({})).toContain('no worker needed');
    const f = FAMILIES.find((x) => x.name === 'ainc')!;
    const file = join(dir, 'ainc6-alone.litmus');
    writeFileSync(file, f.source(6));
    const shared = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--workers', '2'], { encoding: 'utf8', env: { ...env, ORDO_DEBUG_PARALLEL: '1' } }).stderr;
    expect(shared).toMatch(/this thread: .*\n  worker 0: [1-9]\d* tasks/);
  }, 120_000);

  // without the hand-over: the workers start while this thread explores on, and steal from it
  it.each([2, 3])('the same counts and outcomes when %i explorers start after a few items and steal', (workers) => {
    const f = FAMILIES.find((x) => x.name === 'coa')!;
    const file = join(dir, `coa4-steal-${workers}.litmus`);
    writeFileSync(file, f.source(4));
    const start = { ORDO_PARALLEL_START: '2', ORDO_PARALLEL_HANDOVER: '' };
    const debug = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--workers', String(workers)], { encoding: 'utf8', env: { ...process.env, ...start, ORDO_DEBUG_PARALLEL: '1' } });
    expect(debug.stderr).toMatch(/this thread: [1-9]\d* tasks, [1-9]\d* executions.*\n  worker 0: /);
    expect(run(file, workers, 8, start)).toEqual(run(file, 1, 8));
  }, 120_000);

  // the progress line of `ordo run` on a terminal: the explorers' executions so far, rising
  it('reports progress from every explorer while they share the work', () => {
    const dist = (f: string) => JSON.stringify(pathToFileURL(resolve('dist', f)).href);
    const script = `
      import { exploreParallel } from ${dist('src/cli/parallel/coordinator.js')};
      import { lower } from ${dist('src/program/lower.js')};
      import { parseLitmus } from ${dist('src/syntax/index.js')};
      import { family } from ${dist('bench/families.js')};
      const p = parseLitmus(family('ainc').source(8), 'a.litmus');
      const l = lower(p.file, p.source);
      const seen = [];
      const r = await exploreParallel(l.program, { model: 'rc11', mode: 'as-written', unroll: 8, workers: 2, interrupt: new SharedArrayBuffer(4), onProgress: (x) => seen.push(x.executions) });
      console.log(JSON.stringify({ total: r.counts.complete, seen }));`;
    const file = join(dir, 'progress.mjs');
    writeFileSync(file, script);
    const out = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...env, ORDO_PARALLEL_HANDOVER: '', ORDO_PARALLEL_START: '50' } });
    const { total, seen } = JSON.parse(out.stdout) as { total: number; seen: number[] };
    expect(total).toBe(40320);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeGreaterThan(0);
    seen.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(i === 0 ? 0 : seen[i - 1]!));
    expect(seen[seen.length - 1]).toBeLessThanOrEqual(total);
  }, 120_000);

  // the pool's thread checks file after file: a shared exploration must leave no thread behind
  it.runIf(process.platform === 'linux')('leaves no worker thread behind after a shared exploration', () => {
    const dist = (f: string) => JSON.stringify(pathToFileURL(resolve('dist', f)).href);
    const script = `
      import { readFileSync } from 'node:fs';
      import { exploreParallel } from ${dist('src/cli/parallel/coordinator.js')};
      import { lower } from ${dist('src/program/lower.js')};
      import { parseLitmus } from ${dist('src/syntax/index.js')};
      import { family } from ${dist('bench/families.js')};
      const threads = () => Number(readFileSync('/proc/self/status', 'utf8').match(/Threads:\\s+(\\d+)/)[1]);
      const p = parseLitmus(family('ainc').source(6), 'a.litmus');
      const l = lower(p.file, p.source);
      const before = threads();
      const counts = [];
      for (let i = 0; i < 3; i++) {
        const r = await exploreParallel(l.program, { model: 'rc11', mode: 'as-written', unroll: 8, workers: 3, interrupt: new SharedArrayBuffer(4) });
        counts.push(r.counts.complete);
      }
      // a worker told to exit takes a moment to tear its heap down
      for (let k = 0; k < 50 && threads() > before; k++) await new Promise((r) => setTimeout(r, 100));
      console.log(JSON.stringify({ before, after: threads(), counts }));`;
    const file = join(dir, 'threads.mjs');
    writeFileSync(file, script);
    const out = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...env, ORDO_PARALLEL_HANDOVER: '', ORDO_PARALLEL_START: '5' } });
    const { before, after, counts } = JSON.parse(out.stdout) as { before: number; after: number; counts: number[] };
    expect(counts).toEqual([720, 720, 720]);
    expect(after).toBe(before);
  }, 120_000);

  // found unsound by one worker while the other still loads: this thread stops waiting for it
  it('starts over when a worker finds in-place revisiting unsound while another loads', () => {
    const file = 'litmus/ticket-lock.litmus';
    const start = { ORDO_PARALLEL_START: '2', ORDO_PARALLEL_HANDOVER: '' };
    const out = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--workers', '3'], { encoding: 'utf8', env: { ...process.env, ...start, ORDO_DEBUG_PARALLEL: '1' } });
    expect(out.stderr).toMatch(/found unsound by/);
    expect(out.stderr).not.toMatch(/internal error/);
    expect(run(file, 3, 8, start)).toEqual(run(file, 1, 8));
  }, 120_000);

  // the writes of 1 to X race, which makes revisiting t0's spin read in place unsound (in-place.ts)
  const unsound = (late: boolean) =>
    `Rust unsound\n\nstatic X: AtomicUsize = 0;\nstatic Y: AtomicUsize = 0;\n\nthread t0 {\n    while X.load(Relaxed) != 2 {}\n}\n\n` +
    `thread t1 {\n    X.store(1, Relaxed);\n    X.store(2, Relaxed);\n}\n\n` +
    // late: t2 writes only after reading t3's write, which the first execution does not do
    (late ? `thread t2 {\n    if Y.load(Relaxed) == 1 {\n        X.store(1, Relaxed);\n    }\n}\n\nthread t3 {\n    Y.store(1, Relaxed);\n}\n\n` : `thread t2 {\n    X.store(1, Relaxed);\n}\n\n`) +
    `exists (X == 1)\n`;

  it.each([
    ['the coordinating thread', false, /found unsound by this thread: starting over\n/],
    ['a worker', true, /found unsound by worker \d: starting over/],
  ] as const)('starts over without in-place revisiting when %s finds it unsound', (_who, late, line) => {
    const file = join(dir, `unsound-${late}.litmus`);
    writeFileSync(file, unsound(late));
    // handed over after the first execution: the late race is found in a worker
    const debug = spawnSync(process.execPath, ['bin/ordo', 'run', file, '--workers', '2'], { encoding: 'utf8', env: { ...env, ORDO_PARALLEL_HANDOVER: '1', ORDO_DEBUG_PARALLEL: '1' } });
    expect(debug.stderr).toMatch(line);
    expect(debug.stderr).toMatch(/without in-place revisiting/);
    expect(run(file, 2, 8)).toEqual(run(file, 1, 8));
  }, 120_000);
});
