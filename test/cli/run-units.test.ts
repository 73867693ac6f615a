/**
 * The CLI's pure helpers, without a subprocess: exit-status precedence, the action guard
 * (exit 70 for a bug, 2 for a usage error), shards, globs, the mirrored loop bound, the
 * input-order buffer and the progress line.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_UNROLL } from '../../src/check.js';
import { parseShard, shardOf } from '../../src/cli/commands/run.js';
import { EXIT, guard, UsageError, worstExit, type ExitStatus } from '../../src/cli/common/exit.js';
import { segmentRegExp } from '../../src/cli/common/glob.js';
import { HELP_UNROLL } from '../../src/cli/common/options.js';
import { colorEnabled } from '../../src/cli/common/paint.js';
import { ProgressLine } from '../../src/cli/common/progress.js';
import { Ordered } from '../../src/cli/pool/pool.js';

describe('exit statuses', () => {
  it('130 > 2 > 1 > 3 > 0, and 70 above all', () => {
    const order: ExitStatus[] = [EXIT.ok, EXIT.incomplete, EXIT.fail, EXIT.input, EXIT.interrupted, EXIT.internal];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) expect(worstExit(order[i]!, order[j]!)).toBe(order[Math.max(i, j)]);
    }
  });

  it('the guard turns a bug into one line and 70, a usage error into 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const saved = process.exitCode;
    try {
      await guard(() => {
        throw new Error('boom');
      })();
      expect(process.exitCode).toBe(70);
      expect(err).toHaveBeenLastCalledWith('internal error: boom (please report)\n');
      await guard(() => {
        throw new UsageError('no litmus file to check');
      })();
      expect(process.exitCode).toBe(2);
      await guard(() => EXIT.incomplete)();
      expect(process.exitCode).toBe(3);
    } finally {
      process.exitCode = saved;
      err.mockRestore();
    }
  });
});

describe('shards', () => {
  const files = ['e', 'a', 'd', 'b', 'c', 'g', 'f'].map((f) => ({ file: f }));
  it('cover the sorted list exactly once, in near-equal contiguous parts, keeping input order', () => {
    for (const n of [1, 2, 3, 7, 9]) {
      const parts = Array.from({ length: n }, (_, i) => shardOf(files, i + 1, n).map((f) => f.file));
      expect(parts.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(shardOf(files, 1, 3).map((f) => f.file)).toEqual(['a', 'b']);
    expect(shardOf(files, 3, 3).map((f) => f.file)).toEqual(['e', 'g', 'f']);
  });

  it('i/n is validated', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '-1/2']) expect(() => parseShard(bad)).toThrow(/i\/n/);
  });
});

describe('globs', () => {
  it.each([
    ['*.litmus', 'mp.litmus', true],
    ['*.litmus', '.hidden.litmus', false],
    ['SB+*.litmus', 'SB+sc.litmus', true],
    ['{MP,SB}*', 'SB.litmus', true],
    ['{MP,SB}*', 'LB.litmus', false],
    ['[ML]B.litmus', 'LB.litmus', true],
    ['[!ML]B.litmus', 'LB.litmus', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
  ])('%s ~ %s: %s', (pattern, name, matches) => {
    expect(segmentRegExp(pattern).test(name)).toBe(matches);
  });
});

it('the loop bound shown in --help is the checker’s', () => {
  expect(HELP_UNROLL).toBe(DEFAULT_UNROLL);
});

it('colour: off with --no-color or NO_COLOR, on with FORCE_COLOR, else when a TTY', () => {
  expect(colorEnabled({ isTTY: true }, undefined, {})).toBe(true);
  expect(colorEnabled({ isTTY: false }, undefined, {})).toBe(false);
  expect(colorEnabled({ isTTY: true }, false, {})).toBe(false);
  expect(colorEnabled({ isTTY: true }, undefined, { NO_COLOR: '1' })).toBe(false);
  expect(colorEnabled({ isTTY: true }, undefined, { NO_COLOR: '' })).toBe(true);
  expect(colorEnabled({ isTTY: false }, undefined, { FORCE_COLOR: '1' })).toBe(true);
});

it('results come out in input order, as soon as the ones before them are in', () => {
  const out: number[] = [];
  const o = new Ordered<{ index: number }>((x) => out.push(x.index));
  o.push({ index: 2 });
  o.push({ index: 1 });
  expect(out).toEqual([]);
  o.push({ index: 0 });
  expect(out).toEqual([0, 1, 2]);
  expect(o.next).toBe(3);
});

it('the progress line draws on a terminal only, and erases itself', () => {
  const written: string[] = [];
  const sink = { isTTY: true, columns: 200, write: (s: string) => written.push(s) > 0 };
  const p = new ProgressLine(sink, 3, true);
  p.update(0, 1234);
  expect(written.at(-1)).toMatch(/^\r\x1b\[Kexploring: 1,234 executions · [\d,]+\/s · [\d.]+ s · files 0\/3$/);
  p.clear();
  expect(written.at(-1)).toBe('\r\x1b[K');
  const off: string[] = [];
  const q = new ProgressLine({ write: (s: string) => off.push(s) > 0 }, 3, false);
  q.update(0, 1);
  q.fileDone(0, 1);
  q.clear();
  expect(off).toEqual([]);
});
