/**
 * What `compare`, `graph` and `why` share: one litmus file read, parsed and lowered, an optional
 * proposition parsed and lowered against it, and an output file written. Problems are printed
 * (rustc-style, with the source line) and become exit status 2, the input-error status.
 *
 * Imported only from inside command actions: it loads the parser and the lowering, which
 * `ordo --help` must not wait for.
 */
import { writeFileSync } from 'node:fs';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { CondIR, Program } from '../../program/ir.js';
import { lowerProposition } from '../../program/query.js';
import { lower } from '../../program/lower.js';
import { parseLitmus } from '../../syntax/index.js';
import { parseProposition } from '../../syntax/proposition.js';
import { EXIT, UsageError, type ExitStatus } from '../common/exit.js';
import { expandInputs, fileProblem, readInput } from '../common/inputs.js';
import { printDiagnostics } from '../common/output.js';
import type { CliPaint } from '../common/paint.js';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: ExitStatus };

/** Reads, parses and lowers `path`; prints the diagnostics when it cannot. */
export function loadProgram(path: string, err: CliPaint): Loaded<Program> {
  // the same checks as `run`: a device, a FIFO or a folder is refused before anything is read
  const expanded = expandInputs([path]);
  if (expanded.diagnostics.length > 0) return fail(expanded.diagnostics, null, err);
  if (expanded.files.length !== 1) return fail([fileProblem('E0301', 'cannot read: give one litmus file, not a folder', path)], null, err);
  const input = readInput(expanded.files[0]!);
  if (!('text' in input)) return fail([input], null, err);
  const parsed = parseLitmus(input.text, input.file);
  if (!parsed.ok) return fail(parsed.diagnostics, input.text, err);
  const lowered = lower(parsed.file, parsed.source);
  if (!lowered.ok) return fail(lowered.diagnostics, input.text, err);
  return { ok: true, value: lowered.program };
}

/**
 * Parses and lowers a proposition given on the command line, in the dialect of `program`;
 * `name` is how diagnostics call it (`<outcome>`).
 */
export function loadProposition(program: Program, text: string, name: string, err: CliPaint): Loaded<CondIR> {
  const parsed = parseProposition(text, program.dialect, name);
  if (!parsed.ok) return fail(parsed.diagnostics, text, err);
  const lowered = lowerProposition(program, parsed.cond, parsed.source);
  if (!lowered.ok) return fail(lowered.diagnostics, text, err);
  return { ok: true, value: lowered.prop };
}

function fail(ds: readonly Diagnostic[], text: string | null, err: CliPaint): { ok: false; status: ExitStatus } {
  printDiagnostics(ds, text, err);
  return { ok: false, status: EXIT.input };
}

/** Writes an output file; a failure is a usage problem (exit 2), not a bug. */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write ${path}: ${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code}`);
  }
}

/** The proposition's own text for messages: one line, not too long. */
export function shortText(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
