/**
 * The Ohm semantics of the C dialect: the file, its header, the init block, C types, thread
 * headers, and the clauses after the threads (locations, filter, verbatim clauses, condition,
 * expect). Statement and expression actions live in src/syntax/c-code.ts and are installed here.
 *
 * The semantics is built once; all per-parse state is in the `CContext` passed to each
 * operation. `buildCFile` is the only entry point.
 */
import type { MatchResult, Node } from 'ohm-js';
import type {
  CompareOp, Cond, CondTerm, Condition, Expectation, LitmusFile, LocationDecl, MetaLine, ModelName,
  Observation, ObservedItem, OrderingMode, Quantifier, RegisterInit, ThreadDecl, ThreadParam,
} from '../ast.js';
import grammar from './generated/c-litmus.ohm-bundle.js';
import { SyntaxProblem } from './common.js';
import { mk, spanAt, type CContext } from './c-context.js';
import { ctype, exprActions, intValue, orderingActions, stmtActions, stmts } from './c-code.js';
import { climb, PROP_PRECEDENCE, PROP_RIGHT_ASSOC, shapeEnds, type PropOp, type Shape } from './c-operators.js';
import { namedType, wordsType, type CTypeInfo } from './c-types.js';

type InitItem = LocationDecl | RegisterInit;
type Clause =
  | { readonly kind: 'locations'; readonly items: ObservedItem[] }
  | { readonly kind: 'filter'; readonly prop: Cond }
  | { readonly kind: 'verbatim'; readonly text: string }
  | { readonly kind: 'condition'; readonly condition: Condition }
  | { readonly kind: 'expect'; readonly entries: Expectation[] };

const init = (n: Node, c: CContext): InitItem => n['init'](c) as InitItem;
const thread = (n: Node, c: CContext): ThreadDecl => n['thread'](c) as ThreadDecl;
const clause = (n: Node, c: CContext): Clause => n['clause'](c) as Clause;
const prop = (n: Node, c: CContext): Cond => n['prop'](c) as Cond;
const signed = (n: Node): bigint => n['signed']() as bigint;

const semantics = grammar.createSemantics();

semantics.addOperation<bigint>('signed', {
  SignedInt_neg(_minus, lit) {
    return -intValue(lit);
  },
  SignedInt_pos(lit) {
    return intValue(lit);
  },
});

semantics.addOperation<CTypeInfo>('ctype(c)', {
  CType(qualifiers, core) {
    const c: CContext = this.args.c;
    const inner = ctype(core, c);
    const quals = qualifiers.children.map((q) => q.sourceString);
    return { ...inner, name: [...quals, inner.name].join(' ') };
  },
  TypeCore_atomicParen(_atomic, _open, plain, _close) {
    const inner = ctype(plain, this.args.c);
    if (inner.atomic) throw new SyntaxProblem(`\`_Atomic\` of the atomic type \`${inner.name}\``, spanAt(plain));
    return { name: `_Atomic(${inner.name})`, atomic: true, int: inner.int };
  },
  TypeCore_atomic(_atomic, plain) {
    const inner = ctype(plain, this.args.c);
    if (inner.atomic) throw new SyntaxProblem(`\`_Atomic\` of the atomic type \`${inner.name}\``, spanAt(plain));
    return { name: `_Atomic ${inner.name}`, atomic: true, int: inner.int };
  },
  PlainType_named(word) {
    const t = namedType(word.sourceString);
    if (!t) throw new Error(`c-types.ts does not know the grammar's type ${word.sourceString}`);
    return { name: word.sourceString, ...t };
  },
  PlainType_words(words) {
    const list = words.children.map((w) => w.sourceString);
    const t = wordsType(list);
    if (typeof t === 'string') throw new SyntaxProblem(t, spanAt(this), 'not a type');
    return { name: t.name, atomic: false, int: t };
  },
});

semantics.addOperation<InitItem>('init(c)', {
  InitEntry(item, _semi) {
    const c: CContext = this.args.c;
    const made = init(item, c);
    // the anchor takes in the `;`, so that a comment after it is the entry's trailing comment
    c.anchors.push({ node: made, span: spanAt(this), keepBlank: false });
    return made;
  },
  RegInit(thread, _colon, reg, _eq, value) {
    const c: CContext = this.args.c;
    const r: RegisterInit = { kind: 'registerInit', id: -1, thread: thread.sourceString, register: reg.sourceString, value: signed(value) };
    return mk(c, r, this);
  },
  TypedInit(type, name, value) {
    return location(this, ctype(type, this.args.c), name, value);
  },
  UntypedInit(name, value) {
    return location(this, null, name, value);
  },
});

