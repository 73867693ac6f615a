/**
 * Run-time faults inside a program (division by zero, an index out of range, a failed assertion,
 * `unwrap` of an `Err`) are per execution: each is reported with a witness, and the exploration
 * of every other execution goes on. The check: a faulting program explores exactly as many
 * executions as the same program with the fault made impossible (same events, so same graphs),
 * and the non-faulting ones reach the same outcomes.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import type { Report } from '../../src/report/types.js';
import { runInProcess } from './helpers.js';

const OPTS = { model: 'rc11', mode: 'as-written', unroll: 8 } as const;

function report(text: string): Report {
  const r = check(text, 'faults.litmus', OPTS);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.report;
}

/** One writer makes X go 0 → 1 → 2; `body` reads X into `r` and may fault on some values. */
const program = (body: string, decls = '') => `Rust FAULT
static X: AtomicUsize = 0;
${decls}
thread w {
    X.store(1, Relaxed);
    X.store(2, Relaxed);
}
thread other {
    let seen = X.load(Relaxed);
}
thread f {
    let r = X.load(Relaxed);
${body}
}
`;

// [what, faulting body, the same body unable to fault, executions that fault, the message]
const CASES: [string, string, string, number, string][] = [
  ['division by zero', '    let q = 10 / r;', '    let q = 10 / (r + 1);', 3, 'attempt to divide by zero'],
  ['remainder by zero', '    let q = 10 % r;', '    let q = 10 % (r + 1);', 3, 'attempt to calculate the remainder with a divisor of zero'],
  ['index out of range', '    T[r].store(1, Relaxed);', '    T[r % 2].store(1, Relaxed);', 3, 'index out of bounds: the len is 2 but the index is 2'],
  ['assertion failure', '    assert!(r != 1);', '    assert!(r != 7);', 3, 'assertion failed'],
  ['assert_eq failure', '    assert_eq!(r, 2);', '    assert_eq!(r, r);', 6, 'assertion'],
  [
    'unwrap of an Err',
    '    let old = X.compare_exchange(2, 3, Relaxed, Relaxed).unwrap();',
    '    let old = X.compare_exchange(2, 3, Relaxed, Relaxed).unwrap_or_else(|v| v);',
    -1,
    'called `Result::unwrap()` on an `Err` value',
  ],
];

describe('run-time faults are per execution and never stop the exploration', () => {
  it.each(CASES)('%s', (_what, faulty, safe, faulted, message) => {
    const decls = 'static T: [AtomicUsize; 2] = [0; 2];';
    const bad = report(program(faulty, decls));
    const good = report(program(safe, decls));
    const explored = (r: Report) => r.counts.complete + r.counts.faulted;
    expect(bad.complete).toBe(true);
    expect(explored(bad)).toBe(explored(good)); // every execution still explored
    expect(good.counts.faulted).toBe(0);
    expect(bad.counts.faulted).toBeGreaterThan(0);
    if (faulted > 0) expect(bad.counts.faulted).toBe(faulted);
    // the executions that did not fault end as they would have anyway
    const key = (r: Report) => r.variables.indexOf('other:seen');
    const seenValues = (r: Report) => new Set(r.outcomes.map((o) => o.values[key(r)]));
    for (const v of seenValues(bad)) expect(seenValues(good)).toContain(v);
    // one report per distinct fault, each with a witness that ends in the fault
    expect(bad.faults.length).toBeGreaterThan(0);
    for (const f of bad.faults) {
      expect(f.message).toContain(message);
      expect(f.threadName).toBe('f');
      expect(f.witness.steps.length).toBeGreaterThan(0);
      expect(f.witness.stops.some((s) => s.threadName === 'f' && (s.kind === 'assert' || s.kind === 'panic'))).toBe(true);
    }
    expect(bad.faults.reduce((a, f) => a + f.executions, 0)).toBe(bad.counts.faulted);
    expect(bad.status).toBe('fail');
  });

  it('faults in several threads at once: each reported, the total unchanged', () => {
    const text = `Rust MANY
static X: AtomicUsize = 0;
static T: [AtomicUsize; 2] = [0; 2];
thread w { X.store(1, Relaxed); X.store(2, Relaxed); }
thread d { let r = X.load(Relaxed); let q = 10 / r; }
thread i { let r = X.load(Relaxed); T[r].store(1, Relaxed); }
thread a { let r = X.load(Relaxed); assert!(r != 1); }
`;
    const r = report(text);
    // 3 values for each of the 3 readers, independently: 27 executions, 8 without a fault
    expect(r.counts.complete + r.counts.faulted).toBe(27);
    expect(r.counts.complete).toBe(8);
    expect(new Set(r.faults.map((f) => f.threadName))).toEqual(new Set(['d', 'i', 'a']));
  });

  it('the user sees each fault with its place, message and a witness, and exit 1', () => {
    const s = runInProcess('faults.litmus', program('    let q = 10 / r;'));
    expect(s.exit).toBe(1);
    expect(s.stdout).toContain('PANIC in f at 13:13 in 3 executions');
    expect(s.stdout).toContain('10 / r  — attempt to divide by zero');
    expect(s.stdout).toMatch(/witness:\n(.*\n)*.*f +L13 +10 \/ r +stops: attempt to divide by zero/);
    expect(s.stdout).toContain('FAIL: a thread panics');
  });
});
