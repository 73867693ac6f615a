/**
 * Helpers shared by the two dialect front ends (native.ts, c.ts): the checks on raw input that run
 * before Ohm (empty, binary, too large, too deeply nested), Ohm match failures as diagnostics,
 * errors raised from semantic actions, and node ids with their spans.
 *
 * A front end runs, in order:
 *
 *     const early = checkInput(text, file);                  // E0001, E0003, E0004 (size)
 *     const src = blankBom(text);                             // same length: offsets stay right
 *     const scan = scanSource(src, SYNTAX, headerEnd);        // trivia.ts
 *     const pre = checkStructure(src, file, scan);            // E0004 (nesting), unterminated
 *     const out = guard(text, file, () => {                   // stack overflow -> E0004,
 *       const m = grammar.match(src);                         // SyntaxProblem -> E0100
 *       if (m.failed()) return [syntaxError(m, file, text)];
 *       const nodes = new NodeTable();  ...build the AST, nodes.add(node, span)...
 *       return nodes.number(fileNode, file, text);            // ids in pre-order, depth limit
 *     });
 *
 * Nothing here throws on bad input; only bugs throw.
 */
import type { FailedMatchResult } from 'ohm-js';
import type { LitmusFile, NodeId, SourceMap, Span } from '../ast.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { SourceScan } from './trivia.js';

/** What a front end returns: the tree and its source map, or why there is none. */
export type ParseResult =
  | { readonly ok: true; readonly file: LitmusFile; readonly source: SourceMap }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Structural limits, so that parsing stays fast and never overflows the stack. */
export const LIMITS = {
  /**
   * Characters in a file. Ohm parses about 50 KB per CPU second (its memo tables keep the
   * garbage collector busy), so a larger file is rejected at once rather than parsed for
   * seconds; litmus tests are a few KB, and a program this large could not be explored anyway.
   */
  maxChars: 64 * 1024,
  /** Open brackets `( [ {` inside one another (Ohm recurses on each). */
  maxNesting: 64,
  /** Nodes inside one another in the AST (later stages recurse on it). */
  maxDepth: 256,
  /** The pre-scan's bound on operators in a row (see `checkStructure`); above `maxDepth`. */
  maxOperators: 1024,
} as const;

/** Replaces a leading byte-order mark by a space, so that every offset stays the same. */
export function blankBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** The first word of the file (after a BOM and whitespace), which names the dialect. */
export function firstWord(text: string): { readonly word: string; readonly start: number; readonly end: number } {
  // the grammars' notion of space: U+0000 to U+0020
  const m = /^[\x00-\x20]*([^\x00-\x20]*)/.exec(blankBom(text))!;
  const start = m[0].length - m[1]!.length;
  return { word: m[1]!, start, end: m[0].length };
}

/**
 * Where the header line's test name ends (`Rust NAME`, `C NAME`): the comment scan starts
 * there, since a name may contain `//` or `(*`.
 */
export function headerEnd(text: string): number {
  const m = /^[\x00-\x20]*[^\x00-\x20]+[ \t]+[^\x00-\x20]*/.exec(blankBom(text));
  return m ? m[0].length : firstWord(text).end;
}

/** Control characters that never appear in text (tab, line breaks, \v and \f are fine). */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

/**
 * The checks on the raw text: empty (or only whitespace) → E0001; invalid UTF-8 (U+FFFD, which
 * the CLI's decoder leaves for bad bytes) or binary control characters → E0003; too large →
 * E0004. Returns null when the text may be parsed.
 */
