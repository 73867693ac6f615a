/**
 * A proposition on its own, in the condition language of either dialect: what `ordo why FILE
 * 'P'` and `ordo graph --outcome 'P'` ask about. Native: `t1:r1 == 1 && DATA == 42`; C (herd7):
 * `1:r1=1 /\ [x]=42`. A leading `exists` or `~exists` (and, in C, a trailing `;`) is accepted and
 * ignored, so that the condition of a file can be pasted as it is: either way the question is
 * about the states where P holds. `forall P` is refused: it names no state.
 *
 * The grammars' `Proposition` start rule reuses their `Prop` rules; the semantic actions are
 * written again here because the file parsers build theirs per parse around file-level state.
 * The tree is the shared `Cond` of ast.ts, with ids and spans into the proposition's own text,
 * so that lowering (program/query.ts) reports unknown names with a caret under them.
 */
import type { Node } from 'ohm-js';
import type { CompareOp, Cond, CondTerm, Dialect, SourceMap, Span } from '../ast.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import cGrammar from './generated/c-litmus.ohm-bundle.js';
import nativeGrammar from './generated/litmus.ohm-bundle.js';
import { C_COMMENTS } from './c.js';
import { prepareCProposition } from './c-prepare.js';
import { buildCProposition } from './c-semantics.js';
import { checkStructure, guard, join, NodeTable, spanOf, SyntaxProblem, syntaxError } from './common.js';
import { group } from './native-code.js';
import { RUST_COMMENTS, scanSource } from './trivia.js';

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
    const match = dialect === 'c' ? cGrammar.match(prepareCProposition(text), 'Proposition') : nativeGrammar.match(text, 'Proposition');
    if (match.failed()) {
      const d = syntaxError(match, file, text);
      return [{ ...d, help: [example(dialect)] }];
    }
    const nodes = new NodeTable();
    const made: { cond: Cond; quantifier: 'exists' | 'not exists' | null } =
      dialect === 'c'
        ? buildCProposition(match, text, { nodes, anchors: [], opaque: [] }, forallRefused)
        : nativeSemantics(match)['proposition'](nodes);
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

// ---- native dialect ---------------------------------------------------------------------------

const nativeSemantics = nativeGrammar.createSemantics();
const ncond = (n: Node, t: NodeTable): Cond => n['cond'](t) as Cond;
const nterm = (n: Node, t: NodeTable): CondTerm => n['term'](t) as CondTerm;
const nint = (n: Node): bigint => n['int']() as bigint;

nativeSemantics.addOperation<{ cond: Cond; quantifier: 'exists' | 'not exists' | null }>('proposition(t)', {
  Proposition(q, prop) {
    const alt = q.numChildren > 0 ? q.child(0).child(0).ctorName : null;
    if (alt === 'Quantifier_forall') throw forallRefused(spanOf(q.child(0)));
    return { cond: ncond(prop, this.args.t), quantifier: alt === null ? null : alt === 'Quantifier_exists' ? 'exists' : 'not exists' };
  },
});

nativeSemantics.addOperation<Cond>('cond(t)', {
  Prop(first, ops, operands) {
    const t: NodeTable = this.args.t;
    const rest = ops.children.map((o, i) => ({ op: o.sourceString as '&&' | '||', opSpan: spanOf(o), operand: ncond(operands.children[i]!, t) }));
    return group(ncond(first, t), rest, (o, left, right) => t.add({ kind: o === '&&' ? 'and' : 'or', id: -1, left, right }, join(t.span(left), t.span(right))));
  },
  PropUnary(nots, atom) {
    const t: NodeTable = this.args.t;
    let c = ncond(atom, t);
    for (let i = nots.numChildren - 1; i >= 0; i--) c = t.add({ kind: 'not', id: -1, arg: c }, { start: nots.children[i]!.source.startIdx, end: this.source.endIdx });
    return c;
  },
  PropAtom_paren(_o, prop, _c) {
    return ncond(prop, this.args.t);
  },
  PropAtom_cmp(left, cmp, right) {
    const t: NodeTable = this.args.t;
    return t.add({ kind: 'compare', id: -1, op: cmp.sourceString as CompareOp, left: nterm(left, t), right: nterm(right, t) }, spanOf(this));
  },
  PropAtom_true(_t) {
    return this.args.t.add({ kind: 'true', id: -1 }, spanOf(this));
  },
  PropAtom_false(_f) {
    return this.args.t.add({ kind: 'false', id: -1 }, spanOf(this));
  },
  PropAtom_term(term) {
    const t: NodeTable = this.args.t;
    return t.add({ kind: 'term', id: -1, term: nterm(term, t) }, spanOf(this));
  },
});

nativeSemantics.addOperation<CondTerm>('term(t)', {
  Term_method(reg, _d, method, _o, _c) {
    const t: NodeTable = this.args.t;
    return t.add({ kind: 'method', id: -1, target: nterm(reg, t), method: method.sourceString as 'is_ok' | 'is_err' }, spanOf(this));
  },
  regRef(thread, _colon, name) {
    return this.args.t.add({ kind: 'reg', id: -1, thread: thread.sourceString, name: name.sourceString }, spanOf(this));
  },
  Term_ok(_ok, _o, value, _c) {
    return this.args.t.add({ kind: 'result', id: -1, ok: true, value: nint(value) }, spanOf(this));
  },
  Term_err(_err, _o, value, _c) {
    return this.args.t.add({ kind: 'result', id: -1, ok: false, value: nint(value) }, spanOf(this));
  },
  Term_int(value) {
    return this.args.t.add({ kind: 'int', id: -1, value: nint(value) }, spanOf(this));
  },
  Term_true(_t) {
    return this.args.t.add({ kind: 'bool', id: -1, value: true }, spanOf(this));
  },
  Term_false(_f) {
    return this.args.t.add({ kind: 'bool', id: -1, value: false }, spanOf(this));
  },
  Term_index(name, _o, index, _c) {
    return this.args.t.add({ kind: 'loc', id: -1, name: name.sourceString, index: Number(nint(index)) }, spanOf(this));
  },
  Term_loc(name) {
    return this.args.t.add({ kind: 'loc', id: -1, name: name.sourceString, index: null }, spanOf(this));
  },
});

nativeSemantics.addOperation<bigint>('int', {
  SignedInt(minus, lit) {
    const v = nint(lit);
    return minus.numChildren > 0 ? -v : v;
  },
  intLit(body, _suffix) {
    return BigInt(body.sourceString.replace(/_/g, ''));
  },
});

// ---- C dialect: c-semantics.ts's actions, in a context of their own ------------------------
