/**
 * The pool's bookkeeping with several tasks in flight per worker (src/cli/pool/pool.ts), run
 * against a stand-in worker: every file is reported exactly once; a crash turns only the file
 * that caused it into `crashed` (the others in flight are checked again, one at a time);
 * after Ctrl-C no file starts, and those never started are not reported; workers beyond the
 * eager ones start for a long batch only.
 */
import { describe, expect, it } from 'vitest';
import { startEarlyWorker, takeEarlyWorker } from '../../../src/cli/pool/early.js';
import { GROW_AFTER_MS, GROW_MS, MIN_IN_FLIGHT, startPool } from '../../../src/cli/pool/pool.js';
import type { FileResult, Task } from '../../../src/cli/pool/task.js';

const STAND_IN = new URL('./stand-in-worker.mjs', import.meta.url);

function tasks(files: readonly string[]): Task[] {
  return files.map((file, index) => ({ index, file, text: '', limits: {} }));
}

async function runAll(files: readonly string[], jobs: number, eager = jobs): Promise<{ results: FileResult[]; interrupted: boolean }> {
  const interrupt = new SharedArrayBuffer(4);
  const results: FileResult[] = [];
  await startPool({ jobs, eager, interrupt, worker: STAND_IN }).run(tasks(files), (r) => results.push(r));
  return { results: results.sort((a, b) => a.index - b.index), interrupted: new Int32Array(interrupt)[0] === 1 };
}

const verdict = (r: FileResult): string => (r.kind === 'crashed' ? `${r.file}:${r.message.startsWith('checked') ? 'ok' : 'crashed'}` : `${r.file}:?`);

describe('the pool', () => {
  it('keeps several tasks in flight per worker', () => {
    expect(MIN_IN_FLIGHT).toBeGreaterThan(1);
  });

  it.each([1, 2])('reports every file once (%i workers)', async (jobs) => {
    const files = Array.from({ length: 20 }, (_, i) => `f${i}`);
    const { results } = await runAll(files, jobs);
    expect(results.map(verdict)).toEqual(files.map((f) => `${f}:ok`));
  });

  it.each([1, 2])('a crash takes only the file that caused it; the others in flight are checked (%i workers)', async (jobs) => {
    const files = ['a', 'crash1', 'b', 'c', 'd', 'crash2', 'e', 'f', 'g'];
    const { results } = await runAll(files, jobs);
    expect(results.map(verdict)).toEqual(files.map((f) => `${f}:${f.startsWith('crash') ? 'crashed' : 'ok'}`));
    const crashed = results.find((r) => r.file === 'crash1');
    expect(crashed?.kind === 'crashed' && crashed.message).toBe('the worker thread stopped (exit code 3)');
  });

  it('after Ctrl-C no file starts; the queued ones are not reported', async () => {
    const files = ['a', 'b', 'stop', 'c', 'd', 'e', 'f', 'g', 'h'];
    const { results, interrupted } = await runAll(files, 1);
    expect(interrupted).toBe(true);
    expect(results.map(verdict)).toEqual(['a:ok', 'b:ok', 'stop:ok']);
  });

  /** The threads that checked the files. */
  const threads = (results: readonly FileResult[]): Set<string> => new Set(results.map((r) => (r.kind === 'crashed' ? r.message : '?')));

  it('starts the worker beyond the eager one when the queue holds more work than GROW_MS', async () => {
    // 100 ms a file, one worker: the queue holds several seconds of work at GROW_AFTER_MS
    const files = Array.from({ length: Math.ceil((GROW_AFTER_MS + 2 * GROW_MS) / 100) }, (_, i) => `slow${i}`);
    const { results } = await runAll(files, 2, 1);
    expect(results.map(verdict)).toEqual(files.map((f) => `${f}:ok`));
    expect(threads(results).size).toBe(2);
  });

  it('adopts a worker started early as its first, with what it said before (its ready)', async () => {
    startEarlyWorker(STAND_IN);
    const early = takeEarlyWorker()!;
    expect(takeEarlyWorker()).toBeNull();
    // the stand-in says 'ready' as it starts: wait until it has, so that the pool must replay it
    while (early.said.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(early.said).toEqual([{ type: 'ready' }]);
    const id = early.worker.threadId; // -1 once it has stopped
    const results: FileResult[] = [];
    const files = ['a', 'b', 'c', 'd', 'e'];
    await startPool({ jobs: 1, interrupt: early.interrupt, early, worker: STAND_IN }).run(tasks(files), (r) => results.push(r));
    expect(results.map(verdict).sort()).toEqual(files.map((f) => `${f}:ok`));
    expect(threads(results)).toEqual(new Set([`checked by ${id}`]));
  });

  it('does not start it for a short batch', async () => {
    const files = Array.from({ length: 200 }, (_, i) => `f${i}`);
    const { results } = await runAll(files, 2, 1);
    expect(results.map(verdict)).toEqual(files.map((f) => `${f}:ok`));
    expect(threads(results).size).toBe(1);
  });
});
