/**
 * Shared state of lowering one file: its source (for diagnostics and site texts), the memory
 * locations, the sites, the loops, and the diagnostics collected so far. Lowering never stops at
 * the first error: it records a diagnostic and carries on, so a file reports all its errors.
 */
import type { Dialect, NodeId, SourceMap } from '../ast.js';
import { diagnostic, type Code, type Diagnostic, type DiagnosticExtras } from '../diagnostics/index.js';
import type { LocationInfo, LoopInfo, Site } from './ir.js';
import type { IntKind } from './values.js';

/** A declared location (scalar or array) as code names it. */
export interface LocationEntry {
  readonly name: string;
  readonly base: number;
  /** Number of elements; 1 for a scalar. */
  readonly length: number;
  readonly isArray: boolean;
  readonly kind: LocationInfo['kind'];
  readonly type: IntKind;
  /** The declared type name, for messages (`AtomicUsize`, `usize`, `Mutex`). */
  readonly typeName: string;
}

export class LowerContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly locations: LocationInfo[] = [];
  readonly byName = new Map<string, LocationEntry>();
  readonly sites: Site[] = [];
  readonly loops: LoopInfo[] = [];

  constructor(
    readonly source: SourceMap,
    readonly dialect: Dialect,
  ) {}

  span(id: NodeId): { start: number; end: number } | null {
    return this.source.spans.get(id) ?? null;
  }

  error(code: Code, message: string, id: NodeId | null, extras: DiagnosticExtras = {}): void {
    const span = id === null ? null : this.span(id);
    this.diagnostics.push(diagnostic(code, message, this.source.file, this.source.text, span, extras));
  }

  /** An error pointing at `word` inside node `id` (the last occurrence), e.g. an ordering. */
  errorAtWord(code: Code, message: string, id: NodeId, word: string, extras: DiagnosticExtras = {}): void {
    const span = this.span(id);
    if (span) {
      const text = this.source.text.slice(span.start, span.end);
      const at = lastWord(text, word);
      if (at >= 0) {
        const s = { start: span.start + at, end: span.start + at + word.length };
        this.diagnostics.push(diagnostic(code, message, this.source.file, this.source.text, s, extras));
        return;
      }
    }
    this.error(code, message, id, extras);
  }

  /** Registers a site for node `id` of thread `thread`; its text is the source of the node. */
  site(id: NodeId, thread: number): number {
    const span = this.span(id);
    let line = 0;
    let column = 0;
    let text = '';
    if (span) {
      const src = this.source.text;
      line = 1;
      let lineStart = 0;
      for (let i = 0; i < span.start; i++) {
        if (src.charCodeAt(i) === 10) {
          line++;
          lineStart = i + 1;
        }
      }
      column = span.start - lineStart + 1;
      text = src.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
      if (text.length > 80) text = text.slice(0, 77) + '...';
    }
    this.sites.push({ line, column, text, thread });
    return this.sites.length - 1;
  }
}

function lastWord(text: string, word: string): number {
  let at = text.lastIndexOf(word);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + word.length] ?? '';
    if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return at;
    at = text.lastIndexOf(word, at - 1);
  }
  return -1;
}
