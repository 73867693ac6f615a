/**
 * `ordo run FILE_OR_FOLDER_OR_GLOB...`: checks litmus files and reports, in one of five formats.
 *
 * The command is defined here with light imports only; its action loads the pool, the renderers
 * and (in the workers) the checker on demand, so that `ordo --help` stays fast. The steps:
 * expand the arguments, shard, read, check in worker threads, stream results in input order to
 * the chosen format, and fold their statuses into the exit status (common/exit.ts).
 */
import { statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import { EXIT, guard, UsageError, worstExit, type ExitStatus } from '../common/exit.js';
import { addCheckOptions, integerAtLeast, type SharedOptionValues } from '../common/options.js';
import { addExamples } from '../common/program.js';
import type { FileResult, Task } from '../pool/task.js';

export const FORMATS = ['text', 'json', 'junit', 'herd', 'github'] as const;
export type Format = (typeof FORMATS)[number];

interface RunOptionValues extends SharedOptionValues {
  readonly format: Format;
  readonly jobs?: number;
  readonly workers?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly details?: boolean;
  readonly witness?: boolean;
  readonly quiet?: boolean;
}

export function runCommand(version: string): Command {
  const cmd = new Command('run')
    .description('check litmus files: every consistent execution, its outcomes, races and assertion failures')
    .argument('<paths...>', 'litmus files, folders (searched recursively for *.litmus) or globs');
  addCheckOptions(cmd);
  cmd
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('-j, --jobs <n>', 'worker threads checking files in parallel (default: the number of cores, the last started only for a long batch)').argParser(integerAtLeast(1, 'a number of jobs')))
    .addOption(
      new Option('-w, --workers <n>', 'threads sharing each exploration by work stealing (default 1); files are then checked one at a time unless --jobs says otherwise').argParser(
        integerAtLeast(1, 'a number of workers'),
      ),
    )
    .addOption(new Option('--shard <i/n>', 'check only the i-th of n equal parts of the sorted file list (CI machines)').argParser(parseShard))
    .option('--details', 'full reports for every file in a batch (failing files get a compact one anyway)')
    .option('--witness', 'show a witness interleaving for every outcome, not only the interesting ones')
    .option('-q, --quiet', 'no progress line; in a batch, no lines for passing files');
  addExamples(cmd, [
    ['ordo run litmus/MP+rel+acq.litmus', 'the full report of one file'],
    ['ordo run litmus/', 'every *.litmus under a folder, checking each expectation it states'],
    ["ordo run 'litmus/**/SB*.litmus' --model sc", 'a glob, under sequential consistency only'],
    ['ordo run litmus/MP.litmus --mode relaxed --witness', 'every access Relaxed; a witness per outcome'],
    ['ordo run litmus/ --format junit > report.xml', 'a JUnit report for CI'],
    ['ordo run litmus/ --shard 2/4 --format github', 'the second quarter of the files, as GitHub annotations'],
    ['ordo run big.litmus --timeout 30 --max-executions 100000', 'stop early; the verdict is then incomplete'],
    ['ordo run big.litmus --workers 2', 'one long exploration shared by two threads'],
  ]);
  return cmd.action(guard((paths: string[], o: RunOptionValues) => runFiles(paths, o, version)));
}

/** `--shard i/n`, 1 ≤ i ≤ n. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count) {
    throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, such as 1/4');
  }
  return { index, count };
}

/**
 * The files of shard `index` (1-based) of `count`: the list is sorted by path and cut into
 * `count` contiguous parts whose sizes differ by at most one, as test runners shard. Every file
 * lands in exactly one shard whatever the argument order.
 */
export function shardOf<T extends { readonly file: string }>(files: readonly T[], index: number, count: number): T[] {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const from = Math.floor(((index - 1) * sorted.length) / count);
  const to = Math.floor((index * sorted.length) / count);
  const chosen = new Set(sorted.slice(from, to).map((f) => f.file));
  // keep the input order within the shard
  return files.filter((f) => chosen.has(f.file));
}

