/**
 * The report of one run: plain, serialisable data. Everything a renderer (text, JSON, JUnit,
 * herd7 log, graph) needs is here; nothing here knows how it will be printed.
 */
import type { Expectation, ModelName, Observation, OrderingMode, Quantifier } from '../ast.js';
import type { Mode } from '../events/modes.js';

/** How an execution ended. */
export type ExecutionKind = 'complete' | 'blocked' | 'cut' | 'faulted';

/** One event of a witness graph. */
export interface SnapshotEvent {
  readonly id: number;
  readonly thread: number;
  /** Position in the thread (0-based). */
  readonly index: number;
  readonly kind: 'R' | 'W' | 'F';
  /** Location name; null for fences. */
  readonly location: string | null;
  readonly mode: Mode | 'init';
  readonly value: string;
  /** Source line and operation text; 0/'' for initial writes. */
  readonly line: number;
  readonly text: string;
  /** Reads: the id of the write read from. */
  readonly rf: number | null;
  /** RMW read: its write part follows. RMW write: its read part precedes. */
  readonly rmw: boolean;
}

/** An execution graph, serialisable: events (initial writes first, ids 0..), and mo per location. */
export interface GraphSnapshot {
  readonly threads: readonly string[];
  readonly events: readonly SnapshotEvent[];
  /** Per location, the writes in modification order (the initial write first). */
  readonly mo: readonly { readonly location: string; readonly writes: readonly number[] }[];
}

/** One step of a witness interleaving. */
export interface WitnessStep {
  /** Snapshot event id (the read part for an RMW). */
  readonly event: number;
  readonly thread: number;
  readonly threadName: string;
  readonly line: number;
  readonly text: string;
  readonly kind: 'read' | 'write' | 'rmw' | 'fence';
  readonly location: string | null;
  readonly mode: Mode;
  /** Read: the value read; write: the value written; rmw: the value read. */
  readonly value: string | null;
  /** RMW: the value written. */
  readonly written: string | null;
  /** Reads and RMWs: where the value came from. */
  readonly readsFrom: { readonly init: true } | { readonly init: false; readonly thread: number; readonly threadName: string; readonly line: number } | null;
  /** The read returned a value older (in mo) than a write already performed in this interleaving. */
  readonly stale: boolean;
}

/** How a thread that did not finish stopped. */
export interface ThreadStop {
  readonly thread: number;
  readonly threadName: string;
  readonly kind: 'assume' | 'spin' | 'lock' | 'cut' | 'assert' | 'panic';
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

/** One execution, to show: an interleaving the model allows, and the graph. */
export interface Witness {
  readonly kind: ExecutionKind;
  readonly steps: readonly WitnessStep[];
  readonly stops: readonly ThreadStop[];
  readonly graph: GraphSnapshot;
}

/** A distinct final state. */
export interface OutcomeReport {
  /** Values of `Report.variables`, in order. */
  readonly values: readonly string[];
  /** Complete executions reaching it. */
  readonly executions: number;
  /** Whether the condition's proposition holds in it; null without a condition. */
  readonly satisfies: boolean | null;
  /**
   * One execution reaching it; null beyond the first `witnessLimit` outcomes (a program without
   * a condition can have as many distinct outcomes as executions).
   */
  readonly witness: Witness | null;
}

/** An access named in a race report. */
export interface AccessRef {
  readonly thread: number;
  readonly threadName: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly op: 'read' | 'write';
  readonly mode: Mode;
  readonly location: string;
}

export interface RaceReport {
  readonly first: AccessRef;
  readonly second: AccessRef;
  /** Executions in which this pair races. */
  readonly executions: number;
  readonly witness: Witness;
  /** What ordering would make the two accesses ordered by happens-before, when one exists. */
  readonly fix: string | null;
}

export interface FaultReport {
  readonly kind: 'assert' | 'panic';
  readonly thread: number;
  readonly threadName: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly message: string;
  readonly executions: number;
  readonly witness: Witness;
}

/** Executions that did not finish, grouped by where and why. */
export interface StopSummary {
  readonly kind: 'blocked' | 'cut';
  readonly reason: 'assume' | 'spin' | 'lock' | 'cut';
  readonly thread: number;
  readonly threadName: string;
  readonly line: number;
  readonly text: string;
  readonly executions: number;
}

/** The outcome of checking one expectation of the file against this run. */
export interface ExpectationResult {
  readonly expectation: Expectation;
  readonly holds: boolean;
  /** Why not, in words; empty when it holds. */
  readonly reasons: readonly string[];
}

export type Verdict = 'Ok' | 'No' | 'Undef';

/** Whether the run passes in CI: `incomplete` when a limit or the loop bound leaves it open. */
export type RunStatus = 'pass' | 'fail' | 'incomplete';

export interface Report {
  readonly file: string;
  readonly name: string;
  readonly model: ModelName;
  readonly mode: OrderingMode;
  /** Labels of the variables an outcome shows (`t1:r1`, `DATA`). */
  readonly variables: readonly string[];
  /** herd7's labels of the same variables (`1:r1`, `[x]`). */
  readonly herdVariables: readonly string[];
  /** Indices (into `variables`) of those herd7 prints: condition variables and `locations`. */
  readonly herdShown: readonly number[];
  readonly condition: { readonly quantifier: Quantifier; readonly text: string; readonly herdText: string } | null;
  /** Distinct final states of complete executions, sorted. */
  readonly outcomes: readonly OutcomeReport[];
  /** Outcomes shown without a witness, because there were more than the witness limit. */
  readonly witnessesOmitted: number;
  readonly counts: {
    readonly complete: number;
    readonly blocked: number;
    readonly cut: number;
    readonly faulted: number;
    /** Complete executions removed by the `filter` clause. */
    readonly filtered: number;
  };
  /** herd7's Positive / Negative: complete executions where the condition holds / does not. */
  readonly positive: number;
  readonly negative: number;
  readonly verdict: Verdict;
  readonly observation: Observation;
  readonly races: readonly RaceReport[];
  readonly faults: readonly FaultReport[];
  readonly stops: readonly StopSummary[];
  /** False when a limit (time, executions, Ctrl-C) stopped the exploration. */
  readonly complete: boolean;
  readonly stoppedBy: 'timeout' | 'max-executions' | 'interrupted' | null;
  /** True when more exploration (a higher loop bound, no limit) could not change the verdict. */
  readonly settled: boolean;
  readonly expectations: readonly ExpectationResult[];
  readonly status: RunStatus;
  readonly elapsedMs: number;
}
