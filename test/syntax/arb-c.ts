// fast-check arbitraries of C-dialect ASTs that parseC could produce, for the fmt round trip.
// The shape rules mirror the parser: integer literals in code are never negative (`-1` is unary
// minus), an expression statement is always a call, lets are mutable with a C type, locations are
// never indexed, conditions compare a register or location with an integer, types are what
// c-types.ts makes of their text, and trivia appear only where the parser records them (a blank
// line only before a statement that is not the first of its block).
import fc from 'fast-check';
import type {
  BinaryOp, Cond, CondTerm, Condition, Expectation, Expr, FetchOp, IntType, LitmusFile, LocationDecl,
  LocationRef, LocationType, MetaLine, ObservedItem, Ordering, RegisterInit, Stmt, ThreadDecl, ThreadParam, Trivia,
} from '../../src/ast.js';

const LOCATIONS = ['x', 'y', 'z', 'w', 'flag', 'data', 'x_1', '_q'];
const REGISTERS = ['r0', 'r1', 'r2', 't', 'u', 'tmp9'];
const location = fc.constantFrom(...LOCATIONS);
const register = fc.constantFrom(...REGISTERS);
const threadNum = fc.constantFrom('0', '1', '2', '3', '10');

const ordering = fc.constantFrom<Ordering>('Relaxed', 'Consume', 'Acquire', 'Release', 'AcqRel', 'SeqCst');
const nat = fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: 1n << 130n }));
const int = fc.oneof(fc.bigInt({ min: -20n, max: 20n }), fc.bigInt({ min: -(1n << 127n), max: 1n << 128n }));

const it = (name: string, bits: IntType['bits'], signed: boolean): IntType => ({ kind: 'int', name, bits, signed });

/** Type texts with what the parser makes of them. */
const LOCATION_TYPES: readonly LocationType[] = [
  { kind: 'scalar', atomic: false, name: 'int', int: it('int', 32, true) },
  { kind: 'scalar', atomic: true, name: 'atomic_int', int: it('int', 32, true) },
  { kind: 'scalar', atomic: true, name: 'atomic_t', int: it('int', 32, true) },
  { kind: 'scalar', atomic: true, name: 'atomic_ullong', int: it('unsigned long long', 64, false) },
  { kind: 'scalar', atomic: false, name: 'unsigned long long int', int: it('unsigned long long int', 64, false) },
  { kind: 'scalar', atomic: false, name: 'signed char', int: it('signed char', 8, true) },
  { kind: 'scalar', atomic: false, name: 'short', int: it('short', 16, true) },
  { kind: 'scalar', atomic: false, name: '__int128', int: it('__int128', 128, true) },
  { kind: 'scalar', atomic: false, name: '__uint128_t', int: it('__uint128_t', 128, false) },
  { kind: 'scalar', atomic: false, name: 'volatile int', int: it('int', 32, true) },
  { kind: 'scalar', atomic: true, name: '_Atomic __int128', int: it('__int128', 128, true) },
  { kind: 'scalar', atomic: true, name: '_Atomic(unsigned)', int: it('unsigned', 32, false) },
  { kind: 'scalar', atomic: false, name: 'uint8_t', int: it('uint8_t', 8, false) },
  { kind: 'scalar', atomic: false, name: '_Bool', int: it('_Bool', 8, false) },
  { kind: 'scalar', atomic: false, name: 'size_t', int: it('size_t', 64, false) },
];
const POINTEE_TYPES = ['atomic_int', 'volatile int', 'int', 'const int', '_Atomic __int128', 'volatile __int128', '__int128_t', 'atomic_long', 'unsigned int'];
const LOCAL_TYPES = ['int', '__int128', 'long', 'unsigned int', 'int64_t', '__int128_t', 'char'];

// ---- comments ----------------------------------------------------------------------------------

const commentText = fc.string({ unit: fc.constantFrom(...'abc xyz,.!?()[]{}é"\'=:;'), maxLength: 12 });
// `(*` right before a letter is code (a dereference), so herd comments start with a space
const comment = fc.oneof(
  commentText.map((t) => `//${t}`.trimEnd()),
  commentText.map((t) => `(* ${t} *)`),
  commentText.map((t) => `(* (* ${t} *) *)`),
  commentText.map((t) => `/*${t}*/`),
  fc.tuple(commentText, commentText).map(([a, b]) => `(* ${a}\n${b} *)`),
);

/** Trivia as the parser records it: omitted when empty, a blank line only where allowed. */
function trivia(blankAllowed: boolean): fc.Arbitrary<Trivia | undefined> {
  return fc
    .record({ leading: fc.array(comment, { maxLength: 2 }), trailing: fc.option(comment, { freq: 3 }), blankBefore: fc.boolean() })
    .map((t) => {
      const blankBefore = t.blankBefore && blankAllowed;
      return t.leading.length === 0 && t.trailing === null && !blankBefore ? undefined : { ...t, blankBefore };
    });
}
const maybeTrivia = (blankAllowed: boolean): fc.Arbitrary<Trivia | undefined> =>
  fc.option(trivia(blankAllowed), { freq: 4, nil: undefined }).map((t) => t ?? undefined);

