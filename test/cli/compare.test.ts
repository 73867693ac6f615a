/**
 * `ordo compare` end to end. The tables of MP, SB, IRIW and the Arc drop pattern are pinned by
 * golden files (ORDO_ACCEPT=1 regenerates them) whose content was predicted from the literature
 * before the tool ran (below, per test); the JSON form, the exit statuses and the strength order
 * are checked too.
 */
import { describe, expect, it, vi } from 'vitest';
import { FB, goldenB } from './fixtures-b/golden.js';
import { ordo } from './run-helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const compare = (file: string, ...more: string[]) => ordo(['compare', `${FB}/${file}`, ...more]);

/** The cells of one row of the text table, by outcome label: the eight runs' counts. */
function row(table: string, label: string): string[] {
  const line = table.split('\n').find((l) => l.slice(2).startsWith(`${label} `) || l.slice(2) === label);
  if (!line) throw new Error(`no row ${label}`);
  return line.split('│').slice(1).flatMap((g) => g.trim().split(/\s+/));
}

describe.concurrent('compare: the literature tables', () => {
  // MP with a Release flag store and an Acquire flag load: the stale read (1, 0) only when
  // everything is Relaxed; 3 executions elsewhere, 4 under rc11/relaxed. The written orderings
  // are what forbids it: "forbidden by rc11/as-written".
  it('MP+rel+acq', async () => {
    const r = await compare('mp.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, 't1:r1=1 t1:r2=0')).toEqual(['·', '1', '·', '·', '·', '·', '·', '·']);
    expect(row(r.stdout, 'verdict')).toEqual(['No', 'Ok', 'No', 'No', 'No', 'No', 'No', 'No']);
    expect(r.stdout).toContain('t1:r1=1 t1:r2=0  allowed by rc11/relaxed; forbidden by rc11/as-written');
    goldenB('mp.compare.txt', r.stdout);
  });

  // SB with Release stores and Acquire loads: (0, 0) is allowed by every rc11 run but seqcst
  // (acqrel changes nothing: the file is already written that way) and by no sc run.
  it('SB+rel+acq', async () => {
    const r = await compare('sb.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, 't0:r0=0 t1:r1=0')).toEqual(['1', '1', '1', '·', '·', '·', '·', '·']);
    expect(row(r.stdout, 'executions')).toEqual(['4', '4', '4', '3', '3', '3', '3', '3']);
    expect(r.stdout).toContain('allowed by rc11/as-written, rc11/acqrel; forbidden by rc11/seqcst');
    goldenB('sb.compare.txt', r.stdout);
  });

  // IRIW with Release writes and Acquire reads: the readers may disagree on the order of the
  // two writes (rc11 is not multi-copy atomic for acquire/release); SeqCst forbids it. 16
  // executions (each read: the initial value or the write), 15 without the weak one.
  it('IRIW+rel+acq', async () => {
    const r = await compare('iriw.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, 't2:r1=1 t2:r2=0 t3:r3=1 t3:r4=0')).toEqual(['1', '1', '1', '·', '·', '·', '·', '·']);
    expect(row(r.stdout, 'executions')).toEqual(['16', '16', '16', '15', '15', '15', '15', '15']);
    goldenB('iriw.compare.txt', r.stdout);
  });

  // Arc::drop, fetch_sub(Release) + fence(Acquire) by the last owner: the destructor always sees
  // the other owner's use; all Relaxed, it may read the stale 0 and races with the use (Undef,
  // under sc too: the race is about synchronisation, the sc run still has no stale read).
  it('Arc drop', async () => {
    const r = await compare('arc-drop.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, 't0:s0=9 t1:s1=0')).toEqual(['·', '1', '·', '·', '·', '·', '·', '·']);
    expect(row(r.stdout, 'verdict')).toEqual(['Ok', 'Undef', 'Ok', 'Ok', 'Ok', 'Undef', 'Ok', 'Ok']);
    expect(r.stdout).toContain('in rc11/relaxed, sc/relaxed');
    goldenB('arc-drop.compare.txt', r.stdout);
  });

  // The broken variant, fetch_sub(Relaxed): the Acquire fence has no Release to pair with, so
  // as written it is as bad as all-Relaxed; acqrel (an AcqRel fetch_sub) repairs it.
  it('Arc drop with a Relaxed decrement', async () => {
    const r = await compare('arc-drop-relaxed.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, 't0:s0=9 t1:s1=0')).toEqual(['1', '1', '·', '·', '·', '·', '·', '·']);
    expect(row(r.stdout, 'verdict')).toEqual(['Undef', 'Undef', 'Ok', 'Ok', 'Undef', 'Undef', 'Ok', 'Ok']);
    expect(r.stdout).toContain('t0:s0=9 t1:s1=0  allowed by rc11/as-written; forbidden by rc11/acqrel');
    expect(r.stdout).toContain('fix: make');
    goldenB('arc-drop-relaxed.compare.txt', r.stdout);
  });
});

describe.concurrent('compare: JSON, options and exit statuses', () => {
  it('--format json: schema ordo-compare/1, runs named model/mode, the same facts as the table', async () => {
    const r = await compare('mp.litmus', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('ordo-compare/1');
    expect(doc.variables).toEqual(['t1:r1', 't1:r2']);
    expect(doc.runs.map((x: { run: string }) => x.run)).toEqual([
      'rc11/as-written', 'rc11/relaxed', 'rc11/acqrel', 'rc11/seqcst', 'sc/as-written', 'sc/relaxed', 'sc/acqrel', 'sc/seqcst',
    ]);
    // the program is written Release/Acquire with Relaxed data: strictly between relaxed and acqrel
    const aw = doc.runs[0];
    expect(aw.atLeastAsStrongAs).toEqual(['rc11/relaxed']);
    expect(doc.runs[2].atLeastAsStrongAs).toEqual(['rc11/as-written', 'rc11/relaxed']);
    expect(doc.runs[4].atLeastAsStrongAs).toHaveLength(7);
    const weak = doc.outcomes.find((o: { values: string[] }) => o.values.join() === '1,0');
    expect(weak.satisfies).toBe(true);
    expect(weak.executions['rc11/relaxed']).toBe(1);
    expect(weak.executions['rc11/as-written']).toBe(0);
    expect(doc.differences).toEqual([{ values: ['1', '0'], allowedBy: ['rc11/relaxed'], forbiddenBy: ['rc11/as-written'] }]);
    expect(doc.races).toEqual([]);
    expect(doc.anomalies).toEqual([]);
    expect(Object.keys(aw).sort()).toEqual(
      ['atLeastAsStrongAs', 'complete', 'executions', 'mode', 'model', 'negative', 'observation', 'positive', 'races', 'run', 'status', 'verdict'].sort(),
    );
  });

  it('JSON names both accesses of a race and the runs that have it', async () => {
    const r = await compare('arc-drop-relaxed.litmus', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.races).toHaveLength(1);
    expect(doc.races[0].first).toMatchObject({ thread: 't0', line: 10, op: 'write', mode: 'na', location: 'DATA' });
    expect(doc.races[0].second).toMatchObject({ thread: 't1', line: 21, op: 'read', location: 'DATA' });
    expect(doc.races[0].runs).toEqual(['rc11/as-written', 'rc11/relaxed', 'sc/as-written', 'sc/relaxed']);
  });

  it('the C dialect', async () => {
    const r = await compare('sb-c.litmus');
    expect(r.status, r.stderr).toBe(0);
    expect(row(r.stdout, '0:r0=0 1:r0=0')).toEqual(['·', '1', '1', '·', '·', '·', '·', '·']);
  });

  it('a limit leaves runs incomplete: exit 3, a `complete` row', async () => {
    const r = await compare('iriw.litmus', '--max-executions', '2');
    expect(r.status).toBe(3);
    expect(row(r.stdout, 'complete')).toEqual(['no', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
  });

  it.each([
    ['a missing file', ['compare', `${FB}/nope.litmus`], /E0300/],
    ['a file with errors', ['compare', `${FB}/invalid.litmus`], /error\[E0/],
    ['an unknown format', ['compare', `${FB}/mp.litmus`, '--format', 'xml'], /--format/],
    ['no file', ['compare'], /missing required argument/],
  ])('input errors exit 2: %s', async (_, args, message) => {
    const r = await ordo(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--help shows examples', async () => {
    const r = await ordo(['compare', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
});
