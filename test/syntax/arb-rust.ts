// fast-check arbitraries of native-dialect ASTs that the parser could produce (for the fmt round
// trip), and `stripIds`, which compares trees modulo ids. The shape rules mirror the parser:
// locations are upper-case statics, registers lower-case non-statics (so a `reg` never names a
// static and an unindexed `read` always does), no negative literal inside expressions (`-1` is
// unary minus), trivia only where the parser records it (no blank line before the first node of
// a block or before a thread), no bare `true`/`false` term in a condition (it parses as `true`).
import fc from 'fast-check';
import type {
  AssertForm, BinaryOp, Cond, CondTerm, Condition, Expectation, Expr, FetchOp, Initializer, LitmusFile,
  LocationDecl, LocationRef, LocationType, ObservedItem, Ordering, ResultMethod, Stmt, ThreadDecl, Trivia,
} from '../../src/ast.js';
import { headerEnd } from '../../src/syntax/common.js';
import { RUST_COMMENTS, scanSource } from '../../src/syntax/trivia.js';

/** The comments of a native file, sorted (as the parser finds them: after the header's name). */
export function commentsOf(text: string): string[] {
  return scanSource(text, RUST_COMMENTS, headerEnd(text)).comments.map((c) => c.text).sort();
}

/** A deep copy of `tree` without the `id` fields (spans and ids differ between parses). */
export function stripIds<T>(tree: T): T {
  if (Array.isArray(tree)) return tree.map(stripIds) as T;
  if (tree === null || typeof tree !== 'object') return tree;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree)) if (k !== 'id' && v !== undefined) out[k] = stripIds(v);
  return out as T;
}

const KEYWORDS = new Set(
  ('as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ' +
    'ref return self Self static struct super trait true type unsafe use where while thread Ok Err').split(' '),
);

const lower = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'), fc.string({ unit: fc.constantFrom(...'abrtxyz019_'), maxLength: 4 }))
  .map(([a, b]) => a + b)
  .filter((s) => !KEYWORDS.has(s));
const upper = fc
  .tuple(fc.constantFrom(...'ABDMRTXYZ'), fc.string({ unit: fc.constantFrom(...'ABTX019_'), maxLength: 4 }))
  .map(([a, b]) => a + b);
const anyIdent = fc.oneof(lower, upper);

const ordering = fc.constantFrom<Ordering>('Relaxed', 'Acquire', 'Release', 'AcqRel', 'SeqCst');
const bigNat = fc.oneof(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: (1n << 130n) }));
const bigInt = fc.oneof(fc.bigInt({ min: -100n, max: 100n }), fc.bigInt({ min: -(1n << 128n), max: 1n << 128n }));
const smallNat = fc.nat({ max: 1000 });

const commentText = fc.string({ unit: fc.constantFrom(...'abc xyz,.!?()[]{}é"\''), maxLength: 12 });
const comment = fc.oneof(
  commentText.map((t) => `//${t}`.trimEnd()),
  commentText.map((t) => `/*${t}*/`),
  fc.tuple(commentText, commentText).map(([a, b]) => `/*${a}\n${b}*/`),
);

/** Trivia as the parser records it: omitted when empty; a blank line only where allowed. */
function trivia(blankAllowed: boolean): fc.Arbitrary<Trivia | undefined> {
  return fc
    .record({ leading: fc.array(comment, { maxLength: 2 }), trailing: fc.option(comment, { freq: 3 }), blankBefore: fc.boolean() })
    .map((t) => {
      const blankBefore = t.blankBefore && blankAllowed;
      return t.leading.length === 0 && t.trailing === null && !blankBefore ? undefined : { ...t, blankBefore };
    });
}
const maybeTrivia = (blankAllowed: boolean) => fc.option(trivia(blankAllowed), { freq: 4, nil: undefined }).map((t) => t ?? undefined);

function withTrivia<T extends object>(node: T, t: Trivia | undefined): T {
  return t ? { ...node, trivia: t } : node;
}

