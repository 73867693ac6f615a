/**
 * The semantic actions of the C dialect for the file, its header, the init block, thread headers,
 * and the clauses after the threads (locations, filter, verbatim clauses, condition, expect), as
 * functions over the concrete syntax tree (cst.ts). Statements, expressions and types are in
 * c-code.ts.
 *
 * All per-parse state is in the `CContext` passed along. `buildCFile` is the entry point;
 * `buildCProposition` serves proposition.ts.
 */
import type { MatchResult } from 'ohm-js';
import type {
  CompareOp, Cond, CondTerm, Condition, Expectation, LitmusFile, LocationDecl, MetaLine, ModelName,
  Observation, ObservedItem, OrderingMode, Quantifier, RegisterInit, ThreadDecl, ThreadParam,
} from '../ast.js';
import { SyntaxProblem } from './common.js';
import { mk, type CContext } from './c-context.js';
import { ctype, listItems, signedValue, stmts } from './c-code.js';
import { climb, PROP_PRECEDENCE, PROP_RIGHT_ASSOC, shapeEnds, type PropOp, type Shape } from './c-operators.js';
import type { CTypeInfo } from './c-types.js';
import { cstOf, type Cst, type Shortening } from './cst.js';

type InitItem = LocationDecl | RegisterInit;
type Clause =
  | { readonly kind: 'locations'; readonly items: ObservedItem[] }
  | { readonly kind: 'filter'; readonly prop: Cond }
  | { readonly kind: 'verbatim'; readonly text: string }
  | { readonly kind: 'condition'; readonly condition: Condition }
  | { readonly kind: 'expect'; readonly entries: Expectation[] };

/** An `InitEntry`, anchored with its `;` so that a comment after it is its trailing comment. */
function initEntry(n: Cst, c: CContext): InitItem {
  const item = n.at(0).at(0);
  let made: InitItem;
  if (item.rule === 'RegInit') {
    const r: RegisterInit = { kind: 'registerInit', id: -1, thread: item.at(0).text, register: item.at(2).text, value: signedValue(item.at(4)) };
    made = mk(c, r, item);
  } else if (item.rule === 'TypedInit') {
    made = location(item, ctype(item.at(0)), item.at(1), item.at(2), c);
  } else {
    made = location(item, null, item.at(0), item.at(1), c);
  }
  c.anchors.push({ node: made, span: n.span, keepBlank: false });
  return made;
}

function location(node: Cst, t: CTypeInfo | null, name: Cst, value: Cst, c: CContext): LocationDecl {
  const type = t && { kind: 'scalar' as const, atomic: t.atomic, name: t.name, int: t.int };
  const v = value.opt?.at(0) ?? null; // InitValue_atomicInit or _plain
  // `= ATOMIC_INIT(v)` and `= v` mean the same
  const lit = v ? (v.rule === 'InitValue_atomicInit' ? v.at(3) : v.at(1)) : null;
  const initValue = lit && v ? mk(c, { kind: 'value' as const, id: -1, value: signedValue(lit) }, v) : null;
  const bare = name.at(0);
  const locName = bare.rule === 'LocName_bracket' ? bare.at(1) : name;
  return mk(c, { kind: 'location', id: -1, name: locName.text, type, init: initValue }, node);
}

function thread(n: Cst, c: CContext): ThreadDecl {
  const ps = listItems(n.at(2)).map((p): ThreadParam => mk(c, { id: -1, name: p.at(2).text, ctype: ctype(p.at(0)).name }, p));
  const t: ThreadDecl = mk(c, { kind: 'thread', id: -1, name: n.at(0).text, params: ps, body: stmts(n.at(4), c) }, n);
  c.anchors.push({ node: t, span: n.span, keepBlank: false });
  return t;
}

const OBSERVATIONS: readonly Observation[] = ['Always', 'Sometimes', 'Never'];
const MODES: readonly OrderingMode[] = ['as-written', 'relaxed', 'acqrel', 'seqcst'];

