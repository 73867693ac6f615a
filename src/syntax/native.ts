/**
 * The native (Rust-flavoured) dialect front end: grammar/litmus.ohm → AST. This file owns the
 * parse pipeline and the file-level actions (header, locations, final condition, expectations),
 * as functions over the concrete syntax tree (cst.ts); thread code is in native-code.ts. The
 * grammar has no comment rule: the comments trivia.ts finds are blanked before matching.
 * Reference of the language: docs/language.md.
 */
import type { MatchResult } from 'ohm-js';
import type {
  Cond, CondTerm, Condition, Expectation, Initializer, IntType, LitmusFile, LocationDecl, LocationType,
  ModelName, ObservedItem, OrderingMode, Quantifier, Span, ThreadDecl,
} from '../ast.js';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  blankBom, checkStructure, guard, headerEnd, join, NodeTable, syntaxError, type ParseResult,
} from './common.js';
import { cstOf, type Cst } from './cst.js';
import { nativeGrammar } from './grammars.js';
import { codeActions, group, intLitValue, intOf, type NativeContext } from './native-code.js';
import { attachTrivia, blankComments, RUST_COMMENTS, scanSource } from './trivia.js';

/** Parses a native-dialect file. Call through `parseLitmus`, which checks the raw input first. */
export function parseNative(text: string, file: string): ParseResult {
  const src = blankBom(text);
  const scan = scanSource(src, RUST_COMMENTS, headerEnd(src));
  const early = checkStructure(src, file, scan);
  if (early) return { ok: false, diagnostics: [early] };
  const result = guard(text, file, (): { tree: LitmusFile; spans: Map<number, { start: number; end: number }> } | Diagnostic[] => {
    const match = nativeGrammar().match(blankComments(src, scan.comments));
    if (match.failed()) return [syntaxError(match, file, text, EXPECTED_GROUPS)];
    const ctx: NativeContext = { nodes: new NodeTable(), statics: new Set(), anchors: [] };
    const tree = buildNativeFile(match, src, ctx);
    const trailingComments = attachTrivia(src, scan.comments, ctx.anchors);
    const withComments: LitmusFile = { ...tree, trailingComments };
    const spans = ctx.nodes.number(withComments, file, text);
    return Array.isArray(spans) ? spans : { tree: withComments, spans };
  });
  if (Array.isArray(result)) return { ok: false, diagnostics: result };
  return { ok: true, file: result.tree, source: { file, text, spans: result.spans } };
}

/** How long lists of expected tokens read in syntax errors (largest first). */
const EXPRESSION_START = ['`(`', '`Ok`', '`Err`', 'an integer', '`true`', '`false`', 'an identifier', '`!`', '`-`'];
const EXPECTED_GROUPS = [
  {
    label: 'a statement',
    members: [
      '`let`', '`if`', '`while`', '`loop`', '`for`', '`break`', '`continue`', '`assert_eq`', '`assert_ne`', '`assert`',
      '`assume`', '`fence`', ...EXPRESSION_START,
    ],
  },
  { label: 'an expression', members: EXPRESSION_START },
];

/** Integer types by the name of the plain type (`usize` is 64 bits, as on the usual targets). */
const INT_TYPES: ReadonlyMap<string, IntType> = new Map(
  (
    [
      ['bool', 8, false], ['u8', 8, false], ['u16', 16, false], ['u32', 32, false], ['u64', 64, false],
      ['u128', 128, false], ['usize', 64, false], ['i8', 8, true], ['i16', 16, true], ['i32', 32, true],
      ['i64', 64, true], ['i128', 128, true], ['isize', 64, true],
    ] as const
  ).map(([name, bits, signed]) => [name, { kind: 'int', name, bits, signed }]),
);

/** `AtomicU32` → `u32`, `AtomicBool` → `bool`, `u32` → `u32`. */
function intTypeOf(name: string): IntType {
  const plain = name.startsWith('Atomic') ? name.slice('Atomic'.length).toLowerCase() : name;
  return INT_TYPES.get(plain)!;
}

