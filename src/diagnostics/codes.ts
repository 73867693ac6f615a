/**
 * The registry of diagnostic codes. Codes are stable: once published, a code keeps its meaning,
 * so CI logs and golden files stay comparable across versions. `docs/diagnostics.md` is generated
 * from this table (`npm run docs:codes`), never written by hand.
 *
 * To add a diagnostic: add an entry here with the next free code of its group, use it through
 * `diagnostic(...)`, add a golden test, regenerate the docs.
 */

/** A code's group, for the docs. */
export type CodeGroup = 'input' | 'syntax' | 'validation' | 'files';

export interface CodeInfo {
  readonly group: CodeGroup;
  /** One line: what the diagnostic means. */
  readonly title: string;
}

export const CODES = {
  // input: the bytes themselves
  E0001: { group: 'input', title: 'the file is empty' },
  E0002: { group: 'input', title: 'the file does not start with a `Rust NAME` or `C NAME` header' },
  E0003: { group: 'input', title: 'the file is not valid UTF-8 text (binary data or a wrong encoding)' },
  E0004: { group: 'input', title: 'the input exceeds a structural limit (nesting depth, threads, size)' },

  // syntax: the parser
  E0100: { group: 'syntax', title: 'syntax error: the text does not match the grammar' },

  // validation: well-formed text that is not a valid program
  E0200: { group: 'validation', title: 'an atomic load with `Release` or `AcqRel` ordering' },
  E0201: { group: 'validation', title: 'an atomic store with `Acquire` or `AcqRel` ordering' },
  E0202: { group: 'validation', title: 'a fence with `Relaxed` ordering' },
  E0203: { group: 'validation', title: 'a compare_exchange failure ordering of `Release` or `AcqRel`' },
  E0210: { group: 'validation', title: 'an atomic operation on a plain (non-atomic) location' },
  E0211: { group: 'validation', title: 'a plain access to an atomic location' },
  E0212: { group: 'validation', title: 'a mutex used as data, or lock/unlock on something that is not a mutex' },
  E0213: { group: 'validation', title: 'an array used without an index, or an index on a scalar location' },
  E0220: { group: 'validation', title: 'an unknown location' },
  E0221: { group: 'validation', title: 'an unknown thread' },
  E0222: { group: 'validation', title: 'an unknown register' },
  E0223: { group: 'validation', title: 'a name declared twice' },
  E0224: { group: 'validation', title: 'a constant out of the range of its type' },
  E0225: { group: 'validation', title: 'a constant array index out of range' },
  E0226: { group: 'validation', title: '`break` or `continue` outside a loop' },
  E0227: { group: 'validation', title: 'an assignment to a register not declared `mut`' },
  E0228: { group: 'validation', title: 'a type mismatch (e.g. a compare_exchange result used as a number)' },
  E0229: { group: 'validation', title: 'a program without threads' },
  E0230: { group: 'validation', title: 'an expectation given twice for the same model and ordering mode' },

  // files: what the command line was given
  E0300: { group: 'files', title: 'a path that does not exist' },
  E0301: { group: 'files', title: 'a file that cannot be read' },
  E0302: { group: 'files', title: 'a folder with no litmus files' },
  E0303: { group: 'files', title: 'a path that is not a regular file or folder (device, socket, symlink loop)' },
} as const satisfies Record<string, CodeInfo>;

/** A stable diagnostic code. */
export type Code = keyof typeof CODES;
