/**
 * Ohm's concrete syntax tree, read directly rather than through a Semantics. Ohm's semantic
 * operations wrap every node they pass (a wrapper, a source interval and an arguments object per
 * call), which cost as much as matching once the grammars were fast; the front ends walk this
 * view instead, with plain functions. It reads the tree as ohm-js's own forward-compatibility
 * layer does (`getCstRoot` in ohm-js/v18), but lazily: only the nodes an action asks for.
 *
 * The view: `rule` is the rule name (`IfStmt`, `CallForm_load` for a case), `_iter` for an
 * iteration (`x*`, `x+`, `x?`: its children are the matches), or `_terminal`; `start` and `end`
 * are offsets into the text (the same in the original and the prepared text); `text` is the
 * original text there, comments included. Nothing of Ohm's leaves this folder.
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

export class Cst {
  constructor(
    private readonly raw: RawNode,
    readonly start: number,
    /** Where the nearest enclosing rule starts: an iteration's child offsets count from there. */
    private readonly base: number,
    private readonly source: string,
  ) {}

  get rule(): string {
    return this.raw.ctorName;
  }

  get end(): number {
    return this.start + this.raw.matchLength;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  /** The original text of the node. */
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
    const base = this.raw.isNonterminal() ? this.start : this.base;
    const start = base + this.raw.childOffsets![i]!;
    return new Cst(raw, start, raw.isNonterminal() ? start : base, this.source);
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

/** The tree of a successful match; `source` is the text that offsets point into, as written. */
export function cstOf(match: MatchResult, source: string): Cst {
  const m = match as unknown as { _cst?: RawNode; _cstOffset?: number };
  if (!m._cst || typeof m._cstOffset !== 'number') throw new Error('ohm-js: no concrete syntax tree in this match result');
  return new Cst(m._cst, m._cstOffset, m._cstOffset, source);
}
