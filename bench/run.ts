/**
 * `npm run bench`: runs each benchmark family at its measured points in a fresh process and
 * prints one row per run: family, n, complete and blocked executions, the expected count, wall
 * seconds, executions per second, peak memory, and GenMC's rate at that point for comparison.
 *
 *   npm run bench                      every family at the points GenMC was timed at
 *   npm run bench -- --quick           small points, about a minute in all
 *   npm run bench -- --family ainc --n 7
 *   npm run bench -- --workers 2       share each exploration between 2 threads
 *   npm run bench -- --speedup         each point with 1 and with 2 workers, and the ratio
 *   npm run bench -- --json out.json   also write the rows, to compare commits
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILIES, family } from './families.js';

interface Row {
  family: string;
  n: number;
  workers: number;
  complete: number;
  blocked: number;
  expected: number | null;
  seconds: number;
  wallSeconds: number;
  rate: number;
  peakRssMb: number;
  genmcRate: number | null;
  ok: boolean;
  error?: string;
}

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'child.js');

const QUICK: Record<string, number> = { ainc: 6, binc: 4, casrot: 7, casw: 4, wcas: 8, readers: 10, sb_ring: 10, sb_ring_sc: 8, coa: 4, lastzero: 8, fib_bench: 3, indexer: 12, ticketlock: 4 };

const points: { name: string; n: number; genmcSeconds: number | null }[] = [];
if (opt('--family')) {
  const f = family(opt('--family')!);
  const ns = opt('--n') ? [Number(opt('--n'))] : f.reference.map((r) => r.n);
  for (const n of ns) points.push({ name: f.name, n, genmcSeconds: f.reference.find((r) => r.n === n)?.genmcSeconds ?? null });
} else if (args.includes('--quick')) {
  for (const f of FAMILIES) points.push({ name: f.name, n: QUICK[f.name]!, genmcSeconds: null });
} else {
  for (const f of FAMILIES) for (const r of f.reference) points.push({ name: f.name, n: r.n, genmcSeconds: r.genmcSeconds });
}

const rows: Row[] = [];
const pad = (s: string, w: number) => s.padStart(w);
const WIDTHS = [12, 4, 3, 10, 9, 10, 8, 10, 8, 13, 6];
console.log(['family', 'n', 'w', 'complete', 'blocked', 'expected', 'wall s', 'exec/s', 'peak MB', 'GenMC exec/s', ''].map((h, i) => pad(h, WIDTHS[i]!)).join(' '));
const workerCounts = args.includes('--speedup') ? [1, 2] : [Number(opt('--workers') ?? '1')];
for (const p of points) {
  const f = family(p.name);
  const expected = f.expected(p.n);
  const byWorkers: Row[] = [];
  for (const workers of workerCounts) {
    const t0 = performance.now();
    let out: string;
    try {
      out = execFileSync(process.execPath, [child, p.name, String(p.n), String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? JSON.stringify({ error: String(e) });
    }
    const wall = (performance.now() - t0) / 1000;
    const r = JSON.parse(out.trim().split('\n').pop()!) as Partial<Row> & { error?: string };
    const row: Row = {
      family: p.name,
      n: p.n,
      workers,
      complete: r.complete ?? 0,
      blocked: r.blocked ?? 0,
      expected,
      seconds: r.seconds ?? 0,
      wallSeconds: wall,
      rate: (r.complete ?? 0) / Math.max(1e-9, r.seconds ?? wall),
      peakRssMb: r.peakRssMb ?? 0,
      genmcRate: p.genmcSeconds !== null && expected !== null ? expected / p.genmcSeconds : null,
      ok: r.error === undefined && (expected === null || r.complete === expected),
      ...(r.error !== undefined ? { error: r.error } : {}),
    };
    rows.push(row);
    byWorkers.push(row);
    console.log(
      [row.family, String(row.n), String(workers), String(row.complete), String(row.blocked), expected === null ? '-' : String(expected), wall.toFixed(2), row.rate.toFixed(0), row.peakRssMb.toFixed(0), row.genmcRate === null ? '-' : row.genmcRate.toFixed(0), row.ok ? 'ok' : 'FAIL']
        .map((s, i) => pad(s, WIDTHS[i]!))
        .join(' ') + (row.error ? `  ${row.error}` : ''),
    );
  }
  if (byWorkers.length === 2) console.log(pad(`speedup ×${(byWorkers[0]!.seconds / Math.max(1e-9, byWorkers[1]!.seconds)).toFixed(2)}`, 30));
}
if (opt('--json')) writeFileSync(opt('--json')!, JSON.stringify(rows, null, 2) + '\n');
process.exit(rows.every((r) => r.ok) ? 0 : 1);
