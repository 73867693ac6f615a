/**
 * The JUnit XML format, as CI systems read it: one <testsuite> for the batch, one <testcase>
 * per file. A failing or incomplete file has a <failure> (type `fail` or `incomplete`: an open
 * verdict never passes) whose text gives each run's verdict, reasons and a witness summary; a
 * file with diagnostics or a crash has an <error>; a file not run after Ctrl-C is <skipped>.
 * Path problems (E03xx) become test cases named by the path, with an <error>.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import { formatDiagnosticLine, renderDiagnostic } from '../../diagnostics/index.js';
import type { Report } from '../../report/types.js';
import type { FileResult } from '../pool/task.js';
import type { Sink, SinkContext, Tally } from './sink.js';
import { runLabel, statusReasons, witnessSummary } from './words.js';

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly file: string;
  readonly timeMs: number;
  readonly body: { readonly tag: 'failure' | 'error' | 'skipped'; readonly type: string; readonly message: string; readonly text: string } | null;
}

export function junitSink(ctx: SinkContext): Sink {
  const cases: Case[] = [];
  return {
    file(f) {
      cases.push(caseOf(f));
    },
    notRun(file) {
      cases.push({ name: file, classname: classname(file), file, timeMs: 0, body: { tag: 'skipped', type: 'interrupted', message: 'not run: interrupted (Ctrl-C)', text: '' } });
    },
    end(t, pathProblems) {
      for (const d of pathProblems) cases.push(errorCase(d.file, [d]));
      ctx.write(document(cases, t));
    },
  };
}

function caseOf(f: FileResult): Case {
  switch (f.kind) {
    case 'checked': {
      const base = { name: f.name, classname: classname(f.file), file: f.file, timeMs: f.elapsedMs };
      if (f.status === 'pass') return { ...base, body: null };
      const bad = f.reports.filter((r) => r.status !== 'pass');
      const message = bad.map((r) => `${runLabel(r)}: ${statusReasons(r).join('; ')}`).join(' | ');
      return { ...base, body: { tag: 'failure', type: f.status, message, text: bad.map(failureText).join('\n\n') } };
    }
    case 'invalid':
      return errorCase(f.file, f.diagnostics, f.text);
    case 'crashed':
      return {
        name: f.file,
        classname: classname(f.file),
        file: f.file,
        timeMs: 0,
        body: { tag: 'error', type: 'internal', message: `internal error: ${f.message}`, text: f.stack ?? f.message },
      };
    default: {
      const never: never = f;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

function errorCase(file: string, ds: readonly Diagnostic[], text: string | null = null): Case {
  const message = ds.map(formatDiagnosticLine).join(' | ');
  const body = ds.map((d) => (d.start && text !== null ? renderDiagnostic(d, text) : formatDiagnosticLine(d))).join('\n\n');
  return { name: file, classname: classname(file), file, timeMs: 0, body: { tag: 'error', type: ds[0]?.code ?? 'error', message, text: body } };
}

/** A failing run in a few lines: verdict, reasons, races and faults with a witness each. */
function failureText(r: Report): string {
  const lines = [
    `${runLabel(r)}: ${r.status.toUpperCase()}`,
    `  verdict ${r.verdict}, observation ${r.observation} (Positive ${r.positive}, Negative ${r.negative})${r.condition ? ` for ${r.condition.text}` : ''}`,
    ...statusReasons(r).map((x) => `  - ${x}`),
  ];
  for (const x of r.races) {
    lines.push(`  data race on ${x.first.location}: ${x.first.threadName} ${x.first.op} at ${x.first.line}:${x.first.column} \`${x.first.text}\` / ${x.second.threadName} ${x.second.op} at ${x.second.line}:${x.second.column} \`${x.second.text}\``);
    if (x.fix) lines.push(`    fix: ${x.fix}`);
    lines.push(`    witness: ${witnessSummary(x.witness)}`);
  }
  for (const x of r.faults) {
    lines.push(`  ${x.kind === 'assert' ? 'assertion failed' : 'panic'} in ${x.threadName} at ${x.line}:${x.column} \`${x.text}\`: ${x.message}`);
    lines.push(`    witness: ${witnessSummary(x.witness)}`);
  }
  // the outcome the verdict is about: satisfying an exists/~exists, breaking a forall
  const q = r.condition?.quantifier;
  const culprit = r.verdict === 'No' ? r.outcomes.find((o) => (q === 'forall' ? o.satisfies === false : o.satisfies === true)) : undefined;
  if (culprit) {
    lines.push(`  outcome ${r.variables.map((v, i) => `${v}=${culprit.values[i]}`).join(' ')} in ${culprit.executions} execution(s)`);
    if (culprit.witness) lines.push(`    witness: ${witnessSummary(culprit.witness)}`);
  }
  return lines.join('\n');
}

function document(cases: readonly Case[], t: Tally): string {
  const failures = cases.filter((c) => c.body?.tag === 'failure').length;
  const errors = cases.filter((c) => c.body?.tag === 'error').length;
  const skipped = cases.filter((c) => c.body?.tag === 'skipped').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(t.elapsedMs)}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ordo" ${counts}>`, `  <testsuite name="ordo run" ${counts}>`];
  for (const c of cases) {
    const attrs = `name="${attr(c.name)}" classname="${attr(c.classname)}" file="${attr(c.file)}" time="${seconds(c.timeMs)}"`;
    if (!c.body) {
      out.push(`    <testcase ${attrs}/>`);
      continue;
    }
    out.push(`    <testcase ${attrs}>`);
    const b = c.body;
    if (b.text === '') out.push(`      <${b.tag} type="${attr(b.type)}" message="${attr(b.message)}"/>`);
    else out.push(`      <${b.tag} type="${attr(b.type)}" message="${attr(b.message)}">${text(b.text)}</${b.tag}>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

/** `litmus/mp.litmus` → `litmus.mp`, the dotted form JUnit viewers group by. */
function classname(file: string): string {
  return file.replace(/\.litmus$/, '').replace(/^\.\//, '').replace(/[\\/]+/g, '.');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// XML 1.0 allows tab, LF, CR and U+0020 and above (less the surrogates and U+FFFE/F); anything
// else (a control character quoted from a binary file) would make the document ill-formed
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes character data. */
export function text(s: string): string {
  return s.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (quotes, and line breaks that attribute normalisation would eat). */
export function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
