/**
 * The native (Rust-flavoured) dialect front end: grammar/litmus.ohm → AST. This file owns the
 * parse pipeline and the file-level actions (header, locations, final condition, expectations);
 * thread code is in native-code.ts. Reference of the language: docs/language.md.
 */
import type { Node } from 'ohm-js';
import type {
  Cond, CondTerm, Condition, Expectation, Initializer, IntType, LitmusFile, LocationDecl, LocationType,
  ModelName, ObservedItem, OrderingMode, Quantifier, ThreadDecl,
} from '../ast.js';
import type { Diagnostic } from '../diagnostics/index.js';
import grammar, { type LitmusActionDict } from './generated/litmus.ohm-bundle.js';
import {
  blankBom, checkStructure, guard, headerEnd, join, NodeTable, spanOf, syntaxError, type ParseResult,
} from './common.js';
import { codeActions, group, op, type NativeContext } from './native-code.js';
import { attachTrivia, RUST_COMMENTS, scanSource } from './trivia.js';

/** Parses a native-dialect file. Call through `parseLitmus`, which checks the raw input first. */
export function parseNative(text: string, file: string): ParseResult {
  const src = blankBom(text);
  const scan = scanSource(src, RUST_COMMENTS, headerEnd(src));
  const early = checkStructure(src, file, scan);
  if (early) return { ok: false, diagnostics: [early] };
  const result = guard(text, file, (): { tree: LitmusFile; spans: Map<number, { start: number; end: number }> } | Diagnostic[] => {
    const match = grammar.match(src);
    if (match.failed()) return [syntaxError(match, file, text, EXPECTED_GROUPS)];
    const ctx: NativeContext = { nodes: new NodeTable(), statics: new Set(), anchors: [] };
    const tree: LitmusFile = semantics(ctx)(match)['file']();
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

/** The value of an integer literal: prefixes `0x 0o 0b`, underscores; the suffix is dropped. */
function intValue(body: string): bigint {
  return BigInt(body.replace(/_/g, ''));
}

const QUANTIFIERS: Readonly<Record<string, Quantifier>> = {
  Quantifier_exists: 'exists',
  Quantifier_notExists: 'not exists',
  Quantifier_forall: 'forall',
};

/** The semantics of one parse (created per parse, so that the actions can share `ctx`). */
function semantics(ctx: NativeContext) {
  const { nodes } = ctx;
  const code = codeActions(ctx);
  const E = (n: Node): Expectation => n['expectation']();

  const file: LitmusActionDict<LitmusFile> = {
    File(header, doc, decls, threads, observed, filter, condition, expect) {
      const locations = decls.children.map((d, i): LocationDecl => {
        const decl: LocationDecl = d['decl']();
        ctx.anchors.push({ node: decl, span: nodes.span(decl), keepBlank: i > 0 });
        return decl;
      });
      for (const l of locations) ctx.statics.add(l.name);
      const threadDecls = threads.children.map((t): ThreadDecl => {
        const thread: ThreadDecl = t['thread']();
        ctx.anchors.push({ node: thread, span: nodes.span(thread), keepBlank: false });
        return thread;
      });
      const obs = observed.children[0];
      const filt = filter.children[0];
      const cond = condition.children[0];
      const exp = expect.children[0];
      let conditionNode: Condition | null = null;
      if (cond) {
        conditionNode = cond['condition']();
        ctx.anchors.push({ node: conditionNode!, span: nodes.span(conditionNode!), keepBlank: false });
      }
      return {
        kind: 'file',
        dialect: 'rust',
        name: header.children[1]!.children[1]!.sourceString,
        doc: doc.children[0] ? doc.children[0]['doc']() : null,
        meta: [],
        locations,
        registerInits: [],
        threads: threadDecls,
        observed: obs ? obs['observed']() : null,
        filter: filt ? filt.children[1]!['cond']() : null,
        condition: conditionNode,
        expectations: exp ? exp.children[2]!.asIteration().children.map(E) : [],
        verbatim: [],
        trailingComments: [],
      };
    },
  };

  const doc: LitmusActionDict<string> = {
    docString(_open, chars, _close) {
      // CRLF files: a line break inside the doc string is one `\n`, so that `fmt` round-trips
      return chars.children.map((c) => c['doc']()).join('').replace(/\r\n/g, '\n');
    },
    docChar_escape(_backslash, ch) {
      return ({ n: '\n', t: '\t' } as Record<string, string>)[ch.sourceString] ?? ch.sourceString;
    },
    docChar_plain(ch) {
      return ch.sourceString;
    },
  };

  const decl: LitmusActionDict<LocationDecl> = {
    Decl(_static, _mut, name, _colon, type, init, _semi) {
      const i = init.children[0];
      return nodes.add(
        { kind: 'location', id: -1, name: name.sourceString, type: type['type'](), init: i ? i.children[1]!['init']() : null },
        spanOf(this),
      );
    },
  };

  const type: LitmusActionDict<LocationType> = {
    Type_array(_o, element, _semi, length, _c) {
      return { kind: 'array', element: element['type'](), length: Number(op.int(length)) };
    },
    Type_mutex(_m, _unit) {
      return { kind: 'mutex' };
    },
    scalarType(_name) {
      const name = this.sourceString;
      return { kind: 'scalar', atomic: name.startsWith('Atomic'), name, int: intTypeOf(name) };
    },
  };

  const init: LitmusActionDict<Initializer> = {
    Init_repeat(_o, value, _semi, count, _c) {
      return nodes.add({ kind: 'repeat', id: -1, value: op.int(value), count: Number(op.int(count)) }, spanOf(this));
    },
    Init_list(_o, values, _comma, _c) {
      return nodes.add({ kind: 'list', id: -1, values: values.asIteration().children.map(op.int) }, spanOf(this));
    },
    Init_value(value) {
      return nodes.add({ kind: 'value', id: -1, value: op.int(value) }, spanOf(this));
    },
  };

  const int: LitmusActionDict<bigint> = {
    InitValue_true(_t) {
      return 1n;
    },
    InitValue_false(_f) {
      return 0n;
    },
    SignedInt(minus, lit) {
      const v = op.int(lit);
      return minus.numChildren > 0 ? -v : v;
    },
    intLit(body, _suffix) {
      return intValue(body.sourceString);
    },
  };

  const thread: LitmusActionDict<ThreadDecl> = {
    Thread(_thread, name, body) {
      return nodes.add({ kind: 'thread', id: -1, name: name.sourceString, params: [], body: op.block(body) }, spanOf(this));
    },
  };

  const observed: LitmusActionDict<ObservedItem[]> = {
    Observed(_kw, _o, items, _comma, _c) {
      return items.asIteration().children.map((item) => item['observedItem']());
    },
  };

  const observedItem: LitmusActionDict<ObservedItem> = {
    ObservedItem_reg(reg) {
      const [thread, name] = regParts(reg);
      return nodes.add({ kind: 'reg', id: -1, thread, name }, spanOf(this));
    },
    ObservedItem_index(name, _o, index, _c) {
      return nodes.add({ kind: 'loc', id: -1, name: name.sourceString, index: Number(op.int(index)) }, spanOf(this));
    },
    ObservedItem_loc(name) {
      return nodes.add({ kind: 'loc', id: -1, name: name.sourceString, index: null }, spanOf(this));
    },
  };

  const condition: LitmusActionDict<Condition> = {
    Condition(quantifier, prop) {
      return nodes.add({ id: -1, quantifier: QUANTIFIERS[quantifier.children[0]!.ctorName]!, prop: prop['cond']() }, spanOf(this));
    },
  };

  const cond: LitmusActionDict<Cond> = {
    Prop(first, ops, operands) {
      const spans = new Map<Cond, { start: number; end: number }>();
      const firstCond: Cond = first['cond']();
      spans.set(firstCond, spanOf(first));
      const rest = ops.children.map((o, i) => {
        const operand: Cond = operands.children[i]!['cond']();
        spans.set(operand, spanOf(operands.children[i]!));
        return { op: o.sourceString as '&&' | '||', opSpan: spanOf(o), operand };
      });
      return group(firstCond, rest, (o, left, right) => {
        const node: Cond = nodes.add({ kind: o === '&&' ? 'and' : 'or', id: -1, left, right }, join(spans.get(left)!, spans.get(right)!));
        spans.set(node, nodes.span(node));
        return node;
      });
    },
    PropUnary(nots, atom) {
      let c: Cond = atom['cond']();
      const end = spanOf(this).end;
      for (let i = nots.numChildren - 1; i >= 0; i--) {
        c = nodes.add({ kind: 'not', id: -1, arg: c }, { start: nots.children[i]!.source.startIdx, end });
      }
      return c;
    },
    PropAtom_paren(_o, prop, _c) {
      return prop['cond']();
    },
    PropAtom_cmp(left, cmp, right) {
      const span = spanOf(this);
      return nodes.add({ kind: 'compare', id: -1, op: cmp.sourceString as '==', left: left['term'](), right: right['term']() }, span);
    },
    PropAtom_true(_t) {
      return nodes.add({ kind: 'true', id: -1 }, spanOf(this));
    },
    PropAtom_false(_f) {
      return nodes.add({ kind: 'false', id: -1 }, spanOf(this));
    },
    PropAtom_term(term) {
      const span = spanOf(this);
      return nodes.add({ kind: 'term', id: -1, term: term['term']() }, span);
    },
  };

  const term: LitmusActionDict<CondTerm> = {
    Term_method(reg, _d, method, _o, _c) {
      const span = spanOf(this);
      return nodes.add({ kind: 'method', id: -1, target: reg['term'](), method: method.sourceString as 'is_ok' }, span);
    },
    regRef(thread, _colon, name) {
      return nodes.add({ kind: 'reg', id: -1, thread: thread.sourceString, name: name.sourceString }, spanOf(this));
    },
    Term_ok(_ok, _o, value, _c) {
      return nodes.add({ kind: 'result', id: -1, ok: true, value: op.int(value) }, spanOf(this));
    },
    Term_err(_err, _o, value, _c) {
      return nodes.add({ kind: 'result', id: -1, ok: false, value: op.int(value) }, spanOf(this));
    },
    Term_int(value) {
      return nodes.add({ kind: 'int', id: -1, value: op.int(value) }, spanOf(this));
    },
    Term_true(_t) {
      return nodes.add({ kind: 'bool', id: -1, value: true }, spanOf(this));
    },
    Term_false(_f) {
      return nodes.add({ kind: 'bool', id: -1, value: false }, spanOf(this));
    },
    Term_index(name, _o, index, _c) {
      return nodes.add({ kind: 'loc', id: -1, name: name.sourceString, index: Number(op.int(index)) }, spanOf(this));
    },
    Term_loc(name) {
      return nodes.add({ kind: 'loc', id: -1, name: name.sourceString, index: null }, spanOf(this));
    },
  };

  const expectation: LitmusActionDict<Expectation> = {
    Expectation(model, mode, _colon, observation, flags) {
      const m = mode.children[0];
      const flagNames = flags.children.map((f) => f.children[1]!.sourceString);
      return nodes.add(
        {
          id: -1,
          model: model.sourceString as ModelName,
          mode: m ? (m.children[1]!.sourceString as OrderingMode) : 'as-written',
          observation: observation.sourceString as Expectation['observation'],
          race: flagNames.includes('race'),
          fault: flagNames.includes('panic'),
        },
        spanOf(this),
      );
    },
  };

  return grammar
    .createSemantics()
    .addOperation('file', file)
    .addOperation('doc', doc)
    .addOperation('decl', decl)
    .addOperation('type', type)
    .addOperation('init', init)
    .addOperation('int', int)
    .addOperation('thread', thread)
    .addOperation('block', code.block)
    .addOperation('stmt', code.stmt)
    .addOperation('expr', code.expr)
    .addOperation('place', code.place)
    .addOperation('ordering', code.ordering)
    .addOperation('observed', observed)
    .addOperation('observedItem', observedItem)
    .addOperation('condition', condition)
    .addOperation('cond', cond)
    .addOperation('term', term)
    .addOperation('expectation', expectation);
}

/** `t1:r1` → [`t1`, `r1`]. */
function regParts(reg: Node): [string, string] {
  return [reg.children[0]!.sourceString, reg.children[2]!.sourceString];
}