const BINARY: BinaryOp[] = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
const COMPOUND: BinaryOp[] = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>'];
const FETCH: FetchOp[] = ['add', 'sub', 'and', 'nand', 'or', 'xor', 'max', 'min'];
const METHODS: ResultMethod[] = ['is_ok', 'is_err', 'unwrap', 'unwrap_err', 'unwrap_or_else_identity'];

/** Expressions, statements and blocks over the given statics. */
function code(statics: readonly string[]) {
  const reg = lower.filter((n) => !statics.includes(n));
  const staticName = statics.length > 0 ? fc.constantFrom(...statics) : fc.constant(null);
  return fc.letrec<{ expr: Expr; loc: LocationRef; stmt: Stmt; block: Stmt[] }>((tie) => {
    const expr = tie('expr');
    const loc = tie('loc');
    const block = tie('block');
    return {
      expr: fc.oneof(
        { maxDepth: 3, depthIdentifier: 'expr' },
        fc.oneof(
          bigNat.map((value): Expr => ({ kind: 'int', id: 0, value })),
          fc.boolean().map((value): Expr => ({ kind: 'bool', id: 0, value })),
          reg.map((name): Expr => ({ kind: 'reg', id: 0, name })),
          staticName.map((name): Expr => (name === null ? { kind: 'int', id: 0, value: 0n } : { kind: 'read', id: 0, loc: { id: 0, name, index: null } })),
        ),
        fc.record({ name: anyIdent, index: expr }).map(({ name, index }): Expr => ({ kind: 'read', id: 0, loc: { id: 0, name, index } })),
        fc.record({ loc, ordering }).map((r): Expr => ({ kind: 'load', id: 0, ...r })),
        fc.record({ loc, value: expr, ordering }).map((r): Expr => ({ kind: 'swap', id: 0, ...r })),
        fc.record({ op: fc.constantFrom(...FETCH), loc, value: expr, ordering }).map((r): Expr => ({ kind: 'fetch', id: 0, ...r })),
        fc
          .record({ loc, expected: expr, desired: expr, success: ordering, failure: ordering, weak: fc.boolean() })
          .map((r): Expr => ({ kind: 'cas', id: 0, ...r })),
        fc.record({ op: fc.constantFrom<'!' | '-'>('!', '-'), arg: expr }).map((r): Expr => ({ kind: 'unary', id: 0, ...r })),
        fc.record({ op: fc.constantFrom(...BINARY), left: expr, right: expr }).map((r): Expr => ({ kind: 'binary', id: 0, ...r })),
        fc.record({ ok: fc.boolean(), value: expr }).map((r): Expr => ({ kind: 'result', id: 0, ...r })),
        fc.record({ target: expr, method: fc.constantFrom(...METHODS) }).map((r): Expr => ({ kind: 'method', id: 0, ...r })),
      ),
      loc: fc.record({ name: anyIdent, index: fc.option(expr, { freq: 3 }) }).map((r): LocationRef => ({ id: 0, ...r })),
      stmt: fc.oneof(
        { maxDepth: 2, depthIdentifier: 'stmt' },
        fc.record({ name: lower, mutable: fc.boolean(), init: expr }).map((r): Stmt => ({ kind: 'let', id: 0, ...r })),
        fc.record({ name: reg, op: fc.option(fc.constantFrom(...COMPOUND)), value: expr }).map((r): Stmt => ({ kind: 'assign', id: 0, ...r })),
        // a write is to a static, or to any indexed name
        fc
          .record({ name: anyIdent, index: expr, value: expr })
          .map(({ name, index, value }): Stmt => ({ kind: 'write', id: 0, loc: { id: 0, name, index }, value })),
        fc
          .record({ name: staticName, value: expr })
          .map(({ name, value }): Stmt => ({ kind: 'write', id: 0, loc: { id: 0, name: name ?? 'X', index: name ? null : { kind: 'int', id: 0, value: 0n } }, value })),
        fc.record({ loc, value: expr, ordering }).map((r): Stmt => ({ kind: 'store', id: 0, ...r })),
        expr.map((e): Stmt => ({ kind: 'expr', id: 0, expr: e })),
        ordering.map((o): Stmt => ({ kind: 'fence', id: 0, ordering: o })),
        fc.record({ mutex: loc, unlock: fc.boolean() }).map(({ mutex, unlock }): Stmt => ({ kind: unlock ? 'unlock' : 'lock', id: 0, mutex })),
        fc.constantFrom<Stmt>({ kind: 'break', id: 0 }, { kind: 'continue', id: 0 }),
        fc
          .record({ form: fc.constantFrom<AssertForm>('assert', 'assert_eq', 'assert_ne'), a: expr, b: expr })
          .map(({ form, a, b }): Stmt => ({ kind: 'assert', id: 0, form, args: form === 'assert' ? [a] : [a, b] })),
        expr.map((c): Stmt => ({ kind: 'assume', id: 0, cond: c })),
        fc.record({ cond: expr, then: block, else: fc.option(block) }).map((r): Stmt => ({ kind: 'if', id: 0, ...r })),
        fc.record({ cond: expr, body: block }).map((r): Stmt => ({ kind: 'while', id: 0, ...r })),
        block.map((body): Stmt => ({ kind: 'loop', id: 0, body })),
        fc
          .record({ var: lower, from: bigInt, to: bigInt, inclusive: fc.boolean(), body: block })
          .map((r): Stmt => ({ kind: 'for', id: 0, ...r })),
      ),
      block: fc
        .array(fc.tuple(tie('stmt'), maybeTrivia(true)), { maxLength: 3 })
        .map((items) => items.map(([s, t], i) => withTrivia(s, i === 0 ? dropBlank(t) : t))),
    };
  });
}

