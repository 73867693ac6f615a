/**
 * The batch view: one line per file and run, in input order, then a tally. Shared by the text
 * and GitHub formats (GitHub's log is read by people too).
 */
import type { Report } from '../../report/types.js';
import type { CliPaint } from '../common/paint.js';
import type { FileResult } from '../pool/task.js';
import type { Sink, SinkContext, Tally } from './sink.js';
import { renderCompact, renderFile } from './text.js';
import { duration, plural, runLabel, statusReasons, statusWord } from './words.js';

export function emptyTally(): Tally {
  return { files: 0, runs: 0, passed: 0, failed: 0, incomplete: 0, errors: 0, notRun: 0, elapsedMs: 0 };
}

/** Adds a file's result to the tally. */
export function count(t: Tally, f: FileResult): void {
  t.files++;
  switch (f.kind) {
    case 'checked':
      t.runs += f.reports.length;
      if (f.status === 'pass') t.passed++;
      else if (f.status === 'fail') t.failed++;
      else t.incomplete++;
      return;
    case 'invalid':
    case 'crashed':
      t.errors++;
      return;
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

/** `9 files (11 runs): 6 passed, 1 failed, 1 incomplete, 1 error · 1.2 s`. */
export function tallyLine(t: Tally, p: CliPaint): string {
  const parts = [
    p.pass(`${t.passed} passed`),
    t.failed > 0 ? p.fail(`${t.failed} failed`) : `${t.failed} failed`,
    t.incomplete > 0 ? p.open(`${t.incomplete} incomplete`) : `${t.incomplete} incomplete`,
    t.errors > 0 ? p.fail(plural(t.errors, 'error')) : plural(t.errors, 'error'),
  ];
  if (t.notRun > 0) parts.push(p.open(`${t.notRun} not run (interrupted)`));
  return `${p.bold(plural(t.files, 'file'))} ${p.dim(`(${plural(t.runs, 'run')})`)}: ${parts.join(', ')} ${p.dim(`· ${duration(t.elapsedMs)}`)}`;
}

const STATUS_WIDTH = 'INCOMPLETE'.length;

/** The summary lines of one file: one per run, or one for a file that could not be checked. */
export function fileLines(f: FileResult, fileWidth: number, p: CliPaint): string[] {
  const name = f.file.padEnd(fileWidth);
  switch (f.kind) {
    case 'checked':
      return f.reports.map((r) => runLine(r, name, p));
    case 'invalid': {
      const n = f.diagnostics.length;
      return [`${p.fail(p.bold(statusWord('error').padEnd(STATUS_WIDTH)))}  ${name}  ${plural(n, 'error')} ${p.dim('(shown on stderr)')}`];
    }
    case 'crashed':
      return [`${p.fail(p.bold(statusWord('crashed').padEnd(STATUS_WIDTH)))}  ${name}  internal error: ${f.message}`];
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

/** A file never started (Ctrl-C). */
export function notRunLine(file: string, fileWidth: number, p: CliPaint): string {
  return `${p.open(statusWord('not-run').padEnd(STATUS_WIDTH))}  ${file.padEnd(fileWidth)}`;
}

function runLine(r: Report, name: string, p: CliPaint): string {
  const word = statusWord(r.status).padEnd(STATUS_WIDTH);
  const painted = r.status === 'pass' ? p.pass(word) : r.status === 'fail' ? p.fail(p.bold(word)) : p.open(word);
  const c = r.counts;
  const explored = c.complete + c.blocked + c.cut + c.faulted + c.filtered;
  const what = `${runLabel(r).padEnd(13)} ${r.verdict.padEnd(5)} ${r.observation.padEnd(9)}`;
  const reasons = statusReasons(r);
  const tail = reasons.length > 0 ? `  ${reasons.join('; ')}` : '';
  return `${painted}  ${name}  ${what} ${p.dim(`${plural(explored, 'execution')}, ${duration(r.elapsedMs)}`)}${tail}`.trimEnd();
}

/**
 * The text format. One file: its full report. Several: a line per run, the compact details of
 * failing files (full ones with `--details`), then the tally.
 */
export function textSink(ctx: SinkContext, single: boolean): Sink {
  const width = Math.min(60, Math.max(0, ...ctx.files.map((f) => f.length)));
  return {
    file(f) {
      const full = single || ctx.details;
      if (f.kind === 'checked' && full) {
        if (!single) ctx.write('\n');
        ctx.write(renderFile(f, { paint: ctx.paint, allWitnesses: ctx.allWitnesses }));
        if (!single) ctx.write('\n');
        return;
      }
      // one file that could not be checked: its diagnostics on stderr say it all
      if (single) return;
      const passing = f.kind === 'checked' && f.status === 'pass';
      if (!(ctx.quiet && passing)) ctx.write(fileLines(f, width, ctx.paint).join('\n') + '\n');
      if (f.kind === 'checked' && f.status !== 'pass') {
        ctx.write(renderCompact(f, ctx.paint));
      }
    },
    notRun(file) {
      if (!single) ctx.write(`${notRunLine(file, width, ctx.paint)}\n`);
    },
    end(t) {
      // one file: its report (or its diagnostics) already said everything
      // nothing checked (only path problems, or an empty shard): stderr has said it all
      if (!single && t.files > 0) ctx.write(`\n${tallyLine(t, ctx.paint)}\n`);
    },
  };
}