async function runFiles(paths: string[], o: RunOptionValues, version: string): Promise<ExitStatus> {
  const started = performance.now();
  const [{ expandInputs, readInput }, { paints, makePaint }, { printDiagnostics }, { availableParallelism }, { startPool, Ordered }, { takeEarlyWorker }] =
    await Promise.all([
      import('../common/inputs.js'),
      import('../common/paint.js'),
      import('../common/output.js'),
      import('node:os'),
      import('../pool/pool.js'),
      import('../pool/early.js'),
    ]);
  // the worker main.ts started with the process, loading the checker meanwhile (early.ts)
  const early = takeEarlyWorker();
  const machine = o.format === 'json' || o.format === 'junit' || o.format === 'herd';
  const colours = paints(o.color);
  const out = machine ? makePaint(false) : colours.out;

  // Ctrl-C: the first stops exploring (workers poll the shared flag) and prints what was found;
  // a second one gives up at once
  const interrupt = early?.interrupt ?? new SharedArrayBuffer(4);
  const flag = new Int32Array(interrupt);
  const onSigint = (): void => {
    if (Atomics.load(flag, 0) === 1) process.exit(EXIT.interrupted);
    Atomics.store(flag, 0, 1);
  };
  const showProgress = !machine && !o.quiet && process.stderr.isTTY === true;
  const progressRef: { update: (i: number, n: number) => void } = { update: () => {} };
  // The workers start first, loading the checker while this thread lists and reads the files
  // (a few hundred ms each for a big batch). One file named alone gets one worker; otherwise a
  // worker that finds nothing to do leaves when the tasks are handed out.
  // By default one core is left to this thread and V8's background threads, and the pool uses it
  // too only for a long batch (pool.ts, GROW_MS); `--jobs N` starts N workers at once.
  const jobs = o.jobs ?? (o.workers !== undefined && o.workers > 1 ? 1 : availableParallelism());
  const eager = o.jobs ?? Math.max(1, jobs - 1);
  const oneFile = paths.length === 1 && isFile(paths[0]!);
  const pool = startPool({
    jobs: oneFile ? 1 : jobs,
    eager,
    interrupt,
    ...(early ? { early } : {}),
    ...(showProgress ? { onProgress: (i: number, n: number) => progressRef.update(i, n) } : {}),
  });
  try {
    return await checkListed();
  } finally {
    // stops the workers if something failed before they were given the tasks
    pool.close();
  }

  /** Reads the listed files, hands them to the pool and streams the results to the format. */
  async function checkListed(): Promise<ExitStatus> {
    const expansion = expandInputs(paths);
    const listed = o.shard ? shardOf(expansion.files, o.shard.index, o.shard.count) : [...expansion.files];
    const pathProblems: Diagnostic[] = [...expansion.diagnostics];
    const tasks: Task[] = [];
    // the worker fills in the checker's DEFAULT_UNROLL: the main thread never loads the checker
    const limits = {
      ...(o.unroll !== undefined ? { unroll: o.unroll } : {}),
      ...(o.timeout !== undefined ? { timeoutMs: o.timeout * 1000 } : {}),
      ...(o.maxExecutions !== undefined ? { maxExecutions: o.maxExecutions } : {}),
    };
    // outcome witnesses are shown by json, junit and a text report in full (one file, or
    // --details); a batch's text summary and herd's records never show them, and building one
    // per outcome took a third of a worker's time on the conformance folder
    const single = listed.length === 1 && expansion.diagnostics.length === 0;
    const witnesses = o.format === 'json' || o.format === 'junit' || (o.format === 'text' && (single || o.details === true));
    for (const f of listed) {
      const r = readInput(f);
      if ('text' in r) {
        tasks.push({
          index: tasks.length,
          file: r.file,
          text: r.text,
          ...(o.model ? { model: o.model } : {}),
          ...(o.mode ? { mode: o.mode } : {}),
          singleRun: o.format === 'herd',
          ...(witnesses ? {} : { witnessLimit: 0 }),
          ...(o.workers !== undefined && o.workers > 1 ? { workers: o.workers } : {}),
          limits,
        });
      } else pathProblems.push(r);
    }
    printDiagnostics(pathProblems, null, colours.err);
    // an empty shard (more CI machines than files) is not an error; the formats still write
    // their (empty) document, and path problems still reach json/junit/github
    if (tasks.length === 0 && pathProblems.length === 0) {
      if (!o.shard) throw new UsageError('no litmus file to check');
      process.stderr.write(`shard ${o.shard.index}/${o.shard.count} holds no file\n`);
    }

    const { ProgressLine } = await import('../common/progress.js');
    const progress = new ProgressLine(process.stderr, tasks.length, showProgress);
    progressRef.update = (i, n) => progress.update(i, n);
    // stdout is written once per batch of results (a microtask after it), not once per file:
    // thousands of small writes, each a system call, cost the main thread more than rendering;
    // whatever goes to stderr flushes it first, so that the two streams keep their order
    let pending = '';
    const flush = (): void => {
      if (pending === '') return;
      const s = pending;
      pending = '';
      progress.clear();
      process.stdout.write(s);
    };
    const write = (s: string): void => {
      if (pending === '') queueMicrotask(flush);
      pending += s;
    };
    const ctx = {
      write,
      paint: out,
      files: tasks.map((t) => t.file),
      details: o.details === true,
      allWitnesses: o.witness === true,
      quiet: o.quiet === true,
      version,
    };
    const sink = await makeSink(o.format, ctx, tasks.length === 1 && pathProblems.length === 0);

    process.on('SIGINT', onSigint);

    const [{ emptyTally, count }, { explored }] = await Promise.all([import('../render/summary.js'), import('../pool/explored.js')]);
    const tally = emptyTally();
    let status: ExitStatus = pathProblems.length > 0 ? EXIT.input : EXIT.ok;
    const ordered = new Ordered<FileResult>((f) => {
      count(tally, f);
      status = worstExit(status, statusOf(f));
      if (f.kind !== 'checked') flush();
      if (f.kind === 'invalid') {
        progress.clear();
        printDiagnostics(f.diagnostics, f.text, colours.err);
      } else if (f.kind === 'crashed') {
        progress.clear();
        process.stderr.write(`internal error: ${f.file}: ${f.message} (please report)\n`);
        if (process.env['ORDO_DEBUG'] && f.stack) process.stderr.write(`${f.stack}\n`);
      }
      sink.file(f);
    });
    try {
      await pool.run(tasks, (f) => {
        progress.fileDone(f.index, f.kind === 'checked' ? f.reports.reduce((a, r) => a + explored(r), 0) : 0);
        ordered.push(f);
      });
    } finally {
      process.off('SIGINT', onSigint);
      progress.clear();
    }
    if (Atomics.load(flag, 0) === 1) {
      for (let i = ordered.next; i < tasks.length; i++) {
        tally.notRun++;
        sink.notRun(tasks[i]!.file);
      }
      status = worstExit(status, EXIT.interrupted);
    }
    tally.errors += pathProblems.length;
    tally.elapsedMs = performance.now() - started;
    sink.end(tally, pathProblems);
    flush();
    return status;
  }
}

/** Whether `path` is a regular file; any problem (reported later by inputs.ts) says no. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function statusOf(f: FileResult): ExitStatus {
  switch (f.kind) {
    case 'invalid':
      return EXIT.input;
    case 'crashed':
      return EXIT.internal;
    case 'checked':
      return f.status === 'pass' ? EXIT.ok : f.status === 'fail' ? EXIT.fail : EXIT.incomplete;
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

async function makeSink(format: Format, ctx: import('../render/sink.js').SinkContext, single: boolean): Promise<import('../render/sink.js').Sink> {
  switch (format) {
    case 'text':
      return (await import('../render/summary.js')).textSink(ctx, single);
    case 'json':
      return (await import('../render/json.js')).jsonSink(ctx);
    case 'junit':
      return (await import('../render/junit.js')).junitSink(ctx);
    case 'herd':
      return (await import('../render/herd.js')).herdSink(ctx);
    case 'github':
      return (await import('../render/github.js')).githubSink(ctx);
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
