/**
 * Trivia: comments and blank lines, for both dialects. The grammars skip comments as whitespace,
 * so this module finds them again by scanning the text, and attaches each one to an AST node so
 * that `ordo fmt` never loses a comment.
 *
 * Use (a parser, after a successful match):
 *
 *     const scan = scanSource(text, RUST_COMMENTS, headerEnd);
 *     const anchors: Anchor[] = [...];            // every declaration, statement, thread, condition
 *     const trailing = attachTrivia(text, scan.comments, anchors);   // sets node.trivia
 *
 * The attachment rules (the formatter relies on them, and prints comments back accordingly):
 * - a comment that starts on the line where a node ended, after that node with only whitespace
 *   or comments in between, is that node's `trailing` comment (several are joined by a space);
 *   when several nodes end there, the one that ended last wins, and among nodes ending at the
 *   same place (an `else if` chain) the outermost;
 * - any other comment is a `leading` comment of the first node that starts after it;
 * - comments after the last node go to the file (`LitmusFile.trailingComments`);
 * - `blankBefore` is true when a blank line appears anywhere between the node (with its leading
 *   comments) and the code before it; it is recorded only for anchors with `keepBlank`, since
 *   the formatter decides the spacing of the rest (first statement of a block, threads).
 * Nodes with no comment and no kept blank line get no `trivia` field at all.
 */
import type { Span, Trivia } from '../ast.js';

/** How a dialect writes comments and strings. */
export interface CommentSyntax {
  /** Markers of comments that run to the end of the line, e.g. `//`. */
  readonly line: readonly string[];
  /** Open and close markers of block comments, e.g. `['/*', '*\/']`, `['(*', '*)']`. */
  readonly block: readonly (readonly [open: string, close: string])[];
  /** Whether block comments nest (Rust: yes). */
  readonly nested: boolean;
  /** Characters that open and close a string literal (a backslash escapes the next character). */
  readonly quotes: readonly string[];
}

/** Comments of the native dialect. */
export const RUST_COMMENTS: CommentSyntax = {
  line: ['//'],
  block: [['/*', '*/']],
  nested: true,
  quotes: ['"'],
};

/** A comment found in the text. */
export interface Comment {
  /** Offset of the first marker character. */
  readonly start: number;
  /** Offset just past the comment (a line comment stops before the line break). */
  readonly end: number;
  /**
   * The comment as written, markers included, normalised so that formatting round-trips:
   * `\r\n` becomes `\n`, and a line comment loses its trailing whitespace.
   */
  readonly text: string;
}

/** What `scanSource` found. */
export interface SourceScan {
  /** Comments in source order. */
  readonly comments: readonly Comment[];
  /** String literals, quotes included, in source order. */
  readonly strings: readonly Span[];
  /** A block comment or string still open at the end of the scanned range. */
  readonly unterminated: { readonly kind: 'comment' | 'string'; readonly start: number } | null;
}

/**
 * Finds the comments and strings of `text[from, to)`. Linear; never throws. Start after the
 * header line (`from`), whose test name may contain anything, `//` included.
 */
