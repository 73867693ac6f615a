/**
 * The bad-input corpus, test/bad/: each NAME.litmus has a NAME.expected holding what
 * `ordo run test/bad/NAME.litmus` shows (NO_COLOR): `exit: N`, then stderr verbatim, then stdout
 * (times replaced) when the file runs. Inputs too large to commit (a 1 MB file, 10,000 threads,
 * nesting 10,000 deep) are generated here; their goldens are test/bad/generated/NAME.expected.
 *
 * Most goldens are computed in-process (helpers.ts mirrors the CLI); one run of the real binary
 * over the whole folder, one over the generated files, and a few single-file runs check that the
 * in-process text is byte for byte what the binary prints.
 *
 * `ORDO_ACCEPT=1 npx vitest run test/robustness/bad-corpus.test.ts` rewrites the goldens: read
 * the diff, as a user would read the messages, before committing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import { lower } from '../../src/program/lower.js';
import * as b from '../helpers/ast.js';
import { decode, goldenText, ordo, ROOT, runInProcess, type Seen } from './helpers.js';

const DIR = join(ROOT, 'test', 'bad');
const GEN = join(DIR, 'generated');
const ACCEPT = process.env['ORDO_ACCEPT'] === '1';

function golden(path: string, actual: string): void {
  if (ACCEPT) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

// sorted by file name, as the CLI walks a folder
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.litmus'))
  .sort()
  .map((f) => f.slice(0, -'.litmus'.length));
const texts = new Map(names.map((n) => [n, decode(readFileSync(join(DIR, `${n}.litmus`)))]));
const seen = new Map<string, Seen>(names.map((n) => [n, runInProcess(`test/bad/${n}.litmus`, texts.get(n)!)]));

describe('test/bad: each file shows its golden diagnostics', () => {
  it('holds at least 60 files, native and C', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
    const c = names.filter((n) => /^\s*(\ufeff)?\s*C\s/.test(texts.get(n)!)).length;
    expect(c).toBeGreaterThanOrEqual(15);
  });

  it.each(names)('%s', (name) => {
    golden(join(DIR, `${name}.expected`), goldenText(seen.get(name)!));
  });

  it('covers every input, syntax and validation code', () => {
    const shown = new Set<string>();
    const all = [...seen.values(), ...generatedSeen().values()];
    for (const s of all) for (const m of s.stderr.matchAll(/error\[(E\d{4})\]/g)) shown.add(m[1]!);
    const wanted = Object.entries(CODES).filter(([, info]) => info.group !== 'files').map(([code]) => code);
    expect(wanted.filter((c) => !shown.has(c))).toEqual([]);
  });

  it('never a stack trace or an internal error', () => {
    for (const [name, s] of seen) {
      expect(s.exit, name).not.toBe(70);
      expect(s.stderr, name).not.toMatch(/\n\s+at |internal error/);
    }
  });
});

const N = 10_000;
/** Inputs too large to commit, by name. */
const GENERATED: Record<string, () => string> = {
  // a plausible file that just keeps going
  'one-megabyte': () => `Rust BIG\nstatic X: AtomicUsize = 0;\nthread t0 {\n${'    X.store(1, Relaxed);\n'.repeat((1 << 20) / 25)}}\n`,
  'ten-thousand-threads': () => `Rust MANY\nstatic X: AtomicUsize = 0;\n${Array.from({ length: N }, (_, i) => `thread t${i} { X.store(${i % 2}, Relaxed); }\n`).join('')}`,
  // small enough to parse: the thread limit of lowering, not the size limit, rejects it
  'three-hundred-threads': () => `Rust MANY\nstatic X: AtomicUsize = 0;\n${Array.from({ length: 300 }, (_, i) => `thread t${i} { X.store(1, Relaxed); }\n`).join('')}`,
  'nested-parentheses': () => `Rust DEEP\nthread t0 {\n    let r = ${'('.repeat(N)}1${')'.repeat(N)};\n}\n`,
  'nested-ifs': () => `Rust DEEP\nthread t0 {\n    let r = 1;\n    ${'if r{'.repeat(N)}${'}'.repeat(N)}\n}\n`,
  'nested-negations': () => `Rust DEEP\nthread t0 {\n    let r = ${'!'.repeat(N)}1;\n}\n`,
  'nested-sum-c': () => `C DEEP\n{ x = 0; }\nP0 (atomic_int* x) {\n  int r0 = ${Array(N).fill('1').join(' + ')};\n}\nexists (0:r0=0)\n`,
  'nested-condition-c': () => `C DEEP\n{ x = 0; }\nP0 (atomic_int* x) {\n  int r0 = 1;\n}\nexists (${'~'.repeat(N)}0:r0=1)\n`,
};

