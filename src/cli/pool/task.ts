/**
 * Checking one file, as a worker does it: parse, lower, then one exploration per run. Which runs:
 * the (model, mode) given on the command line, else every pair the file's expectation clause
 * lists, else rc11/as-written. The file passes when every run passes.
 *
 * Plain data in, plain data out (it crosses a thread boundary by structured clone). Diagnostics
 * come back with the file's text so that the main thread can render them; an exception, which
 * is a bug, comes back as `crashed` rather than killing the worker.
 */
import type { ModelName, OrderingMode } from '../../ast.js';
import { DEFAULT_UNROLL, explore, type CheckOptions, type Progress } from '../../check.js';
import type { Program } from '../../program/ir.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { positionAt } from '../../diagnostics/index.js';
import { lower } from '../../program/lower.js';
import type { Report, RunStatus } from '../../report/types.js';
import { parseLitmus } from '../../syntax/index.js';
import type { Limits } from '../common/options.js';
import { explored } from './explored.js';

/** One file to check. */
export interface Task {
  /** Position in the input order. */
  readonly index: number;
  readonly file: string;
  readonly text: string;
  /** From `--model` / `--mode`; when neither is given, the file's expectations decide. */
  readonly model?: ModelName;
  readonly mode?: OrderingMode;
  /** With neither `--model` nor `--mode`: the one run to make instead of the expectations' (herd format). */
  readonly singleRun?: boolean;
  /** The loop bound defaults to the checker's `DEFAULT_UNROLL` (resolved here, in the worker). */
  readonly limits: Omit<Limits, 'unroll'> & { readonly unroll?: number };
  /**
   * Outcomes that get a witness execution (the checker's default when absent). herd7's records
   * show none, and building them costs more than exploring a small litmus test.
   */
  readonly witnessLimit?: number;
  /** Worker threads sharing each exploration (`--workers`); 1 explores in this thread. */
  readonly workers?: number;
  /** The Ctrl-C flag, for the workers of a shared exploration. */
  readonly interrupt?: SharedArrayBuffer;
}

/** A (model, mode) pair. */
export interface Run {
  readonly model: ModelName;
  readonly mode: OrderingMode;
}

/** The result of checking one file. */
export type FileResult =
  | {
      readonly kind: 'checked';
      readonly index: number;
      readonly file: string;
      readonly name: string;
      readonly reports: readonly Report[];
      /** 1-based line of each expectation, by its node id (for CI annotations). */
      readonly expectationLines: Readonly<Record<number, number>>;
      /** 1-based line of the final condition, or null. */
      readonly conditionLine: number | null;
      readonly status: RunStatus;
      readonly elapsedMs: number;
    }
  | { readonly kind: 'invalid'; readonly index: number; readonly file: string; readonly text: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'crashed'; readonly index: number; readonly file: string; readonly message: string; readonly stack: string | null };

/** The runs a file gets (see the header). */
export function runsFor(task: Pick<Task, 'model' | 'mode' | 'singleRun'>, expectations: readonly Run[]): Run[] {
  if (task.model !== undefined || task.mode !== undefined || task.singleRun) {
    return [{ model: task.model ?? 'rc11', mode: task.mode ?? 'as-written' }];
  }
  const runs: Run[] = [];
  for (const e of expectations) {
    if (!runs.some((r) => r.model === e.model && r.mode === e.mode)) runs.push({ model: e.model, mode: e.mode });
  }
  return runs.length > 0 ? runs : [{ model: 'rc11', mode: 'as-written' }];
}

/** A file passes when all its runs pass; a failure outweighs an open verdict. */
export function fileStatus(reports: readonly Report[]): RunStatus {
  if (reports.some((r) => r.status === 'fail')) return 'fail';
  if (reports.some((r) => r.status === 'incomplete')) return 'incomplete';
  return 'pass';
}

/**
 * Checks one file. `interrupted` is polled during exploration; `onProgress` receives the
 * executions of the current run added to those of the runs before it.
 */
/** What exploring one run takes: the program, the run, and the options built for it. */
type Explore = (program: Program, options: CheckOptions) => Report | Promise<Report>;

