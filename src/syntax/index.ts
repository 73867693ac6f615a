/**
 * The public entry of the front ends: text → AST for either dialect, and AST → text.
 * The first word of the file picks the dialect (`Rust` → native.ts, `C` → c.ts). No Ohm type
 * leaves this folder: callers get AST types and Diagnostics only.
 */
import type { LitmusFile } from '../ast.js';
import { diagnostic } from '../diagnostics/index.js';
import { parseC } from './c.js';
import { checkInput, firstWord, type ParseResult } from './common.js';
import { formatC } from './format-c.js';
import { formatRust } from './format-rust.js';
import { parseNative } from './native.js';

export type { ParseResult } from './common.js';
export { LIMITS } from './common.js';

/**
 * Parses a litmus file of either dialect. Never throws, whatever the input: problems come back
 * as diagnostics (E0001 empty, E0002 unknown dialect, E0003 not text, E0004 too large or too
 * deeply nested, E0100 syntax). `file` is the name used in diagnostics.
 */
export function parseLitmus(text: string, file: string): ParseResult {
  const early = checkInput(text, file);
  if (early) return { ok: false, diagnostics: [early] };
  const { word, start, end } = firstWord(text);
  if (word === 'Rust') return parseNative(text, file);
  if (word === 'C') return parseC(text, file);
  const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
  return {
    ok: false,
    diagnostics: [
      diagnostic('E0002', `a litmus file starts with \`Rust NAME\` or \`C NAME\`, not \`${shown}\``, file, text, { start, end: Math.min(end, start + 40) }, {
        label: 'expected `Rust` or `C`',
        help: ['write `Rust NAME` on the first line for the native dialect, `C NAME` for herd7 C tests'],
      }),
    ],
  };
}

/** Prints a tree in the canonical layout of its dialect (what `ordo fmt` writes). */
export function formatLitmus(ast: LitmusFile): string {
  switch (ast.dialect) {
    case 'rust':
      return formatRust(ast);
    case 'c':
      return formatC(ast);
    default: {
      const never: never = ast.dialect;
      throw new Error(`unknown dialect ${String(never)}`);
    }
  }
}
