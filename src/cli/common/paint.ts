/**
 * Colour for the CLI: one decision (`colorEnabled`) and one palette (`CliPaint`), so that every
 * renderer colours the same things the same way and tests can turn colour off in one place.
 *
 * Colour is on only when the stream is a TTY, `NO_COLOR` is unset or empty (no-color.org), and
 * `--no-color` was not given. `FORCE_COLOR` (chalk's convention) turns it on anywhere, which is
 * handy for checking the colours themselves.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Paint } from '../../diagnostics/index.js';

/** The diagnostics renderer's palette plus the words a report colours. */
export interface CliPaint extends Paint {
  readonly pass: (s: string) => string;
  readonly fail: (s: string) => string;
  /** Incomplete, blocked, cut: a verdict left open. */
  readonly open: (s: string) => string;
  /** Secondary text: counts, file names in tallies, `← t0:L9`. */
  readonly dim: (s: string) => string;
  /** Whether any of the above does anything (renderers may choose symbols by it). */
  readonly enabled: boolean;
}

/** Whether to colour output written to `stream`. `flag` is commander's `--color`/`--no-color` value. */
export function colorEnabled(stream: { readonly isTTY?: boolean }, flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true;
}

const IDENTITY = (s: string): string => s;

/** A palette; with `enabled` false every function is the identity. */
export function makePaint(enabled: boolean): CliPaint {
  if (!enabled) {
    return { error: IDENTITY, warning: IDENTITY, bold: IDENTITY, accent: IDENTITY, pass: IDENTITY, fail: IDENTITY, open: IDENTITY, dim: IDENTITY, enabled };
  }
  const c: ChalkInstance = new Chalk({ level: 1 });
  return {
    error: (s) => c.red.bold(s),
    warning: (s) => c.yellow.bold(s),
    bold: (s) => c.bold(s),
    accent: (s) => c.blue(s),
    pass: (s) => c.green(s),
    fail: (s) => c.red(s),
    open: (s) => c.yellow(s),
    dim: (s) => c.dim(s),
    enabled,
  };
}

/** The palettes for stdout and stderr, decided separately (one may be piped, the other not). */
export function paints(flag: boolean | undefined): { readonly out: CliPaint; readonly err: CliPaint } {
  return { out: makePaint(colorEnabled(process.stdout, flag)), err: makePaint(colorEnabled(process.stderr, flag)) };
}