function location(node: Node, t: CTypeInfo | null, name: Node, value: Node): LocationDecl {
  const c: CContext = node['args'].c;
  const type = t && { kind: 'scalar' as const, atomic: t.atomic, name: t.name, int: t.int };
  const v = value.numChildren > 0 ? value.child(0).child(0) : null; // InitValue_atomicInit or _plain
  // `= ATOMIC_INIT(v)` and `= v` mean the same
  const lit = v ? (v.ctorName === 'InitValue_atomicInit' ? v.child(3) : v.child(1)) : null;
  const initValue = lit && v ? mk(c, { kind: 'value' as const, id: -1, value: signed(lit) }, v) : null;
  const locName = name.child(0).ctorName === 'LocName_bracket' ? name.child(0).child(1) : name;
  return mk(c, { kind: 'location', id: -1, name: locName.sourceString, type, init: initValue }, node);
}

semantics.addOperation<ThreadDecl>('thread(c)', {
  Thread(name, _open, params, _close, body) {
    const c: CContext = this.args.c;
    const ps = params.asIteration().children.map(
      (p): ThreadParam => mk(c, { id: -1, name: p.child(2).sourceString, ctype: ctype(p.child(0), c).name }, p),
    );
    const t: ThreadDecl = mk(c, { kind: 'thread', id: -1, name: name.sourceString, params: ps, body: stmts(body, c) }, this);
    c.anchors.push({ node: t, span: spanAt(this), keepBlank: false });
    return t;
  },
});

semantics.addOperation('stmts(c)', stmtActions);
semantics.addOperation('expr(c)', exprActions);
semantics.addOperation('ordering', orderingActions);

const OBSERVATIONS: readonly Observation[] = ['Always', 'Sometimes', 'Never'];
const MODES: readonly OrderingMode[] = ['as-written', 'relaxed', 'acqrel', 'seqcst'];

semantics.addOperation<Clause>('clause(c)', {
  Locations(_kw, _open, items, _semi, _close) {
    const c: CContext = this.args.c;
    return { kind: 'locations', items: items.asIteration().children.map((i) => observed(i, c)) };
  },
  Filter(_kw, p) {
    return { kind: 'filter', prop: prop(p, this.args.c) };
  },
  verbatim(_kw, _space, _colon, _rest) {
    this.args.c.opaque.push(spanAt(this));
    return { kind: 'verbatim', text: this.sourceString.trim() };
  },
  Condition(q, p, _semi) {
    const c: CContext = this.args.c;
    const alt = q.child(0).ctorName;
    const quantifier: Quantifier = alt === 'Quantifier_exists' ? 'exists' : alt === 'Quantifier_forall' ? 'forall' : 'not exists';
    const condition: Condition = mk(c, { id: -1, quantifier, prop: prop(p, c) }, this);
    c.anchors.push({ node: condition, span: spanAt(this), keepBlank: false });
    return { kind: 'condition', condition };
  },
  Expect(_kw, _open, entries, _close) {
    const c: CContext = this.args.c;
    return {
      kind: 'expect',
      entries: entries.children.map((e): Expectation => {
        const [modelNode, _colon, obs, flags] = e.children as [Node, Node, Node, Node];
        const model = modelNode.child(0).sourceString as ModelName;
        const modeIter = modelNode.child(2);
        const mode = (modeIter.numChildren > 0 ? modeIter.child(0).sourceString : 'as-written') as OrderingMode;
        if (!MODES.includes(mode)) throw new Error(`c-litmus.ohm and c-semantics.ts disagree on the mode ${mode}`);
        const observation = obs.sourceString as Observation;
        if (!OBSERVATIONS.includes(observation)) throw new Error(`c-litmus.ohm and c-semantics.ts disagree on ${observation}`);
        const names = flags.children.map((f) => f.child(1).sourceString);
        return mk(c, { id: -1, model, mode, observation, race: names.includes('race'), fault: names.includes('panic') }, e);
      }),
    };
  },
});

function observed(n: Node, c: CContext): ObservedItem {
  const alt = n.child(0);
  if (alt.ctorName === 'ObsItem_reg') return mk(c, { kind: 'reg', id: -1, thread: alt.child(0).sourceString, name: alt.child(2).sourceString }, alt);
  const name = alt.ctorName === 'ObsItem_bracket' ? alt.child(1) : alt.child(0);
  return mk(c, { kind: 'loc', id: -1, name: name.sourceString, index: null }, alt);
}

