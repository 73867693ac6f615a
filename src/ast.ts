/**
 * The litmus AST: what a litmus file says, for both dialects (native Rust-flavoured and herd7 C).
 *
 * Both grammars lower to these types, so every later stage (validation, lowering, exploration,
 * formatting) works on either dialect. A few node kinds exist only in one dialect (noted on the
 * type); the formatter of the other dialect never meets them.
 *
 * Source locations live beside the tree, not inside it: nodes that a diagnostic may point at carry
 * a numeric `id`, and `LitmusFile.spans` maps ids to source spans. Ids are assigned in source
 * order by the parser, so two parses of equivalent text give equal trees (the `fmt` round trip
 * relies on this), while spans differ freely.
 *
 * Integer literals are `bigint`: a litmus value may be any 128-bit integer, and the AST must not
 * round it.
 */

/** Which surface syntax a file was written in; the first word of the file picks it. */
export type Dialect = 'rust' | 'c';

/** Identifier of a node, for looking up its source span. */
export type NodeId = number;

/** A half-open range of UTF-16 offsets into the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Comments attached to a node by the parser, so that `fmt` can keep them. */
export interface Trivia {
  /** Whole-line comments just above the node, as written (with their `//` or `(*` markers). */
  readonly leading: readonly string[];
  /** A comment on the same line, after the node, as written. */
  readonly trailing: string | null;
  /** True when a blank line separated this node from the previous one. */
  readonly blankBefore: boolean;
}

/** Orderings as Rust spells them; `Consume` exists only in the C dialect (read as Acquire). */
export type Ordering = 'Relaxed' | 'Consume' | 'Acquire' | 'Release' | 'AcqRel' | 'SeqCst';

/** An integer type: its width and signedness, and the name it was written with. */
export interface IntType {
  readonly kind: 'int';
  /** As written: `usize`, `u32`, `i64`, `int`, `__int128`, `bool`, ... */
  readonly name: string;
  readonly bits: 8 | 16 | 32 | 64 | 128;
  readonly signed: boolean;
}

/** The type of a declared location. */
export type LocationType =
  | {
      readonly kind: 'scalar';
      /** Atomic (`AtomicUsize`, `atomic_int`) or plain (`usize`, `int`). */
      readonly atomic: boolean;
      /** The type name as written, e.g. `AtomicUsize`, `atomic_int`, `usize`, `_Atomic __int128`. */
      readonly name: string;
      readonly int: IntType;
    }
  | {
      readonly kind: 'array';
      readonly element: LocationType & { readonly kind: 'scalar' };
      readonly length: number;
    }
  | { readonly kind: 'mutex' };

/** An initialiser of a location. */
export type Initializer =
  | { readonly kind: 'value'; readonly id: NodeId; readonly value: bigint }
  /** `[1, 2, 3]` */
  | { readonly kind: 'list'; readonly id: NodeId; readonly values: readonly bigint[] }
  /** `[0; 4]` */
  | { readonly kind: 'repeat'; readonly id: NodeId; readonly value: bigint; readonly count: number };

/** A shared location: `static X: AtomicUsize = 0;` or, in C, an init-block entry. */
export interface LocationDecl {
  readonly kind: 'location';
  readonly id: NodeId;
  readonly name: string;
  /** Null in C when the init block gives no type; the thread parameters then decide. */
  readonly type: LocationType | null;
  /** Null means the default, zero. */
  readonly init: Initializer | null;
  readonly trivia?: Trivia;
}

/** C only: an initial register value from the init block, `0:r1=0;`. */
export interface RegisterInit {
  readonly kind: 'registerInit';
  readonly id: NodeId;
  /** Thread as written in the init block (`0`). */
  readonly thread: string;
  readonly register: string;
  readonly value: bigint;
  readonly trivia?: Trivia;
}

/** A reference to a memory location in code: `X`, `TABLE[i]`, `*x`. */
export interface LocationRef {
  readonly id: NodeId;
  readonly name: string;
  /** Array index; null for a scalar location. */
  readonly index: Expr | null;
}

