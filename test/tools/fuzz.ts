/**
 * `npm run fuzz -- --runs N --seed S [--kind parser|proposition|pipeline|programs|all] [--no-conformance]`:
 * the fuzzers of test/robustness/fuzz-lib.ts, for as long as you like.
 *
 *   parser    random text, token sequences of both grammars, mutations of valid files: the
 *             parser and the validation never throw and every diagnostic points inside the file
 *   proposition  the propositions of `ordo why` / `graph --outcome`, against corpus programs
 *   pipeline  mutated files that still parse, checked end to end within limits
 *   programs  random valid programs (test/helpers/random-programs.ts), printed and checked
 *
 * The valid files mutated are the catalogue and the CLI fixtures, plus the herd7 conformance
 * corpus (../shared/conformance) when it is there. Prints progress on stderr; on a failure,
 * prints the counterexample and writes it, byte for byte, to fuzz-counterexample-KIND-SEED.litmus
 * (ready for test/bad/ with a golden file), and exits 1.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatLitmus, parseLitmus } from '../../src/syntax/index.js';
import { randomProgram } from '../helpers/random-programs.js';
import {
  loweredCorpus, mutations, parserInputs, parserProperty, pipelineProperty, propositionInputs, propositionProperty, repoRoot, seedCorpus, vocabularies,
} from '../robustness/fuzz-lib.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('--runs') ?? 10_000);
const seed = Number(arg('--seed') ?? Date.now() % 1_000_000);
const kind = arg('--kind') ?? 'all';
const KINDS = ['parser', 'proposition', 'pipeline', 'programs'];
const kinds = kind === 'all' ? KINDS : [kind];
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || kinds.some((k) => !KINDS.includes(k))) {
  console.error('usage: npm run fuzz -- --runs N --seed S [--kind parser|proposition|pipeline|programs|all] [--no-conformance]');
  process.exit(2);
}

const conformance = join(repoRoot(), '..', 'shared', 'conformance');
const extra = !process.argv.includes('--no-conformance') && existsSync(conformance) ? [conformance] : [];
const corpus = seedCorpus(extra);
console.error(`fuzz: seed ${seed}, ${runs} runs per kind (${kinds.join(', ')}), ${corpus.length} valid files to mutate${extra.length ? ' (with the conformance corpus)' : ''}`);

/** Wraps a property to count inputs and print progress every 5 s. */
function counted<T>(name: string, body: (x: T) => void): { readonly run: (x: T) => void } {
  let n = 0;
  const start = performance.now();
  let last = start;
  return {
    run: (x) => {
      n++;
      const now = performance.now();
      if (now - last > 5000) {
        last = now;
        console.error(`  ${name}: ${n} inputs, ${Math.round(n / ((now - start) / 1000))}/s`);
      }
      body(x);
    },
  };
}

/** What a fuzzing run found, with the counterexample as text. */
interface Outcome {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly counterexample: string | null;
  readonly counterexamplePath: string | null;
  readonly errorInstance: unknown;
  /** Said beside the counterexample (the file keeps only its bytes). */
  readonly note: string;
}

function outcome<T>(r: fc.RunDetails<[T]>, text: (x: T) => string, note: (x: T) => string = () => ''): Outcome {
  const x = r.counterexample?.[0];
  return { failed: r.failed, numRuns: r.numRuns, counterexample: x !== undefined ? text(x) : null, counterexamplePath: r.counterexamplePath, errorInstance: r.errorInstance, note: x !== undefined ? note(x) : '' };
}

let failed = false;
for (const k of kinds) {
  const start = performance.now();
  let result: Outcome;
  if (k === 'proposition') {
    // the input is a (program, proposition) pair: the counterexample names the program's test
    const programs = loweredCorpus(corpus);
    const c = counted<{ program: number; text: string }>(k, (p) => propositionProperty(programs, p));
    const r = fc.check(fc.property(propositionInputs(corpus), c.run), { numRuns: runs, seed });
    result = outcome(r, (p) => p.text, (p) => ` (a proposition about the test ${programs[p.program % programs.length]!.name})`);
  } else {
    const c = counted<string>(k, k === 'parser' ? parserProperty : pipelineProperty);
    const arb: fc.Arbitrary<string> =
      k === 'parser'
        ? parserInputs(corpus)
        : k === 'pipeline'
          ? mutations(corpus, vocabularies()).filter((t) => parseLitmus(t, 'm.litmus').ok)
          : randomProgram({ maxThreads: 4, maxOps: 4 }).map((f) => formatLitmus(f));
    result = outcome(fc.check(fc.property(arb, c.run), { numRuns: runs, seed }), (t) => t);
  }
  const secs = (performance.now() - start) / 1000;
  if (result.failed && result.counterexample !== null) {
    failed = true;
    const text = result.counterexample;
    const file = `fuzz-counterexample-${k}-${seed}.${k === 'proposition' ? 'txt' : 'litmus'}`;
    writeFileSync(file, text);
    console.log(`${k}: FAILED after ${result.numRuns} runs (seed ${seed}, path ${result.counterexamplePath ?? ''})`);
    console.log(`  ${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)}`);
    console.log(`  counterexample${result.note} written to ${file}:\n${text}`);
  } else {
    console.log(`${k}: ${result.numRuns} inputs passed in ${secs.toFixed(1)} s (${Math.round(result.numRuns / secs)}/s), seed ${seed}`);
  }
}
process.exit(failed ? 1 : 0);