const QUANTIFIERS: Readonly<Record<string, Quantifier>> = {
  Quantifier_exists: 'exists',
  Quantifier_notExists: 'not exists',
  Quantifier_forall: 'forall',
};

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t' };

/** The elements of a list rule written `x (sep x)*`, or of an optional one (`List?`). */
function listItems(n: Cst): Cst[] {
  const list = n.rule === '_iter' ? n.opt : n;
  return list ? [list.at(0), ...list.at(2).children] : [];
}

/** The value of an `InitValue`, `SignedInt` or `intLit`. */
function initInt(n: Cst): bigint {
  if (n.rule !== 'InitValue') return intOf(n);
  const alt = n.at(0);
  if (alt.rule === 'InitValue_true') return 1n;
  if (alt.rule === 'InitValue_false') return 0n;
  return intOf(alt.at(0));
}

/**
 * Builds the AST of a successful match of `File` (nodes registered in `ctx.nodes` with `id: -1`,
 * comment anchors in `ctx.anchors`); `source` is the file as written.
 */
function buildNativeFile(match: MatchResult, source: string, ctx: NativeContext): LitmusFile {
  const { nodes } = ctx;
  const code = codeActions(ctx);
  const file = cstOf(match, source);

  const locations = file.at(2).children.map((d, i): LocationDecl => {
    const decl = declaration(d, ctx);
    ctx.anchors.push({ node: decl, span: nodes.span(decl), keepBlank: i > 0 });
    return decl;
  });
  for (const l of locations) ctx.statics.add(l.name);
  const threadDecls = file.at(3).children.map((t): ThreadDecl => {
    const thread: ThreadDecl = nodes.add({ kind: 'thread', id: -1, name: t.at(1).text, params: [], body: code.block(t.at(2)) }, t.span);
    ctx.anchors.push({ node: thread, span: nodes.span(thread), keepBlank: false });
    return thread;
  });
  const obs = file.at(4).opt;
  const filt = file.at(5).opt;
  const cond = file.at(6).opt;
  const exp = file.at(7).opt;
  let conditionNode: Condition | null = null;
  if (cond) {
    conditionNode = nodes.add({ id: -1, quantifier: QUANTIFIERS[cond.at(0).at(0).rule]!, prop: condOf(cond.at(1), nodes, 'file') }, cond.span);
    ctx.anchors.push({ node: conditionNode, span: nodes.span(conditionNode), keepBlank: false });
  }
  const doc = file.at(1).opt;
  return {
    kind: 'file',
    dialect: 'rust',
    name: file.at(0).at(1).at(1).text,
    // CRLF files: a line break inside the doc string is one `\n`, so that `fmt` round-trips
    doc: doc ? doc.text.slice(1, -1).replace(/\\(.)/gs, (_m, c: string) => ESCAPES[c] ?? c).replace(/\r\n/g, '\n') : null,
    meta: [],
    locations,
    registerInits: [],
    threads: threadDecls,
    observed: obs ? listItems(obs.at(2)).map((item) => observedItem(item, nodes)) : null,
    filter: filt ? condOf(filt.at(1), nodes, 'file') : null,
    condition: conditionNode,
    expectations: exp ? listItems(exp.at(2)).map((e) => expectation(e, nodes)) : [],
    verbatim: [],
    trailingComments: [],
  };
}

function declaration(d: Cst, ctx: NativeContext): LocationDecl {
  const init = d.at(5).opt;
  return ctx.nodes.add(
    { kind: 'location', id: -1, name: d.at(2).text, type: typeOf(d.at(4)), init: init ? initializer(init.at(1), ctx.nodes) : null },
    d.span,
  );
}

type ScalarType = Extract<LocationType, { kind: 'scalar' }>;

