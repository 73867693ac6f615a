/**
 * Commander set-up shared by every command: usage errors exit 2 (commander's default is 1, which
 * Ordo reserves for failing files), help and version exit 0, and examples are listed in one
 * format under each command's `--help`.
 */
import type { Command, CommanderError } from 'commander';
import { EXIT } from './exit.js';

/**
 * Applies the exit-status policy to `cmd` and all its subcommands. Call once, after every
 * command is registered (commander does not pass this setting to commands added with
 * `addCommand`).
 */
export function configureTree(cmd: Command): void {
  cmd.exitOverride((err: CommanderError) => {
    // help and --version exit 0; `ordo` alone shows help with exitCode 1: a usage error
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.input);
  });
  cmd.showHelpAfterError('(add --help for usage)');
  for (const sub of cmd.commands) configureTree(sub);
}

/** Adds an "Examples:" section to `--help`; each example is `[command line, what it does]`. */
export function addExamples(cmd: Command, examples: readonly (readonly [string, string])[]): Command {
  const width = Math.max(...examples.map(([c]) => c.length));
  const lines = examples.map(([c, what]) => `  $ ${c.padEnd(width)}  # ${what}`);
  return cmd.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}
