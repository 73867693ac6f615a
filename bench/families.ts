/**
 * The benchmark families (issue 7): classic synthetic programs of the stateless model checking
 * literature, generated as native litmus files, with the number of consistent complete
 * executions RC11 has (as GenMC 0.11 reports them). A count that differs from `expected` means
 * the explorer visited an execution twice or missed one.
 *
 * Each program has a condition, as a litmus test would: the report then keeps the distinct
 * outcomes of the variables the condition names (a handful), not one per execution.
 */

export interface Family {
  readonly name: string;
  /** The program for parameter n, as a native litmus file. */
  readonly source: (n: number) => string;
  /** RC11's number of complete executions, when known. */
  readonly expected: (n: number) => number | null;
  /** Loop bound the program needs (default 8). */
  readonly unroll?: (n: number) => number;
  /** Small parameters checked by `npm test`; the points GenMC was timed at. */
  readonly small: readonly number[];
  readonly reference: readonly { readonly n: number; readonly genmcSeconds: number }[];
}

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const threads = (n: number, body: (i: number) => string, from = 0): string =>
  Array.from({ length: n }, (_, k) => `thread t${k + from} {\n${body(k + from)}\n}\n`).join('\n');

export const FAMILIES: readonly Family[] = [
  {
    name: 'ainc',
    source: (n) => `Rust ainc${n}\n\nstatic X: AtomicUsize = 0;\n\n${threads(n, () => '    X.fetch_add(1, Relaxed);')}\nforall (X == ${n})\n`,
    expected: fact,
    small: [2, 3, 4, 5],
    reference: [{ n: 9, genmcSeconds: 11.7 }],
  },
  {
    name: 'binc',
    source: (n) =>
      `Rust binc${n}\n\nstatic X: AtomicUsize = 0;\nstatic Y: AtomicUsize = 0;\n\n${threads(n, () => '    X.fetch_add(1, Relaxed);\n    Y.fetch_add(1, Relaxed);')}\nforall (X == ${n} && Y == ${n})\n`,
    expected: (n) => fact(n) ** 2,
    small: [2, 3],
    reference: [{ n: 5, genmcSeconds: 0.45 }],
  },
  {
    name: 'casrot',
    source: (n) => `Rust casrot${n}\n\nstatic X: AtomicUsize = 0;\n\n${threads(n, (i) => `    X.compare_exchange(${i - 1}, ${i}, Relaxed, Relaxed);`, 1)}\nexists (X == ${n})\n`,
    expected: (n) => ({ 9: 8597, 10: 38486, 11: 182905 })[n] ?? null,
    small: [3, 4, 5],
    reference: [{ n: 11, genmcSeconds: 1.2 }],
  },
  {
    name: 'casw',
    source: (n) =>
      `Rust casw${n}\n\nstatic X: AtomicUsize = 0;\n\n${threads(n, (i) => `    X.compare_exchange(0, 1, Relaxed, Relaxed);\n    X.store(${i + 3}, Release);`)}\nexists (X == 1)\n`,
    expected: (n) => ({ 4: 1200, 5: 32880, 6: 1270080 })[n] ?? null,
    small: [2, 3, 4],
    reference: [{ n: 6, genmcSeconds: 7.7 }],
  },
  {
    name: 'wcas',
    source: (n) =>
      `Rust wcas${n}\n\nstatic X: AtomicUsize = 0;\n\nthread w {\n    X.store(2, Release);\n}\n\n${threads(n, () => '    X.compare_exchange(2, 3, Relaxed, Relaxed);')}\nexists (X == 3)\n`,
    expected: (n) => n * 2 ** (n - 1) + 1,
    small: [2, 3, 4, 5],
    reference: [{ n: 12, genmcSeconds: 0.34 }],
  },
  {
    name: 'readers',
    source: (n) =>
      `Rust readers${n}\n\nstatic X: AtomicUsize = 0;\n\nthread w {\n    X.store(42, Release);\n}\n\n${threads(n, () => '    let r = X.load(Acquire);')}\nexists (t0:r == 0)\n`,
    expected: (n) => 2 ** n,
    small: [2, 3, 4, 5],
    reference: [{ n: 18, genmcSeconds: 11.4 }],
  },
  {
    name: 'sb_ring',
    source: (n) =>
      `Rust sb_ring${n}\n\nstatic X: [AtomicUsize; ${n}] = [0; ${n}];\n\n${threads(n, (i) => `    X[${i}].store(1, Relaxed);\n    let r = X[${(i + 1) % n}].load(Relaxed);`)}\nexists (${Array.from({ length: n }, (_, i) => `t${i}:r == 0`).join(' && ')})\n`,
    expected: (n) => 2 ** n,
    small: [2, 3, 4],
    reference: [
      { n: 16, genmcSeconds: 6.3 },
      { n: 18, genmcSeconds: 30.6 },
    ],
  },
  {
    name: 'sb_ring_sc',
    source: (n) =>
      `Rust sb_ring_sc${n}\n\nstatic X: [AtomicUsize; ${n}] = [0; ${n}];\n\n${threads(n, (i) => `    X[${i}].store(1, SeqCst);\n    let r = X[${(i + 1) % n}].load(SeqCst);`)}\nexists (${Array.from({ length: n }, (_, i) => `t${i}:r == 0`).join(' && ')})\n`,
    expected: (n) => 2 ** n - 1,
    small: [2, 3, 4],
    reference: [],
  },
  {
    name: 'coa',
    source: (n) =>
      `Rust coa${n}\n\nstatic X: AtomicUsize = 0;\nstatic Y: AtomicUsize = 0;\nstatic Z: AtomicUsize = 0;\n\n` +
      `thread a {\n    X.store(1, Release);\n    let r1 = Y.load(Acquire);\n    let r2 = X.load(Acquire);\n}\n\n` +
      `thread b {\n    X.store(2, Release);\n    let r1 = Z.load(Acquire);\n    let r2 = X.load(Acquire);\n}\n\n` +
      threads(n - 1, (i) => `    Y.store(${i}, Release);\n    Z.store(${i}, Release);`, 1) +
      `\nexists (a:r2 == 2 && b:r2 == 1)\n`,
    expected: (n) => 4 * fact(n) ** 2,
    small: [2, 3],
    reference: [{ n: 6, genmcSeconds: 10.7 }],
  },
  {
    name: 'lastzero',
    source: (n) =>
      `Rust lastzero${n}\n\nstatic A: [AtomicUsize; ${n + 1}] = [0; ${n + 1}];\n\n` +
      `thread reader {\n    let mut i = ${n};\n    while A[i].load(Acquire) != 0 {\n        i -= 1;\n    }\n}\n\n` +
      threads(n, (j) => `    A[${j}].store(A[${j - 1}].load(Acquire) + 1, Release);`, 1) +
      `\nexists (reader:i == 0)\n`,
    expected: (n) => (n + 3) * 2 ** (n - 2),
    unroll: (n) => n + 1,
    small: [2, 3, 4, 5],
    reference: [{ n: 15, genmcSeconds: 8.9 }],
  },
  {
    name: 'fib_bench',
    source: (k) => {
      const body = (mine: string) =>
        Array.from({ length: k }, () => `    let a = X.load(Acquire);\n    let b = Y.load(Acquire);\n    ${mine}.store(a + b, Release);`).join('\n');
      return (
        `Rust fib_bench${k}\n\nstatic X: AtomicUsize = 1;\nstatic Y: AtomicUsize = 1;\n\n` +
        `thread t1 {\n${body('X')}\n}\n\nthread t2 {\n${body('Y')}\n}\n\n` +
        `thread t3 {\n    assert!(!(X.load(Acquire) > 144 || Y.load(Acquire) > 144));\n}\n\nforall (true)\n`
      );
    },
    expected: (k) => ({ 4: 34205, 5: 525630 })[k] ?? null,
    small: [1, 2],
    reference: [{ n: 5, genmcSeconds: 2.7 }],
  },
  {
    name: 'indexer',
    source: (n) =>
      `Rust indexer${n}\n\nstatic TABLE: [AtomicUsize; 128] = [0; 128];\n\n` +
      threads(
        n,
        (t) =>
          `    for i in 0..4 {\n        let w = 11 * i + ${t};\n        let mut h = (7 * w) % 128;\n` +
          `        while TABLE[h].compare_exchange(0, w, Relaxed, Relaxed).is_err() {\n            h = (h + 1) % 128;\n        }\n    }`,
      ) + '\nforall (true)\n',
    expected: (n) => (n >= 12 ? 8 ** (n - 11) : null),
    unroll: () => 128,
    small: [2, 3],
    reference: [{ n: 16, genmcSeconds: 16.5 }],
  },
  {
    name: 'ticketlock',
    source: (n) =>
      `Rust ticketlock${n}\n\nstatic NEXT: AtomicUsize = 0;\nstatic OWNER: AtomicUsize = 0;\nstatic SHARED: usize = 0;\n\n` +
      threads(
        n,
        (i) =>
          `    let t = NEXT.fetch_add(1, Relaxed);\n    while OWNER.load(Acquire) != t {}\n    SHARED = ${i + 1};\n    let s = SHARED;\n    assert!(s == ${i + 1});\n    OWNER.store(OWNER.load(Relaxed) + 1, Release);`,
      ) + `\nforall (OWNER == ${n})\n`,
    expected: fact,
    small: [2, 3],
    reference: [{ n: 6, genmcSeconds: 0.17 }],
  },
];

export function family(name: string): Family {
  const f = FAMILIES.find((x) => x.name === name);
  if (!f) throw new Error(`unknown family ${name}; known: ${FAMILIES.map((x) => x.name).join(', ')}`);
  return f;
}