/** A `scalarType`. */
function scalarOf(n: Cst): ScalarType {
  const name = n.text;
  return { kind: 'scalar', atomic: name.startsWith('Atomic'), name, int: intTypeOf(name) };
}

/** A `Type`. */
function typeOf(n: Cst): LocationType {
  const alt = n.at(0);
  if (alt.rule === 'Type_array') return { kind: 'array', element: scalarOf(alt.at(1)), length: Number(intLitValue(alt.at(3))) };
  if (alt.rule === 'Type_mutex') return { kind: 'mutex' };
  return scalarOf(alt.at(0));
}

function initializer(n: Cst, nodes: NodeTable): Initializer {
  const alt = n.at(0);
  switch (alt.rule) {
    case 'Init_repeat':
      return nodes.add({ kind: 'repeat', id: -1, value: initInt(alt.at(1)), count: Number(intLitValue(alt.at(3))) }, alt.span);
    case 'Init_list':
      return nodes.add({ kind: 'list', id: -1, values: listItems(alt.at(1)).map(initInt) }, alt.span);
    default:
      return nodes.add({ kind: 'value', id: -1, value: initInt(alt.at(0)) }, alt.span);
  }
}

function observedItem(item: Cst, nodes: NodeTable): ObservedItem {
  const alt = item.at(0);
  if (alt.rule === 'ObservedItem_reg') {
    const reg = alt.at(0);
    return nodes.add({ kind: 'reg', id: -1, thread: reg.at(0).text, name: reg.at(2).text }, alt.span);
  }
  if (alt.rule === 'ObservedItem_index') {
    return nodes.add({ kind: 'loc', id: -1, name: alt.at(0).text, index: Number(intLitValue(alt.at(2))) }, alt.span);
  }
  return nodes.add({ kind: 'loc', id: -1, name: alt.text, index: null }, alt.span);
}

function expectation(e: Cst, nodes: NodeTable): Expectation {
  const m = e.at(1).opt;
  const flagNames = e.at(4).children.map((f) => f.at(1).text);
  return nodes.add(
    {
      id: -1,
      model: e.at(0).text as ModelName,
      mode: m ? (m.at(1).text as OrderingMode) : 'as-written',
      observation: e.at(3).text as Expectation['observation'],
      race: flagNames.includes('race'),
      fault: flagNames.includes('panic'),
    },
    e.span,
  );
}

/**
 * The condition of a `Prop`, `PropUnary` or `PropAtom`. A file's connectives span their operands
 * as written (parentheses included) and are built after their operands; a proposition's
 * (`style: 'proposition'`, proposition.ts) span the operand nodes, its later operands built first,
 * as the two sets of Ohm actions these replace did.
 */
export function condOf(n: Cst, nodes: NodeTable, style: 'file' | 'proposition'): Cond {
  switch (n.rule) {
    case 'Prop':
      return style === 'file' ? fileProp(n, nodes) : propositionProp(n, nodes);
    case 'PropUnary': {
      let c = condOf(n.at(1), nodes, style);
      const end = n.end;
      const nots = n.at(0);
      for (let i = nots.size - 1; i >= 0; i--) c = nodes.add({ kind: 'not', id: -1, arg: c }, { start: nots.at(i).start, end });
      return c;
    }
    case 'PropAtom':
      return condOf(n.at(0), nodes, style);
    case 'PropAtom_paren':
      return condOf(n.at(1), nodes, style);
    case 'PropAtom_cmp':
      return nodes.add({ kind: 'compare', id: -1, op: n.at(1).text as '==', left: termOf(n.at(0), nodes), right: termOf(n.at(2), nodes) }, n.span);
    case 'PropAtom_true':
      return nodes.add({ kind: 'true', id: -1 }, n.span);
    case 'PropAtom_false':
      return nodes.add({ kind: 'false', id: -1 }, n.span);
    case 'PropAtom_term':
      return nodes.add({ kind: 'term', id: -1, term: termOf(n.at(0), nodes) }, n.span);
    default:
      throw new Error(`native.ts: no condition action for ${n.rule}`);
  }
}

