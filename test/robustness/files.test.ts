/**
 * Bad paths, end to end through the binary: every problem is one line `PATH: error[E03xx]: ...`
 * on stderr, the files that can be checked still are, and the exit status is 2. test/cli/run.test.ts
 * covers each basic case alone (missing, glob, unreadable, empty folder, symlink loop, /dev/null);
 * this adds the cases that could hang or mislead (an endless device, a FIFO, a broken link, a
 * folder cycle, a trailing slash, an empty argument), all in one batch, for `run` and `fmt`, and
 * the JSON document. Few spawns: each costs seconds on a loaded machine.
 *
 * Running as root: root reads a chmod 000 file or folder anyway, so those two cases are skipped
 * (test/cli uses /proc/self/mem for an unreadable file instead).
 */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordo } from './helpers.js';

const root = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'ordo-files-'));
const good = join(dir, 'good.litmus');
writeFileSync(good, 'Rust GOOD\nstatic X: AtomicUsize = 0;\nthread t0 {\n    X.store(1, Relaxed);\n}\nexists (X == 1)\n');
mkdirSync(join(dir, 'empty'));
mkdirSync(join(dir, 'only-text'));
writeFileSync(join(dir, 'only-text', 'notes.txt'), 'not a litmus file\n');
// a folder that contains a link to itself: walked once, its file checked once
mkdirSync(join(dir, 'cycle', 'sub'), { recursive: true });
writeFileSync(join(dir, 'cycle', 'c.litmus'), 'Rust C\nthread t0 {}\n');
symlinkSync('..', join(dir, 'cycle', 'sub', 'up'));
symlinkSync('nowhere.litmus', join(dir, 'broken.litmus'));
symlinkSync('loop-b.litmus', join(dir, 'loop-a.litmus'));
symlinkSync('loop-a.litmus', join(dir, 'loop-b.litmus'));
execFileSync('mkfifo', [join(dir, 'pipe.litmus')]);
writeFileSync(join(dir, 'secret.litmus'), 'Rust S\nthread t0 {}\n');
chmodSync(join(dir, 'secret.litmus'), 0o000);
mkdirSync(join(dir, 'locked'));
writeFileSync(join(dir, 'locked', 'inside.litmus'), 'Rust S\nthread t0 {}\n');
chmodSync(join(dir, 'locked'), 0o000);

/** Each bad path and the one line it must give. */
const PROBLEMS: [string, string][] = [
  [join(dir, 'missing.litmus'), 'error[E0300]: no such file or folder'],
  [join(dir, '*.nothing'), `error[E0300]: no file matches \`${join(dir, '*.nothing')}\``],
  // /dev/zero never ends: it must not be read at all
  ['/dev/zero', 'error[E0303]: not a regular file or folder: a character device'],
  // opening a FIFO blocks until a writer comes: it must not be opened
  [join(dir, 'pipe.litmus'), 'error[E0303]: not a regular file or folder: a named pipe (FIFO)'],
  [join(dir, 'broken.litmus'), 'error[E0300]: no such file or folder'],
  [join(dir, 'loop-a.litmus'), 'error[E0303]: not a regular file or folder: a symbolic link loop'],
  [join(dir, 'empty'), 'error[E0302]: the folder holds no `*.litmus` file'],
  [join(dir, 'only-text'), 'error[E0302]: the folder holds no `*.litmus` file'],
  [`${good}/`, 'error[E0300]: no such file or folder'],
  ...(root
    ? []
    : ([
        [join(dir, 'secret.litmus'), 'error[E0301]: cannot read: permission denied'],
        [join(dir, 'locked'), 'error[E0301]: cannot read: permission denied'],
      ] as [string, string][])),
];

const linesOf = (s: string): string[] => s.split('\n').filter((l) => l !== '');

describe.concurrent('bad paths: one line each, exit 2, the rest still checked', { timeout: 120_000 }, () => {
  it('ordo run: every problem, then the good files', async () => {
    const r = await ordo(['run', ...PROBLEMS.map(([p]) => p), good, join(dir, 'cycle'), '--jobs', '1']);
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr).sort()).toEqual(PROBLEMS.map(([p, m]) => `${p}: ${m}`).sort());
    expect(r.stdout).toMatch(/^PASS +\S+good\.litmus +rc11/m);
    // the folder with a cycle: its one file, once
    expect(r.stdout.match(/cycle\/c\.litmus/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/^2 files \(2 runs\): 2 passed, 0 failed, 0 incomplete, \d+ errors/m);
  });

  it('ordo fmt: the same lines, exit 2', async () => {
    const r = await ordo(['fmt', ...PROBLEMS.map(([p]) => p), good]);
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr).sort()).toEqual(PROBLEMS.map(([p, m]) => `${p}: ${m}`).sort());
    expect(r.stdout).toContain('Rust GOOD');
  });

  it('--format json: the problems are in the document too', async () => {
    const r = await ordo(['run', '/dev/zero', join(dir, 'pipe.litmus'), join(dir, 'missing.litmus'), '--format', 'json']);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as { inputErrors: { code: string; file: string }[] };
    expect(doc.inputErrors.map((e) => `${e.file} ${e.code}`).sort()).toEqual(
      [`/dev/zero E0303`, `${join(dir, 'pipe.litmus')} E0303`, `${join(dir, 'missing.litmus')} E0300`].sort(),
    );
    expect(linesOf(r.stderr)).toHaveLength(3);
  });
});
