/**
 * The two Ohm grammars, each built on first use: building one takes 15-25 ms, and most runs read
 * one dialect only. The bundles (`npm run build:grammars`) are CommonJS, loaded with `require`:
 * first use stays synchronous, and Ohm loads as its one-file build rather than as some fifty ES
 * modules, which took about 30 ms more at every start.
 */
import { createRequire } from 'node:module';
import type { CLitmusGrammar } from './generated/c-litmus.ohm-bundle.js';
import type { LitmusGrammar } from './generated/litmus.ohm-bundle.js';

const load = createRequire(import.meta.url);
let native: LitmusGrammar | undefined;
let c: CLitmusGrammar | undefined;

/** grammar/litmus.ohm */
export function nativeGrammar(): LitmusGrammar {
  return (native ??= load('./generated/litmus.ohm-bundle.cjs') as LitmusGrammar);
}

/** grammar/c-litmus.ohm */
export function cGrammar(): CLitmusGrammar {
  return (c ??= load('./generated/c-litmus.ohm-bundle.cjs') as CLitmusGrammar);
}