export function scanSource(text: string, syntax: CommentSyntax, from = 0, to = text.length): SourceScan {
  const comments: Comment[] = [];
  const strings: Span[] = [];
  const starts = startsOf(syntax);
  let i = from;
  outer: while (i < to) {
    if (!starts.has(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const c = text[i]!;
    if (syntax.quotes.includes(c)) {
      const start = i++;
      while (i < to && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      if (i >= to) return { comments, strings, unterminated: { kind: 'string', start } };
      strings.push({ start, end: ++i });
      continue;
    }
    for (const marker of syntax.line) {
      if (text.startsWith(marker, i)) {
        const start = i;
        while (i < to && text[i] !== '\n') i++;
        comments.push({ start, end: i, text: text.slice(start, i).trimEnd() });
        continue outer;
      }
    }
    for (const [open, close] of syntax.block) {
      if (text.startsWith(open, i)) {
        const start = i;
        let depth = 0;
        while (i < to) {
          if (text.startsWith(close, i)) {
            i += close.length;
            if (--depth === 0) break;
          } else if (text.startsWith(open, i) && (depth === 0 || syntax.nested)) {
            i += open.length;
            depth++;
          } else {
            i++;
          }
        }
        if (depth > 0) return { comments, strings, unterminated: { kind: 'comment', start } };
        comments.push({ start, end: i, text: text.slice(start, i).replace(/\r\n/g, '\n') });
        continue outer;
      }
    }
    i++;
  }
  return { comments, strings, unterminated: null };
}

/**
 * `text` with every comment's characters replaced by U+0001 (line breaks kept, so offsets and
 * lines stay the same), for a grammar that skips any character up to U+0020 but has no comment
 * rule (grammar/litmus.ohm). The C front end has its own, c-prepare.ts.
 */
export function blankComments(text: string, comments: readonly Comment[]): string {
  if (comments.length === 0) return text;
  let out = '';
  let at = 0;
  for (const c of comments) {
    out += text.slice(at, c.start) + text.slice(c.start, c.end).replace(/[^\n\r]/g, '\x01');
    at = c.end;
  }
  return out + text.slice(at);
}

const STARTS = new WeakMap<CommentSyntax, ReadonlySet<number>>();

/** The characters that may start a comment or a string of `syntax`. */
function startsOf(syntax: CommentSyntax): ReadonlySet<number> {
  let starts = STARTS.get(syntax);
  if (!starts) {
    starts = new Set([...syntax.quotes, ...syntax.line, ...syntax.block.map(([open]) => open)].map((m) => m.charCodeAt(0)));
    STARTS.set(syntax, starts);
  }
  return starts;
}

/** A node that can carry trivia, with its span. */
export interface Anchor {
  /** The AST node; `attachTrivia` sets its `trivia` field. */
  readonly node: object;
  readonly span: Span;
  /** Record a blank line before this node (false where the formatter decides the spacing). */
  readonly keepBlank: boolean;
}

/**
 * Attaches `comments` to `anchors` (see the rules at the top of this file) by setting each
 * anchor node's `trivia`; returns the comments left after the last node, for the file.
 */
export function attachTrivia(text: string, comments: readonly Comment[], anchors: readonly Anchor[]): string[] {
  const sorted = comments.length > 0;
  const byStart = sorted ? [...anchors].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end) : [];
  // ending last first; among equal ends the outermost (earliest start) first
  const byEnd = sorted ? [...anchors].sort((a, b) => b.span.end - a.span.end || a.span.start - b.span.start) : [];
  const commentAt = new Map(comments.map((c) => [c.start, c]));
  const commentEndingAt = new Map(comments.map((c) => [c.end, c]));
  const leading = new Map<Anchor, string[]>();
  const trailing = new Map<Anchor, string[]>();
  const rest: string[] = [];

  let nextIdx = 0; // first anchor in byStart that may start after the current comment
  for (const comment of comments) {
    const owner = trailingOwner(text, comment, byEnd, commentAt);
    if (owner) {
      push(trailing, owner, comment.text);
      continue;
    }
    while (nextIdx < byStart.length && byStart[nextIdx]!.span.start < comment.end) nextIdx++;
    const next = byStart[nextIdx];
    if (next) push(leading, next, comment.text);
    else rest.push(comment.text);
  }

  for (const anchor of anchors) {
    const lead = leading.get(anchor) ?? [];
    const trail = trailing.get(anchor);
    const blankBefore = anchor.keepBlank && blankLineBefore(text, anchor.span.start, commentAt, commentEndingAt);
    if (lead.length === 0 && !trail && !blankBefore) continue;
    const trivia: Trivia = { leading: lead, trailing: trail ? trail.join(' ') : null, blankBefore };
    (anchor.node as { trivia?: Trivia }).trivia = trivia;
  }
  return rest;
}

function push<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The node whose trailing comment `comment` is, if any. */
function trailingOwner(
  text: string,
  comment: Comment,
  byEnd: readonly Anchor[],
  commentAt: ReadonlyMap<number, Comment>,
): Anchor | undefined {
  // byEnd is sorted by decreasing end: binary-search the first anchor ending at or before it
  let lo = 0;
  let hi = byEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byEnd[mid]!.span.end > comment.start) lo = mid + 1;
    else hi = mid;
  }
  const candidate = byEnd[lo];
  if (!candidate) return undefined;
  // only whitespace and comments, on one line, between the node and the comment
  let i = candidate.span.end;
  while (i < comment.start) {
    const ch = text[i]!;
    if (ch === '\n') return undefined;
    const inner = commentAt.get(i);
    if (inner) {
      if (inner.text.includes('\n')) return undefined;
      i = inner.end;
    } else if (isSpace(text.charCodeAt(i))) {
      i++;
    } else {
      return undefined;
    }
  }
  return candidate;
}

/** Whether a blank line separates `start` (with the comments before it) from the code before. */
function blankLineBefore(
  text: string,
  start: number,
  commentAt: ReadonlyMap<number, Comment>,
  commentEndingAt: ReadonlyMap<number, Comment>,
): boolean {
  // walk back over whitespace and comments to the end of the previous token
  let i = start;
  while (i > 0) {
    const comment = commentEndingAt.get(i);
    if (comment) i = comment.start;
    else if (isSpace(text.charCodeAt(i - 1))) i--;
    else break;
  }
  // now scan forward: a line break, then only spaces, then another line break is a blank line;
  // a line holding a comment is not blank
  let sawBreak = false;
  let content = false;
  let j = i;
  while (j < start) {
    const comment = commentAt.get(j);
    if (comment) {
      content = true;
      j = comment.end;
      continue;
    }
    if (text.charCodeAt(j) === 10) {
      if (sawBreak && !content) return true;
      sawBreak = true;
      content = false;
    }
    j++;
  }
  return false;
}

/** JavaScript's `\s`, by character code. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 128 && /\s/.test(String.fromCharCode(c)));
}
