/**
 * One benchmark point, in a fresh process: generate the program, explore it (in this thread, or
 * shared by `workers` threads as `ordo run --workers` does), print one JSON line with the
 * counts, the exploration time and the peak resident memory (worker threads included).
 */
import { DEFAULT_UNROLL } from '../src/check.js';
import { exploreParallel } from '../src/cli/parallel/coordinator.js';
import { lower } from '../src/program/lower.js';
import type { Report } from '../src/report/types.js';
import { explore } from '../src/run.js';
import { nativeGrammar } from '../src/syntax/grammars.js';
import { parseLitmus } from '../src/syntax/index.js';
import { family } from './families.js';

const [name, nText, workersText] = process.argv.slice(2);
const f = family(name!);
const n = Number(nText);
const workers = Number(workersText ?? '1');
// module loading is not the work measured: the grammar the file needs is built on first use
// (src/syntax/grammars.ts), so it is built here, before the clock starts, as it was at import
nativeGrammar();
const start = performance.now();
const parsed = parseLitmus(f.source(n), `${name}${n}.litmus`);
if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
const lowered = lower(parsed.file, parsed.source);
if (!lowered.ok) throw new Error(lowered.diagnostics.map((d) => d.message).join('; '));
const options = { model: 'rc11', mode: 'as-written', unroll: f.unroll?.(n) ?? DEFAULT_UNROLL } as const;
const report: Report =
  workers > 1 ? await exploreParallel(lowered.program, { ...options, workers, interrupt: new SharedArrayBuffer(4) }) : explore(lowered.program, options);
const seconds = (performance.now() - start) / 1000;
const c = report.counts;
console.log(
  JSON.stringify({
    family: name,
    n,
    workers,
    complete: c.complete,
    blocked: c.blocked,
    cut: c.cut,
    faulted: c.faulted,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