export function checkInput(text: string, file: string): Diagnostic | null {
  const body = blankBom(text);
  if (body.trim() === '') return diagnostic('E0001', 'the file is empty', file, text, null);
  const bad = BINARY.exec(text);
  if (bad) {
    const ch = bad[0];
    const what =
      ch === '\ufffd'
        ? 'invalid UTF-8 (a byte sequence that is not text, shown as U+FFFD)'
        : ch === '\0'
          ? 'a NUL byte'
          : `a control character (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
    return diagnostic('E0003', `the file is not text: it contains ${what}`, file, text, { start: bad.index, end: bad.index + 1 }, {
      label: 'here',
      help: ['litmus files are UTF-8 text; check the file encoding'],
    });
  }
  if (text.length > LIMITS.maxChars) {
    return diagnostic('E0004', `the file is too large (${text.length} characters; the limit is ${LIMITS.maxChars})`, file, text, null);
  }
  return null;
}

/**
 * The structural pre-scan, before Ohm runs, so that pathological input is rejected at once and
 * at the place: a block comment or string left open (E0100, pointing at where it starts, which
 * Ohm cannot do); brackets nested deeper than `LIMITS.maxNesting` (E0004 at the first bracket too
 * deep); and runs of operators long enough to nest deeper than `LIMITS.maxOperators` (E0004).
 * Comments and strings are skipped.
 *
 * The operator count is a cheap upper bound of expression depth: every operator (a run of
 * operator characters, except that each prefix `!`, `-`, `~` counts) and every `else if` adds
 * one to the count of the innermost bracket; `;` and `,` reset it; the measure is the sum over
 * the open brackets. The exact check on the tree (`NodeTable.number`, `LIMITS.maxDepth`) remains.
 */
export function checkStructure(text: string, file: string, scan: SourceScan, from = 0): Diagnostic | null {
  if (scan.unterminated) {
    const { kind, start } = scan.unterminated;
    const what = kind === 'comment' ? 'block comment' : 'string';
    return diagnostic('E0100', `unterminated ${what}`, file, text, { start, end: start + (kind === 'comment' ? 2 : 1) }, {
      label: `this ${what} is never closed`,
    });
  }
  const skips = [...scan.comments, ...scan.strings].sort((a, b) => a.start - b.start);
  let next = 0;
  const counts: number[] = [0]; // operators in the current expression, per open bracket
  let total = 0;
  let afterElse = false; // the last word was `else`
  for (let i = from; i < text.length; i++) {
    const skip = skips[next];
    if (skip && i === skip.start) {
      i = skip.end - 1;
      next++;
      continue;
    }
    const c = text.charCodeAt(i);
    // operator positions found at this step: one per prefix operator of a run like `!!-`
    let operators: number[] | null = null;
    if (c === 40 || c === 91 || c === 123) {
      counts.push(0);
      if (counts.length - 1 > LIMITS.maxNesting) {
        return diagnostic('E0004', `brackets nested more than ${LIMITS.maxNesting} deep`, file, text, { start: i, end: i + 1 }, {
          label: 'too deep',
        });
      }
    } else if (c === 41 || c === 93 || c === 125) {
      if (counts.length > 1) total -= counts.pop()!;
    } else if (c === 59 || c === 44) {
      total -= counts[counts.length - 1]!;
      counts[counts.length - 1] = 0;
    } else if (isOperatorChar(c)) {
      let j = i;
      let prefixOnly = isPrefixOperator(c);
      while (j + 1 < text.length && isOperatorChar(text.charCodeAt(j + 1))) {
        j++;
        if (!isPrefixOperator(text.charCodeAt(j))) prefixOnly = false;
      }
      operators = [i];
      if (prefixOnly) for (let k = i + 1; k <= j; k++) operators.push(k);
      i = j;
    } else if (isIdentStart(c)) {
      let j = i;
      while (j + 1 < text.length && isWordChar(text.charCodeAt(j + 1))) j++;
      const word = j - i < 4 ? text.slice(i, j + 1) : '';
      if (word === 'if' && afterElse) operators = [i];
      afterElse = word === 'else';
      i = j;
    }
    if (!isWordChar(c) && !isSpace(c)) afterElse = false;
    if (operators === null) continue;
    for (const at of operators) {
      counts[counts.length - 1]! += 1;
      total += 1;
      if (total + counts.length - 1 > LIMITS.maxOperators) {
        return diagnostic('E0004', `expressions nested too deeply (more than ${LIMITS.maxOperators} operators in a row)`, file, text, { start: at, end: at + 1 }, {
          label: 'too deep',
        });
      }
    }
  }
  return null;
}

/** `- + * / % & | ^ ! ~ < > = . ? : \` */
function isOperatorChar(c: number): boolean {
  switch (c) {
    case 45: case 43: case 42: case 47: case 37: case 38: case 124: case 94: case 33:
    case 126: case 60: case 62: case 61: case 46: case 63: case 58: case 92:
      return true;
    default:
      return false;
  }
}

/** `-`, `!`, `~`: each counts in a run of them. */
const isPrefixOperator = (c: number): boolean => c === 45 || c === 33 || c === 126;
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isWordChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);
/** JavaScript's `\s`. */
const isSpace = (c: number): boolean => (c >= 9 && c <= 13) || c === 32 || (c >= 128 && /\s/.test(String.fromCharCode(c)));


/** The failures Ohm reports, as much of their interface as we use (not in ohm-js's typings). */
interface OhmFailure {
  getText(): string;
  getType(): string;
}

/** A set of expected items shown under one name, e.g. every keyword that starts a statement. */
export interface ExpectedGroup {
  /** How the group reads, e.g. `a statement`. */
  readonly label: string;
  /** The items as rendered: `` `let` `` for a terminal, the description for a described rule. */
  readonly members: readonly string[];
}

/**
 * A failed Ohm match as an E0100 diagnostic: "expected X, Y, or Z" at Ohm's rightmost failure
 * position, with the token found there as the label. Terminals are shown in backticks, described
 * rules by their description (where `{...}` becomes `(...)`: Ohm ends a description at its first
 * `)`, so grammars write braces instead), in grammar order. Unlike Ohm's own message, this keeps
 * the "fluffy" failures (what an optional part could have continued with, such as another
 * expectation in an `expect` block). When every member of a group is expected, the group's
 * label replaces them (give the larger groups first).
 *
 * `toSource` maps an offset of the matched text to the source, where they differ (c-prepare.ts).
 *
 * A rule described `(§item item ...)` is a guard (see grammar/c-litmus.ohm): it stands for the
 * items it lists, which are the terminals its alternatives would have been expected as.
 */
export function syntaxError(
  match: FailedMatchResult,
  file: string,
  text: string,
  groups: readonly ExpectedGroup[] = [],
  toSource: (matched: number) => number = (x) => x,
): Diagnostic {
  const pos = toSource(match.getRightmostFailurePosition());
  const failures = (match as unknown as { getRightmostFailures(): OhmFailure[] }).getRightmostFailures();
  let expected: string[] = [];
  // Ohm lists the failures last-recorded first; reversed, they follow the grammar
  for (const f of [...failures].reverse()) {
    const text = f.getText();
    const items =
      f.getType() === 'string'
        ? [`\`${text}\``]
        : text === 'end of input'
          ? ['the end of the file']
          : text.startsWith('§')
            ? text.slice(1).split(' ').filter((x) => x !== '')
            : [text.replace(/\{/g, '(').replace(/\}/g, ')')];
    for (const t of items) if (!expected.includes(t)) expected.push(t);
  }
  for (const g of groups) {
    if (!g.members.every((m) => expected.includes(m))) continue;
    const at = expected.findIndex((e) => g.members.includes(e));
    const rest = expected.filter((e) => !g.members.includes(e));
    expected = [...rest.slice(0, at), g.label, ...rest.slice(at)];
  }
  const found = tokenAt(text, pos);
  return diagnostic('E0100', `expected ${oneOf(expected)}`, file, text, { start: pos, end: pos + found.length }, {
    label: `found ${found.describe}`,
  });
}

