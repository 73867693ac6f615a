/**
 * A proposition on its own, in the condition language of either dialect: what `ordo why FILE
 * 'P'` and `ordo graph --outcome 'P'` ask about. Native: `t1:r1 == 1 && DATA == 42`; C (herd7):
 * `1:r1=1 /\ [x]=42`. A leading `exists` or `~exists` (and, in C, a trailing `;`) is accepted and
 * ignored, so that the condition of a file can be pasted as it is: either way the question is
 * about the states where P holds. `forall P` is refused: it names no state.
 *
 * The grammars' `Proposition` start rule reuses their `Prop` rules, and c-semantics.ts and
 * native.ts build the tree (for the native dialect, in the proposition's own style: see
 * `condOf`). The tree is the shared `Cond` of ast.ts, with ids and spans into the proposition's
 * own text, so that lowering (program/query.ts) reports unknown names with a caret under them.
 */
import type { Cond, Dialect, SourceMap, Span } from '../ast.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { cGrammar, nativeGrammar } from './grammars.js';
import { C_COMMENTS } from './c.js';
import { prepareCProposition } from './c-prepare.js';
import { buildCProposition } from './c-semantics.js';
import { checkStructure, guard, NodeTable, SyntaxProblem, syntaxError } from './common.js';
import { buildNativeProposition } from './native.js';
import { blankComments, RUST_COMMENTS, scanSource } from './trivia.js';

export type PropositionResult =
  | {
      readonly ok: true;
      readonly cond: Cond;
      readonly source: SourceMap;
      /** The quantifier written before the proposition, if any (it does not change its meaning). */
      readonly quantifier: 'exists' | 'not exists' | null;
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Longer than any condition a person types; keeps a pasted file from being parsed as one. */
export const MAX_PROPOSITION_CHARS = 4096;

/** Parses a proposition; `file` names it in diagnostics (e.g. `<outcome>`). Never throws on bad input. */
export function parseProposition(text: string, dialect: Dialect, file: string): PropositionResult {
  if (text.trim() === '') {
    return { ok: false, diagnostics: [diagnostic('E0001', 'the proposition is empty', file, text, null, { help: [example(dialect)] })] };
  }
  if (text.length > MAX_PROPOSITION_CHARS) {
    return { ok: false, diagnostics: [diagnostic('E0004', `the proposition is too long (${text.length} characters; the limit is ${MAX_PROPOSITION_CHARS})`, file, text, null)] };
  }
  const scan = scanSource(text, dialect === 'c' ? C_COMMENTS : RUST_COMMENTS);
  const early = checkStructure(text, file, scan);
  if (early) return { ok: false, diagnostics: [early] };
  const out = guard(text, file, () => {
    const match =
      dialect === 'c' ? cGrammar().match(prepareCProposition(text), 'Proposition') : nativeGrammar().match(blankComments(text, scan.comments), 'Proposition');
    if (match.failed()) {
      const d = syntaxError(match, file, text);
      return [{ ...d, help: [example(dialect)] }];
    }
    const nodes = new NodeTable();
    const made: { cond: Cond; quantifier: 'exists' | 'not exists' | null } =
      dialect === 'c'
        ? buildCProposition(match, text, { nodes, anchors: [], opaque: [] }, forallRefused)
        : buildNativeProposition(match, text, nodes, forallRefused);
    const spans = nodes.number(made.cond, file, text);
    return Array.isArray(spans) ? spans : { ...made, spans };
  });
  if (Array.isArray(out)) return { ok: false, diagnostics: out };
  return { ok: true, cond: out.cond, quantifier: out.quantifier, source: { file, text, spans: out.spans } };
}

function example(dialect: Dialect): string {
  return dialect === 'c'
    ? 'a proposition in the C dialect reads like `0:r0=1 /\\ [y]=0` (registers `T:r`, locations `[x]` or `x`)'
    : 'a proposition in the native dialect reads like `t1:r1 == 1 && DATA == 0` (registers `thread:reg`, locations by name)';
}

const forallRefused = (at: Span): SyntaxProblem =>
  new SyntaxProblem('`forall` names no outcome: give the proposition a state satisfies', at, 'write the proposition alone, or its negation `!(...)`');