function withTrivia<T extends object>(node: T, t: Trivia | undefined): T {
  return t ? { ...node, trivia: t } : node;
}

// ---- code --------------------------------------------------------------------------------------

const BINARY: BinaryOp[] = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
const COMPOUND: BinaryOp[] = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>'];
const FETCH: FetchOp[] = ['add', 'sub', 'or', 'xor', 'and'];

const locRef: fc.Arbitrary<LocationRef> = location.map((name) => ({ id: 0, name, index: null }));

const code = fc.letrec<{ expr: Expr; call: Expr; stmt: Stmt; block: Stmt[] }>((tie) => {
  const expr = tie('expr');
  const call = tie('call');
  const block = tie('block');
  return {
    call: fc.oneof(
      fc.record({ loc: locRef, ordering }).map((r): Expr => ({ kind: 'load', id: 0, ...r })),
      fc.record({ loc: locRef, value: expr, ordering }).map((r): Expr => ({ kind: 'swap', id: 0, ...r })),
      fc.record({ op: fc.constantFrom(...FETCH), loc: locRef, value: expr, ordering }).map((r): Expr => ({ kind: 'fetch', id: 0, ...r })),
      fc
        .record({
          loc: locRef,
          expected: fc.oneof(
            locRef.map((loc) => ({ kind: 'location' as const, loc })),
            register.map((name) => ({ kind: 'register' as const, id: 0, name })),
          ),
          desired: expr,
          success: ordering,
          failure: ordering,
          weak: fc.boolean(),
        })
        .map((r): Expr => ({ kind: 'ccas', id: 0, ...r })),
      fc.record({ loc: locRef, add: expr, unless: expr }).map((r): Expr => ({ kind: 'addUnless', id: 0, ...r })),
    ),
    expr: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'expr' },
      nat.map((value): Expr => ({ kind: 'int', id: 0, value })),
      register.map((name): Expr => ({ kind: 'reg', id: 0, name })),
      locRef.map((loc): Expr => ({ kind: 'read', id: 0, loc })),
      call,
      fc.record({ op: fc.constantFrom<'!' | '-' | '~'>('!', '-', '~'), arg: expr }).map((r): Expr => ({ kind: 'unary', id: 0, ...r })),
      fc.record({ op: fc.constantFrom(...BINARY), left: expr, right: expr }).map((r): Expr => ({ kind: 'binary', id: 0, ...r })),
    ),
    stmt: fc.oneof(
      { maxDepth: 2, depthIdentifier: 'stmt' },
      fc
        .record({ name: register, init: fc.option(expr), ctype: fc.constantFrom(...LOCAL_TYPES) })
        .map((r): Stmt => ({ kind: 'let', id: 0, name: r.name, mutable: true, init: r.init, ctype: r.ctype })),
      fc.record({ name: register, op: fc.option(fc.constantFrom(...COMPOUND)), value: expr }).map((r): Stmt => ({ kind: 'assign', id: 0, ...r })),
      fc.record({ loc: locRef, value: expr }).map((r): Stmt => ({ kind: 'write', id: 0, ...r })),
      fc.record({ loc: locRef, value: expr, ordering }).map((r): Stmt => ({ kind: 'store', id: 0, ...r })),
      ordering.map((o): Stmt => ({ kind: 'fence', id: 0, ordering: o })),
      call.map((e): Stmt => ({ kind: 'expr', id: 0, expr: e })),
      fc.record({ cond: expr, then: block, else: fc.option(block) }).map((r): Stmt => ({ kind: 'if', id: 0, ...r })),
      fc.record({ cond: expr, body: block }).map((r): Stmt => ({ kind: 'while', id: 0, ...r })),
    ),
    block: fc
      .array(fc.tuple(tie('stmt'), maybeTrivia(true)), { maxLength: 4, depthIdentifier: 'stmt' })
      .map((items) => items.map(([s, t], i) => withTrivia(s, t && i === 0 ? { ...t, blankBefore: false } : t)))
      .map((items) => items.map((s) => (s.trivia && isEmpty(s.trivia) ? dropTrivia(s) : s))),
  };
});

function isEmpty(t: Trivia): boolean {
  return t.leading.length === 0 && t.trailing === null && !t.blankBefore;
}

function dropTrivia<T extends { trivia?: Trivia }>(node: T): T {
  const { trivia: _, ...rest } = node;
  return rest as T;
}

// ---- file --------------------------------------------------------------------------------------

const locationDecl: fc.Arbitrary<LocationDecl> = fc
  .record({ name: location, type: fc.option(fc.constantFrom(...LOCATION_TYPES)), init: fc.option(int), t: maybeTrivia(false) })
  .map(({ name, type, init, t }) =>
    withTrivia<LocationDecl>({ kind: 'location', id: 0, name, type, init: init === null ? null : { kind: 'value', id: 0, value: init } }, t),
  );

