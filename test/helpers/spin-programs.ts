/**
 * Random native programs with spin loops (loads and compare_exchange), mutexes, `assume!` and a
 * plain location, for the tests of blocked graphs and in-place revisiting (test/explore).
 */
import fc from 'fast-check';

const LOCS = ['X', 'Y', 'Z'];
const LOAD = ['Relaxed', 'Acquire', 'SeqCst'];
const STORE = ['Relaxed', 'Release', 'SeqCst'];
const RMW = ['Relaxed', 'Acquire', 'Release', 'AcqRel', 'SeqCst'];

export type Op = { k: number; loc: number; v: number; o: number };

const opArb = fc.record({ k: fc.nat(9), loc: fc.nat(2), v: fc.nat(2), o: fc.nat(4) });
export const progArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 });
// without `assume!` (a spin loop instead), where spin reads are revisited in place (in-place.ts)
const spinArb = fc.record({ k: fc.nat(9).map((k) => (k === 5 ? 4 : k)), loc: fc.nat(2), v: fc.nat(2), o: fc.nat(4) });
export const spinProgArb = fc.array(fc.array(spinArb, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 });

function statement(op: Op, r: () => string): string {
  const x = LOCS[op.loc]!;
  switch (op.k) {
    case 0:
      return `let ${r()} = ${x}.load(${LOAD[op.o % 3]});`;
    case 1:
    case 2:
      return `${x}.store(${op.v + 1}, ${STORE[op.o % 3]});`;
    case 3:
      return `let ${r()} = ${x}.fetch_add(1, ${RMW[op.o]});`;
    case 4:
      return `while ${x}.load(${LOAD[op.o % 3]}) != ${op.v} {}`;
    case 5:
      return `assume!(${x}.load(${LOAD[op.o % 3]}) == ${op.v});`;
    case 6:
      return `SHARED = ${op.v + 1};`;
    case 8:
      return `while ${x}.compare_exchange(${op.v}, ${op.v + 1}, ${RMW[op.o]}, Relaxed).is_err() {}`;
    case 9:
      return `M.lock(); ${x}.store(${op.v + 1}, Relaxed); M.unlock();`;
    default:
      return `let ${r()} = SHARED;`;
  }
}

export function source(threads: Op[][]): string {
  let text = 'Rust blocked\n\nstatic X: AtomicUsize = 0;\nstatic Y: AtomicUsize = 0;\nstatic Z: AtomicUsize = 0;\nstatic SHARED: usize = 0;\nstatic M: Mutex;\n\n';
  threads.forEach((ops, t) => {
    let n = 0;
    const r = () => `r${n++}`;
    text += `thread t${t} {\n${ops.map((op) => '    ' + statement(op, r)).join('\n')}\n}\n\n`;
  });
  return text;
}
