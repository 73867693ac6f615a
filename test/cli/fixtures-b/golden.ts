/**
 * Golden files of the compare/graph/why tests, in `test/cli/fixtures-b/golden/`: a test
 * compares its output with the file; ORDO_ACCEPT=1 (re)writes it instead (review the diff
 * before committing). A missing golden file is written on a developer's machine and an error
 * in CI.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../run-helpers.js';

/** The fixtures of these tests, relative to the repository root (as the goldens show them). */
export const FB = 'test/cli/fixtures-b';

export function goldenB(name: string, actual: string): void {
  const path = join(ROOT, FB, 'golden', name);
  if (process.env['ORDO_ACCEPT'] === '1' || (!existsSync(path) && !process.env['CI'])) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
