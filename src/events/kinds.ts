/**
 * Event kinds. An execution graph is made of these; each thread's events are in program order.
 *
 * | source operation | events |
 * |---|---|
 * | load, plain read | R |
 * | store, plain write | W |
 * | swap, fetch_*, successful compare_exchange, lock | R then W, joined by `rmw` |
 * | failed compare_exchange (also spurious failure of the weak one) | a lone R, failure mode |
 * | fence | F |
 * | unlock | W (release) |
 * | initial value | one init W per location, first in `mo` |
 */
export type EventKind = 'R' | 'W' | 'F';

/** Why an RMW read has (or has no) write part; fixed by the value it reads. */
export type RmwKind =
  | 'swap'
  | 'add'
  | 'sub'
  | 'and'
  | 'nand'
  | 'or'
  | 'xor'
  | 'max'
  | 'min'
  /** compare_exchange: writes iff the value read equals the expected one */
  | 'cas'
  /** herd7's __atomic_add_unless: writes value+operand iff the value read differs from operand2 */
  | 'addUnless'
  /** mutex lock: writes 1 iff it reads 0; otherwise the thread blocks */
  | 'lock';
