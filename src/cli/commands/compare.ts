/**
 * `ordo compare FILE`: the file under every ordering mode and both models, in one table, to
 * answer "what does each ordering buy me?" (docs/graphs.md). The command is defined with light
 * imports; the action loads the checker.
 *
 * Exit status: 0 when the table is complete; 3 when a limit stopped some run (its column may
 * miss outcomes); 2 on an input error; 70 when a stronger run reaches an outcome a weaker one
 * does not, which would be a bug in Ordo (the table is printed all the same). The verdicts in the
 * table do not change the status: compare answers a question, `ordo run` judges a file.
 */
import { Command, Option } from 'commander';
import { EXIT, guard, type ExitStatus } from '../common/exit.js';
import { addColorOption, addLimitOptions, type SharedOptionValues } from '../common/options.js';
import { addExamples } from '../common/program.js';

const FORMATS = ['text', 'json'] as const;

interface CompareOptionValues extends SharedOptionValues {
  readonly format: (typeof FORMATS)[number];
}

export function compareCommand(): Command {
  const cmd = new Command('compare')
    .description('run a file under every ordering mode (as-written, relaxed, acqrel, seqcst) and both models (rc11, sc), in one table')
    .argument('<file>', 'a litmus file');
  cmd.addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'));
  addLimitOptions(cmd);
  addColorOption(cmd);
  addExamples(cmd, [
    ['ordo compare litmus/mp.litmus', 'which outcomes each ordering allows, and what each strengthening forbids'],
    ['ordo compare sb.litmus --format json', 'the same as JSON (schema ordo-compare/1)'],
    ['ordo compare big.litmus --timeout 10', 'at most 10 seconds per run; a stopped run is marked incomplete'],
  ]);
  return cmd.action(guard((file: string, o: CompareOptionValues) => compareFile(file, o)));
}

async function compareFile(file: string, o: CompareOptionValues): Promise<ExitStatus> {
  const [{ paints }, { limits }, { loadProgram }, { explore, DEFAULT_UNROLL }, { compareReports, COMPARE_RUNS }] = await Promise.all([
    import('../common/paint.js'),
    import('../common/options.js'),
    import('./single-file.js'),
    import('../../check.js'),
    import('../../report/compare.js'),
  ]);
  const paint = paints(o.color);
  const loaded = loadProgram(file, paint.err);
  if (!loaded.ok) return loaded.status;
  const program = loaded.value;

  // the runs are synchronous on this thread: Ctrl-C ends the process (status 130) at once
  const lim = limits(o, DEFAULT_UNROLL);
  const reports = COMPARE_RUNS.map((run) => explore(program, { ...run, ...lim }));

  const comparison = compareReports(program, COMPARE_RUNS, reports);
  if (o.format === 'json') {
    const { renderCompareJson } = await import('../render/compare-json.js');
    process.stdout.write(renderCompareJson(comparison));
  } else {
    const { renderCompareText } = await import('../render/compare.js');
    process.stdout.write(renderCompareText(comparison, paint.out));
  }
  if (comparison.anomalies.length > 0) return EXIT.internal;
  return reports.every((r) => r.complete) ? EXIT.ok : EXIT.incomplete;
}
