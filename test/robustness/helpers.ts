/**
 * Shared by the robustness tests: what `ordo run FILE` prints, computed in-process exactly as the
 * CLI computes it (so that most golden files need no subprocess), and a few small utilities.
 *
 * The in-process path mirrors src/cli/commands/run.ts for a single file: `checkFile` (the worker's
 * code), diagnostics rendered by `diagnosticText` with a blank line after multi-line ones, the
 * report by the text sink in single-file mode, colour off, exit status 2 / 0 / 1 / 3. A test in
 * bad-corpus.test.ts checks this against the real binary, so the goldens are what users see.
 */
import { makePaint } from '../../src/cli/common/paint.js';
import { diagnosticText } from '../../src/cli/common/output.js';
import { checkFile, type FileResult } from '../../src/cli/pool/task.js';
import { textSink } from '../../src/cli/render/summary.js';
import { stable } from '../cli/run-helpers.js';

export { ROOT, ordo, stable } from '../cli/run-helpers.js';

/** What a user sees from `ordo run FILE` (NO_COLOR): exit status, stderr, stdout. */
export interface Seen {
  readonly exit: number;
  readonly stderr: string;
  readonly stdout: string;
}

/** Bytes as the CLI decodes them: UTF-8 with replacement, the BOM kept (inputs.ts). */
export function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** `ordo run FILE`, in-process. `limits` as the command line would give them. */
export function runInProcess(file: string, text: string, limits: { maxExecutions?: number; timeoutMs?: number; unroll?: number } = {}): Seen {
  const paint = makePaint(false);
  const f: FileResult = checkFile({ index: 0, file, text, limits }, () => false);
  let stderr = '';
  let stdout = '';
  if (f.kind === 'invalid') {
    for (const d of f.diagnostics) {
      const s = diagnosticText(d, f.text, paint);
      stderr += s.includes('\n') ? `${s}\n\n` : `${s}\n`;
    }
  } else if (f.kind === 'crashed') {
    stderr += `internal error: ${f.file}: ${f.message} (please report)\n`;
  }
  const sink = textSink({ write: (s) => (stdout += s), paint, files: [file], details: false, allWitnesses: false, quiet: false, version: 'test' }, true);
  sink.file(f);
  sink.end({ files: 1, runs: 0, passed: 0, failed: 0, incomplete: 0, errors: 0, notRun: 0, elapsedMs: 0 }, []);
  const exit = f.kind === 'invalid' ? 2 : f.kind === 'crashed' ? 70 : f.status === 'pass' ? 0 : f.status === 'fail' ? 1 : 3;
  return { exit, stderr, stdout };
}

/** The golden text of a run: `exit: N`, stderr verbatim, then stdout (times replaced) if any. */
export function goldenText(s: Seen): string {
  let out = `exit: ${s.exit}\n${s.stderr}`;
  if (s.stdout !== '') out += `--- stdout (times shown as <time>)\n${stable(s.stdout)}`;
  return out;
}
