/**
 * `npm run conformance`: runs Ordo (RC11) over the herd7 conformance corpus beside the
 * repository (../shared/conformance/{catalogue,public}) and compares each file with herd7's
 * results in expected.json: the distinct final states, Ok/No/Undef, the Observation, and the
 * Positive and Negative execution counts. Prints each disagreement as expected vs got, a line
 * per folder, and a final `N passed, M failed`; exits 1 when anything disagrees.
 *
 * Usage: npm run conformance [-- --root DIR] [--only SUBSTRING] [--folder catalogue|public]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check, DEFAULT_UNROLL } from '../../src/check.js';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { herdStates } from '../../src/cli/render/herd.js';

interface Expected {
  readonly states: readonly string[];
  readonly result: string;
  readonly observation: string;
  readonly positive: number;
  readonly negative: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = resolve(arg('--root') ?? join(process.cwd(), '..', 'shared', 'conformance'));
const only = arg('--only');
const folders = arg('--folder') ? [arg('--folder')!] : ['catalogue', 'public'];
let passed = 0;
let failed = 0;
const summary: string[] = [];
const start = performance.now();

for (const folder of folders) {
  const dir = join(root, folder);
  let expected: Record<string, Expected>;
  try {
    expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  } catch (e) {
    console.error(`cannot read ${join(dir, 'expected.json')}: ${(e as Error).message}`);
    process.exit(2);
  }
  let p = 0;
  let f = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.litmus')).sort()) {
    if (only && !name.includes(only)) continue;
    const exp = expected[name];
    const text = readFileSync(join(dir, name), 'utf8');
    const res = check(text, join(folder, name), { model: 'rc11', mode: 'as-written', unroll: DEFAULT_UNROLL });
    const problems: string[] = [];
    if (!exp) problems.push('no expected result');
    else if (!res.ok) problems.push(...res.diagnostics.map((d) => renderDiagnostic(d, text)));
    else {
      const r = res.report;
      const got = { states: herdStates(r), result: r.verdict, observation: r.observation, positive: r.positive, negative: r.negative };
      const want = [...exp.states].sort();
      const have = [...got.states].sort();
      if (want.join('\n') !== have.join('\n')) {
        problems.push(`  states:      expected ${want.length}, got ${have.length}`);
        for (const s of want) if (!have.includes(s)) problems.push(`    - ${s}`);
        for (const s of have) if (!want.includes(s)) problems.push(`    + ${s}`);
      }
      if (got.result !== exp.result) problems.push(`  result:      expected ${exp.result}, got ${got.result}`);
      if (got.observation !== exp.observation) problems.push(`  observation: expected ${exp.observation}, got ${got.observation}`);
      if (got.positive !== exp.positive || got.negative !== exp.negative) {
        problems.push(`  counts:      expected Positive ${exp.positive} Negative ${exp.negative}, got Positive ${got.positive} Negative ${got.negative}`);
      }
    }
    if (problems.length === 0) p++;
    else {
      f++;
      console.log(`FAIL ${folder}/${name}`);
      for (const line of problems) console.log(line);
    }
  }
  summary.push(`${folder}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
for (const s of summary) console.log(s);
console.log(`time: ${((performance.now() - start) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
