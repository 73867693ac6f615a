/**
 * The GitHub Actions format: the text summary (people read the log too), plus a workflow
 * annotation for each problem of a failing file, placed where it is in the file:
 *   a data race            at the second access, naming the first     ::error
 *   an assertion or panic  at its statement                           ::error
 *   a failed expectation   at its line in the `expect` block           ::error
 *   a verdict No           at the condition (line 1 without one)       ::error
 *   an open verdict        at the condition or line 1                  ::warning
 *   a diagnostic           at its position (the file for path ones)   ::error
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { FileResult } from '../pool/task.js';
import type { Sink, SinkContext } from './sink.js';
import { textSink } from './summary.js';
import { expectationText, runLabel, statusReasons } from './words.js';

interface Annotation {
  readonly level: 'error' | 'warning';
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly title: string;
  readonly message: string;
}

export function githubSink(ctx: SinkContext): Sink {
  const text = textSink(ctx, false);
  const emit = (as: readonly Annotation[]): void => {
    if (as.length > 0) ctx.write(as.map(command).join('\n') + '\n');
  };
  return {
    file(f) {
      text.file(f);
      emit(annotations(f));
    },
    notRun(file) {
      text.notRun(file);
    },
    end(t, pathProblems) {
      emit(pathProblems.map(diagnosticAnnotation));
      text.end(t, pathProblems);
    },
  };
}

/** The annotations of one file's result (none when it passes). */
export function annotations(f: FileResult): Annotation[] {
  switch (f.kind) {
    case 'invalid':
      return f.diagnostics.map(diagnosticAnnotation);
    case 'crashed':
      return [{ level: 'error', file: f.file, title: 'ordo: internal error', message: `${f.message} (please report)` }];
    case 'checked': {
      const out: Annotation[] = [];
      for (const r of f.reports) {
        if (r.status === 'pass') continue;
        const run = runLabel(r);
        const at = f.conditionLine ?? 1;
        if (r.status === 'incomplete') {
          out.push({ level: 'warning', file: f.file, line: at, title: `ordo (${run}): incomplete`, message: statusReasons(r).join('; ') });
          continue;
        }
        const failed = r.expectations.filter((e) => !e.holds);
        for (const e of failed) {
          out.push({
            level: 'error',
            file: f.file,
            line: f.expectationLines[e.expectation.id] ?? 1,
            title: `ordo (${run}): expectation not met`,
            message: `\`${expectationText(e.expectation)}\` not met: ${e.reasons.join('; ')}`,
          });
        }
        // with expectations, races and faults matter only when unexpected: the reasons say so
        const expected = r.expectations.length > 0;
        for (const x of r.races) {
          if (expected && r.expectations.every((e) => e.expectation.race)) continue;
          const { first: a, second: b } = x;
          out.push({
            level: 'error',
            file: f.file,
            line: b.line,
            col: b.column,
            title: `ordo (${run}): data race on ${a.location}`,
            message: `${b.threadName} ${b.op} \`${b.text}\` races with ${a.threadName} ${a.op} \`${a.text}\` (line ${a.line}:${a.column})${x.fix ? `. Fix: ${x.fix}` : ''}`,
          });
        }
        for (const x of r.faults) {
          if (expected && r.expectations.every((e) => e.expectation.fault)) continue;
          out.push({ level: 'error', file: f.file, line: x.line, col: x.column, title: `ordo (${run}): ${x.kind === 'assert' ? 'assertion failed' : 'panic'}`, message: `${x.threadName}: \`${x.text}\`: ${x.message}` });
        }
        if (!expected && r.verdict === 'No') {
          out.push({ level: 'error', file: f.file, line: at, title: `ordo (${run}): verdict No`, message: statusReasons(r).filter((s) => s.startsWith('verdict')).join('; ') });
        }
      }
      return out;
    }
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

function diagnosticAnnotation(d: Diagnostic): Annotation {
  return {
    level: d.severity === 'warning' ? 'warning' : 'error',
    file: d.file,
    ...(d.start ? { line: d.start.line, col: d.start.column } : {}),
    title: `ordo: ${d.code}`,
    message: d.message,
  };
}

/** `::error file=F,line=L,col=C,title=T::message`, escaped as the runner expects. */
export function command(a: Annotation): string {
  const props = [`file=${property(a.file)}`];
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.col !== undefined) props.push(`col=${a.col}`);
  props.push(`title=${property(a.title)}`);
  return `::${a.level} ${props.join(',')}::${data(a.message)}`;
}

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