let generatedCache: Map<string, Seen> | null = null;
function generatedSeen(): Map<string, Seen> {
  generatedCache ??= new Map(Object.entries(GENERATED).map(([n, make]) => [n, runInProcess(`${n}.litmus`, make())]));
  return generatedCache;
}

describe('generated inputs: a diagnostic, quickly, never a stack overflow', () => {
  it.each(Object.keys(GENERATED))('%s', (name) => {
    const start = performance.now();
    const s = runInProcess(`${name}.litmus`, GENERATED[name]!());
    expect(performance.now() - start).toBeLessThan(5000);
    expect(s.exit).toBe(2);
    golden(join(GEN, `${name}.expected`), goldenText(s));
  });
});

describe('past the parser', () => {
  // the size limit stops a 10,000-thread file before lowering sees it; built as a tree, the
  // program reaches lowering, which must reject it at once rather than build 10,000 threads
  it('10,000 threads built as a tree: lowering says E0004, quickly', () => {
    const threads = Array.from({ length: N }, (_, i) => b.thread(`t${i}`, [b.store('X', 1, 'Relaxed')]));
    const start = performance.now();
    const r = lower(b.file('MANY', [b.atomic('X')], threads), b.source());
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['E0004 too many threads: 10000 (Ordo explores at most 256)']);
  });
});

describe('the goldens are what the binary prints', { timeout: 120_000 }, () => {
  it.concurrent('one run over the whole folder: the same diagnostics, in order, exit 2', async () => {
    const r = await ordo(['run', 'test/bad', '--jobs', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(names.map((n) => seen.get(n)!.stderr).join(''));
  });

  it.concurrent('one run over the generated files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-bad-'));
    mkdirSync(join(dir, 'generated'));
    const files = Object.keys(GENERATED).sort();
    for (const n of files) writeFileSync(join(dir, 'generated', `${n}.litmus`), GENERATED[n]!());
    const r = await ordo(['run', join(dir, 'generated'), '--jobs', '2']);
    expect(r.status).toBe(2);
    const prefix = `${join(dir, 'generated')}/`;
    expect(r.stderr.split(prefix).join('')).toBe(files.map((n) => generatedSeen().get(n)!.stderr).join(''));
  });

  // the documents stay well-formed whatever the files hold (binary, invalid UTF-8, NUL bytes)
  it.concurrent('--format json and junit: one entry per file, well-formed', async () => {
    const [json, junit] = await Promise.all([ordo(['run', 'test/bad', '--format', 'json', '--jobs', '2']), ordo(['run', 'test/bad', '--format', 'junit', '--jobs', '2'])]);
    expect([json.status, junit.status]).toEqual([2, 2]);
    const doc = JSON.parse(json.stdout) as { files: { file: string; diagnostics: unknown[] | null }[] };
    expect(doc.files.map((f) => f.file)).toEqual(names.map((n) => `test/bad/${n}.litmus`));
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(names.length);
  });

  // a single file: exit status, stderr and the full report on stdout
  it.concurrent.each(['crlf', 'bom-crlf-c', 'load-release', 'c-store-acquire', 'binary-png'])('%s alone', async (name) => {
    const r = await ordo(['run', `test/bad/${name}.litmus`]);
    expect(goldenText({ exit: r.status ?? -1, stderr: r.stderr, stdout: r.stdout })).toBe(goldenText(seen.get(name)!));
  });
});
