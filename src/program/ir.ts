/**
 * The lowered program: what the explorer runs. Each thread is a flat list of instructions over
 * numbered register slots (three-address code), so the interpreter is a small loop that stops at
 * each memory access and hands it to the exploration driver. Expressions that read memory have
 * been split into one instruction per access, in left-to-right order; `&&` and `||` became
 * branches, so a short-circuited load is never performed.
 *
 * The IR knows nothing of syntax: source positions are reached through `sites`.
 */
import type { Dialect, Expectation, ModelName, Observation, OrderingMode, Quantifier } from '../ast.js';
import type { FetchOp } from '../ast.js';
import type { Mode } from '../events/modes.js';
import type { IntKind, RegValue, Value } from './values.js';

/** Index of a memory location in `Program.locations`. Array elements are separate locations. */
export type LocId = number;
/** Index of a register slot of a thread. */
export type Slot = number;
/** Index into `Program.sites`. */
export type SiteId = number;
/** Index into `Program.loops`. */
export type LoopId = number;

/** A source place that a report can point at: a memory access, an assertion, a loop. */
export interface Site {
  readonly line: number;
  readonly column: number;
  /** The operation as a short text, e.g. `READY.load(Acquire)`, `DATA = 42`, `assert!(r1 == 42)`. */
  readonly text: string;
  /** The thread the site belongs to (index). */
  readonly thread: number;
}

/** What kind of location a memory location is. */
export type LocationKind =
  /** accessed with atomic operations only (native atomics) */
  | 'atomic'
  /** accessed with plain reads and writes only */
  | 'plain'
  | 'mutex'
  /** C only: whatever the code does to it (herd7 allows atomic and plain accesses to one location) */
  | 'any';

/** One memory location (a scalar, or one element of an array). */
export interface LocationInfo {
  readonly id: LocId;
  /** `X`, or `TABLE[2]` for an array element. */
  readonly name: string;
  /** The declared name (`TABLE`). */
  readonly decl: string;
  /** Element index for arrays, else null. */
  readonly index: number | null;
  readonly type: IntKind;
  readonly init: Value;
  readonly kind: LocationKind;
}

/** An instruction operand: a register slot or an immediate value. */
export type Operand = { readonly k: 'r'; readonly slot: Slot } | { readonly k: 'c'; readonly value: RegValue };

/** A memory address operand: a location, or an array base plus a run-time index. */
export interface Address {
  /** First location of the array (or the scalar location). */
  readonly base: LocId;
  /** Number of elements (1 for a scalar). */
  readonly length: number;
  /** Null for a scalar or a constant index already folded into `base`. */
  readonly index: Operand | null;
  /** Name for messages (`TABLE`). */
  readonly name: string;
}

export type UnaryFn = 'not' | 'neg' | 'bitnot';

export type BinaryFn =
  | 'add' | 'sub' | 'mul' | 'div' | 'rem'
  | 'and' | 'or' | 'xor' | 'shl' | 'shr'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** How a read-modify-write instruction turns the value it reads into the value it writes. */
export type RmwOp =
  | { readonly kind: 'swap' }
  | { readonly kind: 'fetch'; readonly op: FetchOp }
  /** `expected` is compared with the value read; `weak` may fail spuriously. */
  | { readonly kind: 'cas'; readonly weak: boolean }
  | { readonly kind: 'addUnless' };

