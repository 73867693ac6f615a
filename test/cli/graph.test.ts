/**
 * `ordo graph` end to end: DOT on stdout (pinned by golden files), SVG and PNG through the
 * WebAssembly Graphviz and resvg, the witness chosen for an outcome, derived relations on
 * request, races in red, and exit statuses.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FB, goldenB } from './fixtures-b/golden.js';
import { ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const OUT = mkdtempSync(join(tmpdir(), 'ordo-graph-'));
const graph = (...args: string[]) => ordo(['graph', ...args]);

describe.concurrent('graph', () => {
  it('DOT on stdout: a witness of the first outcome, golden', async () => {
    const r = await graph(`${FB}/mp.litmus`);
    expect(r.status, r.stderr).toBe(0);
    // MP's condition is unreachable as written: the first outcome is drawn
    expect(r.stdout).toContain('outcome t1:r1=0 t1:r2=0');
    goldenB('mp.dot', r.stdout);
  });

  it('the first outcome satisfying the condition; a race drawn in red both ways, golden', async () => {
    const r = await graph(`${FB}/arc-drop-relaxed.litmus`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('outcome t0:s0=9 t1:s1=0');
    expect(r.stdout).toMatch(/e\d+ -> e\d+ \[label="race", color="#c62828".*dir="both"/);
    goldenB('arc-drop-relaxed.dot', r.stdout);
  });

  it('--outcome picks an execution ending there; --show adds sw and hb', async () => {
    const r = await graph(`${FB}/mp.litmus`, '--outcome', 't1:r1 == 1 && t1:r2 == 42', '--show', 'sw,hb');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('label="R READY=1 acq\\nL13: READY.load(Acquire)"');
    expect(r.stdout).toContain('label="R DATA=42 rlx\\nL14: DATA.load(Relaxed)"');
    // W READY sw→ R READY; W DATA hb→ R DATA (the pair the synchronisation orders)
    expect(r.stdout).toMatch(/e3 -> e4 \[label="sw"/);
    expect(r.stdout).toMatch(/e2 -> e5 \[label="hb"/);
    const plain = await graph(`${FB}/mp.litmus`, '--outcome', 't1:r1 == 1 && t1:r2 == 42');
    expect(plain.stdout).not.toContain('label="sw"');
  });

  it('-o .svg: thread clusters, event labels, edges, through the WebAssembly Graphviz', async () => {
    const file = join(OUT, 'mp.svg');
    const r = await graph(`${FB}/mp.litmus`, '--outcome', 't1:r1 == 1 && t1:r2 == 42', '-o', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    for (const s of ['<title>cluster_t0</title>', '<title>cluster_t1</title>', '>t0</text>', '>t1</text>', '>W DATA=42 rlx</text>', '>L8: DATA.store(42, Relaxed);</text>', '>READY = 0</text>', '>rf</text>', '>mo</text>']) {
      expect(svg).toContain(s);
    }
  });

  it('-o .png: a PNG image', async () => {
    const file = join(OUT, 'sb.png');
    const r = await graph(`${FB}/sb.litmus`, '--mode', 'relaxed', '-o', file);
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(10_000); // text was drawn, not an empty canvas
  });

  it('-o .dot writes the DOT; the C dialect and its propositions', async () => {
    const file = join(OUT, 'sb-c.dot');
    const r = await graph(`${FB}/sb-c.litmus`, '--mode', 'relaxed', '--outcome', '0:r0=0 /\\ 1:r0=0', '-o', file);
    expect(r.status, r.stderr).toBe(0);
    const dot = readFileSync(file, 'utf8');
    expect(dot).toContain('subgraph cluster_t1 {\n    label="P1";');
    expect(dot).toContain('label="R x=0 rlx\\nL13: atomic_load_explicit(x, memory_order_seq_cst)"');
  });

  it('a forbidden outcome: nothing to draw, exit 1, and a pointer to ordo why', async () => {
    const r = await graph(`${FB}/mp.litmus`, '--outcome', 't1:r1 == 1 && t1:r2 == 0');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('forbidden (coherence)');
    expect(r.stderr).toContain("ordo why test/cli/fixtures-b/mp.litmus 't1:r1 == 1 && t1:r2 == 0'");
  });

  it.each([
    ['an unknown thread in --outcome', ['--outcome', 't7:r1 == 1'], /error\[E0221\]: no thread `t7`[\s\S]*<outcome>:1:1/],
    ['a syntax error in --outcome', ['--outcome', 't1:r1 = 1'], /error\[E0100\]/],
    ['an unknown relation in --show', ['--show', 'sw,eco'], /--show/],
    ['an unknown output extension', ['-o', join(OUT, 'x.jpg')], /\.dot, \.svg or \.png/],
    ['an unwritable output', ['-o', join(OUT, 'no/such/dir/x.svg')], /cannot write/],
  ])('input errors exit 2: %s', async (_, args, message) => {
    const r = await graph(`${FB}/mp.litmus`, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
