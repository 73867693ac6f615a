/**
 * The readable report of one file, for a person thinking about an algorithm: what was checked,
 * the distinct outcomes with their execution counts, the verdict, then what needs attention
 * (data races, failed assertions, blocked and cut executions) with witness interleavings, the
 * expectations, and the final status. Plain text; colour comes only through `CliPaint`.
 *
 * Witnesses are shown for races and faults, and for the outcomes the condition is about: those
 * satisfying an `exists`, or breaking a `forall` / `~exists`. `--witness` shows one per outcome.
 */
import type { OutcomeReport, Report, StopSummary, Witness } from '../../report/types.js';
import type { CliPaint } from '../common/paint.js';
import type { FileResult } from '../pool/task.js';
import { duration, expectationText, grouped, modeName, plural, runLabel, statusReasons, statusWord, stepEffect, verdictMeaning } from './words.js';

export interface TextOptions {
  readonly paint: CliPaint;
  /** A witness for every outcome, not only the interesting ones. */
  readonly allWitnesses: boolean;
}

type Checked = Extract<FileResult, { kind: 'checked' }>;

/** The full report of a checked file: every run, then the file's status. */
export function renderFile(f: Checked, o: TextOptions): string {
  const p = o.paint;
  const out: string[] = [];
  out.push(`${p.bold(f.name)}  ${p.dim(f.file)}`);
  for (const r of f.reports) {
    out.push('', ...renderRun(r, o));
  }
  {
    out.push('', statusLine(f.status, f.reports.flatMap((r) => statusReasons(r).map((x) => (f.reports.length > 1 ? `${runLabel(r)}: ${x}` : x))), p));
  }
  return out.join('\n') + '\n';
}

/** `PASS`, `FAIL: reasons`, `INCOMPLETE: reasons`, coloured. */
export function statusLine(status: Checked['status'], reasons: readonly string[], p: CliPaint): string {
  const word = statusWord(status);
  const painted = status === 'pass' ? p.pass(p.bold(word)) : status === 'fail' ? p.fail(p.bold(word)) : p.open(p.bold(word));
  return reasons.length === 0 ? painted : `${painted}: ${reasons.join('; ')}`;
}

function renderRun(r: Report, o: TextOptions): string[] {
  const p = o.paint;
  const c = r.counts;
  const explored = c.complete + c.blocked + c.cut + c.faulted + c.filtered;
  const parts = [`${grouped(c.complete)} complete`];
  if (c.blocked) parts.push(`${grouped(c.blocked)} blocked`);
  if (c.cut) parts.push(`${grouped(c.cut)} cut`);
  if (c.faulted) parts.push(`${grouped(c.faulted)} failed`);
  if (c.filtered) parts.push(`${grouped(c.filtered)} filtered out`);
  const out = [`${p.accent('──')} ${p.bold(`model ${r.model}, mode ${r.mode}`)} ${p.dim(`· ${plural(explored, 'execution')} (${parts.join(', ')}) · ${duration(r.elapsedMs)}`)}`];
  if (!r.complete) {
    const why = r.stoppedBy === 'timeout' ? 'the timeout' : r.stoppedBy === 'max-executions' ? '--max-executions' : 'Ctrl-C';
    out.push(p.open(`   INCOMPLETE: stopped by ${why}; the outcomes below are those found so far`));
  }
  out.push('');
  if (r.condition) out.push(`   Condition    ${r.condition.text}`);
  out.push(...outcomeTable(r, p));
  out.push('', `   Verdict      ${verdictWord(r, p)}  ${p.dim(verdictMeaning(r))}`);
  if (r.condition) out.push(`   Observation  ${r.observation}  ${p.dim(`(Positive ${r.positive}, Negative ${r.negative})`)}`);

  for (const race of r.races) {
    const a = race.first;
    const b = race.second;
    out.push('', p.fail(p.bold(`   DATA RACE on ${a.location}`)) + p.dim(` in ${plural(race.executions, 'execution')}`));
    const rows = [a, b].map((x) => [x.threadName, `${x.line}:${x.column}`, `${modeName(x.mode)} ${x.op}`, x.text]);
    out.push(...columns(rows).map((l) => `     ${l}`));
    if (race.fix) out.push(`     ${p.bold('fix')}: ${race.fix}`);
    out.push(...witnessBlock('witness', race.witness, p));
  }
  for (const f of r.faults) {
    const what = f.kind === 'assert' ? 'ASSERTION FAILED' : 'PANIC';
    out.push('', p.fail(p.bold(`   ${what} in ${f.threadName} at ${f.line}:${f.column}`)) + p.dim(` in ${plural(f.executions, 'execution')}`));
    out.push(`     ${f.text}  ${p.dim(`— ${f.message}`)}`);
    out.push(...witnessBlock('witness', f.witness, p));
  }
  const stops = r.stops;
  if (stops.length > 0) out.push('', ...stopLines(stops, r, p));

  for (const oc of r.outcomes) {
    if (!o.allWitnesses && !interesting(r, oc)) continue;
    if (oc.witness === null) continue; // beyond the witness limit
    out.push('', ...witnessBlock(`witness of ${outcomeText(r, oc)}${noteOf(r, oc)}`, oc.witness, p));
  }
  if (r.expectations.length > 0) {
    out.push('', '   Expectations');
    for (const e of r.expectations) {
      const mark = e.holds ? p.pass('✓') : p.fail('✗');
      const why = e.holds ? '' : p.dim(`  — ${e.reasons.join('; ')}`);
      out.push(`     ${mark} ${expectationText(e.expectation)}${why}`);
    }
  }
  return out;
}

