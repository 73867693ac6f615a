/**
 * The text the C grammar matches: the file with its comments blanked, and its doc string and
 * key=value lines each cut down to one character.
 *
 * Comments: the grammar (grammar/c-litmus.ohm) has no comment rule, so that skipping white space
 * is a character range rather than three rule applications at every token; comments are found
 * here instead, in one linear pass, exactly where the grammar used to skip them, and each of
 * their characters becomes `BLANK` (line breaks are kept, and so are offsets).
 *
 * The doc string and the key=value lines (diy7 writes eight, some 300 characters a file) are
 * text kept as written, which Ohm would read a character at a time: they become `DOC` and `META`,
 * which the grammar's `doc` and `meta` rules accept in their place. The text is then shorter;
 * `shortening` says where, and cst.ts maps every offset back (a stub's node spans what it stands
 * for, so its text is the line as written).
 *
 * "Exactly where the grammar used to skip them" means: between tokens, with herd's `(* *)`
 * comments nesting (`(*` before a letter or `_` opens no comment: `if (*x == 1)`), `/* *\/` not
 * nesting, and `//` running to the end of the line; not inside the doc string, a key=value line
 * or a `regions:`/`scopes:` line, whose text is kept as written; and not inside the tokens `\/`
 * and `/\`. (trivia.ts's scan, which finds the comments that `ordo fmt` keeps, and checks that
 * none is left open, treats a few of these corners differently: see docs/c-dialect.md.)
 *
 * `BLANK`, `META` and `DOC` are control characters, which `checkInput` refuses in files. The
 * grammar's `spaces` skips `BLANK` like any character up to U+0020 (but not the two stubs below
 * it), and `hspace` (the blanks inside a header, key=value or `regions:` line) does not, so a
 * comment there still ends the token, as it did.
 */

import type { Shortening } from './cst.js';

/** What a comment's characters become (line breaks excepted). */
export const BLANK = '\x02';
/** What a key=value line becomes. */
export const META = '\x01';
/** What the doc string becomes. */
export const DOC = '\x00';

/** What to change, as [start, end, what] triples in source order: `BLANK` blanks, others replace. */
type Ranges = (number | string)[];

/** The text to match, and where it is shorter than the source (null: nowhere). */
export interface Prepared {
  readonly text: string;
  readonly shortening: Shortening | null;
}

function apply(text: string, ranges: Ranges): Prepared {
  if (ranges.length === 0) return { text, shortening: null };
  let out = '';
  let from = 0;
  const at: number[] = [];
  const add: number[] = [];
  let shorter = 0;
  for (let k = 0; k < ranges.length; k += 3) {
    const start = ranges[k] as number;
    const end = ranges[k + 1] as number;
    const what = ranges[k + 2] as string;
    out += text.slice(from, start);
    if (what === BLANK) {
      out += text.slice(start, end).replace(/[^\n\r]/g, BLANK);
    } else {
      // the stub's own offset still maps to `start`; the next one maps to `end`
      out += what;
      at.push(start - shorter + 1);
      shorter += end - start - 1;
      add.push(shorter);
    }
    from = end;
  }
  return { text: out + text.slice(from), shortening: at.length > 0 ? { at, add } : null };
}

const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

/** The end of the comment starting at `i`, -1 if none starts there, `text.length + 1` if it is never closed. */
function commentEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  if (c === 47 && d === 47) {
    // `//` to the end of the line
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    return j;
  }
  if (c === 47 && d === 42) {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length + 1 : close + 2;
  }
  if (c === 40 && d === 42 && !isIdentStart(text.charCodeAt(i + 2))) {
    // herd's comments nest; an inner `(*` opens one under the same condition
    let depth = 1;
    let j = i + 2;
    while (j < text.length) {
      const x = text.charCodeAt(j);
      const y = text.charCodeAt(j + 1);
      if (x === 40 && y === 42 && !isIdentStart(text.charCodeAt(j + 2))) {
        depth++;
        j += 2;
      } else if (x === 42 && y === 41) {
        j += 2;
        if (--depth === 0) return j;
      } else {
        j++;
      }
    }
    return text.length + 1;
  }
  return -1;
}

/** Past white space (U+0000 to U+0020) and comments from `i`, blanking the comments; -1 at an unclosed one. */
function skipBlanks(text: string, out: Ranges, i: number): number {
  let j = i;
  while (j < text.length) {
    if (text.charCodeAt(j) <= 32) {
      j++;
      continue;
    }
    const end = commentEnd(text, j);
    if (end < 0) break;
    if (end > text.length) return -1;
    out.push(j, end, BLANK);
    j = end;
  }
  return j;
}

/** The end of the line at `i` (before `\n` or `\r`), as the grammar's `restOfLine` reads it. */
function lineEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
  return j;
}

/** The end of a key=value line starting at `i` (`metaKey hspace* "="` then the line), or -1. */
function metaLineEnd(text: string, i: number): number {
  if (!isIdentStart(text.charCodeAt(i))) return -1;
  let j = i + 1;
  for (let c = text.charCodeAt(j); isIdentPart(c) || c === 45 || c === 46; c = text.charCodeAt(++j));
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  return text.charCodeAt(j) === 61 ? lineEnd(text, j + 1) : -1;
}

/**
 * The text of a C file as the grammar matches it; `from` is where the header line's test name
 * ends. The part after the header mirrors the grammar's `doc? meta*`: an optional doc string,
 * then key=value lines, with comments between them; the doc string and the lines become stubs.
 */
export function prepareC(src: string, from: number): Prepared {
  const out: Ranges = [];
  let i = skipBlanks(src, out, from);
  if (i >= 0 && src.charCodeAt(i) === 34) {
    const close = src.indexOf('"', i + 1);
    if (close >= 0) out.push(i, close + 1, DOC);
    i = close < 0 ? -1 : skipBlanks(src, out, close + 1);
  }
  for (let end = i < 0 ? -1 : metaLineEnd(src, i); end >= 0; end = i < 0 ? -1 : metaLineEnd(src, i)) {
    out.push(i, end, META);
    i = skipBlanks(src, out, end);
  }
  if (i >= 0) blankCode(src, out, i);
  return apply(src, out);
}

/**
 * Blanks the comments of C code from `from` on (the threads and clauses of a file, or a
 * proposition on its own), as the grammar used to skip them.
 */
function blankCode(src: string, out: Ranges, from: number): void {
  let i = from;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 34) return; // a string: the grammar stops here (only the doc string is one)
    const end = commentEnd(src, i);
    if (end > src.length) return; // never closed: the grammar stops here
    if (end >= 0) {
      out.push(i, end, BLANK);
      i = end;
    } else if ((c === 92 && src.charCodeAt(i + 1) === 47) || (c === 47 && src.charCodeAt(i + 1) === 92)) {
      i += 2; // `\/`, `/\`: a `/` that starts no comment
    } else if (isIdentStart(c)) {
      const start = i;
      while (isIdentPart(src.charCodeAt(i))) i++;
      const word = src.slice(start, i);
      if (word === 'regions' || word === 'scopes') {
        let j = i;
        while (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9) j++;
        if (src.charCodeAt(j) === 58) i = lineEnd(src, j + 1); // a verbatim line, kept as written
      }
    } else if (c >= 48 && c <= 57) {
      while (isIdentPart(src.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
}

/** A C proposition as the grammar matches it (no header, doc string or key=value lines). */
export function prepareCProposition(text: string): string {
  const out: Ranges = [];
  blankCode(text, out, 0);
  // a proposition is not checked for control characters: the stubs' are spaces, as they were
  return apply(text, out).text.replace(/[\x00\x01]/g, BLANK);
}
