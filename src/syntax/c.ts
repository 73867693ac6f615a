/**
 * The herd7 C litmus front end: `parseC` turns the text of a `C NAME` file into the shared AST
 * (src/ast.ts), or into diagnostics. The grammar is grammar/c-litmus.ohm, matched against the
 * text with its comments blanked (c-prepare.ts); the semantic actions are in c-semantics.ts and
 * c-code.ts; common.ts and trivia.ts supply the input checks, syntax errors, node numbering and
 * comments. docs/c-dialect.md describes the dialect.
 */
import type { LitmusFile } from '../ast.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { cGrammar } from './grammars.js';
import { blankBom, checkInput, checkStructure, guard, headerEnd, NodeTable, syntaxError, type ParseResult } from './common.js';
import { attachTrivia, scanSource, type Comment, type CommentSyntax } from './trivia.js';
import type { CContext } from './c-context.js';
import { buildCFile } from './c-semantics.js';
import { prepareC } from './c-prepare.js';
import { toSource } from './cst.js';

// herd7's comments: `(* *)` nest (as in OCaml); C's block and line comments as in C. trivia.ts
// nests every block kind alike, so a C block comment holding another opening marker reads as
// unterminated (see docs/c-dialect.md).
export const C_COMMENTS: CommentSyntax = {
  line: ['//'],
  block: [
    ['(*', '*)'],
    ['/*', '*/'],
  ],
  nested: true,
  quotes: ['"'],
};

/** `(*` right before a letter or `_` is a dereference in parentheses, not a comment (as in c-prepare.ts). */
const DEREF_IN_PARENS = /\(\*(?=[A-Za-z_])/g;

/**
 * Parses a herd7 C litmus file; `file` is the name diagnostics show. Never throws on bad input.
 * (`parseLitmus` in index.ts is the usual entry; this one also checks the raw input itself.)
 */
export function parseC(text: string, file: string): ParseResult {
  const early = checkInput(text, file);
  if (early) return { ok: false, diagnostics: [early] };
  const src = blankBom(text);
  const comments = findComments(src, file);
  if (!Array.isArray(comments)) return { ok: false, diagnostics: [comments] };
  const out = guard(text, file, () => {
    const prepared = prepareC(src, headerEnd(src));
    const match = cGrammar().match(prepared.text);
    if (match.failed()) return [syntaxError(match, file, text, [], (x) => toSource(prepared.shortening, x))];
    const c: CContext = { nodes: new NodeTable(), anchors: [], opaque: [] };
    const tree = buildCFile(match, src, prepared.shortening, c);
    const inOpaque = (x: Comment): boolean => c.opaque.some((s) => x.start >= s.start && x.start < s.end);
    const real = comments.filter((x) => !inOpaque(x));
    const root: LitmusFile = { ...tree, trailingComments: attachTrivia(src, real, c.anchors) };
    const spans = c.nodes.number(root, file, text);
    return Array.isArray(spans) ? spans : { root, spans };
  });
  if (Array.isArray(out)) return { ok: false, diagnostics: out };
  return { ok: true, file: out.root, source: { file, text, spans: out.spans } };
}

/**
 * The comments of the file, or the diagnostic of the structural pre-scan (an unterminated comment,
 * brackets nested too deep). The scan starts after the test name, which may contain anything.
 */
function findComments(src: string, file: string): Comment[] | Diagnostic {
  const masked = src.replace(DEREF_IN_PARENS, '( ');
  const scan = scanSource(masked, C_COMMENTS, headerEnd(src));
  const problem = checkStructure(masked, file, scan);
  if (problem) return problem;
  // the text of each comment comes from the real source, not the masked copy
  return scan.comments.map((c) => {
    const raw = src.slice(c.start, c.end);
    return { ...c, text: raw.startsWith('//') ? raw.trimEnd() : raw.replace(/\r\n/g, '\n') };
  });
}