/** `a`, `a or b`, `a, b, or c`. */
function oneOf(items: readonly string[]): string {
  if (items.length === 0) return 'something else';
  if (items.length <= 2) return items.join(' or ');
  return `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
}

/** The token at `pos`, for "found ...": a word, or one character. */
function tokenAt(text: string, pos: number): { length: number; describe: string } {
  if (pos >= text.length) return { length: 0, describe: 'the end of the file' };
  const word = /^[A-Za-z0-9_]+/.exec(text.slice(pos, pos + 64));
  if (word) return { length: word[0].length, describe: `\`${word[0]}\`` };
  const ch = String.fromCodePoint(text.codePointAt(pos)!);
  if (ch === '\n' || ch === '\r') return { length: 1, describe: 'the end of the line' };
  if (/\s/.test(ch)) return { length: 1, describe: 'a space' };
  return { length: ch.length, describe: `\`${ch}\`` };
}

/**
 * A syntax error found by a semantic action rather than by the grammar (e.g. a closure that is
 * not the identity, chained comparisons). Throw it from an action; `guard` turns it into E0100.
 */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly label?: string,
  ) {
    super(message);
  }
}

/**
 * Runs the matching and semantic actions of one parse. A `SyntaxProblem` becomes E0100; a stack
 * overflow (the pre-scan makes it unlikely, this is the last resort) becomes E0004. Anything
 * else is a bug and is rethrown.
 */