function clause(n: Cst, c: CContext): Clause {
  switch (n.rule) {
    case 'Locations':
      return { kind: 'locations', items: listItems(n.at(2)).map((i) => observed(i, c)) };
    case 'Filter':
      return { kind: 'filter', prop: prop(n.at(1), c) };
    case 'verbatim':
      c.opaque.push(n.span);
      return { kind: 'verbatim', text: n.text.trim() };
    case 'Condition': {
      const alt = n.at(0).at(0).rule;
      const quantifier: Quantifier = alt === 'Quantifier_exists' ? 'exists' : alt === 'Quantifier_forall' ? 'forall' : 'not exists';
      const condition: Condition = mk(c, { id: -1, quantifier, prop: prop(n.at(1), c) }, n);
      c.anchors.push({ node: condition, span: n.span, keepBlank: false });
      return { kind: 'condition', condition };
    }
    case 'Expect':
      return { kind: 'expect', entries: n.at(2).children.map((e) => expectation(e, c)) };
    default:
      throw new Error(`c-semantics.ts: no action for the clause ${n.rule}`);
  }
}

function expectation(e: Cst, c: CContext): Expectation {
  const modelNode = e.at(0);
  const model = modelNode.at(0).text as ModelName;
  const modeNode = modelNode.at(2).opt;
  const mode = (modeNode ? modeNode.text : 'as-written') as OrderingMode;
  if (!MODES.includes(mode)) throw new Error(`c-litmus.ohm and c-semantics.ts disagree on the mode ${mode}`);
  const observation = e.at(2).text as Observation;
  if (!OBSERVATIONS.includes(observation)) throw new Error(`c-litmus.ohm and c-semantics.ts disagree on ${observation}`);
  const names = e.at(3).children.map((f) => f.at(1).text);
  return mk(c, { id: -1, model, mode, observation, race: names.includes('race'), fault: names.includes('panic') }, e);
}

function observed(n: Cst, c: CContext): ObservedItem {
  const alt = n.at(0);
  if (alt.rule === 'ObsItem_reg') return mk(c, { kind: 'reg', id: -1, thread: alt.at(0).text, name: alt.at(2).text }, alt);
  const name = alt.rule === 'ObsItem_bracket' ? alt.at(1) : alt.at(0);
  return mk(c, { kind: 'loc', id: -1, name: name.text, index: null }, alt);
}

/** Builds the nodes of a proposition's connectives (leaves are operand CST nodes). */
function realizeProp(shape: Shape<Cst, PropOp>, c: CContext): Cond {
  if (shape.kind === 'leaf') return prop(shape.leaf, c);
  const [first, last] = shapeEnds(shape);
  const kind = shape.op === '\\/' ? 'or' : shape.op === '/\\' ? 'and' : 'implies';
  const left = realizeProp(shape.left, c);
  const right = realizeProp(shape.right, c);
  return mk(c, { kind, id: -1, left, right }, { start: first.start, end: last.end });
}

/** The condition of a `Prop`, `PropNot` or `PropAtom` node. */
function prop(n: Cst, c: CContext): Cond {
  switch (n.rule) {
    case 'Prop': {
      const ops = n.at(1);
      const operands = n.at(2);
      const rest = ops.children.map((o, i) => [o.text as PropOp, operands.at(i)] as const);
      const shape = climb<Cst, PropOp>(n.at(0), rest, (op) => PROP_PRECEDENCE[op], (op) => PROP_RIGHT_ASSOC[op]);
      return realizeProp(shape, c);
    }
    case 'PropNot':
    case 'PropAtom':
      return prop(n.at(0), c);
    case 'PropNot_not':
      return mk(c, { kind: 'not', id: -1, arg: prop(n.at(1), c) }, n);
    case 'PropAtom_paren':
      return prop(n.at(1), c);
    case 'PropAtom_true':
      return mk(c, { kind: 'true', id: -1 }, n);
    case 'PropAtom_false':
      return mk(c, { kind: 'false', id: -1 }, n);
    case 'PropAtom_compare': {
      const left = condLoc(n.at(0), c);
      const value = n.at(2);
      const right: CondTerm = mk(c, { kind: 'int', id: -1, value: signedValue(value) }, value);
      const cmp: CompareOp = n.at(1).text === '!=' ? '!=' : '==';
      return mk(c, { kind: 'compare', id: -1, op: cmp, left, right }, n);
    }
    default:
      throw new Error(`c-semantics.ts: no proposition action for ${n.rule}`);
  }
}

