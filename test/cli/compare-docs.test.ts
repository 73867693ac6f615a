/**
 * The output of `ordo compare` and `ordo why` pasted in README.md (the tour) and docs/graphs.md
 * must stay what the tool prints: every ```text block starting `$ ordo compare ...` or
 * `$ ordo why ...` is run and compared. ORDO_ACCEPT=1 rewrites the blocks instead. The picture
 * both documents show must exist and be an SVG that `ordo graph` produced.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { ordo, ROOT } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const DOCS = ['README.md', 'docs/graphs.md'];
const BLOCK = /(```text\n\$ ordo ((?:compare|why) [^\n]*)\n)([\s\S]*?)(```)/g;

/** `why f 't1:r0 == 1'` → ['why', 'f', 't1:r0 == 1'] (single quotes, as the docs write them). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

it.each(DOCS)('%s shows what ordo compare and ordo why print', async (doc) => {
  const path = join(ROOT, doc);
  const text = readFileSync(path, 'utf8');
  const blocks = [...text.matchAll(BLOCK)];
  expect(blocks.length).toBeGreaterThan(0);
  let updated = text;
  for (const b of blocks) {
    const r = await ordo(words(b[2]!));
    expect(r.status, r.stderr).toBe(0);
    if (process.env['ORDO_ACCEPT'] === '1') updated = updated.replace(b[0], `${b[1]}${r.stdout}${b[4]}`);
    else expect(b[3], `${doc}: \`ordo ${b[2]}\` prints something else now (ORDO_ACCEPT=1 updates it)`).toBe(r.stdout);
  }
  if (updated !== text) writeFileSync(path, updated);
});

it('the picture of the docs is an SVG drawn by ordo graph', () => {
  for (const doc of DOCS) expect(readFileSync(join(ROOT, doc), 'utf8')).toMatch(/!\[[^\]]*\]\((docs\/)?mp-rel-acq\.svg\)/);
  const svg = readFileSync(join(ROOT, 'docs/mp-rel-acq.svg'), 'utf8');
  expect(svg).toContain('<title>cluster_t0</title>');
  expect(svg).toContain('>sw</text>');
});