export function guard<T>(text: string, file: string, run: () => T | Diagnostic[]): T | Diagnostic[] {
  try {
    return run();
  } catch (e) {
    if (e instanceof SyntaxProblem) {
      return [diagnostic('E0100', e.message, file, text, e.span, e.label !== undefined ? { label: e.label } : {})];
    }
    if (e instanceof RangeError) {
      return [diagnostic('E0004', 'the input is nested too deeply to parse', file, text, null)];
    }
    throw e;
  }
}

/** The span of an Ohm node (any object with a `source` interval). */
export function spanOf(node: { source: { startIdx: number; endIdx: number } }): Span {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

/** Spans with a start, for joining: the span from the start of `a` to the end of `b`. */
export function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

/**
 * Node ids and spans. Semantic actions create each node with `id: -1` (so that `id` comes right
 * after `kind`) and register it with `add`; `number` then assigns ids in pre-order, which is
 * source order because every node lists its children in source order.
 */
export class NodeTable {
  private readonly spans = new Map<object, Span>();

  /** Registers `node` as spanning `span`; returns the node. */
  add<T extends object>(node: T, span: Span): T {
    this.spans.set(node, span);
    return node;
  }

  /** The span of a registered node (a bug if the node was not registered). */
  span(node: object): Span {
    const span = this.spans.get(node);
    if (!span) throw new Error(`node without a span: ${JSON.stringify(node, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
    return span;
  }

  /**
   * Numbers every node reachable from `root` (any object with an own `id` property, visited in
   * pre-order, properties in insertion order, `trivia` skipped) and returns the id → span map;
   * or E0004 at the first node nested deeper than `LIMITS.maxDepth`. The walk recurses, but never
   * below that depth (twice over, counting arrays), so a deep tree cannot overflow the stack.
   */
  number(root: object, file: string, text: string): Map<NodeId, Span> | Diagnostic[] {
    const out = new Map<NodeId, Span>();
    let next = 0;
    let tooDeep: Span | null = null;
    const visit = (value: unknown, depth: number): boolean => {
      if (value === null || typeof value !== 'object') return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!visit(item, depth)) return false;
        return true;
      }
      let childDepth = depth;
      if (Object.prototype.hasOwnProperty.call(value, 'id')) {
        const span = this.span(value);
        if (depth >= LIMITS.maxDepth) {
          tooDeep = span;
          return false;
        }
        (value as { id: NodeId }).id = next;
        out.set(next++, span);
        childDepth = depth + 1;
      }
      const fields = value as Record<string, unknown>;
      for (const key in fields) if (key !== 'trivia' && !visit(fields[key], childDepth)) return false;
      return true;
    };
    if (visit(root, 0)) return out;
    const at = { start: tooDeep!.start, end: tooDeep!.start + 1 };
    return [diagnostic('E0004', `expressions or statements nested more than ${LIMITS.maxDepth} deep`, file, text, at, { label: 'too deep' })];
  }
}
