/**
 * docs/diagnostics.md is generated from the code registry (src/diagnostics/codes.ts), never
 * written by hand: `npm run docs:codes` rewrites it, and test/docs.test.ts fails when it drifts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CODES, type CodeGroup } from '../../src/diagnostics/index.js';

const GROUPS: Record<CodeGroup, string> = {
  input: 'Input: the bytes of the file',
  syntax: 'Syntax: the text does not match the grammar',
  validation: 'Validation: well-formed text that is not a valid program',
  files: 'Files: what the command line was given',
};

export function diagnosticsDoc(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    '<!-- generated from src/diagnostics/codes.ts by `npm run docs:codes`; do not edit -->',
    '',
    'Every rejection of an input carries one of these codes, a message, and (when it has one) the',
    'place in the file as `file:line:col` with the source line and a caret. A diagnostic makes',
    '`ordo` exit with status 2. Codes are stable: a published code keeps its meaning.',
    '',
  ];
  for (const [group, title] of Object.entries(GROUPS)) {
    lines.push(`## ${title}`, '', '| code | meaning |', '|---|---|');
    for (const [code, info] of Object.entries(CODES)) if (info.group === group) lines.push(`| ${code} | ${info.title} |`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../../../docs/diagnostics.md', import.meta.url), diagnosticsDoc());
  console.log('docs/diagnostics.md written');
}
