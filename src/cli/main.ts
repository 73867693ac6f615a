/**
 * The `ordo` command line: a thin list of subcommand registrations. Each command module defines
 * its options with light imports only and loads the checker in its action, so that `ordo
 * --version` and `--help` start fast. Exit statuses: common/exit.ts.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { EXIT_HELP, reportError } from './common/exit.js';
import { configureTree } from './common/program.js';
import { compareCommand } from './commands/compare.js';
import { fmtCommand } from './commands/fmt.js';
import { graphCommand } from './commands/graph.js';
import { runCommand } from './commands/run.js';
import { whyCommand } from './commands/why.js';

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
