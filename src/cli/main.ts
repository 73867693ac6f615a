/**
 * The `ordo` command line: a thin list of subcommand registrations. Each command module defines
 * its options with light imports only and loads the checker in its action, so that `ordo
 * --version` and `--help` start fast. Exit statuses: common/exit.ts.
 *
 * `ordo run` starts its first pool worker before anything else loads (pool/early.ts): the
 * modules below are imported after that, so that the worker loads the checker meanwhile.
 */
import { startEarlyWorker } from './pool/early.js';

const args = process.argv.slice(2);
if (args[0] === 'run' && !args.includes('--help') && !args.includes('-h')) startEarlyWorker();

const [{ readFileSync }, { Command }, { EXIT_HELP, reportError }, { configureTree }, { compareCommand }, { fmtCommand }, { graphCommand }, { runCommand }, { whyCommand }] =
  await Promise.all([
    import('node:fs'),
    import('commander'),
    import('./common/exit.js'),
    import('./common/program.js'),
    import('./commands/compare.js'),
    import('./commands/fmt.js'),
    import('./commands/graph.js'),
    import('./commands/run.js'),
    import('./commands/why.js'),
  ]);

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const program = new Command('ordo')
  .description('Ordo: an exhaustive memory-model checker for Rust and C11 atomics (RC11, SC)')
  .version(version, '-V, --version', 'print the version')
  .helpCommand('help [command]', 'show help for a command')
  .addHelpText('after', `\n${EXIT_HELP}\n\nSee docs/cli.md, or \`ordo help COMMAND\` for a command's options and examples.\n`);

program.addCommand(runCommand(version));
program.addCommand(fmtCommand());
program.addCommand(compareCommand());
program.addCommand(graphCommand());
program.addCommand(whyCommand());

configureTree(program);
await program.parseAsync(process.argv).catch((e: unknown) => {
  process.exitCode = reportError(e);
});
