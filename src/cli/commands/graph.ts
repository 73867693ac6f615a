/**
 * `ordo graph FILE`: draws one execution: by default a witness of the first outcome satisfying
 * the condition (else of the first outcome), or with `--outcome 'P'` an execution ending in a
 * state where P holds. DOT on stdout, or `-o` a .dot, .svg or .png file (docs/graphs.md).
 *
 * Exit status: 0 when a picture was produced; 1 when there is nothing to draw (no execution
 * reaches the state asked for, or none finishes); 2 on an input error.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT, guard, UsageError, type ExitStatus } from '../common/exit.js';
import { addCheckOptions, type SharedOptionValues } from '../common/options.js';
import { addExamples } from '../common/program.js';
import { SHOWABLE, type Showable } from '../render/dot.js';
import { formatOfPath } from '../render/image.js';

interface GraphOptionValues extends SharedOptionValues {
  readonly outcome?: string;
  readonly show: readonly Showable[];
  readonly output?: string;
}

/** `--show sw,hb`. */
export function parseShow(value: string): Showable[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const i of items) {
    if (!(SHOWABLE as readonly string[]).includes(i)) throw new InvalidArgumentError(`expected a comma-separated list of ${SHOWABLE.join(', ')}`);
  }
  return items as Showable[];
}

export function graphCommand(): Command {
  const cmd = new Command('graph')
    .description('draw an execution: events per thread in program order, with po, rf, mo (and sw, hb on request); data races in red')
    .argument('<file>', 'a litmus file')
    .option('--outcome <proposition>', "draw an execution ending in a state where the proposition holds, e.g. 't1:r1 == 1 && t1:r2 == 0'");
  addCheckOptions(cmd, { model: 'rc11', mode: 'as-written' });
  cmd
    .addOption(new Option('--show <relations>', `also draw derived relations: ${SHOWABLE.join(', ')} (comma-separated)`).argParser(parseShow).default([]))
    .option('-o, --output <file>', 'write a .dot, .svg or .png file instead of DOT on stdout');
  addExamples(cmd, [
    ['ordo graph litmus/MP+rel+acq.litmus -o mp.svg', 'a witness of the condition, as SVG'],
    ["ordo graph mp.litmus --outcome 't1:r1 == 1 && t1:r2 == 42' --show sw,hb", 'an execution ending there, DOT on stdout'],
    ['ordo graph sb.litmus --mode relaxed -o sb.png', 'every access Relaxed, as PNG'],
  ]);
  return cmd.action(guard((file: string, o: GraphOptionValues) => graphFile(file, o)));
}

async function graphFile(file: string, o: GraphOptionValues): Promise<ExitStatus> {
  const format = o.output === undefined ? 'dot' : formatOfPath(o.output);
  if (format === null) throw new UsageError(`--output: expected a file name ending in .dot, .svg or .png, not ${o.output}`);
  const [{ paints }, { limits }, single, { explore, DEFAULT_UNROLL }, view, { renderDot }] = await Promise.all([
    import('../common/paint.js'),
    import('../common/options.js'),
    import('./single-file.js'),
    import('../../check.js'),
    import('../../explain/execution-view.js'),
    import('../render/dot.js'),
  ]);
  const paint = paints(o.color);
  const loaded = single.loadProgram(file, paint.err);
  if (!loaded.ok) return loaded.status;
  const program = loaded.value;
  const model = o.model ?? 'rc11';
  const mode = o.mode ?? 'as-written';
  const lim = limits(o, DEFAULT_UNROLL);

  let choice: import('../../explain/execution-view.js').WitnessChoice;
  let what: string;
  if (o.outcome !== undefined) {
    const prop = single.loadProposition(program, o.outcome, '<outcome>', paint.err);
    if (!prop.ok) return prop.status;
    choice = view.witnessWhere(program, prop.value, { model, mode, unroll: lim.unroll });
    what = single.shortText(o.outcome);
  } else {
    const report = explore(program, { model, mode, ...lim });
    if (!report.complete) process.stderr.write(paint.err.open(`note: exploration stopped early (${report.stoppedBy}); the outcome drawn is among those found so far\n`));
    choice = view.defaultWitness(report);
    what = choice.kind === 'found' ? choice.what : '';
  }
  if (choice.kind === 'none') {
    process.stderr.write(`${paint.err.error('error')}: nothing to draw: ${choice.reason}\n`);
    if (o.outcome !== undefined) process.stderr.write(`  ${paint.err.dim(`\`ordo why ${file} '${single.shortText(o.outcome)}'\` explains why`)}\n`);
    return EXIT.fail;
  }
  const dot = renderDot(view.viewExecution(program, choice.witness.graph), {
    title: `${program.name} (${model}/${mode}): ${what}`,
    show: new Set(o.show),
  });
  if (o.output === undefined) {
    process.stdout.write(dot);
    return EXIT.ok;
  }
  const { renderImage } = await import('../render/image.js');
  single.writeOutput(o.output, await renderImage(dot, format));
  return EXIT.ok;
}