function dropBlank(t: Trivia | undefined): Trivia | undefined {
  if (!t || !t.blankBefore) return t;
  return t.leading.length === 0 && t.trailing === null ? undefined : { ...t, blankBefore: false };
}

const scalar = fc.constantFrom(
  'AtomicBool', 'AtomicU8', 'AtomicU16', 'AtomicU32', 'AtomicU64', 'AtomicU128', 'AtomicUsize', 'AtomicI8', 'AtomicI16',
  'AtomicI32', 'AtomicI64', 'AtomicI128', 'AtomicIsize', 'bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16',
  'i32', 'i64', 'i128', 'isize',
).map((name) => {
  const plain = name.startsWith('Atomic') ? name.slice(6).toLowerCase() : name;
  const bits = plain === 'bool' ? 8 : plain.endsWith('size') ? 64 : Number(plain.slice(1));
  return { kind: 'scalar' as const, atomic: name !== plain, name, int: { kind: 'int' as const, name: plain, bits: bits as 8, signed: plain.startsWith('i') } };
});
const locationType: fc.Arbitrary<LocationType> = fc.oneof(
  scalar,
  fc.record({ element: scalar, length: smallNat }).map((r): LocationType => ({ kind: 'array', ...r })),
  fc.constant<LocationType>({ kind: 'mutex' }),
);
const initializer: fc.Arbitrary<Initializer> = fc.oneof(
  bigInt.map((value): Initializer => ({ kind: 'value', id: 0, value })),
  fc.array(bigInt, { maxLength: 4 }).map((values): Initializer => ({ kind: 'list', id: 0, values })),
  fc.record({ value: bigInt, count: smallNat }).map((r): Initializer => ({ kind: 'repeat', id: 0, ...r })),
);

