/**
 * Exit statuses, the one place they are defined, and the guard every command action runs in.
 *
 * A batch may meet several conditions at once; the status reports the most important one:
 * an interruption first (the user asked to stop, nothing else is certain), then an input error
 * (2: the run did not check what was asked), then a failure (1), then an open verdict (3).
 * Only a run where every file passes exits 0.
 */

/** The exit statuses of every `ordo` command (README "Exit status", `ordo --help`). */
export const EXIT = {
  /** Every file passes. */
  ok: 0,
  /** Some file fails (its verdict, a race, an assertion, an expectation) and no input error. */
  fail: 1,
  /** An input error: a bad path, a file with diagnostics, a bad option. */
  input: 2,
  /** A limit or the loop bound left a verdict open, and nothing failed. */
  incomplete: 3,
  /** A bug in Ordo: an exception that should not happen. */
  internal: 70,
  /** Ctrl-C: exploration stopped early at the user's request. */
  interrupted: 130,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** Higher wins: internal > interrupted > input > fail > incomplete > ok. */
const RANK: Record<ExitStatus, number> = { 0: 0, 3: 1, 1: 2, 2: 3, 130: 4, 70: 5 };

/** The status of a batch in which both `a` and `b` happened. */
export function worstExit(a: ExitStatus, b: ExitStatus): ExitStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The `--help` epilog that documents the statuses (kept beside the table it describes). */
export const EXIT_HELP = `Exit status:
  0    every file passes (its expectations hold, or its verdict is Ok with no race or fault)
  1    some file fails, and no input error
  2    input error: a bad path or option, or a file with diagnostics
  3    incomplete: a limit or the loop bound left a verdict open, and nothing failed
  70   internal error (a bug in Ordo: please report it)
  130  interrupted (Ctrl-C); what was found so far is printed
When several apply in a batch: 130 > 2 > 1 > 3 > 0.`;

/**
 * A problem with how Ordo was invoked (a bad `--shard`, no input), found by our own checks
 * after commander's: printed as one line, exit 2, never as a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Wraps a command action: an expected `UsageError` prints `error: ...` and exits 2; any other
 * exception is a bug, printed as one line asking for a report, exit 70. The action returns its
 * exit status; it is set as `process.exitCode` so that pending output drains before exit.
 */
export function guard<A extends unknown[]>(action: (...args: A) => Promise<ExitStatus> | ExitStatus): (...args: A) => Promise<void> {
  return async (...args: A) => {
    ignoreBrokenPipe();
    try {
      process.exitCode = await action(...args);
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

/** Prints an exception as one line on stderr and returns the exit status it deserves. */
export function reportError(e: unknown): ExitStatus {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT.input;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`internal error: ${message} (please report)\n`);
  if (process.env['ORDO_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.internal;
}

let pipeGuarded = false;

/**
 * `ordo run litmus/ | head`: when the reader goes away, the rest of the output is dropped
 * quietly (no EPIPE stack trace) and the command still finishes with its own exit status.
 */
function ignoreBrokenPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  // added whatever listeners the streams have: a worker's output piped into stdout adds one,
  // which on a broken pipe rethrows unless another listener is there
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
}
