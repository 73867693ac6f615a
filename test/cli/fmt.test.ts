/**
 * `ordo fmt` end to end: printing, `--check` (exit 1 and the list of unformatted files),
 * `--write` (rewrites only what changes), folders, and diagnostics (exit 2, nothing rewritten).
 */
import { copyFileSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, ROOT, ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const E = `${FIXTURES}/extra`;
const B = `${FIXTURES}/batch`;
const fmt = (args: readonly string[]) => ordo(['fmt', ...args]);

describe.concurrent('ordo fmt', () => {
  it('prints the canonical layout', async () => {
    const r = await fmt([`${E}/unformatted.litmus`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Rust unformatted\n\nstatic X: AtomicUsize = 0;\n\nthread t0 {\n    X.store(1, Relaxed);\n    let r0 = X.load(Relaxed);\n}\n\nexists (t0:r0 == 1)\n');
  });

  it('--check: exit 0 when formatted, 1 with the list of files that are not', async () => {
    expect((await fmt(['--check', `${B}/sb-seqcst.litmus`, `${B}/mp-race.litmus`])).status).toBe(0);
    const r = await fmt(['--check', `${B}/sb-seqcst.litmus`, `${E}/unformatted.litmus`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${E}/unformatted.litmus\n`);
    expect(r.stderr).toContain('1 of 2 files not formatted');
  });

  it('--write rewrites files that change, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-fmt-'));
    copyFileSync(join(ROOT, E, 'unformatted.litmus'), join(dir, 'a.litmus'));
    copyFileSync(join(ROOT, B, 'sb-seqcst.litmus'), join(dir, 'b.litmus'));
    // an old mtime shows whether the formatted file was written again
    utimesSync(join(dir, 'b.litmus'), 1000, 1000);
    const r = await fmt(['--write', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`formatted ${join(dir, 'a.litmus')}\n`);
    expect(statSync(join(dir, 'b.litmus')).mtimeMs).toBe(1_000_000);
    expect((await fmt(['--check', dir])).status).toBe(0);
  });

  it('a file with diagnostics: exit 2, the diagnostic on stderr, never rewritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-fmt-'));
    const text = 'Rust broken\nthread t0 { X.store(1 Relaxed); }\n';
    writeFileSync(join(dir, 'bad.litmus'), text);
    const r = await fmt(['--write', join(dir, 'bad.litmus')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error\[E0100\]/);
    expect(readFileSync(join(dir, 'bad.litmus'), 'utf8')).toBe(text);
  });

  it('--write and --check together, or a missing path, are input errors', async () => {
    expect((await fmt(['--write', '--check', `${B}/sb-seqcst.litmus`])).status).toBe(2);
    const r = await fmt([`${B}/nope.litmus`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^\S+nope.litmus: error\[E0300\]/);
  });

  it('the bundled catalogue is formatted', async () => {
    const r = await fmt(['--check', 'litmus/']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
