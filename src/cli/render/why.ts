/**
 * `ordo why` in words. For a forbidden state: how many candidate executions reach it, and for
 * each axiom that rules some of them out, its formula and one cycle, an event per line with the
 * relation that leads to it:
 *
 *         t0 L8   DATA.store(42, Relaxed)    W DATA=42 rlx
 *   —po→  t0 L9   READY.store(1, Release)    W READY=1 rel
 *   —sw→  t1 L12  READY.load(Acquire)        R READY=1 acq
 *   —po→  t1 L13  DATA.load(Relaxed)         R DATA=0 rlx
 *   —rb→  back to t0 L8
 *
 * For an allowed state: the witness interleaving, as `ordo run` shows witnesses.
 */
import type { AxiomExplanation, WhyResult } from '../../explain/why.js';
import type { GraphSnapshot, SnapshotEvent } from '../../report/types.js';
import type { CliPaint } from '../common/paint.js';
import { witnessBlock } from './text.js';
import { plural } from './words.js';

export interface WhyText {
  readonly name: string;
  /** The proposition as the user wrote it. */
  readonly proposition: string;
  readonly model: string;
  readonly mode: string;
  readonly result: WhyResult;
}

export function renderWhyText(w: WhyText, p: CliPaint): string {
  const run = `${w.model}/${w.mode}`;
  const out: string[] = [];
  const r = w.result;
  switch (r.kind) {
    case 'allowed':
      out.push(`${p.bold(w.name)}: ${w.proposition} is ${p.pass(p.bold('allowed'))} under ${run}: this execution reaches it.`);
      out.push('');
      out.push(...witnessBlock('Witness (an interleaving the model allows)', r.witness, p));
      break;
    case 'forbidden':
      out.push(`${p.bold(w.name)}: ${w.proposition} is ${p.fail(p.bold('forbidden'))} under ${run}.`);
      out.push('');
      if (r.candidates === 0) {
        out.push('No candidate execution reaches it at all: no choice of the values the threads read makes them end in this state.');
        break;
      }
      out.push(`${plural(r.candidates, 'candidate execution')} (choices of the values read, rf and mo) ${r.candidates === 1 ? 'reaches' : 'reach'} it, and the model rules ${r.candidates === 1 ? 'it out' : 'out every one'}:`);
      for (const a of r.axioms) out.push('', ...axiomBlock(a, p));
      break;
  }
  if (r.kind === 'forbidden' && r.truncated) {
    out.push('', p.open('(the candidates were too many to examine them all in the time given, --timeout: these are the ones seen before the limit)'));
  }
  return out.join('\n') + '\n';
}

function axiomBlock(a: AxiomExplanation, p: CliPaint): string[] {
  const head = `${p.bold(a.axiom)} (${a.formula}) rules out ${plural(a.candidates, 'of them', 'of them')}, for example:`;
  return [head, ...cycleLines(a.example.graph, a.example.steps, p)];
}

/** The cycle (or path) as one event per line, each led by the relation that reaches it. */
export function cycleLines(g: GraphSnapshot, steps: readonly { readonly from: number; readonly to: number; readonly rel: string }[], p: CliPaint): string[] {
  if (steps.length === 0) return [];
  const first = steps[0]!.from;
  const last = steps[steps.length - 1]!;
  const closes = last.to === first;
  const rows: [string, string, string, string, string][] = [['', ...describe(g, g.events[first]!)]];
  for (const s of closes ? steps.slice(0, -1) : steps) rows.push([arrow(s.rel), ...describe(g, g.events[s.to]!)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  const lines = rows.map((r) => {
    const cells = r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c));
    return `    ${p.accent(cells[0]!)}  ${cells.slice(1).join('  ')}`.trimEnd();
  });
  if (closes) lines.push(`    ${p.accent(arrow(last.rel).padEnd(widths[0]!))}  back to ${where(g, g.events[first]!)}`);
  return lines;
}

function arrow(rel: string): string {
  return `—${rel}→`;
}

/** [thread, line, source text, event]: `t0`, `L8`, `DATA.store(42, Relaxed)`, `W DATA=42 rlx`. */
function describe(g: GraphSnapshot, e: SnapshotEvent): [string, string, string, string] {
  if (e.thread < 0) return ['init', '', `${e.location} = ${e.value}`, 'the initial value'];
  const event = e.kind === 'F' ? `F ${e.mode}` : `${e.kind} ${e.location}=${e.value} ${e.mode}`;
  return [g.threads[e.thread]!, e.line > 0 ? `L${e.line}` : '', e.text, event];
}

function where(g: GraphSnapshot, e: SnapshotEvent): string {
  return e.thread < 0 ? `the initial value of ${e.location}` : `${g.threads[e.thread]} L${e.line}`;
}
