/**
 * Ohm's concrete syntax tree, read directly rather than through a Semantics. Ohm's semantic
 * operations wrap every node they pass (a wrapper, a source interval and an arguments object per
 * call), which cost as much as matching once the grammars were fast; the front ends walk this
 * view instead, with plain functions. It reads the tree as ohm-js's own forward-compatibility
 * layer does (`getCstRoot` in ohm-js/v18), but lazily: only the nodes an action asks for.
 *
 * The view: `rule` is the rule name (`IfStmt`, `CallForm_load` for a case), `_iter` for an
 * iteration (`x*`, `x+`, `x?`: its children are the matches), or `_terminal`; `start` and `end`
 * are offsets into the source text, `text` is the source text there, comments included. (The
 * matched text may be shorter than the source, see c-prepare.ts: offsets are mapped back.)
 * Nothing of Ohm's leaves this folder.
 */
import type { MatchResult } from 'ohm-js';
import type { Span } from '../ast.js';

/** ohm-js's CST nodes (its src/nodes.js), as much as this view reads. */
interface RawNode {
  readonly ctorName: string;
  readonly matchLength: number;
  readonly children?: readonly RawNode[];
  readonly childOffsets?: readonly number[];
  isNonterminal(): boolean;
}

/**
 * Where the matched text is shorter than the source: an offset `x` of the matched text, at or
 * after `at[k]` (and before `at[k + 1]`), is `x + add[k]` in the source.
 */
export interface Shortening {
  readonly at: readonly number[];
  readonly add: readonly number[];
}

/** The source offset of offset `x` of the matched text. */
export function toSource(s: Shortening | null, x: number): number {
  if (s === null) return x;
  for (let k = s.at.length - 1; k >= 0; k--) if (x >= s.at[k]!) return x + s.add[k]!;
  return x;
}

export class Cst {
  constructor(
    private readonly raw: RawNode,
    /** Offsets in the matched text. */
    private readonly pos: number,
    /** Where the nearest enclosing rule starts: an iteration's child offsets count from there. */
    private readonly base: number,
    private readonly source: string,
    private readonly shortening: Shortening | null,
  ) {}

  get rule(): string {
    return this.raw.ctorName;
  }

  get start(): number {
    return toSource(this.shortening, this.pos);
  }

  get end(): number {
    return toSource(this.shortening, this.pos + this.raw.matchLength);
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  /** The source text of the node. */
  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  get size(): number {
    return this.raw.children?.length ?? 0;
  }

  /** The `i`th child (a bug if there is none). */
  at(i: number): Cst {
    const raw = this.raw.children?.[i];
    if (!raw) throw new Error(`${this.rule} has no child ${i}`);
    const base = this.raw.isNonterminal() ? this.pos : this.base;
    const pos = base + this.raw.childOffsets![i]!;
    return new Cst(raw, pos, raw.isNonterminal() ? pos : base, this.source, this.shortening);
  }

  /** The children: the matches of an iteration, the parts of a rule. */
  get children(): Cst[] {
    const out: Cst[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  /** The match of an optional part (`x?`), or null. */
  get opt(): Cst | null {
    return this.size > 0 ? this.at(0) : null;
  }
}

/**
 * The tree of a successful match; `source` is the text as written, `shortening` where the matched
 * text is shorter (null: nowhere).
 */
export function cstOf(match: MatchResult, source: string, shortening: Shortening | null = null): Cst {
  const m = match as unknown as { _cst?: RawNode; _cstOffset?: number };
  if (!m._cst || typeof m._cstOffset !== 'number') throw new Error('ohm-js: no concrete syntax tree in this match result');
  return new Cst(m._cst, m._cstOffset, m._cstOffset, source, shortening);
}
