/**
 * `ordo compare` as a table: one row per distinct outcome, one column per run (rc11 then sc,
 * each under the four ordering modes), cells counting the executions that reach the outcome
 * (`·` when none does). Below: each run's verdict, Observation and data races, then what each
 * strengthening buys, i.e. the outcomes a run allows and a stronger run forbids.
 *
 * Rows an ordering buys are marked `*` (and coloured): they answer "what does this ordering
 * give me?" at a glance; the list under the table names the runs. Colour is never the only
 * carrier of meaning, so the text reads the same in a log.
 */
import type { ComparedRun, Comparison } from '../../report/compare.js';
import type { CliPaint } from '../common/paint.js';

const SEP = ' │ ';

/** `t1:r1=1 t1:r2=0`: an outcome as herd7 prints a state, in the order of `variables`. */
export function outcomeLabel(variables: readonly string[], values: readonly string[]): string {
  return variables.map((v, i) => `${v}=${values[i]}`).join(' ');
}

/** A run's name, `rc11/as-written`: in a comparison the mode is always named. */
export function runLabel(r: { readonly model: string; readonly mode: string }): string {
  return `${r.model}/${r.mode}`;
}

export function renderCompareText(c: Comparison, paint: CliPaint): string {
  const out: string[] = [];
  out.push(paint.bold(`${c.name}  (${c.file})`));
  if (c.condition) out.push(`condition: ${c.condition.text}`);
  out.push('');

  const models = [...new Set(c.runs.map((r) => r.model))];
  const bought = new Set(c.differences.map((d) => d.outcome));
  const labels = c.outcomes.map((o) => outcomeLabel(c.variables, o.values));
  const rowNames = ['verdict', 'observation', 'executions', 'races'];
  const showBlocked = c.runs.some((r) => r.counts.blocked + r.counts.cut > 0);
  const showFaults = c.runs.some((r) => r.faulted > 0);
  const showIncomplete = c.runs.some((r) => !r.complete);
  if (showBlocked) rowNames.push('blocked/cut');
  if (showFaults) rowNames.push('faulted');
  if (showIncomplete) rowNames.push('complete');
  const labelWidth = Math.max('outcome'.length, ...labels.map((l) => l.length), ...rowNames.map((n) => n.length));
  const hasCond = c.condition !== null;
  // `*` marks a row some ordering buys; `P` says the condition's proposition holds there
  const lead = (mark: string, label: string, p: string): string => `${mark} ${label.padEnd(labelWidth)}${hasCond ? `  ${p}` : ''}`;

  const cells: string[][] = [];
  const runSummary = (r: ComparedRun): string[] => {
    const rows = [r.verdict, r.observation, String(r.counts.complete), r.races.length === 0 ? '-' : String(r.races.length)];
    if (showBlocked) rows.push(`${r.counts.blocked}/${r.counts.cut}`);
    if (showFaults) rows.push(String(r.faulted));
    if (showIncomplete) rows.push(r.complete ? 'yes' : 'no');
    return rows;
  };
  c.runs.forEach((r, ri) => cells.push([r.mode, ...c.outcomes.map((o) => (o.executions[ri]! > 0 ? String(o.executions[ri]) : '·')), ...runSummary(r)]));
  const widths = cells.map((col) => Math.max(...col.map((s) => s.length)));
  const pad = (s: string, w: number): string => s.padEnd(w);

  // header: the model above its first column, then the modes
  const groups = models.map((m) => c.runs.map((r, i) => (r.model === m ? i : -1)).filter((i) => i >= 0));
  const groupWidth = (g: number[]): number => g.reduce((s, i) => s + widths[i]!, 0) + (g.length - 1) * 2;
  out.push(lead(' ', '', ' ') + SEP + groups.map((g, gi) => pad(models[gi]!, groupWidth(g))).join(SEP));
  const line = (mark: string, label: string, p: string, values: (ri: number) => string, style: (s: string, ri: number) => string = (s) => s): string =>
    lead(mark, label, p) + SEP + groups.map((g) => g.map((ri) => style(pad(values(ri), widths[ri]!), ri)).join('  ')).join(SEP);
  out.push(line(' ', 'outcome', hasCond ? 'P' : '', (ri) => cells[ri]![0]!, (s) => paint.dim(s)));
  const rule = '─'.repeat(labelWidth + 2 + (hasCond ? 3 : 0)) + '─┼─' + groups.map((g) => '─'.repeat(groupWidth(g))).join('─┼─');
  out.push(rule);
  c.outcomes.forEach((o, oi) => {
    const mark = bought.has(oi) ? '*' : ' ';
    const p = o.satisfies === true ? '✓' : ' ';
    const style = (s: string, ri: number): string => (bought.has(oi) && o.executions[ri]! > 0 ? paint.open(s) : s);
    const text = line(mark, labels[oi]!, p, (ri) => cells[ri]![oi + 1]!, style);
    out.push(bought.has(oi) ? paint.bold(text.slice(0, 2 + labelWidth)) + text.slice(2 + labelWidth) : text);
  });
  out.push(rule);
  rowNames.forEach((name, k) => {
    const at = c.outcomes.length + 1 + k;
    const style = (s: string, ri: number): string => {
      if (name !== 'verdict') return s;
      const st = c.runs[ri]!.status;
      return st === 'pass' ? paint.pass(s) : st === 'fail' ? paint.fail(s) : paint.open(s);
    };
    out.push(line(' ', name, ' ', (ri) => cells[ri]![at]!, style));
  });
  out.push('');
  out.push(paint.dim(`cells: executions reaching the outcome (· none)${hasCond ? '; P: the condition holds' : ''}; * an ordering forbids it`));

  out.push('');
  if (c.differences.length === 0) {
    out.push('Every run reaches the same outcomes: the orderings buy nothing here.');
  } else {
    out.push(paint.bold('What stronger runs forbid (allowed by the weaker run, forbidden by the stronger):'));
    const width = Math.max(...c.differences.map((d) => labels[d.outcome]!.length));
    for (const d of c.differences) {
      out.push(`  ${paint.open(labels[d.outcome]!.padEnd(width))}  allowed by ${runList(c, d.allowedBy)}; forbidden by ${runList(c, d.forbiddenBy)}`);
    }
  }

  if (c.races.length > 0) {
    out.push('');
    out.push(paint.fail(paint.bold('Data races (undefined behaviour):')));
    for (const r of c.races) {
      const acc = (a: typeof r.first): string => `${a.threadName} L${a.line} \`${a.text}\` (${a.op}, ${a.mode})`;
      out.push(`  ${acc(r.first)} ↔ ${acc(r.second)}`);
      out.push(`    in ${runList(c, r.runs)}`);
      if (r.fix) out.push(paint.dim(`    fix: ${r.fix}`));
    }
  }

  if (c.anomalies.length > 0) {
    out.push('');
    out.push(paint.error('Unexpected: a stronger run reaches an outcome a weaker one does not (a checker bug, please report):'));
    for (const a of c.anomalies) out.push(`  ${labels[a.outcome]}: reached by ${runLabel(c.runs[a.stronger]!)}, not by ${runLabel(c.runs[a.weaker]!)}`);
  }
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

/** Run names, the four sc runs as `sc (every mode)` since orderings do not matter under sc. */
function runList(c: Comparison, ids: readonly number[]): string {
  const byModel = new Map<string, number[]>();
  for (const i of ids) {
    const m = c.runs[i]!.model;
    byModel.set(m, [...(byModel.get(m) ?? []), i]);
  }
  const parts: string[] = [];
  for (const [model, list] of byModel) {
    const all = c.runs.filter((r) => r.model === model).length;
    if (model === 'sc' && list.length === all) parts.push('sc (every mode)');
    else parts.push(...list.map((i) => runLabel(c.runs[i]!)));
  }
  return parts.join(', ');
}