const regTerm = fc.record({ thread: lower, name: anyIdent }).map((r): CondTerm => ({ kind: 'reg', id: 0, ...r }));
const condTerm: fc.Arbitrary<CondTerm> = fc.oneof(
  regTerm,
  bigInt.map((value): CondTerm => ({ kind: 'int', id: 0, value })),
  fc.boolean().map((value): CondTerm => ({ kind: 'bool', id: 0, value })),
  fc.record({ name: anyIdent, index: fc.option(smallNat) }).map((r): CondTerm => ({ kind: 'loc', id: 0, ...r })),
  fc.record({ ok: fc.boolean(), value: bigInt }).map((r): CondTerm => ({ kind: 'result', id: 0, ...r })),
  fc.record({ target: regTerm, method: fc.constantFrom<'is_ok' | 'is_err'>('is_ok', 'is_err') }).map((r): CondTerm => ({ kind: 'method', id: 0, ...r })),
);
const { cond } = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'cond' },
    fc.record({ op: fc.constantFrom<'=='>('==', '!=', '<', '<=', '>', '>='), left: condTerm, right: condTerm }).map((r): Cond => ({ kind: 'compare', id: 0, ...r })),
    fc.constantFrom<Cond>({ kind: 'true', id: 0 }, { kind: 'false', id: 0 }),
    condTerm.filter((t) => t.kind !== 'bool').map((term): Cond => ({ kind: 'term', id: 0, term })),
    tie('cond').map((arg): Cond => ({ kind: 'not', id: 0, arg })),
    fc.record({ and: fc.boolean(), left: tie('cond'), right: tie('cond') }).map(({ and, left, right }): Cond => ({ kind: and ? 'and' : 'or', id: 0, left, right })),
  ),
}));

const observedItem: fc.Arbitrary<ObservedItem> = fc.oneof(
  fc.record({ thread: lower, name: anyIdent }).map((r): ObservedItem => ({ kind: 'reg', id: 0, ...r })),
  fc.record({ name: anyIdent, index: fc.option(smallNat) }).map((r): ObservedItem => ({ kind: 'loc', id: 0, ...r })),
);
const expectation: fc.Arbitrary<Expectation> = fc
  .record({
    model: fc.constantFrom<'rc11' | 'sc'>('rc11', 'sc'),
    mode: fc.constantFrom<Expectation['mode']>('as-written', 'relaxed', 'acqrel', 'seqcst'),
    observation: fc.constantFrom<Expectation['observation']>('Always', 'Sometimes', 'Never'),
    race: fc.boolean(),
    fault: fc.boolean(),
  })
  .map((r) => ({ id: 0, ...r }));

const testName = fc.string({ unit: fc.constantFrom(...'AZaz09+._-/"()'), minLength: 1, maxLength: 12 });
const doc = fc.string({ unit: fc.constantFrom(...'ab "\\\n\té/*'), maxLength: 16 });

/** Random native files the parser could have produced. */
export const arbNativeFile: fc.Arbitrary<LitmusFile> = fc.uniqueArray(upper, { maxLength: 4 }).chain((statics) => {
  const { block } = code(statics);
  const decls = fc
    .tuple(...statics.map((name, i) =>
      fc.record({ type: locationType, init: fc.option(initializer), t: maybeTrivia(i > 0) }).map(({ type, init, t }): LocationDecl =>
        withTrivia({ kind: 'location', id: 0, name, type, init }, t),
      ),
    ))
    .map((d) => [...d]);
  const thread = fc.record({ name: lower, body: block, t: maybeTrivia(false) }).map(({ name, body, t }): ThreadDecl =>
    withTrivia({ kind: 'thread', id: 0, name, params: [], body }, t),
  );
  const condition = fc
    .record({ quantifier: fc.constantFrom<Condition['quantifier']>('exists', 'not exists', 'forall'), prop: cond, t: maybeTrivia(false) })
    .map(({ quantifier, prop, t }): Condition => withTrivia({ id: 0, quantifier, prop }, t));
  return fc
    .record({
      name: testName,
      doc: fc.option(doc),
      locations: decls,
      threads: fc.array(thread, { maxLength: 3 }),
      observed: fc.option(fc.array(observedItem, { maxLength: 3 })),
      filter: fc.option(cond, { freq: 3 }),
      condition: fc.option(condition, { freq: 3 }),
      expectations: fc.array(expectation, { maxLength: 3 }),
      trailingComments: fc.array(comment, { maxLength: 2 }),
    })
    .map((r): LitmusFile => ({
      kind: 'file',
      dialect: 'rust',
      name: r.name,
      doc: r.doc,
      meta: [],
      locations: r.locations,
      registerInits: [],
      threads: r.threads,
      observed: r.observed,
      filter: r.filter,
      condition: r.condition,
      expectations: r.expectations,
      verbatim: [],
      trailingComments: r.trailingComments,
    }));
});