const registerInit: fc.Arbitrary<RegisterInit> = fc
  .record({ thread: threadNum, register, value: int, t: maybeTrivia(false) })
  .map(({ thread, register: r, value, t }) => withTrivia<RegisterInit>({ kind: 'registerInit', id: 0, thread, register: r, value }, t));

const param: fc.Arbitrary<ThreadParam> = fc
  .record({ name: location, ctype: fc.constantFrom(...POINTEE_TYPES) })
  .map((r) => ({ id: 0, ...r }));

const cond: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'cond' },
    fc.constant<Cond>({ kind: 'true', id: 0 }),
    fc.constant<Cond>({ kind: 'false', id: 0 }),
    fc
      .record({
        op: fc.constantFrom<'==' | '!='>('==', '!='),
        left: fc.oneof(
          fc.record({ thread: threadNum, name: register }).map((r): CondTerm => ({ kind: 'reg', id: 0, ...r })),
          location.map((name): CondTerm => ({ kind: 'loc', id: 0, name, index: null })),
        ),
        right: int.map((value): CondTerm => ({ kind: 'int', id: 0, value })),
      })
      .map((r): Cond => ({ kind: 'compare', id: 0, ...r })),
    tie('cond').map((arg): Cond => ({ kind: 'not', id: 0, arg })),
    fc
      .record({ kind: fc.constantFrom<'and' | 'or' | 'implies'>('and', 'or', 'implies'), left: tie('cond'), right: tie('cond') })
      .map((r): Cond => ({ id: 0, ...r })),
  ),
})).cond;

const condition: fc.Arbitrary<Condition> = fc
  .record({ quantifier: fc.constantFrom<Condition['quantifier']>('exists', 'not exists', 'forall'), prop: cond, t: maybeTrivia(false) })
  .map(({ quantifier, prop, t }) => withTrivia<Condition>({ id: 0, quantifier, prop }, t));

const observed: fc.Arbitrary<ObservedItem> = fc.oneof(
  location.map((name): ObservedItem => ({ kind: 'loc', id: 0, name, index: null })),
  fc.record({ thread: threadNum, name: register }).map((r): ObservedItem => ({ kind: 'reg', id: 0, ...r })),
);

const expectation: fc.Arbitrary<Expectation> = fc.record({
  id: fc.constant(0),
  model: fc.constantFrom('rc11' as const, 'sc' as const),
  mode: fc.constantFrom('as-written' as const, 'relaxed' as const, 'acqrel' as const, 'seqcst' as const),
  observation: fc.constantFrom('Always' as const, 'Sometimes' as const, 'Never' as const),
  race: fc.boolean(),
  fault: fc.boolean(),
});

const plainText = (units: string, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...units), maxLength }).map((s) => s.trim());

const meta: fc.Arbitrary<MetaLine> = fc.record({
  key: fc.constantFrom('Cycle', 'Relax', 'Safe', 'Generator', 'Prefetch', 'Com', 'Orig', 'Variant', 'My-key.2'),
  value: plainText('abcXYZ019 =,:.+()-[]', 30),
});

const verbatim = fc
  .tuple(fc.constantFrom('regions', 'scopes'), fc.constantFrom('', ' '), plainText('abxy:PROP ()01', 20))
  .map(([kw, sp, rest]) => `${kw}${sp}:${rest === '' ? '' : ` ${rest}`}`);

const thread = (i: number): fc.Arbitrary<ThreadDecl> =>
  fc
    .record({ params: fc.array(param, { maxLength: 3 }), body: code.block, t: maybeTrivia(false) })
    .map(({ params, body, t }) => withTrivia<ThreadDecl>({ kind: 'thread', id: 0, name: `P${i}`, params, body }, t));

/** Random C-dialect files, as parseC would return them (ids all 0). */
export const arbCFile: fc.Arbitrary<LitmusFile> = fc
  .record({
    name: fc.string({ unit: fc.constantFrom(...'abcXYZ019_+.-'), minLength: 1, maxLength: 12 }),
    doc: fc.option(fc.string({ unit: fc.constantFrom(...'ab XY(*)/.,:'), maxLength: 20 })),
    meta: fc.array(meta, { maxLength: 3 }),
    locations: fc.array(locationDecl, { maxLength: 4 }),
    registerInits: fc.array(registerInit, { maxLength: 2 }),
    threads: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => thread(i)))),
    observed: fc.option(fc.array(observed, { maxLength: 3 })),
    filter: fc.option(cond),
    condition: fc.option(condition),
    expectations: fc.array(expectation, { maxLength: 3 }),
    verbatim: fc.array(verbatim, { maxLength: 2 }),
    trailingComments: fc.array(comment, { maxLength: 2 }),
  })
  .map((r): LitmusFile => ({ kind: 'file', dialect: 'c', ...r }));