/** Builds the nodes of a proposition's connectives (leaves are operand CST nodes). */
function realizeProp(shape: Shape<Node, PropOp>, c: CContext): Cond {
  if (shape.kind === 'leaf') return prop(shape.leaf, c);
  const [first, last] = shapeEnds(shape);
  const kind = shape.op === '\\/' ? 'or' : shape.op === '/\\' ? 'and' : 'implies';
  const left = realizeProp(shape.left, c);
  const right = realizeProp(shape.right, c);
  return mk(c, { kind, id: -1, left, right }, { start: spanAt(first).start, end: spanAt(last).end });
}

semantics.addOperation<Cond>('prop(c)', {
  Prop(first, ops, operands) {
    const rest = ops.children.map((o, i) => [o.sourceString as PropOp, operands.children[i]!] as const);
    const shape = climb<Node, PropOp>(first, rest, (op) => PROP_PRECEDENCE[op], (op) => PROP_RIGHT_ASSOC[op]);
    return realizeProp(shape, this.args.c);
  },
  PropNot_not(_not, arg) {
    const c: CContext = this.args.c;
    return mk(c, { kind: 'not', id: -1, arg: prop(arg, c) }, this);
  },
  PropAtom_paren(_open, inner, _close) {
    return prop(inner, this.args.c);
  },
  PropAtom_true(_kw) {
    return mk(this.args.c, { kind: 'true', id: -1 }, this);
  },
  PropAtom_false(_kw) {
    return mk(this.args.c, { kind: 'false', id: -1 }, this);
  },
  PropAtom_compare(loc, op, value) {
    const c: CContext = this.args.c;
    const left = condLoc(loc, c);
    const right: CondTerm = mk(c, { kind: 'int', id: -1, value: signed(value) }, value);
    const cmp: CompareOp = op.sourceString === '!=' ? '!=' : '==';
    return mk(c, { kind: 'compare', id: -1, op: cmp, left, right }, this);
  },
});

function condLoc(n: Node, c: CContext): CondTerm {
  const alt = n.child(0);
  if (alt.ctorName === 'CondLoc_reg') return mk(c, { kind: 'reg', id: -1, thread: alt.child(0).sourceString, name: alt.child(2).sourceString }, alt);
  const name = alt.ctorName === 'CondLoc_bracket' ? alt.child(1) : alt.child(0);
  return mk(c, { kind: 'loc', id: -1, name: name.sourceString, index: null }, alt);
}

semantics.addOperation<LitmusFile>('file(c)', {
  File(head, doc, metas, initBlock, threads, clauses, _end) {
    const c: CContext = this.args.c;
    for (const m of metas.children) c.opaque.push(spanAt(m));
    const items = initBlock.child(2).children.map((e) => init(e, c));
    const ts = threads.children.map((t) => thread(t, c));
    let observedItems: ObservedItem[] | null = null;
    let filter: Cond | null = null;
    let condition: Condition | null = null;
    const expectations: Expectation[] = [];
    const verbatim: string[] = [];
    const seen = new Set<string>();
    for (const cl of clauses.children) {
      const made = clause(cl, c);
      if (made.kind !== 'verbatim' && seen.has(made.kind)) {
        const what = made.kind === 'condition' ? 'the final condition' : `the \`${made.kind}\` clause`;
        throw new SyntaxProblem(`${what} is given twice`, spanAt(cl), 'second one');
      }
      seen.add(made.kind);
      if (made.kind === 'locations') observedItems = made.items;
      else if (made.kind === 'filter') filter = made.prop;
      else if (made.kind === 'verbatim') verbatim.push(made.text);
      else if (made.kind === 'condition') condition = made.condition;
      else expectations.push(...made.entries);
    }
    return {
      kind: 'file',
      dialect: 'c',
      name: head.child(2).sourceString,
      doc: doc.numChildren > 0 ? doc.child(0).sourceString.slice(1, -1) : null,
      meta: metas.children.map((m): MetaLine => ({ key: m.child(0).sourceString, value: m.child(3).sourceString.trim() })),
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
  },
});

/**
 * Builds the AST of a successful match, nodes registered in `c.nodes` with `id: -1` (the caller
 * numbers them) and comment anchors in `c.anchors`. Throws `SyntaxProblem` for text the grammar
 * accepts but the dialect does not (`long short x`, two conditions).
 */
export function buildCFile(match: MatchResult, c: CContext): LitmusFile {
  return semantics(match)['file'](c) as LitmusFile;
}
