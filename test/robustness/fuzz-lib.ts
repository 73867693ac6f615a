/**
 * The parser and pipeline fuzzers, shared by `npm test` (fuzz.test.ts, a fixed seed, a few
 * thousand inputs) and `npm run fuzz` (test/tools/fuzz.ts, as many as you like). No vitest here.
 *
 * Inputs, three kinds:
 *  - random text (ASCII, any code point including lone surrogates, control characters), with or
 *    without a `Rust`/`C` header so that it gets past the first-word check;
 *  - random token sequences from each grammar's own vocabulary (every quoted terminal of
 *    grammar/*.ohm, plus names and numbers), joined by random white space and comments;
 *  - mutations of valid files (the catalogue, the CLI fixtures, optionally the herd7 conformance
 *    corpus): delete, duplicate, swap or insert tokens; delete, duplicate or swap lines; truncate.
 *
 * Properties:
 *  - parser: `parseLitmus` and `lower` never throw; every diagnostic has a position inside the
 *    file (1 ≤ line ≤ lines, 1 ≤ column ≤ length of that line + 1, start ≤ end), or is one of
 *    the codes about the file as a whole; rendering it never throws.
 *  - pipeline: a file that parses is checked end to end as `ordo run` would (report and text),
 *    within limits, and ends with a report: never an internal error, never an exception.
 *  - proposition: the propositions `ordo why` and `ordo graph --outcome` take on the command
 *    line (random text, tokens, mutations of the corpus's conditions), parsed and lowered
 *    against a corpus program: never an exception, every diagnostic inside the text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { renderDiagnostic, type Diagnostic } from '../../src/diagnostics/index.js';
import type { Program } from '../../src/program/ir.js';
import { lower } from '../../src/program/lower.js';
import { lowerProposition } from '../../src/program/query.js';
import { parseLitmus } from '../../src/syntax/index.js';
import { parseProposition } from '../../src/syntax/proposition.js';
import { runInProcess } from './helpers.js';

/** Diagnostics about the file as a whole, which may have no position. */
const WHOLE_FILE = new Set(['E0001', 'E0004', 'E0229']);

/** The repository root, whether running from test/robustness or dist/test/robustness. */
export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!safeIsFile(join(dir, 'package.json'))) dir = join(dir, '..');
  return dir;
}

function safeIsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every quoted terminal of a grammar file, unescaped, without pure white space. */
function terminals(grammar: string): string[] {
  const text = readFileSync(join(repoRoot(), 'grammar', grammar), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const s = m[1]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
    if (s.trim() !== '' && !s.includes('\0')) out.add(s);
  }
  return [...out];
}

const NAMES = ['X', 'Y', 'Z', 'T', 'M', 'D', 'r', 'r0', 'r1', 't0', 't1', 'x', 'y', 'P0', 'P1', '0:r0', '1:r1', 't0:r0', 'T[0]', 'T[9]'];
const NUMBERS = ['0', '1', '2', '-1', '255', '256', '0xff', '1_000', '42usize', '340282366920938463463374607431768211456', '010'];
const C_WHOLE = ['memory_order_relaxed', 'memory_order_acquire', 'memory_order_release', 'memory_order_acq_rel', 'memory_order_seq_cst', 'atomic_fetch_add_explicit', 'atomic_compare_exchange_strong_explicit', 'atomic_int*', 'volatile int*'];

/** The vocabulary of each dialect. */
export function vocabularies(): { readonly rust: string[]; readonly c: string[] } {
  return {
    rust: [...terminals('litmus.ohm'), ...NAMES, ...NUMBERS],
    c: [...terminals('c-litmus.ohm'), ...C_WHOLE, ...NAMES, ...NUMBERS],
  };
}

/** Valid litmus files to mutate: the catalogue and the CLI fixtures, plus `extra` folders. */
export function seedCorpus(extra: readonly string[] = []): string[] {
  const root = repoRoot();
  const files: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.litmus')) files.push(p);
    }
  };
  for (const d of ['litmus', 'test/cli/fixtures', 'test/cli/fixtures-b', 'test/syntax/examples']) walk(join(root, d));
  for (const d of extra) walk(d);
  return files.map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 20_000 && parseLitmus(t, 'seed.litmus').ok);
}

const SPACE = [' ', ' ', ' ', '\n', '\r\n', '\t', '', ' // c\n', ' /* c */ ', ' (* c *) '];

/** Random text, with or without a header. */
export function randomText(): fc.Arbitrary<string> {
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
  );
  return fc.tuple(fc.constantFrom('', 'Rust R\n', 'C R\n', 'Rust R\nthread t {\n', 'C R\n{}\nP0 (atomic_int* x) {\n'), body).map(([h, b]) => h + b);
}