/** Atomic read-modify-write operations that return the previous value. */
export type FetchOp = 'add' | 'sub' | 'and' | 'nand' | 'or' | 'xor' | 'max' | 'min';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%'
  | '&' | '|' | '^' | '<<' | '>>'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '&&' | '||';

export type UnaryOp = '!' | '-' | '~';

/** Methods of a compare_exchange result (Rust's `Result<T, T>`). */
export type ResultMethod = 'is_ok' | 'is_err' | 'unwrap' | 'unwrap_err' | 'unwrap_or_else_identity';

/** Expressions. Memory accesses are expressions, evaluated left to right. */
export type Expr =
  | { readonly kind: 'int'; readonly id: NodeId; readonly value: bigint }
  | { readonly kind: 'bool'; readonly id: NodeId; readonly value: boolean }
  /** A local register (`r1`). */
  | { readonly kind: 'reg'; readonly id: NodeId; readonly name: string }
  /** A plain (non-atomic) read: `DATA`, `TABLE[i]`, `*x`. */
  | { readonly kind: 'read'; readonly id: NodeId; readonly loc: LocationRef }
  /** `X.load(o)`, `atomic_load_explicit(x, o)`. */
  | { readonly kind: 'load'; readonly id: NodeId; readonly loc: LocationRef; readonly ordering: Ordering }
  /** `X.swap(v, o)`, `atomic_exchange_explicit(x, v, o)`. */
  | { readonly kind: 'swap'; readonly id: NodeId; readonly loc: LocationRef; readonly value: Expr; readonly ordering: Ordering }
  /** `X.fetch_add(v, o)`, `atomic_fetch_add_explicit(x, v, o)`, ... */
  | { readonly kind: 'fetch'; readonly id: NodeId; readonly op: FetchOp; readonly loc: LocationRef; readonly value: Expr; readonly ordering: Ordering }
  /**
   * Rust `X.compare_exchange(expected, new, success, failure)` (and `_weak`): a `Result` holding
   * the value read, `Ok` when the exchange happened.
   */
  | {
      readonly kind: 'cas';
      readonly id: NodeId;
      readonly loc: LocationRef;
      readonly expected: Expr;
      readonly desired: Expr;
      readonly success: Ordering;
      readonly failure: Ordering;
      readonly weak: boolean;
    }
  /**
   * C only: `atomic_compare_exchange_strong_explicit(x, exp, desired, succ, fail)` (and `_weak`):
   * reads the expected value from `exp` (a location or `&reg`), and on failure writes the value it
   * read back there, as C does. Evaluates to 1 on success, 0 on failure.
   */
  | {
      readonly kind: 'ccas';
      readonly id: NodeId;
      readonly loc: LocationRef;
      readonly expected: { readonly kind: 'location'; readonly loc: LocationRef } | { readonly kind: 'register'; readonly id: NodeId; readonly name: string };
      readonly desired: Expr;
      readonly success: Ordering;
      readonly failure: Ordering;
      readonly weak: boolean;
    }
  /**
   * C only (Linux-kernel style, herd7's `__atomic_add_unless{mb}(x, a, u)`): adds `a` unless the
   * value is `u`; evaluates to 1 when it added. Fully ordered (SeqCst).
   */
  | { readonly kind: 'addUnless'; readonly id: NodeId; readonly loc: LocationRef; readonly add: Expr; readonly unless: Expr }
  | { readonly kind: 'unary'; readonly id: NodeId; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly id: NodeId; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  /** `Ok(e)` / `Err(e)`: a compare_exchange result value, for comparisons. */
  | { readonly kind: 'result'; readonly id: NodeId; readonly ok: boolean; readonly value: Expr }
  /** `r.is_ok()`, `X.compare_exchange(..).is_err()`, `r.unwrap()`, ... */
  | { readonly kind: 'method'; readonly id: NodeId; readonly target: Expr; readonly method: ResultMethod };

/** The flavour of an assertion. */
export type AssertForm = 'assert' | 'assert_eq' | 'assert_ne';

/** Statements of thread code. */
export type Stmt =
  /** `let r = e;`, `let mut r = e;`, C `int r = e;` / `int r;` (then `init` is null). */
  | { readonly kind: 'let'; readonly id: NodeId; readonly name: string; readonly mutable: boolean; readonly init: Expr | null; readonly ctype?: string; readonly trivia?: Trivia }
  /** `r = e;`, `r += e;` (op is the binary operator of a compound assignment, or null). */
  | { readonly kind: 'assign'; readonly id: NodeId; readonly name: string; readonly op: BinaryOp | null; readonly value: Expr; readonly trivia?: Trivia }
  /** A plain (non-atomic) write: `DATA = 42;`, `TABLE[i] = v;`, `*x = 1;`. */
  | { readonly kind: 'write'; readonly id: NodeId; readonly loc: LocationRef; readonly value: Expr; readonly trivia?: Trivia }
  /** `X.store(v, o);`, `atomic_store_explicit(x, v, o);` */
  | { readonly kind: 'store'; readonly id: NodeId; readonly loc: LocationRef; readonly value: Expr; readonly ordering: Ordering; readonly trivia?: Trivia }
  /** An expression evaluated for its effects (an RMW whose result is dropped). */
  | { readonly kind: 'expr'; readonly id: NodeId; readonly expr: Expr; readonly trivia?: Trivia }
  /** `fence(o);`, `atomic_thread_fence(o);` */
  | { readonly kind: 'fence'; readonly id: NodeId; readonly ordering: Ordering; readonly trivia?: Trivia }
  /** `M.lock();` */
  | { readonly kind: 'lock'; readonly id: NodeId; readonly mutex: LocationRef; readonly trivia?: Trivia }
  /** `M.unlock();` */
  | { readonly kind: 'unlock'; readonly id: NodeId; readonly mutex: LocationRef; readonly trivia?: Trivia }
  | { readonly kind: 'if'; readonly id: NodeId; readonly cond: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] | null; readonly trivia?: Trivia }
  | { readonly kind: 'while'; readonly id: NodeId; readonly cond: Expr; readonly body: readonly Stmt[]; readonly trivia?: Trivia }
  /** `loop { ... }` */
  | { readonly kind: 'loop'; readonly id: NodeId; readonly body: readonly Stmt[]; readonly trivia?: Trivia }
  /** `for i in from..to { }` or `from..=to`; bounds are constants, so the loop is never cut. */
  | { readonly kind: 'for'; readonly id: NodeId; readonly var: string; readonly from: bigint; readonly to: bigint; readonly inclusive: boolean; readonly body: readonly Stmt[]; readonly trivia?: Trivia }
  | { readonly kind: 'break'; readonly id: NodeId; readonly trivia?: Trivia }
  | { readonly kind: 'continue'; readonly id: NodeId; readonly trivia?: Trivia }
  /** `assert!(c)`, `assert_eq!(a, b)`, `assert_ne!(a, b)`; args has one or two expressions. */
  | { readonly kind: 'assert'; readonly id: NodeId; readonly form: AssertForm; readonly args: readonly Expr[]; readonly trivia?: Trivia }
  /** `assume!(c)`: executions where c is false are blocked, not complete. */
  | { readonly kind: 'assume'; readonly id: NodeId; readonly cond: Expr; readonly trivia?: Trivia };