/** Instructions. `site` links memory operations and checks to the source. */
export type Instr =
  | { readonly op: 'nop' }
  | { readonly op: 'const'; readonly dst: Slot; readonly value: RegValue }
  | { readonly op: 'move'; readonly dst: Slot; readonly src: Operand }
  | { readonly op: 'unary'; readonly dst: Slot; readonly fn: UnaryFn; readonly a: Operand }
  /** `div`/`rem` by zero and oversized shifts panic at `site`. */
  | { readonly op: 'binary'; readonly dst: Slot; readonly fn: BinaryFn; readonly a: Operand; readonly b: Operand; readonly site: SiteId }
  | { readonly op: 'jump'; readonly target: number }
  /** Falls through when `cond` is truthy, jumps to `ifFalse` otherwise. */
  | { readonly op: 'branch'; readonly cond: Operand; readonly ifFalse: number }
  | { readonly op: 'load'; readonly dst: Slot; readonly addr: Address; readonly mode: Mode; readonly site: SiteId }
  | { readonly op: 'store'; readonly addr: Address; readonly value: Operand; readonly mode: Mode; readonly site: SiteId }
  /**
   * A read-modify-write. `dst` receives: the old value (swap, fetch), a `ResultValue` (cas), or
   * 1/0 (addUnless). Modes of the read and write parts on success, and of the lone read on
   * failure (cas, addUnless).
   */
  | {
      readonly op: 'rmw';
      readonly dst: Slot;
      readonly addr: Address;
      readonly rmw: RmwOp;
      /** swap/fetch operand; cas expected value; addUnless addend */
      readonly a: Operand;
      /** cas desired value; addUnless "unless" value; unused otherwise */
      readonly b: Operand | null;
      readonly readMode: Mode;
      readonly writeMode: Mode;
      readonly failMode: Mode;
      readonly site: SiteId;
    }
  | { readonly op: 'fence'; readonly mode: Mode; readonly site: SiteId }
  | { readonly op: 'lock'; readonly addr: Address; readonly site: SiteId }
  | { readonly op: 'unlock'; readonly addr: Address; readonly site: SiteId }
  | { readonly op: 'assert'; readonly cond: Operand; readonly site: SiteId }
  | { readonly op: 'assume'; readonly cond: Operand; readonly site: SiteId }
  /** `dst` = whether the result in `src` is Ok (`is_ok`) or Err (`is_err`). */
  | { readonly op: 'test'; readonly dst: Slot; readonly src: Operand; readonly ok: boolean }
  /**
   * `dst` = the value inside the result in `src`. `expect` true: panic on Err (`unwrap`); false:
   * panic on Ok (`unwrap_err`); null: either (`unwrap_or_else(|v| v)`).
   */
  | { readonly op: 'unwrap'; readonly dst: Slot; readonly src: Operand; readonly expect: boolean | null; readonly site: SiteId }
  | { readonly op: 'mkResult'; readonly dst: Slot; readonly ok: boolean; readonly value: Operand }
  /** Start of a loop iteration (before the condition): remembers the state for spin detection. */
  | { readonly op: 'loopHead'; readonly loop: LoopId }
  /** Start of a loop body: counts iterations; beyond `--unroll` the execution is cut here. */
  | { readonly op: 'loopBody'; readonly loop: LoopId }
  /** Loop exit: forgets the iteration count, so a re-entered loop starts afresh. */
  | { readonly op: 'loopExit'; readonly loop: LoopId }
  /** End of an iteration: the spin check, then a jump back to `target` (the loopHead). */
  | { readonly op: 'backEdge'; readonly loop: LoopId; readonly target: number }
  | { readonly op: 'panic'; readonly message: string; readonly site: SiteId }
  | { readonly op: 'halt' };

/** A loop, for unroll bounds and spin detection. */
export interface LoopInfo {
  readonly thread: number;
  readonly site: SiteId;
  /**
   * Registers that outlive the loop body (declared outside it). An iteration that performs no
   * write and leaves these unchanged is a spin iteration: running it again cannot differ, so the
   * execution is blocked there (semantics.md, "Spin loops").
   */
  readonly outerRegs: readonly Slot[];
  /** `for` loops with constant bounds are never cut by `--unroll`. */
  readonly bounded: boolean;
}

/** One thread's code. */
export interface ThreadCode {
  readonly name: string;
  readonly index: number;
  readonly code: readonly Instr[];
  /** Names of the slots; temporaries are named `''`. */
  readonly slotNames: readonly string[];
  /** Initial register values (C init blocks can set them; otherwise 0). */
  readonly initRegs: readonly RegValue[];
}

/** A proposition over the final state, lowered. */
export type CondIR =
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'compare'; readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; readonly left: TermIR; readonly right: TermIR }
  | { readonly kind: 'truthy'; readonly term: TermIR }
  | { readonly kind: 'not'; readonly arg: CondIR }
  | { readonly kind: 'and' | 'or' | 'implies'; readonly left: CondIR; readonly right: CondIR };

export type TermIR =
  | { readonly kind: 'const'; readonly value: RegValue }
  | { readonly kind: 'reg'; readonly thread: number; readonly slot: Slot }
  | { readonly kind: 'loc'; readonly loc: LocId }
  /** `t:r.is_ok()` / `.is_err()` */
  | { readonly kind: 'test'; readonly term: TermIR; readonly ok: boolean };

/** A variable of the final state shown in outcomes. */
export type ObservedVar =
  | { readonly kind: 'reg'; readonly thread: number; readonly slot: Slot; readonly label: string; readonly herdLabel: string }
  | { readonly kind: 'loc'; readonly loc: LocId; readonly label: string; readonly herdLabel: string };

/** A whole lowered program. */
export interface Program {
  readonly name: string;
  readonly dialect: Dialect;
  readonly file: string;
  readonly doc: string | null;
  readonly locations: readonly LocationInfo[];
  readonly threads: readonly ThreadCode[];
  readonly sites: readonly Site[];
  readonly loops: readonly LoopInfo[];
  readonly condition: { readonly quantifier: Quantifier; readonly prop: CondIR; readonly text: string; readonly herdText: string } | null;
  readonly filter: CondIR | null;
  /**
   * What an outcome shows: the variables the condition names plus any `locations [...]` list, or
   * every register and location when there is no condition (semantics.md, "Outcomes").
   */
  readonly observed: readonly ObservedVar[];
  /** The subset herd7 prints in its States: condition variables plus `locations [...]` only. */
  readonly herdObserved: readonly number[];
  readonly expectations: readonly Expectation[];
}

/** Re-exported for modules that need the expectation vocabulary with the program. */
export type { ModelName, Observation, OrderingMode };
