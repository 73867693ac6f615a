// Unit tests of the dialect-independent comment scanner and attachment (src/syntax/trivia.ts).
import { describe, expect, it } from 'vitest';
import { attachTrivia, RUST_COMMENTS, scanSource, type Anchor, type CommentSyntax } from '../../src/syntax/trivia.js';

const HERD: CommentSyntax = { line: ['//'], block: [['/*', '*/'], ['(*', '*)']], nested: false, quotes: ['"'] };

/** Anchors at each occurrence of the given words (one node per occurrence). */
function anchorsAt(text: string, words: string[], keepBlank = true): (Anchor & { node: { name: string; trivia?: unknown } })[] {
  return words.map((w) => {
    const start = text.indexOf(w);
    return { node: { name: w }, span: { start, end: start + w.length }, keepBlank };
  });
}

describe('scanSource', () => {
  it('finds line and block comments, skipping strings', () => {
    const text = 'a // one  \r\nb "x // not" /* two\r\n lines */ c';
    const scan = scanSource(text, RUST_COMMENTS);
    expect(scan.comments.map((c) => c.text)).toEqual(['// one', '/* two\n lines */']);
    expect(scan.strings).toEqual([{ start: 14, end: 24 }]);
    expect(scan.unterminated).toBeNull();
  });

  it('nests Rust block comments', () => {
    const scan = scanSource('/* a /* b */ c */ d', RUST_COMMENTS);
    expect(scan.comments.map((c) => c.text)).toEqual(['/* a /* b */ c */']);
  });

  it('does not nest when the syntax says so, and knows herd comments', () => {
    const scan = scanSource('(* a (* b *) c /* d */', HERD);
    expect(scan.comments.map((c) => c.text)).toEqual(['(* a (* b *)', '/* d */']);
  });

  it('reports what is left open', () => {
    expect(scanSource('a /* b', RUST_COMMENTS).unterminated).toEqual({ kind: 'comment', start: 2 });
    expect(scanSource('a "b\\"', RUST_COMMENTS).unterminated).toEqual({ kind: 'string', start: 2 });
  });

  it('starts where it is told (after a header whose name may hold //)', () => {
    expect(scanSource('Rust a//b\nx', RUST_COMMENTS, 9).comments).toEqual([]);
  });
});

describe('attachTrivia', () => {
  it('attaches leading, trailing and leftover comments', () => {
    const text = '// lead\nfoo; // trail\n\n/* b */\nbar;\n// end\n';
    const anchors = anchorsAt(text, ['foo;', 'bar;']);
    const rest = attachTrivia(text, scanSource(text, RUST_COMMENTS).comments, anchors);
    expect(anchors[0]!.node.trivia).toEqual({ leading: ['// lead'], trailing: '// trail', blankBefore: false });
    expect(anchors[1]!.node.trivia).toEqual({ leading: ['/* b */'], trailing: null, blankBefore: true });
    expect(rest).toEqual(['// end']);
  });

  it('gives a trailing comment to the node that ended last, the outermost on a tie', () => {
    const text = 'if { a; } else if { b; } // x\n';
    const outer = { node: { name: 'outer' } as { trivia?: unknown }, span: { start: 0, end: 24 }, keepBlank: false };
    const inner = { node: { name: 'inner' } as { trivia?: unknown }, span: { start: 15, end: 24 }, keepBlank: false };
    const b = { node: { name: 'b' } as { trivia?: unknown }, span: { start: 20, end: 22 }, keepBlank: false };
    attachTrivia(text, scanSource(text, RUST_COMMENTS).comments, [inner, b, outer]);
    expect(outer.node.trivia).toEqual({ leading: [], trailing: '// x', blankBefore: false });
    expect(inner.node.trivia).toBeUndefined();
  });

  it('joins several trailing comments, and moves a comment after code to the next node', () => {
    const text = 'a; /* x */ /* y */\nb { // z\nc;\n';
    const anchors = anchorsAt(text, ['a;', 'c;']);
    attachTrivia(text, scanSource(text, RUST_COMMENTS).comments, anchors);
    expect(anchors[0]!.node.trivia).toEqual({ leading: [], trailing: '/* x */ /* y */', blankBefore: false });
    expect(anchors[1]!.node.trivia).toEqual({ leading: ['// z'], trailing: null, blankBefore: false });
  });

  it('records blank lines only where asked, and sees a blank line between comments', () => {
    const text = 'a;\n// c\n\n// d\nb;\n\nc;\n';
    const keep = anchorsAt(text, ['b;', 'c;']);
    attachTrivia(text, scanSource(text, RUST_COMMENTS).comments, keep);
    expect(keep[0]!.node.trivia).toEqual({ leading: ['// c', '// d'], trailing: null, blankBefore: true });
    expect(keep[1]!.node.trivia).toEqual({ leading: [], trailing: null, blankBefore: true });
    const drop = anchorsAt(text, ['c;'], false);
    attachTrivia(text, [], drop);
    expect(drop[0]!.node.trivia).toBeUndefined();
  });

  it('handles CRLF line endings', () => {
    const text = 'a; // t\r\n\r\nb;\r\n';
    const anchors = anchorsAt(text, ['a;', 'b;']);
    attachTrivia(text, scanSource(text, RUST_COMMENTS).comments, anchors);
    expect(anchors[0]!.node.trivia).toEqual({ leading: [], trailing: '// t', blankBefore: false });
    expect(anchors[1]!.node.trivia).toEqual({ leading: [], trailing: null, blankBefore: true });
  });
});