function condLoc(n: Cst, c: CContext): CondTerm {
  const alt = n.at(0);
  if (alt.rule === 'CondLoc_reg') return mk(c, { kind: 'reg', id: -1, thread: alt.at(0).text, name: alt.at(2).text }, alt);
  const name = alt.rule === 'CondLoc_bracket' ? alt.at(1) : alt.at(0);
  return mk(c, { kind: 'loc', id: -1, name: name.text, index: null }, alt);
}

/** A key=value line as written (`metaKey hspace* "=" restOfLine`): its key, and its value trimmed. */
function metaLine(text: string): MetaLine {
  const eq = text.indexOf('=');
  return { key: text.slice(0, eq).trimEnd(), value: text.slice(eq + 1).trim() };
}

/**
 * Builds the AST of a successful match of `File`, nodes registered in `c.nodes` with `id: -1`
 * (the caller numbers them) and comment anchors in `c.anchors`; `source` is the file as written,
 * `shortening` where the matched text is shorter (c-prepare.ts).
 * Throws `SyntaxProblem` for text the grammar accepts but the dialect does not (`long short x`,
 * two conditions).
 */
export function buildCFile(match: MatchResult, source: string, shortening: Shortening | null, c: CContext): LitmusFile {
  const file = cstOf(match, source, shortening);
  const metas = file.at(2).children;
  for (const m of metas) c.opaque.push(m.span);
  const items = file.at(3).at(2).children.map((e) => initEntry(e, c));
  const ts = file.at(4).children.map((t) => thread(t, c));
  let observedItems: ObservedItem[] | null = null;
  let filter: Cond | null = null;
  let condition: Condition | null = null;
  const expectations: Expectation[] = [];
  const verbatim: string[] = [];
  const seen = new Set<string>();
  for (const cl of file.at(5).children) {
    const made = clause(cl.at(0), c);
    if (made.kind !== 'verbatim' && seen.has(made.kind)) {
      const what = made.kind === 'condition' ? 'the final condition' : `the \`${made.kind}\` clause`;
      throw new SyntaxProblem(`${what} is given twice`, cl.span, 'second one');
    }
    seen.add(made.kind);
    if (made.kind === 'locations') observedItems = made.items;
    else if (made.kind === 'filter') filter = made.prop;
    else if (made.kind === 'verbatim') verbatim.push(made.text);
    else if (made.kind === 'condition') condition = made.condition;
    else expectations.push(...made.entries);
  }
  const doc = file.at(1).opt;
  return {
    kind: 'file',
    dialect: 'c',
    name: file.at(0).at(2).text,
    doc: doc ? doc.text.slice(1, -1) : null,
    meta: metas.map((m): MetaLine => metaLine(m.text)),
    locations: items.filter((i): i is LocationDecl => i.kind === 'location'),
    registerInits: items.filter((i): i is RegisterInit => i.kind === 'registerInit'),
    threads: ts,
    observed: observedItems,
    filter,
    condition,
    expectations,
    verbatim,
    trailingComments: [],
  };
}

/**
 * The condition of a successful match of `Proposition` and the quantifier written before it;
 * throws `SyntaxProblem` for `forall`, which names no outcome (`refuseForall` makes it).
 */
export function buildCProposition(
  match: MatchResult,
  source: string,
  c: CContext,
  refuseForall: (at: { start: number; end: number }) => SyntaxProblem,
): { cond: Cond; quantifier: 'exists' | 'not exists' | null } {
  const n = cstOf(match, source);
  const q = n.at(0).opt;
  const alt = q ? q.at(0).rule : null;
  if (alt === 'Quantifier_forall') throw refuseForall(q!.span);
  return { cond: prop(n.at(1), c), quantifier: alt === null ? null : alt === 'Quantifier_exists' ? 'exists' : 'not exists' };
}