/** Checks one file, exploring in this thread. */
export function checkFile(task: Task, interrupted: () => boolean, onProgress?: (p: Progress) => void): FileResult {
  const r = checkWith(task, interrupted, onProgress, (program, options) => explore(program, options));
  if (r instanceof Promise) throw new Error('internal error: a synchronous check went asynchronous');
  return r;
}

/** Checks one file; with `task.workers` > 1, each exploration is shared by that many threads. */
export async function checkFileAsync(task: Task, interrupted: () => boolean, onProgress?: (p: Progress) => void): Promise<FileResult> {
  if ((task.workers ?? 1) <= 1 || task.interrupt === undefined) return checkFile(task, interrupted, onProgress);
  const { exploreParallel } = await import('../parallel/coordinator.js');
  return checkWith(task, interrupted, onProgress, (program, options) => exploreParallel(program, { ...options, workers: task.workers!, interrupt: task.interrupt! }));
}

/** Parse, lower, then one exploration per run; synchronous when `exploreRun` is. */
function checkWith(task: Task, interrupted: () => boolean, onProgress: ((p: Progress) => void) | undefined, exploreRun: Explore): FileResult | Promise<FileResult> {
  const { index, file, text } = task;
  const crashed = (e: unknown): FileResult => {
    const err = e instanceof Error ? e : new Error(String(e));
    return { kind: 'crashed', index, file, message: err.message, stack: err.stack ?? null };
  };
  try {
    const parsed = parseLitmus(text, file);
    if (!parsed.ok) return { kind: 'invalid', index, file, text, diagnostics: parsed.diagnostics };
    const lowered = lower(parsed.file, parsed.source);
    if (!lowered.ok) return { kind: 'invalid', index, file, text, diagnostics: lowered.diagnostics };
    const program = lowered.program;
    const lineOf = (id: number): number | null => {
      const span = parsed.source.spans.get(id);
      return span ? positionAt(text, span.start).line : null;
    };
    const expectationLines: Record<number, number> = {};
    for (const e of program.expectations) expectationLines[e.id] = lineOf(e.id) ?? 1;
    const conditionLine = parsed.file.condition ? lineOf(parsed.file.condition.id) : null;

    const start = performance.now();
    // --timeout is per file: each run gets what the runs before it left
    const deadline = task.limits.timeoutMs !== undefined ? start + task.limits.timeoutMs : undefined;
    const runs = runsFor(task, program.expectations);
    const reports: Report[] = [];
    let before = 0;
    const optionsFor = (run: Run): CheckOptions => ({
      model: run.model,
      mode: run.mode,
      unroll: task.limits.unroll ?? DEFAULT_UNROLL,
      interrupted,
      ...(task.limits.maxExecutions !== undefined ? { maxExecutions: task.limits.maxExecutions } : {}),
      ...(deadline !== undefined ? { timeoutMs: Math.max(0, deadline - performance.now()) } : {}),
      ...(task.witnessLimit !== undefined ? { witnessLimit: task.witnessLimit } : {}),
      ...(onProgress ? { onProgress: (p: Progress) => onProgress({ executions: before + p.executions, elapsedMs: performance.now() - start }) } : {}),
    });
    const result = (): FileResult => ({
      kind: 'checked',
      index,
      file,
      name: program.name,
      reports,
      expectationLines,
      conditionLine,
      status: fileStatus(reports),
      elapsedMs: performance.now() - start,
    });
    // runs one after the other, staying synchronous as long as exploreRun is
    const step = (k: number): FileResult | Promise<FileResult> => {
      for (; k < runs.length; k++) {
        if (reports.length > 0 && interrupted()) break;
        const report = exploreRun(program, optionsFor(runs[k]!));
        if (report instanceof Promise) {
          const next = k + 1;
          return report.then((r) => {
            before += explored(r);
            reports.push(r);
            return step(next);
          }, crashed);
        }
        before += explored(report);
        reports.push(report);
      }
      return result();
    };
    return step(0);
  } catch (e) {
    return crashed(e);
  }
}
