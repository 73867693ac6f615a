// The C front end on the conformance corpus (../shared/conformance: herdtools7's C tests and
// diy7-generated ones): every file parses, `fmt` round-trips (parse(format(ast)) equals ast, ids
// aside) and is idempotent (format(parse(format(x))) == format(x)).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseC } from '../../src/syntax/c.js';
import { formatC } from '../../src/syntax/format-c.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { stripIds } from './c-strip.js';

const CONFORMANCE = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance');

function corpus(folder: string): [string, string][] {
  const dir = join(CONFORMANCE, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.litmus'))
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

describe.each(['catalogue', 'public'])('conformance/%s', (folder) => {
  it('is present beside the repository', () => {
    expect(existsSync(join(CONFORMANCE, folder)), `${CONFORMANCE}/${folder} is missing`).toBe(true);
  });

  it('parses every file, and fmt round-trips and is idempotent on each', { timeout: 60_000 }, () => {
    const files = corpus(folder);
    expect(files.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const [name, text] of files) {
      const first = parseC(text, name);
      if (!first.ok) {
        failures.push(first.diagnostics.map((d) => renderDiagnostic(d, text)).join('\n'));
        continue;
      }
      const formatted = formatC(first.file);
      const second = parseC(formatted, name);
      if (!second.ok) {
        failures.push(`${name}: formatted text does not parse:\n${second.diagnostics.map((d) => renderDiagnostic(d, formatted)).join('\n')}\n${formatted}`);
        continue;
      }
      if (JSON.stringify(stripIds(second.file)) !== JSON.stringify(stripIds(first.file))) {
        expect(stripIds(second.file), `${name}: parse(format(ast)) differs\n${formatted}`).toEqual(stripIds(first.file));
      }
      const again = formatC(second.file);
      if (again !== formatted) expect(again, `${name}: format is not idempotent`).toBe(formatted);
    }
    expect(failures, failures.slice(0, 5).join('\n\n')).toEqual([]);
  });
});
