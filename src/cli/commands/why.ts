/**
 * `ordo why FILE 'P'`: why the model forbids the final states where P holds (the axiom that
 * rules out each candidate execution reaching them, with a cycle), or, when it allows them, an
 * execution that reaches one. With `-o`, the same as a picture: the cycle highlighted on the
 * candidate execution, or the witness.
 *
 * Exit status: 0 when the question is answered, whichever the answer; 2 on an input error.
 */
import { Command, Option } from 'commander';
import { EXIT, guard, UsageError, type ExitStatus } from '../common/exit.js';
import { addColorOption, addModeOption, addModelOption, HELP_UNROLL, integerAtLeast, type SharedOptionValues } from '../common/options.js';
import { addExamples } from '../common/program.js';
import { formatOfPath } from '../render/image.js';

interface WhyOptionValues extends SharedOptionValues {
  readonly output?: string;
}

export function whyCommand(): Command {
  const cmd = new Command('why')
    .description('explain an outcome: the axiom and the cycle that forbid it, or an execution that reaches it')
    .argument('<file>', 'a litmus file')
    .argument('<proposition>', "the final state asked about, in the file's condition language, e.g. 't1:r1 == 1 && t1:r2 == 0' or '1:r0=1 /\\ [y]=0'");
  addModelOption(cmd, 'rc11');
  addModeOption(cmd, 'as-written');
  cmd.addOption(new Option('--unroll <n>', `loop bound: iterations before an execution is cut (default: ${HELP_UNROLL})`).argParser(integerAtLeast(1, 'a loop bound')));
  cmd.addOption(
    new Option('--timeout <seconds>', 'time to spend at most (default: 5); beyond it the answer covers the candidates examined so far').argParser(
      integerAtLeast(1, 'a number of seconds'),
    ),
  );
  cmd.option('-o, --output <file>', 'also draw it: a .dot, .svg or .png file with the cycle highlighted (or the witness)');
  addColorOption(cmd);
  addExamples(cmd, [
    ["ordo why litmus/MP+rel+acq.litmus 't1:r1 == 1 && t1:r2 == 0'", 'the axiom and cycle that forbid the weak outcome'],
    ["ordo why litmus/MP+rel+acq.litmus 't1:r1 == 1 && t1:r2 == 0' --mode relaxed", 'allowed when relaxed: a witness'],
    ["ordo why sb.litmus 't0:r0 == 0 && t1:r1 == 0' --mode seqcst -o sb-cycle.svg", 'the cycle as a picture'],
  ]);
  return cmd.action(guard((file: string, proposition: string, o: WhyOptionValues) => whyFile(file, proposition, o)));
}

async function whyFile(file: string, proposition: string, o: WhyOptionValues): Promise<ExitStatus> {
  const format = o.output === undefined ? null : formatOfPath(o.output);
  if (o.output !== undefined && format === null) throw new UsageError(`--output: expected a file name ending in .dot, .svg or .png, not ${o.output}`);
  const [{ paints }, single, { why }, { DEFAULT_UNROLL }, { renderWhyText }] = await Promise.all([
    import('../common/paint.js'),
    import('./single-file.js'),
    import('../../explain/why.js'),
    import('../../check.js'),
    import('../render/why.js'),
  ]);
  const paint = paints(o.color);
  const loaded = single.loadProgram(file, paint.err);
  if (!loaded.ok) return loaded.status;
  const program = loaded.value;
  const prop = single.loadProposition(program, proposition, '<proposition>', paint.err);
  if (!prop.ok) return prop.status;
  const model = o.model ?? 'rc11';
  const mode = o.mode ?? 'as-written';
  const result = why(program, prop.value, { model, mode, unroll: o.unroll ?? DEFAULT_UNROLL, timeoutMs: (o.timeout ?? 5) * 1000 });
  const shown = single.shortText(proposition);
  process.stdout.write(renderWhyText({ name: program.name, proposition: shown, model, mode, result }, paint.out));

  if (o.output === undefined || format === null) return EXIT.ok;
  const [{ renderDot }, { viewExecution }, { renderImage }] = await Promise.all([
    import('../render/dot.js'),
    import('../../explain/execution-view.js'),
    import('../render/image.js'),
  ]);
  const run = `${model}/${mode}`;
  let dot: string;
  if (result.kind === 'allowed') {
    dot = renderDot(viewExecution(program, result.witness.graph), { title: `${program.name} (${run}): ${shown} is allowed`, show: new Set() });
  } else {
    const first = result.axioms[0];
    if (first === undefined) {
      process.stderr.write(`${paint.err.open('note')}: no candidate execution reaches the state, so there is no picture; ${o.output} was not written\n`);
      return EXIT.ok;
    }
    dot = renderDot(viewExecution(program, first.example.graph), {
      title: `${program.name} (${run}): ${shown} is forbidden by ${first.axiom} (${first.formula})`,
      show: new Set(),
      highlight: first.example.steps,
    });
  }
  single.writeOutput(o.output, await renderImage(dot, format));
  return EXIT.ok;
}
