/**
 * `ordo run` end to end: exit statuses (each alone and their precedence in a batch), which runs
 * a file gets, limits, Ctrl-C, bad options, sharding, jobs, colour, and the text report pinned
 * by golden files (ORDO_ACCEPT=1 regenerates them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, golden, ordo, stable, type RunOptions } from './run-helpers.js';

// every test spawns node; on a loaded 2-core CI machine a few take seconds
vi.setConfig({ testTimeout: 60_000 });

const run = (args: readonly string[], o?: RunOptions) => ordo(['run', ...args], o);

const B = `${FIXTURES}/batch`;

/** User + system CPU seconds of a process (Linux: /proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const E = `${FIXTURES}/extra`;

describe.concurrent('exit statuses', () => {
  it.each([
    ['a passing file', [`${B}/sb-seqcst.litmus`], 0],
    ['a failing verdict', [`${B}/sb-relaxed.litmus`], 1],
    ['a data race', [`${B}/mp-race.litmus`], 1],
    ['an assertion failure', [`${B}/assert.litmus`], 1],
    ['diagnostics', [`${B}/invalid.litmus`], 2],
    ['a limit', [`${B}/counter5.litmus`, '--max-executions', '1'], 3],
    ['the loop bound', [`${B}/loop-cut.litmus`], 3],
    ['pass + incomplete', [`${B}/sb-seqcst.litmus`, `${B}/loop-cut.litmus`], 3],
    ['pass + incomplete + fail', [`${B}/sb-seqcst.litmus`, `${B}/loop-cut.litmus`, `${B}/sb-relaxed.litmus`], 1],
    ['incomplete + fail + diagnostics', [`${B}/loop-cut.litmus`, `${B}/sb-relaxed.litmus`, `${B}/invalid.litmus`], 2],
    ['a failing file + a missing path', [`${B}/sb-relaxed.litmus`, `${B}/nope.litmus`], 2],
  ] as const)('%s', async (_, args, status) => {
    const r = await run(args);
    expect(r.status, r.stderr).toBe(status);
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('a higher --unroll does not settle a loop that never ends, and says so', async () => {
    const r = await run([`${B}/loop-cut.litmus`, '--unroll', '2']);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('raise --unroll');
  });

  it('--timeout leaves the verdict open (exit 3) and shows what was found', async () => {
    const r = await run([`${E}/counter8.litmus`, '--timeout', '0.2']);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('INCOMPLETE: stopped by the timeout');
    expect(r.stdout).toMatch(/Outcomes +1 distinct final state/);
  });

  it('Ctrl-C stops exploring, prints what was found so far, exits 130', async () => {
    // wait for CPU time, not wall time: start-up takes well under a CPU second even on a busy
    // machine, and exploring counter9 takes several, so at 1.5 s the worker is exploring
    // (counter8 became too quick: it could finish before the signal)
    const r = await run([`${E}/counter9.litmus`], {
      onStart: (c) => {
        const poll = setInterval(() => {
          if (cpuSeconds(c.pid!) >= 1.5) {
            clearInterval(poll);
            c.kill('SIGINT');
          }
        }, 50);
        c.on('close', () => clearInterval(poll));
      },
    });
    expect(r.status).toBe(130);
    expect(r.stdout).toContain('INCOMPLETE: stopped by Ctrl-C');
    expect(r.stdout).toContain('C  executions');
  });

  it('a quick file is reported while the long file after it is still being explored', async () => {
    // one worker holds the files and sends results in batches; the last quick file's line must
    // not wait for the long one, so Ctrl-C is sent only once it has been printed (were it held
    // back, counter9 would run to its end)
    const quick = ['sb-seqcst', 'sb-relaxed', 'assert', 'mp-race'].map((f) => `${B}/${f}.litmus`);
    const r = await run([...quick, `${E}/counter9.litmus`, '--jobs', '1'], {
      onStart: (c) => {
        let seen = '';
        c.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.includes('mp-race')) c.kill('SIGINT');
        });
      },
    });
    expect(r.status).toBe(130);
    expect(r.stdout).toMatch(/FAIL\s+\S*mp-race\.litmus/);
    expect(r.stdout).toMatch(/INCOMPLETE\s+\S*counter9\.litmus.*interrupted \(Ctrl-C\)/);
  });
});

describe.concurrent('which runs a file gets', () => {
  it('every (model, mode) its expectation clause lists', async () => {
    const r = await run([`${B}/sb-seqcst.litmus`, `${B}/sb-relaxed.litmus`]);
    const lines = r.stdout.split('\n').filter((l) => /^(PASS|FAIL)/.test(l));
    expect(lines.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      `PASS ${B}/sb-seqcst.litmus rc11`,
      `PASS ${B}/sb-seqcst.litmus sc`,
      `FAIL ${B}/sb-relaxed.litmus rc11`,
    ]);
  });

  it('exactly the one given by --model / --mode', async () => {
    const r = await run([`${B}/sb-seqcst.litmus`, `${B}/sb-relaxed.litmus`, '--model', 'sc']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^PASS +\S+ +sc /gm)).toHaveLength(2);
    const m = await run([`${B}/sb-relaxed.litmus`, '--mode', 'seqcst']);
    expect(m.status).toBe(0);
    expect(m.stdout).toContain('model rc11, mode seqcst');
  });
});

describe.concurrent('input problems: one line each, exit 2', async () => {
  const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, chmodSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'ordo-cli-'));
  mkdirSync(join(dir, 'empty'));
  symlinkSync('loop.litmus', join(dir, 'loop.litmus'));
  writeFileSync(join(dir, 'secret.litmus'), 'Rust secret\n');
  chmodSync(join(dir, 'secret.litmus'), 0o000);
  // root reads any file whatever its mode: /proc/self/mem is unreadable for everyone (EIO)
  const unreadable = process.getuid?.() === 0 ? '/proc/self/mem' : join(dir, 'secret.litmus');

  it.each([
    ['a missing path', join(dir, 'missing.litmus'), 'E0300'],
    ['a glob matching nothing', join(dir, '*.nothing'), 'E0300'],
    ['an unreadable file', unreadable, 'E0301'],
    ['a folder with no litmus file', join(dir, 'empty'), 'E0302'],
    ['a symlink loop', join(dir, 'loop.litmus'), 'E0303'],
    ['a device', '/dev/null', 'E0303'],
  ])('%s', async (_, path, code) => {
    const r = await run([path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: error\\[${code}\\]: .+$`))]);
  });

  it.each([
    ['an unknown model', ['--model', 'tso']],
    ['a bad mode', ['--mode', 'weak']],
    ['a zero loop bound', ['--unroll', '0']],
    ['a bad timeout', ['--timeout', '-1']],
    ['a bad shard', ['--shard', '3/2']],
    ['a shard that is not i/n', ['--shard', 'half']],
    ['zero jobs', ['--jobs', '0']],
    ['an unknown option', ['--frobnicate']],
    ['an unknown format', ['--format', 'xml']],
  ])('%s', async (_, args) => {
    const r = await run([`${B}/sb-seqcst.litmus`, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });

  it('no subcommand, or an unknown one, is a usage error', async () => {
    expect((await ordo([])).status).toBe(2);
    expect((await ordo(['frobnicate'])).status).toBe(2);
  });
});

describe.concurrent('batches', () => {
  it('--shard splits the sorted list: every file in exactly one shard, whatever the argument order', async () => {
    const files = ['assert', 'counter5', 'loop-cut', 'mp-race', 'sb-relaxed', 'sb-seqcst'].map((f) => `${B}/${f}.litmus`);
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await run([...files].reverse().concat(['--shard', `${i}/3`, '--jobs', '1']));
      const mine = [...new Set(r.stdout.split('\n').filter((l) => /^[A-Z]/.test(l) && l.includes('.litmus')).map((l) => l.split(/\s+/)[1]!))];
      expect(mine).toHaveLength(2);
      seen.push(...mine);
    }
    expect(seen.sort()).toEqual([...files].sort());
  });

  it('an empty shard (more machines than files) passes', async () => {
    const r = await run([`${B}/sb-seqcst.litmus`, '--shard', '1/2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('shard 1/2 holds no file\n');
  });

  it('--jobs 1 and --jobs 2 print the same thing', async () => {
    const [a, b] = await Promise.all([run([B, '--jobs', '1']), run([B, '--jobs', '2'])]);
    expect(stable(a.stdout)).toBe(stable(b.stdout));
    expect(a.stderr).toBe(b.stderr);
    expect(a.status).toBe(b.status);
  });

  it('--details prints the full report of every file', async () => {
    const r = await run([`${B}/sb-seqcst.litmus`, `${B}/counter5.litmus`, '--details', '--jobs', '1']);
    expect(r.stdout.match(/^── model /gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/^2 files \(3 runs\): 2 passed/m);
  });

  // a batch's plain summary builds no outcome witness; the outputs that show them still get them
  it('witnesses in a batch: --details --witness shows every outcome\'s, JSON carries them', async () => {
    const files = [`${B}/sb-seqcst.litmus`, `${B}/counter5.litmus`, '--jobs', '1'];
    const [details, json] = await Promise.all([run([...files, '--details', '--witness']), run([...files, '--format', 'json'])]);
    const outcomes = (JSON.parse(json.stdout) as { files: { runs: { states: { witness: unknown }[] }[] }[] }).files.flatMap((f) =>
      f.runs.flatMap((r) => r.states),
    );
    expect(outcomes.length).toBeGreaterThan(2);
    expect(outcomes.every((o) => o.witness !== null)).toBe(true);
    expect(details.stdout.match(/witness of /g)).toHaveLength(outcomes.length);
  });

  it('a reader that goes away (| head) costs no stack trace, and the status stays', async () => {
    const r = await run([B, '--jobs', '1'], { onStart: (c) => c.stdout!.destroy() });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.status).toBe(2);
  });

  it('--quiet leaves out passing files', async () => {
    const r = await run([B, '--quiet']);
    expect(r.stdout).not.toMatch(/^PASS/m);
    expect(r.stdout).toMatch(/^FAIL/m);
  });
});

describe.concurrent('colour', () => {
  const args = [`${B}/sb-relaxed.litmus`];
  it('on with FORCE_COLOR', async () => {
    expect((await run(args, { color: true, env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[');
  });
  it('off with NO_COLOR, even with FORCE_COLOR', async () => {
    expect((await run(args, { color: true, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });
  it('off with --no-color', async () => {
    expect((await run([...args, '--no-color'], { color: true, env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });
  it('off when piped', async () => {
    expect((await run(args, { color: true })).stdout).not.toContain('\x1b[');
  });
});

describe.concurrent('text output (golden)', () => {
  it.each(['mp-race', 'assert', 'loop-cut', 'sb-seqcst'])('%s', async (name) => {
    const r = await run([`${B}/${name}.litmus`]);
    golden(`${name}.txt`, stable(r.stdout));
  });

  it('--witness shows one per outcome', async () => {
    const r = await run([`${B}/sb-relaxed.litmus`, '--witness']);
    expect(r.stdout.match(/witness of /g)).toHaveLength(4);
  });

  it('a batch: a line per run, compact details of failures, diagnostics on stderr, a tally', async () => {
    const r = await run([B, '--jobs', '2']);
    golden('batch.txt', stable(r.stdout));
    golden('batch.stderr.txt', r.stderr);
  });
});

describe.concurrent('help and version', () => {
  it('--version', async () => {
    const r = await ordo(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help documents exit statuses; each command has examples', async () => {
    const r = await ordo(['--help']);
    expect(r.status).toBe(0);
    for (const s of ['0 ', '1 ', '2 ', '3 ', '70 ', '130 ']) expect(r.stdout).toContain(`\n  ${s}`);
    for (const cmd of ['run', 'fmt']) {
      const h = await ordo([cmd, '--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain('Examples:');
    }
  });
});
