/**
 * Diagnostics: the one type every stage uses to reject input, and the one renderer that prints
 * it. Errors are values here, never exceptions; the CLI turns them into exit status 2.
 */
import { CODES, type Code } from './codes.js';

export { CODES, type Code, type CodeGroup, type CodeInfo } from './codes.js';

/** A 1-based line and column, with the 0-based offset it came from. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type Severity = 'error' | 'warning';

/** A problem with the input, pointing at the place in the file. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** The file as the user named it. */
  readonly file: string;
  /** Where the problem is; null for problems with the file as a whole (cannot be read). */
  readonly start: Position | null;
  readonly end: Position | null;
  /** Short text printed under the caret. */
  readonly label?: string;
  /** `= help:` lines. */
  readonly help?: readonly string[];
  /** `= note:` lines. */
  readonly notes?: readonly string[];
}

/** Converts a UTF-16 offset into a 1-based line and column (columns count code points). */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  // a byte order mark is invisible to editors: it takes no column
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) lineStart = Math.min(1, clamped);
  for (let i = lineStart; i < clamped; i++) {
    const c = text.charCodeAt(i);
    // a surrogate pair is one column
    if (c >= 0xdc00 && c <= 0xdfff && i > lineStart) continue;
    column++;
  }
  return { line, column, offset: clamped };
}

/** Optional parts of a diagnostic. */
export interface DiagnosticExtras {
  readonly label?: string;
  readonly help?: readonly string[];
  readonly notes?: readonly string[];
  readonly severity?: Severity;
}

/** Builds a diagnostic for the span [start, end) of `text`. */
export function diagnostic(
  code: Code,
  message: string,
  file: string,
  text: string,
  span: { readonly start: number; readonly end: number } | null,
  extras: DiagnosticExtras = {},
): Diagnostic {
  return {
    code,
    severity: extras.severity ?? 'error',
    message,
    file,
    start: span ? positionAt(text, span.start) : null,
    end: span ? positionAt(text, Math.max(span.end, span.start)) : null,
    ...(extras.label !== undefined ? { label: extras.label } : {}),
    ...(extras.help !== undefined ? { help: extras.help } : {}),
    ...(extras.notes !== undefined ? { notes: extras.notes } : {}),
  };
}

/** How the renderer decorates text; the CLI passes colours, tests pass nothing. */
export interface Paint {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly accent: (s: string) => string;
}

const PLAIN: Paint = { error: (s) => s, warning: (s) => s, bold: (s) => s, accent: (s) => s };

/** Renders a diagnostic the way rustc does: header, location, source line, caret underline. */
export function renderDiagnostic(d: Diagnostic, text: string | null, paint: Paint = PLAIN): string {
  const sev = d.severity === 'error' ? paint.error(`error[${d.code}]`) : paint.warning(`warning[${d.code}]`);
  const out: string[] = [`${paint.bold(`${sev}: ${d.message}`)}`];
  if (!d.start) {
    out.push(`  ${paint.accent('-->')} ${d.file}`);
  } else {
    const lineNo = String(d.start.line);
    const gutter = ' '.repeat(lineNo.length);
    out.push(`${gutter}${paint.accent('-->')} ${d.file}:${d.start.line}:${d.start.column}`);
    const full = text === null ? null : sourceLine(text, d.start.line);
    if (full !== null) {
      // very long lines (a 1 MB one-liner) are shown as a window around the column
      const all = [...full];
      const from = all.length > WINDOW && d.start.column > WINDOW / 2 ? d.start.column - 1 - WINDOW / 2 : 0;
      const chars = all.slice(from, from + WINDOW);
      const shown = (from > 0 ? '...' : '') + printable(chars);
      const lead = from > 0 ? 3 : 0;
      const caretStart = Math.min(d.start.column - 1 - from, chars.length);
      const sameLine = d.end !== null && d.end.line === d.start.line;
      const endCol = sameLine ? Math.max(d.end!.column - 1 - from, caretStart + 1) : chars.length;
      const pad = lead + printable(chars.slice(0, caretStart)).length;
      const width = Math.max(1, printable(chars.slice(caretStart, Math.min(endCol, chars.length))).length);
      out.push(`${gutter} ${paint.accent('|')}`);
      out.push(`${paint.accent(lineNo)} ${paint.accent('|')} ${shown}`);
      const label = d.label ? ` ${d.label}` : '';
      const marks = '^'.repeat(width) + label;
      const painted = d.severity === 'error' ? paint.error(marks) : paint.warning(marks);
      out.push(`${gutter} ${paint.accent('|')} ${' '.repeat(pad)}${painted}`);
      if ((d.help?.length ?? 0) + (d.notes?.length ?? 0) > 0) out.push(`${gutter} ${paint.accent('|')}`);
    }
    for (const n of d.notes ?? []) out.push(`${gutter} ${paint.accent('=')} ${paint.bold('note')}: ${n}`);
    for (const h of d.help ?? []) out.push(`${gutter} ${paint.accent('=')} ${paint.bold('help')}: ${h}`);
    return out.join('\n');
  }
  for (const n of d.notes ?? []) out.push(`   ${paint.accent('=')} ${paint.bold('note')}: ${n}`);
  for (const h of d.help ?? []) out.push(`   ${paint.accent('=')} ${paint.bold('help')}: ${h}`);
  return out.join('\n');
}

/** A one-line form, for summaries and CI annotations: `file:line:col: error[E0200]: message`. */
export function formatDiagnosticLine(d: Diagnostic): string {
  const where = d.start ? `${d.file}:${d.start.line}:${d.start.column}` : d.file;
  return `${where}: ${d.severity}[${d.code}]: ${d.message}`;
}

/** The title of a code, for listings. */
export function codeTitle(code: Code): string {
  return CODES[code].title;
}

function sourceLine(text: string, line: number): string | null {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  let s = text.slice(start, end);
  if (s.endsWith('\r')) s = s.slice(0, -1);
  if (line === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

/** Characters of a source line shown around the caret. */
const WINDOW = 120;

/** Tabs become spaces and control characters become `?`, so the caret lines up. */
function printable(chars: readonly string[]): string {
  let s = '';
  for (const ch of chars) {
    const c = ch.codePointAt(0)!;
    if (ch === '\t') s += '    ';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfeff) s += '?';
    else s += ch;
  }
  return s;
}
