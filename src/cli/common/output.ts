/**
 * Printing problems: diagnostics about a file's content get the full rustc-style rendering
 * (file:line:col, source line, caret); problems with a path as a whole (E03xx, no position) are
 * one line, `path: error[E0300]: no such file or folder`.
 */
import { renderDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { CliPaint } from './paint.js';

/** One diagnostic as text (no trailing newline). `text` is the file's content, when read. */
export function diagnosticText(d: Diagnostic, text: string | null, paint: CliPaint): string {
  if (d.start === null && text === null) {
    // the same words as formatDiagnosticLine, with the severity coloured
    const sev = `${d.severity}[${d.code}]`;
    return `${d.file}: ${d.severity === 'error' ? paint.error(sev) : paint.warning(sev)}: ${d.message}`;
  }
  return renderDiagnostic(d, text, paint);
}

/** Writes diagnostics to stderr, a blank line between multi-line ones. */
export function printDiagnostics(ds: readonly Diagnostic[], text: string | null, paint: CliPaint): void {
  for (const d of ds) {
    const s = diagnosticText(d, text, paint);
    process.stderr.write(s.includes('\n') ? `${s}\n\n` : `${s}\n`);
  }
}
