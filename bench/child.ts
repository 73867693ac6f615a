/**
 * One benchmark point, in a fresh process: generate the program, explore it, print one JSON line
 * with the counts, the exploration time and the peak resident memory.
 */
import { check, DEFAULT_UNROLL } from '../src/check.js';
import { family } from './families.js';

const [name, nText] = process.argv.slice(2);
const f = family(name!);
const n = Number(nText);
const source = f.source(n);
const start = performance.now();
const res = check(source, `${name}${n}.litmus`, { model: 'rc11', mode: 'as-written', unroll: f.unroll?.(n) ?? DEFAULT_UNROLL });
const seconds = (performance.now() - start) / 1000;
if (!res.ok) {
  console.log(JSON.stringify({ error: res.diagnostics.map((d) => d.message).join('; ') }));
  process.exit(2);
}
const c = res.report.counts;
console.log(
  JSON.stringify({
    family: name,
    n,
    complete: c.complete,
    blocked: c.blocked,
    cut: c.cut,
    faulted: c.faulted,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
