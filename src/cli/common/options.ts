/**
 * The options every checking command shares, defined once so that `run`, `compare`, `graph` and
 * `why` spell, validate and document them the same way:
 *
 *   --model rc11|sc   --mode as-written|relaxed|acqrel|seqcst   --unroll N
 *   --timeout SECONDS --max-executions N                         --no-color
 *
 * Bad values are commander errors (one line, exit 2). This module is loaded on every start, so
 * it imports nothing heavy: the checker's `DEFAULT_UNROLL` is mirrored in `HELP_UNROLL` for the
 * help text (a test keeps them equal) and applied by `limits()` from the value the caller passes.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ModelName, OrderingMode } from '../../ast.js';

export const MODELS: readonly ModelName[] = ['rc11', 'sc'];
export const MODES: readonly OrderingMode[] = ['as-written', 'relaxed', 'acqrel', 'seqcst'];

/** `DEFAULT_UNROLL` of src/run.ts, shown in `--help` without loading the checker at start-up. */
export const HELP_UNROLL = 8;

/** What commander hands an action for the shared options (absent when not given). */
export interface SharedOptionValues {
  readonly model?: ModelName;
  readonly mode?: OrderingMode;
  readonly unroll?: number;
  /** Seconds. */
  readonly timeout?: number;
  readonly maxExecutions?: number;
  /** False with `--no-color`. */
  readonly color?: boolean;
}

/** The limits part of the checker's `CheckOptions`, from the shared options. */
export interface Limits {
  readonly unroll: number;
  readonly timeoutMs?: number;
  readonly maxExecutions?: number;
}

/** An integer ≥ `min`, for commander's `argParser`. */
export function integerAtLeast(min: number, what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected ${what}, an integer ≥ ${min}`);
    const n = Number(value.trim());
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected ${what}, an integer ≥ ${min}`);
    return n;
  };
}

/** A positive number of seconds (fractions allowed: `--timeout 0.5`). */
export function seconds(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

/**
 * `--model`. Without `default`, an absent option stays undefined (for `run`, absence means "the
 * runs the file's expectations list"); with it, commander fills it in and `--help` shows it.
 */
export function addModelOption(cmd: Command, defaultModel?: ModelName): Command {
  const o = new Option('--model <model>', 'memory model: rc11 (repaired C11, the default) or sc (sequential consistency)').choices(MODELS);
  return cmd.addOption(defaultModel ? o.default(defaultModel) : o);
}

/** `--mode`: override every written ordering (semantics.md, "Ordering modes"). */
export function addModeOption(cmd: Command, defaultMode?: OrderingMode): Command {
  const o = new Option('--mode <mode>', 'ordering mode: as-written, or every atomic access relaxed, acqrel or seqcst').choices(MODES);
  return cmd.addOption(defaultMode ? o.default(defaultMode) : o);
}

/** `--unroll`, `--timeout`, `--max-executions`. */
export function addLimitOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--unroll <n>', `loop bound: iterations before an execution is cut (default: ${HELP_UNROLL})`).argParser(integerAtLeast(1, 'a loop bound')))
    .addOption(new Option('--timeout <seconds>', 'stop exploring a file after this long; its verdict is then incomplete').argParser(seconds))
    .addOption(
      new Option('--max-executions <n>', 'stop exploring a run after this many executions; its verdict is then incomplete').argParser(
        integerAtLeast(1, 'a number of executions'),
      ),
    );
}

/** `--no-color` (colour is also off with NO_COLOR set or when the output is not a terminal). */
export function addColorOption(cmd: Command): Command {
  return cmd.option('--no-color', 'no colours (also with NO_COLOR set, or when output is not a terminal)');
}

/** All of the above: `--model`, `--mode`, limits and `--no-color`. */
export function addCheckOptions(cmd: Command, defaults: { model?: ModelName; mode?: OrderingMode } = {}): Command {
  addModelOption(cmd, defaults.model);
  addModeOption(cmd, defaults.mode);
  addLimitOptions(cmd);
  return addColorOption(cmd);
}

/** The limits to pass to `check`/`explore`; `defaultUnroll` is the checker's `DEFAULT_UNROLL`. */
export function limits(o: SharedOptionValues, defaultUnroll: number): Limits {
  return {
    unroll: o.unroll ?? defaultUnroll,
    ...(o.timeout !== undefined ? { timeoutMs: o.timeout * 1000 } : {}),
    ...(o.maxExecutions !== undefined ? { maxExecutions: o.maxExecutions } : {}),
  };
}
