/** Docs generated from code stay in sync with it. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { diagnosticsDoc } from './tools/diagnostics-doc.js';

it('docs/diagnostics.md lists every diagnostic code (regenerate with npm run docs:codes)', () => {
  expect(readFileSync(new URL('../docs/diagnostics.md', import.meta.url), 'utf8')).toBe(diagnosticsDoc());
});