/**
 * A failing file in a batch, under its summary lines: for each run that did not pass, what
 * went wrong in one line each (races, faults, the outcome the verdict is about, unmet
 * expectations, cut executions), and where to look for witnesses.
 */
export function renderCompact(f: Checked, p: CliPaint): string {
  const out: string[] = [];
  for (const r of f.reports) {
    if (r.status === 'pass') continue;
    const tag = f.reports.length > 1 ? `${runLabel(r)}: ` : '';
    for (const x of r.races) {
      const side = (a: (typeof x)['first']): string => `${a.threadName} ${a.line}:${a.column} ${modeName(a.mode)} ${a.op} \`${a.text}\``;
      out.push(`${tag}${p.fail('data race')} on ${x.first.location}: ${side(x.first)} / ${side(x.second)}`);
      if (x.fix) out.push(`${tag}  fix: ${x.fix}`);
    }
    for (const x of r.faults) out.push(`${tag}${p.fail(x.kind === 'assert' ? 'assertion failed' : 'panic')} in ${x.threadName} at ${x.line}:${x.column}: \`${x.text}\``);
    if (r.verdict === 'No') {
      for (const o of r.outcomes) {
        if (!interesting(r, o)) continue;
        out.push(`${tag}outcome ${outcomeText(r, o)}${noteOf(r, o)}, ${plural(o.executions, 'execution')}`);
      }
    }
    for (const e of r.expectations) {
      if (!e.holds) out.push(`${p.fail('✗')} ${expectationText(e.expectation)}: ${e.reasons.join('; ')}`);
    }
    if (!r.complete) out.push(`${tag}${p.open(statusReasons(r)[0] ?? 'stopped early')}: ${plural(r.outcomes.length, 'outcome')} found so far`);
    for (const s of r.stops) {
      if (s.kind === 'cut') out.push(`${tag}${p.open('cut')}: ${plural(s.executions, 'execution')} at ${s.threadName} L${s.line} \`${s.text}\` (raise --unroll)`);
    }
  }
  out.push(p.dim(`(ordo run ${f.file} for the full report with witnesses)`));
  return out.map((l) => `            ${l}`).join('\n') + '\n';
}

function verdictWord(r: Report, p: CliPaint): string {
  return r.verdict === 'Ok' ? p.pass(p.bold('Ok')) : p.fail(p.bold(r.verdict));
}

/** The outcomes that deserve a witness by default (see the header). */
function interesting(r: Report, o: OutcomeReport): boolean {
  switch (r.condition?.quantifier ?? null) {
    case 'exists':
    case 'not exists':
      return o.satisfies === true;
    case 'forall':
      return o.satisfies === false;
    case null:
      return false;
    default:
      return false;
  }
}

