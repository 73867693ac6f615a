/**
 * C types of the herd7 C dialect: which integer type a type name denotes (width, signedness,
 * atomicity), for init-block entries, thread parameters and local declarations. The grammar
 * (grammar/c-litmus.ohm) lists the same names; this table gives them meaning.
 *
 * The data model is LP64 (x86-64, AArch64): `long` and pointers are 64 bits, `char` is signed.
 */
import type { IntType } from '../ast.js';

/** A C type as the parser read it. */
export interface CTypeInfo {
  /** The type as written, tokens joined by single spaces: `volatile int`, `_Atomic __int128`. */
  readonly name: string;
  /** `atomic_int`, `_Atomic T`, `atomic_t`. */
  readonly atomic: boolean;
  readonly int: IntType;
}

function it(name: string, bits: IntType['bits'], signed: boolean): IntType {
  return { kind: 'int', name, bits, signed };
}

/** Single-word integer type names, with what they denote. */
const NAMED: ReadonlyMap<string, IntType> = new Map([
  ['int8_t', it('int8_t', 8, true)],
  ['uint8_t', it('uint8_t', 8, false)],
  ['int16_t', it('int16_t', 16, true)],
  ['uint16_t', it('uint16_t', 16, false)],
  ['int32_t', it('int32_t', 32, true)],
  ['uint32_t', it('uint32_t', 32, false)],
  ['int64_t', it('int64_t', 64, true)],
  ['uint64_t', it('uint64_t', 64, false)],
  ['__int128_t', it('__int128_t', 128, true)],
  ['__uint128_t', it('__uint128_t', 128, false)],
  ['intptr_t', it('intptr_t', 64, true)],
  ['uintptr_t', it('uintptr_t', 64, false)],
  ['intmax_t', it('intmax_t', 64, true)],
  ['uintmax_t', it('uintmax_t', 64, false)],
  ['ptrdiff_t', it('ptrdiff_t', 64, true)],
  ['size_t', it('size_t', 64, false)],
  ['bool', it('bool', 8, false)],
  ['_Bool', it('_Bool', 8, false)],
]);

/** C11's atomic typedefs (and Linux's `atomic_t`): the integer type each one wraps. */
const ATOMIC_NAMED: ReadonlyMap<string, IntType> = new Map([
  ['atomic_bool', it('_Bool', 8, false)],
  ['atomic_char', it('char', 8, true)],
  ['atomic_schar', it('signed char', 8, true)],
  ['atomic_uchar', it('unsigned char', 8, false)],
  ['atomic_short', it('short', 16, true)],
  ['atomic_ushort', it('unsigned short', 16, false)],
  ['atomic_int', it('int', 32, true)],
  ['atomic_uint', it('unsigned int', 32, false)],
  ['atomic_long', it('long', 64, true)],
  ['atomic_ulong', it('unsigned long', 64, false)],
  ['atomic_llong', it('long long', 64, true)],
  ['atomic_ullong', it('unsigned long long', 64, false)],
  ['atomic_intptr_t', it('intptr_t', 64, true)],
  ['atomic_uintptr_t', it('uintptr_t', 64, false)],
  ['atomic_intmax_t', it('intmax_t', 64, true)],
  ['atomic_uintmax_t', it('uintmax_t', 64, false)],
  ['atomic_ptrdiff_t', it('ptrdiff_t', 64, true)],
  ['atomic_size_t', it('size_t', 64, false)],
  ['atomic_t', it('int', 32, true)],
]);

/** Every single-word type name the grammar accepts (for tests and generators). */
export const NAMED_TYPES: readonly string[] = [...NAMED.keys(), ...ATOMIC_NAMED.keys()];

/** The integer type of a single-word name, and whether the name is an atomic typedef. */
export function namedType(word: string): { readonly atomic: boolean; readonly int: IntType } | null {
  const plain = NAMED.get(word);
  if (plain) return { atomic: false, int: plain };
  const atomic = ATOMIC_NAMED.get(word);
  return atomic ? { atomic: true, int: atomic } : null;
}

/**
 * The integer type spelt by C's keyword soup (`unsigned long long int`, `short`, `__int128`), or
 * an error message when the words do not make a type (`long short`, `signed unsigned`).
 */
export function wordsType(words: readonly string[]): IntType | string {
  const name = words.join(' ');
  const count = (w: string): number => words.filter((x) => x === w).length;
  const longs = count('long');
  const shorts = count('short');
  const chars = count('char');
  const ints = count('int');
  const i128 = count('__int128');
  const signed = count('signed');
  const unsigned = count('unsigned');
  const bad = (): string => `\`${name}\` is not a C integer type`;
  if (signed + unsigned > 1 || ints > 1 || shorts > 1 || chars > 1 || i128 > 1 || longs > 2) return bad();
  const isSigned = unsigned === 0;
  if (i128 === 1) return longs + shorts + chars + ints > 0 ? bad() : it(name, 128, isSigned);
  if (chars === 1) return longs + shorts + ints > 0 ? bad() : it(name, 8, isSigned);
  if (shorts === 1) return longs > 0 ? bad() : it(name, 16, isSigned);
  if (longs > 0) return it(name, 64, isSigned);
  return it(name, 32, isSigned);
}

/** The reserved words of the dialect: never a register, location or parameter name. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...NAMED_TYPES,
  ...['if', 'else', 'while', 'for', 'do', 'return', 'break', 'continue', 'volatile', 'const'],
  ...['_Atomic', 'void', 'struct', 'sizeof', 'ATOMIC_INIT'],
  ...['unsigned', 'signed', 'long', 'short', 'int', 'char', '__int128'],
]);
