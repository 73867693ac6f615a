/**
 * `ordo fmt FILE...`: the canonical layout of litmus files (formatLitmus). Prints it by default;
 * `--write` rewrites files in place (only those that change); `--check` lists the files that are
 * not formatted and exits 1. Arguments are expanded as for `ordo run`. A file with diagnostics
 * is never rewritten, and makes the exit status 2.
 */
import { Command, Option } from 'commander';
import { EXIT, guard, worstExit, type ExitStatus } from '../common/exit.js';
import { addColorOption } from '../common/options.js';
import { addExamples } from '../common/program.js';

interface FmtOptionValues {
  readonly write?: boolean;
  readonly check?: boolean;
  readonly color?: boolean;
}

export function fmtCommand(): Command {
  const cmd = new Command('fmt')
    .description('print litmus files in the canonical layout, or rewrite or check them')
    .argument('<paths...>', 'litmus files, folders (searched recursively for *.litmus) or globs')
    .addOption(new Option('-w, --write', 'rewrite files in place (only those that change)').conflicts('check'))
    .addOption(new Option('--check', 'print the files that are not formatted and exit 1 if there are any'));
  addColorOption(cmd);
  addExamples(cmd, [
    ['ordo fmt litmus/MP.litmus', 'print the canonical layout of one file'],
    ['ordo fmt --write litmus/', 'reformat every *.litmus under a folder'],
    ['ordo fmt --check litmus/', 'CI: fail when a file is not formatted'],
  ]);
  return cmd.action(guard((paths: string[], o: FmtOptionValues) => fmt(paths, o)));
}

async function fmt(paths: string[], o: FmtOptionValues): Promise<ExitStatus> {
  const [{ writeFileSync }, { loadInputs }, { paints }, { printDiagnostics }, { parseLitmus, formatLitmus }] = await Promise.all([
    import('node:fs'),
    import('../common/inputs.js'),
    import('../common/paint.js'),
    import('../common/output.js'),
    import('../../syntax/index.js'),
  ]);
  const colours = paints(o.color);
  const { files, diagnostics } = loadInputs(paths);
  printDiagnostics(diagnostics, null, colours.err);
  let status: ExitStatus = diagnostics.length > 0 ? EXIT.input : EXIT.ok;
  const unformatted: string[] = [];
  for (const f of files) {
    const parsed = parseLitmus(f.text, f.file);
    if (!parsed.ok) {
      printDiagnostics(parsed.diagnostics, f.text, colours.err);
      status = worstExit(status, EXIT.input);
      continue;
    }
    const formatted = formatLitmus(parsed.file);
    if (o.check) {
      if (formatted !== f.text) unformatted.push(f.file);
    } else if (o.write) {
      if (formatted !== f.text) {
        try {
          writeFileSync(f.file, formatted);
          process.stdout.write(`formatted ${f.file}\n`);
        } catch (e) {
          process.stderr.write(`${f.file}: ${colours.err.error('error[E0301]')}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
          status = worstExit(status, EXIT.input);
        }
      }
    } else process.stdout.write(formatted);
  }
  if (o.check && unformatted.length > 0) {
    for (const f of unformatted) process.stdout.write(`${f}\n`);
    process.stderr.write(`${unformatted.length} of ${files.length} file${files.length === 1 ? '' : 's'} not formatted (run \`ordo fmt --write\`)\n`);
    status = worstExit(status, EXIT.fail);
  }
  return status;
}
