/**
 * docs/cli.md must not drift from the code: it holds, between `<!-- help:CMD -->` markers, the
 * exact `--help` output of `ordo` and of every subcommand `ordo --help` lists. A new option or
 * command without docs fails here; ORDO_ACCEPT=1 rewrites the blocks (then write the prose).
 * The README's exit-status table must list the statuses `ordo --help` documents.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { ROOT, ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const DOC = join(ROOT, 'docs', 'cli.md');

async function helpOf(cmd: string | null): Promise<string> {
  const r = await ordo(cmd === null ? ['--help'] : [cmd, '--help']);
  expect(r.status).toBe(0);
  return r.stdout.trimEnd();
}

it('docs/cli.md shows the current --help of ordo and of every command', async () => {
  const root = await helpOf(null);
  const commands = [...root.matchAll(/^ {2}(\w+) (?:\[options\] )?[<[]/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  expect(commands).toEqual(expect.arrayContaining(['run', 'fmt']));
  let doc = readFileSync(DOC, 'utf8');
  const helps = new Map<string, string>([['ordo', root]]);
  for (const c of commands) helps.set(c, await helpOf(c));
  for (const [name, help] of helps) {
    const block = new RegExp(`(<!-- help:${name} -->\\n\`\`\`text\\n)([\\s\\S]*?)(\\n\`\`\`\\n<!-- /help:${name} -->)`);
    if (process.env['ORDO_ACCEPT'] === '1') {
      if (block.test(doc)) doc = doc.replace(block, (_, a: string, _b: string, c: string) => `${a}${help}${c}`);
      else doc += `\n<!-- help:${name} -->\n\`\`\`text\n${help}\n\`\`\`\n<!-- /help:${name} -->\n`;
      continue;
    }
    const m = block.exec(doc);
    expect(m, `docs/cli.md has no help block for \`${name}\` (run the tests with ORDO_ACCEPT=1, then describe it)`).not.toBeNull();
    expect(m![2], `docs/cli.md: the help of \`${name}\` changed (ORDO_ACCEPT=1 updates it)`).toBe(help);
  }
  if (process.env['ORDO_ACCEPT'] === '1') writeFileSync(DOC, doc);
});

it('the README lists every exit status of ordo --help', async () => {
  const root = await helpOf(null);
  const statuses = [...root.matchAll(/^ {2}(\d+) +\S/gm)].map((m) => m[1]!);
  expect(statuses).toEqual(['0', '1', '2', '3', '70', '130']);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const s of statuses) expect(readme).toMatch(new RegExp(`^\\| ${s} \\|`, 'm'));
});
