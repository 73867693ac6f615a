/**
 * The fuzzers of fuzz-lib.ts at a fixed seed, as part of `npm test`: a few thousand parser
 * inputs (random text, token sequences of both grammars, mutations of valid files), command-line
 * propositions, then the whole pipeline on random valid programs and on mutated files that still
 * parse. Longer runs:
 * `npm run fuzz -- --runs N --seed S` (test/tools/fuzz.ts), which prints a counterexample as a
 * file ready for test/bad/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLitmus, parseLitmus } from '../../src/syntax/index.js';
import { randomProgram } from '../helpers/random-programs.js';
import {
  loweredCorpus, mutations, parserInputs, parserProperty, pipelineProperty, propositionInputs, propositionProperty, seedCorpus, vocabularies,
} from './fuzz-lib.js';

const corpus = seedCorpus();

describe('fuzzing the parser (fixed seed)', () => {
  it('holds a corpus of valid files to mutate', () => {
    expect(corpus.length).toBeGreaterThan(50);
  });

  it('never throws; every rejection is a diagnostic inside the file', { timeout: 120_000 }, () => {
    fc.assert(fc.property(parserInputs(corpus), parserProperty), { seed: 20_240_601, numRuns: 2500 });
  });
});

describe('fuzzing command-line propositions (fixed seed)', () => {
  it('never throw; every rejection is a diagnostic inside the text', { timeout: 120_000 }, () => {
    const programs = loweredCorpus(corpus);
    fc.assert(fc.property(propositionInputs(corpus), (p) => propositionProperty(programs, p)), { seed: 20_240_604, numRuns: 1500 });
  });
});

describe('fuzzing the pipeline (fixed seed): it always ends with a report', () => {
  it('on random valid programs, printed and read back', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(randomProgram({ maxThreads: 4, maxOps: 4 }), (f) => {
        const text = formatLitmus(f);
        expect(parseLitmus(text, 'r.litmus').ok).toBe(true);
        pipelineProperty(text);
      }),
      { seed: 20_240_602, numRuns: 100 },
    );
  });

  it('on mutated files that still parse', { timeout: 120_000 }, () => {
    const parsing = mutations(corpus, vocabularies()).filter((t) => parseLitmus(t, 'm.litmus').ok);
    fc.assert(fc.property(parsing, pipelineProperty), { seed: 20_240_603, numRuns: 100 });
  });
});