/** C only: a thread parameter, `atomic_int* x`, `volatile int* y`. */
export interface ThreadParam {
  readonly id: NodeId;
  readonly name: string;
  /** The pointee type as written, e.g. `atomic_int`, `volatile int`, `int`. */
  readonly ctype: string;
}

/** A thread: `thread t0 { ... }` or `P0(atomic_int* x) { ... }`. */
export interface ThreadDecl {
  readonly kind: 'thread';
  readonly id: NodeId;
  readonly name: string;
  /** C parameters; empty in the native dialect. */
  readonly params: readonly ThreadParam[];
  readonly body: readonly Stmt[];
  readonly trivia?: Trivia;
}

/** A term of the final condition. */
export type CondTerm =
  | { readonly kind: 'int'; readonly id: NodeId; readonly value: bigint }
  | { readonly kind: 'bool'; readonly id: NodeId; readonly value: boolean }
  /** `t1:r1` (native), `1:r1` (C). */
  | { readonly kind: 'reg'; readonly id: NodeId; readonly thread: string; readonly name: string }
  /** `DATA`, `TABLE[2]`, `x`, `[x]`. */
  | { readonly kind: 'loc'; readonly id: NodeId; readonly name: string; readonly index: number | null }
  /** `Ok(0)` / `Err(1)` */
  | { readonly kind: 'result'; readonly id: NodeId; readonly ok: boolean; readonly value: bigint }
  /** `t0:r.is_ok()` / `t0:r.is_err()` */
  | { readonly kind: 'method'; readonly id: NodeId; readonly target: CondTerm; readonly method: 'is_ok' | 'is_err' };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A proposition over the final state (herd7's condition language). */
export type Cond =
  | { readonly kind: 'true'; readonly id: NodeId }
  | { readonly kind: 'false'; readonly id: NodeId }
  | { readonly kind: 'compare'; readonly id: NodeId; readonly op: CompareOp; readonly left: CondTerm; readonly right: CondTerm }
  /** A bare boolean term, e.g. `t0:r.is_ok()`. */
  | { readonly kind: 'term'; readonly id: NodeId; readonly term: CondTerm }
  | { readonly kind: 'not'; readonly id: NodeId; readonly arg: Cond }
  | { readonly kind: 'and'; readonly id: NodeId; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'or'; readonly id: NodeId; readonly left: Cond; readonly right: Cond }
  /** C only: `P => Q`. */
  | { readonly kind: 'implies'; readonly id: NodeId; readonly left: Cond; readonly right: Cond };

/** The quantifier of the final condition. */
export type Quantifier = 'exists' | 'not exists' | 'forall';

export interface Condition {
  readonly id: NodeId;
  readonly quantifier: Quantifier;
  readonly prop: Cond;
  readonly trivia?: Trivia;
}

/** herd7's Observation: how often the condition's proposition held. */
export type Observation = 'Always' | 'Sometimes' | 'Never';

export type ModelName = 'rc11' | 'sc';
export type OrderingMode = 'as-written' | 'relaxed' | 'acqrel' | 'seqcst';

/** One line of an expectation clause: `rc11/relaxed: Sometimes + race`. */
export interface Expectation {
  readonly id: NodeId;
  readonly model: ModelName;
  readonly mode: OrderingMode;
  readonly observation: Observation;
  /** A data race is expected (otherwise one is a failure). */
  readonly race: boolean;
  /** An assertion failure or panic is expected (otherwise one is a failure). */
  readonly fault: boolean;
}

/** A `locations [...]` entry: a location or a register to show in outcomes. */
export type ObservedItem =
  | { readonly kind: 'loc'; readonly id: NodeId; readonly name: string; readonly index: number | null }
  | { readonly kind: 'reg'; readonly id: NodeId; readonly thread: string; readonly name: string };

/** C only: `key=value` metadata lines after the header (diy7 writes them). */
export interface MetaLine {
  readonly key: string;
  readonly value: string;
}

/** A whole litmus file. */
export interface LitmusFile {
  readonly kind: 'file';
  readonly dialect: Dialect;
  readonly name: string;
  /** The quoted doc string after the header, without quotes; null when absent. */
  readonly doc: string | null;
  readonly meta: readonly MetaLine[];
  readonly locations: readonly LocationDecl[];
  readonly registerInits: readonly RegisterInit[];
  readonly threads: readonly ThreadDecl[];
  readonly observed: readonly ObservedItem[] | null;
  readonly filter: Cond | null;
  readonly condition: Condition | null;
  readonly expectations: readonly Expectation[];
  /**
   * C only: clauses Ordo reads but does not interpret (herd7's `regions: x:PROP`), kept verbatim
   * so that `fmt` does not lose them.
   */
  readonly verbatim: readonly string[];
  /** Comments after the last item, kept by `fmt`. */
  readonly trailingComments: readonly string[];
}

/** What the parser returns besides the tree: where each node came from. */
export interface SourceMap {
  readonly file: string;
  readonly text: string;
  /** Span of each node, indexed by NodeId. */
  readonly spans: ReadonlyMap<NodeId, Span>;
}