function noteOf(r: Report, o: OutcomeReport): string {
  if (o.satisfies === null) return '';
  const q = r.condition?.quantifier;
  if (q === 'forall') return o.satisfies ? '' : ' (violates the condition)';
  if (q === 'not exists') return o.satisfies ? ' (the forbidden outcome)' : '';
  return o.satisfies ? ' (satisfies the condition)' : '';
}

/** `t1:r0=1 t1:r1=0`. */
export function outcomeText(r: Report, o: OutcomeReport): string {
  return r.variables.map((v, i) => `${v}=${o.values[i]}`).join(' ') || '(no variables)';
}

function outcomeTable(r: Report, p: CliPaint): string[] {
  const n = r.outcomes.length;
  const c = r.counts.complete - r.counts.filtered;
  const out = ['', `   Outcomes     ${plural(n, 'distinct final state')} ${p.dim(`of ${plural(Math.max(c, 0), 'complete execution')}`)}`];
  if (n === 0) return out;
  const marked = r.condition !== null;
  const rows = [[...(marked ? [''] : []), ...r.variables, 'executions']];
  for (const o of r.outcomes) rows.push([...(marked ? [o.satisfies ? '*' : ''] : []), ...o.values, String(o.executions)]);
  const lines = columns(rows);
  out.push(`     ${p.dim(lines[0]!)}`, ...lines.slice(1).map((l) => `     ${l}`));
  if (marked && r.outcomes.some((o) => o.satisfies)) out.push(p.dim(`     * the condition's proposition holds`));
  return out;
}

function stopLines(stops: readonly StopSummary[], r: Report, p: CliPaint): string[] {
  const out: string[] = [];
  const blocked = stops.filter((s) => s.kind === 'blocked');
  const cut = stops.filter((s) => s.kind === 'cut');
  if (blocked.length > 0) {
    out.push(`   Blocked      ${plural(r.counts.blocked, 'execution')} could not finish ${p.dim('(not counted as outcomes)')}`);
    for (const s of blocked) out.push(`     ${s.threadName} L${s.line}  ${s.text}  ${p.dim(`— ${blockWhy(s)}, ${plural(s.executions, 'execution')}`)}`);
  }
  if (cut.length > 0) {
    out.push(p.open(`   Cut          ${plural(r.counts.cut, 'execution')} reached the loop bound`) + p.dim(r.settled ? ' (the verdict does not depend on them)' : ' (the verdict may depend on them)'));
    for (const s of cut) out.push(`     ${s.threadName} L${s.line}  ${s.text}  ${p.dim(`— ${plural(s.executions, 'execution')}`)}`);
    out.push(p.dim('     hint: raise --unroll to explore longer runs of the loop'));
  }
  return out;
}

function blockWhy(s: StopSummary): string {
  switch (s.reason) {
    case 'assume':
      return 'assume! is false';
    case 'spin':
      return 'the spin loop never exits';
    case 'lock':
      return 'the lock is never free';
    case 'cut':
      return 'cut by the loop bound';
    default: {
      const never: never = s.reason;
      return String(never);
    }
  }
}

/** A witness interleaving: one line per step, then where threads stopped. */
export function witnessBlock(title: string, w: Witness, p: CliPaint): string[] {
  const rows = w.steps.map((s, i) => [`${i + 1}.`, s.threadName, `L${s.line}`, s.text, modeName(s.mode), stepEffect(s)]);
  for (const s of w.stops) rows.push(['', s.threadName, `L${s.line}`, s.text, '', `${s.kind === 'cut' ? 'cut' : 'stops'}: ${s.message}`]);
  const lines = columns(rows).map((l) => `       ${l.replace(/ \(stale\)$/, ` ${p.open('(stale)')}`)}`);
  return [`     ${p.bold(title)}:`, ...(lines.length > 0 ? lines : ['       (no memory accesses)'])];
}

/** Left-aligned columns, two spaces apart, trailing spaces trimmed. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length)))
      .join('  ')
      .trimEnd(),
  );
}