/** Random token sequences of one dialect's vocabulary. */
export function randomTokens(vocab: { rust: string[]; c: string[] }): fc.Arbitrary<string> {
  const seq = (header: string, words: string[]) =>
    fc
      .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...SPACE)), { maxLength: 80 })
      .map((ts) => header + ts.map(([w, s]) => w + s).join(''));
  return fc.oneof(seq('Rust R\n', vocab.rust), seq('C R\n', vocab.c), seq('Rust R\nstatic X: AtomicUsize = 0;\nthread t0 {\n', vocab.rust));
}

/** One edit of a mutation; indices are taken modulo the current length. */
type Edit =
  | { readonly k: 'delTok' | 'dupTok'; readonly a: number }
  | { readonly k: 'swapTok'; readonly a: number; readonly b: number }
  | { readonly k: 'insTok'; readonly a: number; readonly w: string }
  | { readonly k: 'delLine' | 'dupLine'; readonly a: number }
  | { readonly k: 'swapLine'; readonly a: number; readonly b: number }
  | { readonly k: 'truncate'; readonly a: number };

const TOKEN = /\s+|\/\/[^\n]*|[A-Za-z_][A-Za-z0-9_]*|\d+|::|==|!=|<=|>=|&&|\|\||\/\\|\\\/|\+=|-=|\S/g;

/** Applies edits to a text. */
export function mutate(text: string, edits: readonly Edit[]): string {
  let s = text;
  for (const e of edits) {
    if (e.k === 'delLine' || e.k === 'dupLine' || e.k === 'swapLine') {
      const lines = s.split('\n');
      const a = e.a % lines.length;
      if (e.k === 'delLine') lines.splice(a, 1);
      else if (e.k === 'dupLine') lines.splice(a, 0, lines[a]!);
      else if (e.k === 'swapLine') {
        const b = e.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      s = lines.join('\n');
      continue;
    }
    if (e.k === 'truncate') {
      s = s.slice(0, e.a % (s.length + 1));
      continue;
    }
    const toks = s.match(TOKEN) ?? [];
    if (toks.length === 0) continue;
    const a = e.a % toks.length;
    if (e.k === 'delTok') toks.splice(a, 1);
    else if (e.k === 'dupTok') toks.splice(a, 0, toks[a]!);
    else if (e.k === 'insTok') toks.splice(a, 0, e.w);
    else if (e.k === 'swapTok') {
      const b = e.b % toks.length;
      [toks[a], toks[b]] = [toks[b]!, toks[a]!];
    }
    s = toks.join('');
  }
  return s;
}

/** Mutations of the corpus files: 1 to 4 edits each. */
export function mutations(corpus: readonly string[], vocab: { rust: string[]; c: string[] }): fc.Arbitrary<string> {
  const n = fc.nat({ max: 100_000 });
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ k: fc.constantFrom('delTok' as const, 'dupTok' as const), a: n }),
    fc.record({ k: fc.constant('swapTok' as const), a: n, b: n }),
    fc.record({ k: fc.constant('insTok' as const), a: n, w: fc.constantFrom(...vocab.rust, ...vocab.c) }),
    fc.record({ k: fc.constantFrom('delLine' as const, 'dupLine' as const), a: n }),
    fc.record({ k: fc.constant('swapLine' as const), a: n, b: n }),
    fc.record({ k: fc.constant('truncate' as const), a: n }),
  );
  return fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([i, edits]) => mutate(corpus[i]!, edits));
}

/** Every kind of input, mixed. */
export function parserInputs(corpus: readonly string[]): fc.Arbitrary<string> {
  const vocab = vocabularies();
  return fc.oneof(
    { weight: 2, arbitrary: randomText() },
    { weight: 3, arbitrary: randomTokens(vocab) },
    { weight: 5, arbitrary: mutations(corpus, vocab) },
  );
}

/** Line count and the length (in code points) of each line, as diagnostics count them. */
function lineLengths(text: string): number[] {
  return text.split('\n').map((l, i) => {
    const shown = i === 0 && l.charCodeAt(0) === 0xfeff ? l.slice(1) : l;
    return [...shown].length;
  });
}