function fileProp(n: Cst, nodes: NodeTable): Cond {
  const spans = new Map<Cond, Span>();
  const first = n.at(0);
  const firstCond = condOf(first, nodes, 'file');
  spans.set(firstCond, first.span);
  const operands = n.at(2);
  const rest = n.at(1).children.map((o, i) => {
    const operandNode = operands.at(i);
    const operand = condOf(operandNode, nodes, 'file');
    spans.set(operand, operandNode.span);
    return { op: o.text as '&&' | '||', opSpan: o.span, operand };
  });
  return group(firstCond, rest, (o, left, right) => {
    const node: Cond = nodes.add({ kind: o === '&&' ? 'and' : 'or', id: -1, left, right }, join(spans.get(left)!, spans.get(right)!));
    spans.set(node, nodes.span(node));
    return node;
  });
}

function propositionProp(n: Cst, nodes: NodeTable): Cond {
  const operands = n.at(2);
  const rest = n.at(1).children.map((o, i) => ({ op: o.text as '&&' | '||', opSpan: o.span, operand: condOf(operands.at(i), nodes, 'proposition') }));
  const first = condOf(n.at(0), nodes, 'proposition');
  return group(first, rest, (o, left, right) => nodes.add({ kind: o === '&&' ? 'and' : 'or', id: -1, left, right }, join(nodes.span(left), nodes.span(right))));
}

/** A `Term` or `regRef` of a condition. */
function termOf(n: Cst, nodes: NodeTable): CondTerm {
  const alt = n.rule === 'Term' ? n.at(0) : n;
  switch (alt.rule) {
    case 'Term_method':
      return nodes.add({ kind: 'method', id: -1, target: termOf(alt.at(0), nodes), method: alt.at(2).text as 'is_ok' }, alt.span);
    case 'Term_reg':
      return termOf(alt.at(0), nodes);
    case 'regRef':
      return nodes.add({ kind: 'reg', id: -1, thread: alt.at(0).text, name: alt.at(2).text }, alt.span);
    case 'Term_ok':
      return nodes.add({ kind: 'result', id: -1, ok: true, value: intOf(alt.at(2)) }, alt.span);
    case 'Term_err':
      return nodes.add({ kind: 'result', id: -1, ok: false, value: intOf(alt.at(2)) }, alt.span);
    case 'Term_int':
      return nodes.add({ kind: 'int', id: -1, value: intOf(alt.at(0)) }, alt.span);
    case 'Term_true':
      return nodes.add({ kind: 'bool', id: -1, value: true }, alt.span);
    case 'Term_false':
      return nodes.add({ kind: 'bool', id: -1, value: false }, alt.span);
    case 'Term_index':
      return nodes.add({ kind: 'loc', id: -1, name: alt.at(0).text, index: Number(intLitValue(alt.at(2))) }, alt.span);
    case 'Term_loc':
      return nodes.add({ kind: 'loc', id: -1, name: alt.text, index: null }, alt.span);
    default:
      throw new Error(`native.ts: no term action for ${alt.rule}`);
  }
}

/**
 * The condition of a successful match of `Proposition` (proposition.ts) and the quantifier
 * written before it; throws what `refuseForall` makes for `forall`, which names no outcome.
 */
export function buildNativeProposition(
  match: MatchResult,
  source: string,
  nodes: NodeTable,
  refuseForall: (at: Span) => Error,
): { cond: Cond; quantifier: 'exists' | 'not exists' | null } {
  const n = cstOf(match, source);
  const q = n.at(0).opt;
  const alt = q ? q.at(0).rule : null;
  if (alt === 'Quantifier_forall') throw refuseForall(q!.span);
  return { cond: condOf(n.at(1), nodes, 'proposition'), quantifier: alt === null ? null : alt === 'Quantifier_exists' ? 'exists' : 'not exists' };
}
