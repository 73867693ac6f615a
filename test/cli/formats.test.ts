/**
 * `ordo run --format json|junit|herd|github` end to end: JSON validates against
 * docs/report.schema.json, JUnit is well-formed XML with one test case per file, herd records
 * match herd7's (the conformance corpus' expected.json) line by line, and GitHub annotations
 * are in the workflow-command format at the right places.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, ROOT, ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const B = `${FIXTURES}/batch`;
const run = (args: readonly string[]) => ordo(['run', ...args]);

describe.concurrent('json', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

  it('a batch with every kind of result validates against the schema', async () => {
    const r = await run([B, `${B}/missing.litmus`, '--format', 'json']);
    expect(r.status, r.stderr).toBe(2);
    const doc = JSON.parse(r.stdout) as { files: { file: string; status: string; runs: { races: unknown[] }[] }[]; inputErrors: { code: string }[]; summary: Record<string, number> };
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(doc.inputErrors.map((d) => d.code)).toEqual(['E0300']);
    expect(doc.files.map((f) => [f.file.replace(`${B}/`, ''), f.status])).toEqual([
      ['assert.litmus', 'fail'],
      ['counter5.litmus', 'pass'],
      ['invalid.litmus', 'error'],
      ['loop-cut.litmus', 'incomplete'],
      ['mp-race.litmus', 'fail'],
      ['sb-relaxed.litmus', 'fail'],
      ['sb-seqcst.litmus', 'pass'],
    ]);
    expect(doc.summary).toMatchObject({ files: 7, runs: 7, passed: 2, failed: 3, incomplete: 1, errors: 2 });
  });

  it('the fields of one run', async () => {
    const r = await run([`${B}/mp-race.litmus`, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc)).toBe(true);
    const run0 = doc.files[0].runs[0];
    expect(run0).toMatchObject({ model: 'rc11', mode: 'as-written', verdict: 'Undef', observation: 'Sometimes', positive: 1, negative: 2, complete: true, status: 'fail' });
    expect(run0.variables).toEqual(['t1:r0', 't1:r1']);
    expect(run0.states.map((s: { values: object; executions: number }) => [s.values, s.executions])).toEqual([
      [{ 't1:r0': '0', 't1:r1': '0' }, 1],
      [{ 't1:r0': '1', 't1:r1': '0' }, 1],
      [{ 't1:r0': '1', 't1:r1': '42' }, 1],
    ]);
    expect(run0.races[0]).toMatchObject({ location: 'DATA', first: { thread: 't0', line: 8, op: 'write', mode: 'na' }, second: { thread: 't1', line: 16, op: 'read' } });
  });

  it('an incomplete run says which limit stopped it', async () => {
    const r = await run([`${B}/counter5.litmus`, '--max-executions', '1', '--format', 'json']);
    expect(r.status).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc)).toBe(true);
    expect(doc.files[0].runs[0]).toMatchObject({ complete: false, stoppedBy: 'max-executions', status: 'incomplete', executions: { explored: 1 } });
  });
});

describe.concurrent('junit', () => {
  it('is well-formed XML with one test case per file, failures and errors marked', async () => {
    const r = await run([B, `${FIXTURES}/extra/xml-escape.litmus`, '--format', 'junit']);
    expect(r.status).toBe(2);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    const suite = xml.testsuites.testsuite;
    const cases = suite.testcase as { name: string; failure?: { type: string }; error?: { type: string } }[];
    expect(cases).toHaveLength(8);
    expect(suite).toMatchObject({ tests: '8', failures: '5', errors: '1' });
    const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
    expect(byName['SB+seqcst']!.failure).toBeUndefined();
    expect(byName['MP+plain+rlx']!.failure!.type).toBe('fail');
    expect(byName['counter-loop']!.failure!.type).toBe('incomplete');
    expect(byName[`${B}/invalid.litmus`]!.error!.type).toBe('E0200');
    // the name `SB<&>"'` survives escaping
    expect(byName[`SB<&>"'`]!.failure!.type).toBe('fail');
    expect(r.stdout).toContain('witness: t0:L8 write DATA = 42');
  });
});

describe.concurrent('herd', () => {
  const corpus = join(ROOT, '..', 'shared', 'conformance', 'catalogue');
  const expected = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<string, { states: string[]; result: string; kind: string; condition: string; positive: number; negative: number; observation: string; flags: string[] }>;
  const files = ['mp-c11-race.litmus', 'mp-c11-rel-acq.litmus', 'C02.litmus', 'lb.litmus', 'a2.litmus'];

  it('prints herd7 records identical to herd7 (but for Time)', async () => {
    const r = await run([...files.map((f) => join(corpus, f)), '--format', 'herd']);
    const records = r.stdout.split(/^(?=Test )/m);
    expect(records).toHaveLength(files.length);
    files.forEach((f, i) => {
      const e = expected[f]!;
      const lines = records[i]!.replace(/\n+$/, '').split('\n');
      const name = lines[0]!.split(' ')[1]!;
      expect(lines).toEqual([
        `Test ${name} ${e.kind}`,
        `States ${e.states.length}`,
        ...e.states,
        e.result,
        'Witnesses',
        `Positive: ${e.positive} Negative: ${e.negative}`,
        ...e.flags.map((x) => `Flag ${x}`),
        `Condition ${e.condition}`,
        `Observation ${name} ${e.observation} ${e.condition.startsWith('~') ? e.negative : e.positive} ${e.condition.startsWith('~') ? e.positive : e.negative}`,
        expect.stringMatching(new RegExp(`^Time ${name.replace(/[+.]/g, '\\$&')} \\d+\\.\\d\\d$`)),
      ]);
    });
  });

  it('a file with diagnostics prints nothing on stdout, the diagnostic on stderr', async () => {
    const r = await run([`${B}/invalid.litmus`, `${B}/sb-seqcst.litmus`, '--format', 'herd']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^Test SB\+seqcst Forbidden\n/);
    expect(r.stdout.match(/^Test /gm)).toHaveLength(1);
    expect(r.stderr).toContain('error[E0200]');
  });
});

describe.concurrent('github', () => {
  it('annotates failing files where the problem is, and prints the summary', async () => {
    const r = await run([B, '--format', 'github']);
    expect(r.status).toBe(2);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    for (const a of annotations) expect(a).toMatch(/^::(error|warning) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[^:]+::\S.*$/);
    const at = (file: string) => annotations.filter((a) => a.includes(`file=${B}/${file}`)).map((a) => /^::(\w+) file=[^,]+,line=(\d+)(?:,col=(\d+))?/.exec(a)!.slice(1).join(':'));
    expect(at('mp-race.litmus')).toEqual(['error:16:14']); // the race, at the second access
    expect(at('assert.litmus')).toEqual(['error:15:5']); // the assertion
    expect(at('invalid.litmus')).toEqual(['error:7:21', 'error:8:16']); // each diagnostic
    expect(at('sb-relaxed.litmus')).toEqual(['error:17:']); // verdict No, at the condition
    expect(at('loop-cut.litmus')).toEqual(['warning:19:']); // incomplete
    expect(at('sb-seqcst.litmus')).toEqual([]);
    expect(r.stdout).toMatch(/^7 files \(7 runs\): 2 passed, 3 failed, 1 incomplete, 1 error/m);
  });

  it('a failed expectation is annotated at its line', async () => {
    const r = await run([`${FIXTURES}/extra/expect-fails.litmus`, '--format', 'github']);
    expect(r.status).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([expect.stringMatching(/^::error file=\S+expect-fails.litmus,line=20,title=ordo \(rc11\)%3A expectation not met::`rc11: Never` not met: expected Never, observed Sometimes$/)]);
  });
});
