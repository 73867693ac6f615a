/**
 * `npm run differential -- --runs N --seed S [--models rc11,sc] [--oracles fast,declarative]
 *  [--max-ops K] [--properties]`: the optimal explorer (with the fast oracle, the declarative
 * one, or both, the default) against the reference enumerator on N random programs per model
 * (test/helpers/random-programs.ts: 2-4 threads, up to 3 atomic locations and a plain one,
 * every ordering, RMWs, fences, plain accesses, `if`); programs too large for the reference
 * are skipped and counted. With --properties, also the semantic properties 1-4 of
 * test/robustness/properties-lib.ts, N programs each.
 *
 * Each comparison runs in a worker thread (differential-worker.ts): a program the reference
 * cannot enumerate within --program-timeout seconds (default 30) is skipped and counted.
 *
 * Prints progress on stderr. On a difference, fast-check shrinks the program; the smallest one
 * is printed as a litmus file (formatLitmus) and written to differential-counterexample-SEED.litmus,
 * and the exit status is 1.
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { LitmusFile, ModelName } from '../../src/ast.js';
import { formatLitmus } from '../../src/syntax/index.js';
import { randomProgram } from '../helpers/random-programs.js';
import type { DiffOptions, DiffResult } from '../robustness/differential-lib.js';
import { realExplore, scWithinRc11, seqCstIsSc, strengtheningMonotone, threadOrderIrrelevant } from '../robustness/properties-lib.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('--runs') ?? 1000);
const seed = Number(arg('--seed') ?? Date.now() % 1_000_000);
const maxOps = Number(arg('--max-ops') ?? 3);
const models = (arg('--models') ?? 'rc11,sc').split(',') as ModelName[];
const programTimeoutMs = Number(arg('--program-timeout') ?? 30) * 1000;
const oracles = (arg('--oracles') ?? 'fast,declarative').split(',');
const declarative = oracles.includes('declarative');
const fast = oracles.includes('fast');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !(maxOps >= 1) || models.some((m) => m !== 'rc11' && m !== 'sc') || oracles.some((x) => x !== 'fast' && x !== 'declarative')) {
  console.error('usage: npm run differential -- --runs N --seed S [--models rc11,sc] [--oracles fast,declarative] [--max-ops K] [--program-timeout SECONDS] [--properties]');
  process.exit(2);
}

const programs = randomProgram({ maxThreads: 4, maxOps });
const start = performance.now();
let failed = false;

/** One comparison in the worker, or `timeout` when it takes longer than --program-timeout. */
class RemoteDiff {
  private worker = RemoteDiff.start();

  private static start(): Worker {
    return new Worker(new URL('./differential-worker.js', import.meta.url));
  }

  compare(file: LitmusFile, model: ModelName, options: DiffOptions): Promise<DiffResult | { kind: 'timeout' }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.worker.removeAllListeners('message');
        void this.worker.terminate();
        this.worker = RemoteDiff.start();
        resolve({ kind: 'timeout' });
      }, programTimeoutMs);
      this.worker.once('message', (m: { ok: true; result: DiffResult } | { ok: false; error: string }) => {
        clearTimeout(timer);
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error));
      });
      this.worker.postMessage({ file, model, options });
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** Runs one property over N programs with progress; reports and remembers a failure. */
async function run<T extends unknown[]>(name: string, arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, body: (...xs: T) => string | null | Promise<string | null>, tally?: () => string): Promise<void> {
  let n = 0;
  let last = performance.now();
  const t0 = last;
  const prop = fc.asyncProperty(...(arbs as unknown as [fc.Arbitrary<unknown>]), async (...xs: unknown[]) => {
    n++;
    const now = performance.now();
    if (now - last > 5000) {
      last = now;
      console.error(`  ${name}: ${n} programs${tally ? `, ${tally()}` : ''}, ${((now - t0) / 1000).toFixed(0)} s`);
    }
    const why = await body(...(xs as T));
    if (why !== null) throw new Error(why);
  });
  const r = await fc.check(prop, { numRuns: runs, seed });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (!r.failed) {
    console.log(`${name}: ${r.numRuns} programs passed${tally ? ` (${tally()})` : ''} in ${secs} s, seed ${seed}`);
    return;
  }
  failed = true;
  const f = r.counterexample?.[0] as LitmusFile | undefined;
  const why = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
  console.log(`${name}: FAILED after ${r.numRuns} programs (seed ${seed}, path ${r.counterexamplePath ?? ''}), shrunk to:\n  ${why.split('\n').join('\n  ')}`);
  if (f) {
    const file = `differential-counterexample-${seed}.litmus`;
    const text = formatLitmus(f);
    writeFileSync(file, text);
    console.log(`counterexample written to ${file} (other arguments: ${JSON.stringify(r.counterexample!.slice(1))}):\n${text}`);
  }
}

console.error(`differential: seed ${seed}, ${runs} programs per check, up to ${maxOps} operations per thread, models ${models.join(', ')}, oracles ${oracles.join(', ')}`);
const remote = new RemoteDiff();
for (const model of models) {
  let compared = 0;
  let skipped = 0;
  let slow = 0;
  let graphs = 0;
  await run(
    `explorer = reference (${model})`,
    [programs],
    async (f: LitmusFile) => {
      const d = await remote.compare(f, model, { declarative, fast });
      if (d.kind === 'skipped') skipped++;
      else if (d.kind === 'timeout') slow++;
      else if (d.kind === 'same') {
        compared++;
        graphs += d.graphs;
      } else return d.why;
      return null;
    },
    () => `${compared} compared, ${skipped} too large and ${slow} too slow for the reference, ${graphs} graphs`,
  );
  if (failed) break;
}
remote.close();

if (process.argv.includes('--properties') && !failed) {
  const keys = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
  const permOf = (k: readonly number[], n: number): number[] => Array.from({ length: n }, (_, i) => i).sort((a, b) => k[a]! - k[b]! || a - b);
  await run('1. SC within RC11', [programs], (f: LitmusFile) => scWithinRc11(f, realExplore));
  await run('2. strengthening is monotone', [programs], (f: LitmusFile) => strengtheningMonotone(f, realExplore));
  await run('3. all SeqCst = SC', [randomProgram({ maxThreads: 4, maxOps, plain: false })], (f: LitmusFile) => seqCstIsSc(f, realExplore));
  for (const model of models) {
    await run(`4. thread order (${model})`, [programs, keys], (f: LitmusFile, k: number[]) => threadOrderIrrelevant(f, permOf(k, f.threads.length), model, realExplore));
  }
}

console.log(`${failed ? 'FAILED' : 'passed'} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
