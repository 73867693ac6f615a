/**
 * The whole pipeline in one screen:
 *
 *   source text ──parse──▶ AST ──lower──▶ program ──mode──▶ program
 *        ──explore(model)──▶ executions ──collect──▶ report (plain data)
 *
 * Rendering the report (text, JSON, JUnit, herd, graphs) is the CLI's business.
 */
import type { Diagnostic } from './diagnostics/index.js';
import type { Program } from './program/ir.js';
import { lower } from './program/lower.js';
import type { Report } from './report/types.js';
import { explore, type CheckOptions } from './run.js';
import { parseLitmus } from './syntax/index.js';

export { DEFAULT_UNROLL, explore, type CheckOptions, type Progress } from './run.js';

export type CheckResult =
  | { readonly ok: true; readonly program: Program; readonly report: Report }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Parses, validates and explores one litmus file. */
export function check(text: string, file: string, options: CheckOptions): CheckResult {
  const parsed = parseLitmus(text, file);
  if (!parsed.ok) return parsed;
  const lowered = lower(parsed.file, parsed.source);
  if (!lowered.ok) return lowered;
  return { ok: true, program: lowered.program, report: explore(lowered.program, options) };
}