/** Throws, with a reason, when a diagnostic points outside the file. */
export function checkPosition(d: Diagnostic, text: string): void {
  if (d.start === null || d.end === null) {
    if (!WHOLE_FILE.has(d.code)) throw new Error(`${d.code} has no position: ${d.message}`);
    return;
  }
  const lengths = lineLengths(text);
  for (const [what, p] of [['start', d.start], ['end', d.end]] as const) {
    const len = lengths[p.line - 1];
    if (!Number.isInteger(p.line) || len === undefined || p.line < 1) throw new Error(`${d.code} ${what} line ${p.line} is outside the file (${lengths.length} lines)`);
    // a column may point just past the end of its line (a missing `;`, the end of the file);
    // a `\r` before the `\n` counts as part of the line here
    if (!Number.isInteger(p.column) || p.column < 1 || p.column > len + 1) throw new Error(`${d.code} ${what} column ${p.column} is outside line ${p.line} (${len} characters)`);
  }
  if (d.end.offset < d.start.offset) throw new Error(`${d.code} ends before it starts`);
}

/** The parser property: throws (a counterexample) on any violation. */
export function parserProperty(text: string): void {
  const parsed = parseLitmus(text, 'fuzz.litmus');
  let ds: readonly Diagnostic[];
  if (parsed.ok) {
    const lowered = lower(parsed.file, parsed.source);
    ds = lowered.ok ? [] : lowered.diagnostics;
  } else ds = parsed.diagnostics;
  if (!parsed.ok && ds.length === 0) throw new Error('rejected without a diagnostic');
  for (const d of ds) {
    checkPosition(d, text);
    renderDiagnostic(d, text);
  }
}

/** Limits for the pipeline property: every run ends quickly, complete or not. */
export const PIPELINE_LIMITS = { maxExecutions: 300, timeoutMs: 1000, unroll: 3 } as const;

/** The pipeline property: whatever parses is checked and reported, never crashing. */
export function pipelineProperty(text: string): void {
  const s = runInProcess('fuzz.litmus', text, PIPELINE_LIMITS);
  if (s.exit === 70) throw new Error(`internal error: ${s.stderr}`);
  if (s.exit !== 2 && s.stdout === '') throw new Error('checked, but no report');
  if (s.exit === 2 && s.stderr === '') throw new Error('rejected, but no diagnostic');
}

/** A program of the corpus and a proposition to ask about it. */
export interface PropositionInput {
  readonly program: number;
  readonly text: string;
}

/** Propositions: random text, tokens, and mutated conditions of the corpus files. */
export function propositionInputs(corpus: readonly string[]): fc.Arbitrary<PropositionInput> {
  const vocab = vocabularies();
  const conditions = corpus.map((t) => /(?:^|\n)\s*(?:~\s*exists|not exists|exists|forall)\s*([^\n]*(?:\n[^\n]*){0,2})/.exec(t)?.[1] ?? 'true');
  const n = fc.nat({ max: 100_000 });
  const edit = fc.oneof(
    fc.record({ k: fc.constantFrom('delTok' as const, 'dupTok' as const), a: n }),
    fc.record({ k: fc.constant('swapTok' as const), a: n, b: n }),
    fc.record({ k: fc.constant('insTok' as const), a: n, w: fc.constantFrom(...vocab.rust, ...vocab.c) }),
    fc.record({ k: fc.constant('truncate' as const), a: n }),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...vocab.rust, ...vocab.c, ' ', ' '), { maxLength: 20 }).map((ts) => ts.join(' ')),
    fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { maxLength: 3 })).map(([i, es]) => mutate(conditions[i]!, es)),
  );
  return fc.record({ program: fc.nat({ max: corpus.length - 1 }), text });
}

/** The proposition property; `programs` are the corpus files, lowered. */
export function propositionProperty(programs: readonly Program[], input: PropositionInput): void {
  const program = programs[input.program % programs.length]!;
  const parsed = parseProposition(input.text, program.dialect, '<outcome>');
  let ds: readonly Diagnostic[];
  if (parsed.ok) {
    const lowered = lowerProposition(program, parsed.cond, parsed.source);
    ds = lowered.ok ? [] : lowered.diagnostics;
  } else ds = parsed.diagnostics;
  if (!parsed.ok && ds.length === 0) throw new Error('rejected without a diagnostic');
  for (const d of ds) {
    checkPosition(d, input.text);
    renderDiagnostic(d, input.text);
  }
}

/** The corpus files, lowered (they all parse; those that do not lower are left out). */
export function loweredCorpus(corpus: readonly string[]): Program[] {
  const out: Program[] = [];
  for (const t of corpus) {
    const p = parseLitmus(t, 'seed.litmus');
    if (!p.ok) continue;
    const l = lower(p.file, p.source);
    if (l.ok) out.push(l.program);
  }
  return out;
}
