/**
 * How a format receives a batch: each file's result in input order, then the end. Formats that
 * stream (text, herd, github) write as results come; documents (json, junit) write at the end.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { CliPaint } from '../common/paint.js';
import type { FileResult } from '../pool/task.js';

export interface Sink {
  /** Called once per file, in input order. */
  file(f: FileResult): void;
  /** A file not started because of Ctrl-C. */
  notRun(file: string): void;
  /** The end: the tally, and the path problems (E03xx) found before running. */
  end(t: Tally, pathProblems: readonly Diagnostic[]): void;
}

/** What every sink is built with. */
export interface SinkContext {
  /** Writes to stdout (erasing the progress line first). */
  readonly write: (s: string) => void;
  readonly paint: CliPaint;
  /** Every file that will be reported, for column widths and totals. */
  readonly files: readonly string[];
  /** `--details`: full reports for every file. */
  readonly details: boolean;
  /** `--witness`: a witness for every outcome. */
  readonly allWitnesses: boolean;
  /** `--quiet`: only failures and the tally. */
  readonly quiet: boolean;
  readonly version: string;
}

/** Counts of a batch, by file. */
export interface Tally {
  files: number;
  runs: number;
  passed: number;
  failed: number;
  incomplete: number;
  /** Files with diagnostics, unreadable paths, crashes. */
  errors: number;
  /** Files not started because of Ctrl-C. */
  notRun: number;
  elapsedMs: number;
}
