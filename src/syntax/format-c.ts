/**
 * `formatC`: prints an AST as a canonical herd7 C litmus file, the `fmt` of the C dialect.
 *
 * The output parses back to the same tree (ids and spans aside), comments included, and
 * formatting it again gives the same text. The canonical choices (docs/c-dialect.md, "The C
 * dialect") are: atomics always in their `_explicit` form; herd's layout (header, doc, key=value
 * lines, a blank line, the init block, threads separated by blank lines, then the clauses);
 * two-space indentation; braces around every `if`/`else`/`while` body; the fewest parentheses
 * that keep the tree; conditions as herd prints them (`[x]=1 /\ 0:r0=2`).
 *
 * Nodes the C dialect cannot express (Rust-only kinds such as `loop` or `Ok(e)`) are bugs of the
 * caller: formatC throws on them.
 */
import type {
  Cond, CondTerm, Condition, Expectation, Expr, LitmusFile, LocationDecl, LocationRef, Ordering,
  RegisterInit, Stmt, ThreadDecl, Trivia,
} from '../ast.js';
import {
  C_BINARY_PRECEDENCE, C_PRIMARY_PRECEDENCE, C_UNARY_PRECEDENCE, PROP_ATOM_PRECEDENCE, PROP_NOT_PRECEDENCE,
  PROP_PRECEDENCE,
} from './c-operators.js';

const INDENT = '  ';
/** An init block fitting on one line of this length is printed on one line. */
const INIT_LINE = 100;

const ORDERING_NAMES: Readonly<Record<Ordering, string>> = {
  Relaxed: 'memory_order_relaxed',
  Consume: 'memory_order_consume',
  Acquire: 'memory_order_acquire',
  Release: 'memory_order_release',
  AcqRel: 'memory_order_acq_rel',
  SeqCst: 'memory_order_seq_cst',
};

function unsupported(what: string): never {
  throw new Error(`formatC: ${what} cannot be written in the C dialect`);
}

/** Prints `ast` as a C litmus file (ending with a newline). */
export function formatC(ast: LitmusFile): string {
  const out: string[] = [`C ${ast.name}`];
  if (ast.doc !== null) out.push(`"${ast.doc}"`);
  for (const m of ast.meta) out.push(`${m.key}=${m.value}`);
  out.push('');
  initBlock(out, ast.locations, ast.registerInits);
  for (const t of ast.threads) {
    out.push('');
    thread(out, t);
  }
  const clauses = clauseLines(ast);
  if (clauses.length > 0) out.push('', ...clauses);
  if (ast.trailingComments.length > 0) out.push('', ...ast.trailingComments);
  return out.join('\n') + '\n';
}

// ---- comments ------------------------------------------------------------------------------

/** Blank line and leading comments of a node, at `indent`. */
function leading(out: string[], trivia: Trivia | undefined, indent: string): void {
  if (!trivia) return;
  if (trivia.blankBefore) out.push('');
  for (const c of trivia.leading) out.push(indent + c);
}

/** `line`, followed by the node's trailing comment. */
function trailing(line: string, trivia: Trivia | undefined): string {
  return trivia?.trailing ? `${line} ${trivia.trailing}` : line;
}

// ---- init block ----------------------------------------------------------------------------

function initEntry(e: LocationDecl | RegisterInit): string {
  if (e.kind === 'registerInit') return `${e.thread}:${e.register} = ${e.value};`;
  if (e.type && e.type.kind !== 'scalar') unsupported(`a location of type ${e.type.kind}`);
  if (e.init && e.init.kind !== 'value') unsupported(`an initialiser list`);
  const decl = e.type ? `${e.type.name} ${e.name}` : e.name;
  if (!e.init) return `${decl};`;
  const value = e.type?.name === 'atomic_t' ? `ATOMIC_INIT(${e.init.value})` : `${e.init.value}`;
  return `${decl} = ${value};`;
}

/**
 * The init block: on one line when no entry carries comments, else one entry per line. Comments
 * above the first entry are printed above the `{` (that is where the header's comments go).
 */
function initBlock(out: string[], locations: readonly LocationDecl[], regs: readonly RegisterInit[]): void {
  const entries = [...locations, ...regs];
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  const first = entries[0]!;
  for (const c of first.trivia?.leading ?? []) out.push(c);
  const texts = entries.map(initEntry);
  const commented = entries.some((e, i) => e.trivia && (e.trivia.trailing || (i > 0 && (e.trivia.leading.length > 0 || e.trivia.blankBefore))));
  const oneLine = `{ ${texts.join(' ')} }`;
  if (!commented && oneLine.length <= INIT_LINE) {
    out.push(oneLine);
    return;
  }
  out.push('{');
  entries.forEach((e, i) => {
    if (i > 0) leading(out, e.trivia, INDENT);
    out.push(trailing(INDENT + texts[i]!, e.trivia));
  });
  out.push('}');
}

// ---- threads and statements ------------------------------------------------------------------

function thread(out: string[], t: ThreadDecl): void {
  leading(out, t.trivia && { ...t.trivia, blankBefore: false }, '');
  const params = t.params.map((p) => `${p.ctype}* ${p.name}`).join(', ');
  out.push(`${t.name} (${params}) {`);
  block(out, t.body, INDENT);
  out.push(trailing('}', t.trivia));
}

function block(out: string[], body: readonly Stmt[], indent: string): void {
  for (const s of body) stmt(out, s, indent);
}

function stmt(out: string[], s: Stmt, indent: string): void {
  leading(out, s.trivia, indent);
  const line = (text: string): void => {
    out.push(trailing(indent + text, s.trivia));
  };
  switch (s.kind) {
    case 'let':
      return line(`${s.ctype ?? 'int'} ${s.name}${s.init ? ` = ${expr(s.init)}` : ''};`);
    case 'assign':
      return line(`${s.name} ${s.op ?? ''}= ${expr(s.value)};`);
    case 'write':
      return line(`*${loc(s.loc)} = ${expr(s.value)};`);
    case 'store':
      return line(`atomic_store_explicit(${loc(s.loc)}, ${expr(s.value)}, ${ORDERING_NAMES[s.ordering]});`);
    case 'fence':
      return line(`atomic_thread_fence(${ORDERING_NAMES[s.ordering]});`);
    case 'expr':
      return line(`${expr(s.expr)};`);
    case 'if': {
      out.push(`${indent}if (${expr(s.cond)}) {`);
      block(out, s.then, indent + INDENT);
      let rest = s.else;
      // `else { if ... }` with nothing else in it, and no comments of its own, is `else if`
      while (rest && rest.length === 1 && rest[0]!.kind === 'if' && !rest[0]!.trivia) {
        const inner: Extract<Stmt, { kind: 'if' }> = rest[0]!;
        out.push(`${indent}} else if (${expr(inner.cond)}) {`);
        block(out, inner.then, indent + INDENT);
        rest = inner.else;
      }
      if (rest) {
        out.push(`${indent}} else {`);
        block(out, rest, indent + INDENT);
      }
      return line('}');
    }
    case 'while':
      out.push(`${indent}while (${expr(s.cond)}) {`);
      block(out, s.body, indent + INDENT);
      return line('}');
    case 'lock':
    case 'unlock':
    case 'loop':
    case 'for':
    case 'break':
    case 'continue':
    case 'assert':
    case 'assume':
      return unsupported(`a \`${s.kind}\` statement`);
    default: {
      const never: never = s;
      return never;
    }
  }
}

// ---- expressions ---------------------------------------------------------------------------

function loc(l: LocationRef): string {
  if (l.index !== null) unsupported('an indexed location');
  return l.name;
}

/** `e`, parenthesised when it binds looser than `min`. */
function expr(e: Expr, min = 0): string {
  const [text, prec] = exprPrec(e);
  return prec < min ? `(${text})` : text;
}

function exprPrec(e: Expr): readonly [string, number] {
  const call = (f: string, ...args: string[]): readonly [string, number] => [`${f}(${args.join(', ')})`, C_PRIMARY_PRECEDENCE];
  switch (e.kind) {
    case 'int':
      return e.value < 0n ? [`-${-e.value}`, C_UNARY_PRECEDENCE] : [`${e.value}`, C_PRIMARY_PRECEDENCE];
    case 'reg':
      return [e.name, C_PRIMARY_PRECEDENCE];
    case 'read':
      return [`*${loc(e.loc)}`, C_UNARY_PRECEDENCE];
    case 'load':
      return call('atomic_load_explicit', loc(e.loc), ORDERING_NAMES[e.ordering]);
    case 'swap':
      return call('atomic_exchange_explicit', loc(e.loc), expr(e.value), ORDERING_NAMES[e.ordering]);
    case 'fetch':
      if (!['add', 'sub', 'or', 'xor', 'and'].includes(e.op)) unsupported(`fetch_${e.op}`);
      return call(`atomic_fetch_${e.op}_explicit`, loc(e.loc), expr(e.value), ORDERING_NAMES[e.ordering]);
    case 'ccas': {
      const exp = e.expected.kind === 'register' ? `&${e.expected.name}` : loc(e.expected.loc);
      const f = `atomic_compare_exchange_${e.weak ? 'weak' : 'strong'}_explicit`;
      return call(f, loc(e.loc), exp, expr(e.desired), ORDERING_NAMES[e.success], ORDERING_NAMES[e.failure]);
    }
    case 'addUnless':
      return call('__atomic_add_unless{mb}', loc(e.loc), expr(e.add), expr(e.unless));
    case 'unary': {
      const arg = expr(e.arg, C_UNARY_PRECEDENCE);
      // `- -x` would read as the decrement `--x` to a C reader
      return [e.op === '-' && arg.startsWith('-') ? `-(${arg})` : `${e.op}${arg}`, C_UNARY_PRECEDENCE];
    }
    case 'binary': {
      const p = C_BINARY_PRECEDENCE[e.op];
      return [`${expr(e.left, p)} ${e.op} ${expr(e.right, p + 1)}`, p];
    }
    case 'bool':
    case 'cas':
    case 'result':
    case 'method':
      return unsupported(`a \`${e.kind}\` expression`);
    default: {
      const never: never = e;
      return never;
    }
  }
}

// ---- clauses after the threads ------------------------------------------------------------------

function clauseLines(ast: LitmusFile): string[] {
  const lines: string[] = [];
  if (ast.observed) {
    const items = ast.observed.map((o) => (o.kind === 'reg' ? `${o.thread}:${o.name};` : `${observedLoc(o.name, o.index)};`));
    lines.push(`locations [${items.join(' ')}]`);
  }
  if (ast.filter) lines.push(`filter (${prop(ast.filter)})`);
  lines.push(...ast.verbatim);
  if (ast.condition) condition(lines, ast.condition);
  if (ast.expectations.length > 0) lines.push(`expect { ${ast.expectations.map(expectation).join(', ')} }`);
  return lines;
}

function observedLoc(name: string, index: number | null): string {
  if (index !== null) unsupported('an indexed location');
  return name;
}

function condition(lines: string[], c: Condition): void {
  leading(lines, c.trivia && { ...c.trivia, blankBefore: false }, '');
  const q = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  lines.push(trailing(`${q} (${prop(c.prop)})`, c.trivia));
}

function expectation(e: Expectation): string {
  const mode = e.mode === 'as-written' ? '' : `/${e.mode}`;
  return `${e.model}${mode}: ${e.observation}${e.race ? ' + race' : ''}${e.fault ? ' + panic' : ''}`;
}

/** A proposition in herd's syntax, parenthesised when it binds looser than `min`. */
function prop(p: Cond, min = 0): string {
  const [text, prec] = propPrec(p);
  return prec < min ? `(${text})` : text;
}

function propPrec(p: Cond): readonly [string, number] {
  switch (p.kind) {
    case 'true':
    case 'false':
      return [p.kind, PROP_ATOM_PRECEDENCE];
    case 'compare': {
      const op = p.op === '==' ? '=' : p.op === '!=' ? '!=' : unsupported(`the comparison ${p.op} in a condition`);
      return [`${term(p.left)}${op}${term(p.right)}`, PROP_ATOM_PRECEDENCE];
    }
    case 'term':
      return unsupported('a bare term in a condition');
    case 'not':
      return [`~${prop(p.arg, PROP_NOT_PRECEDENCE)}`, PROP_NOT_PRECEDENCE];
    case 'or':
    case 'and': {
      const op = p.kind === 'or' ? '\\/' : '/\\';
      const prec = PROP_PRECEDENCE[op];
      return [`${prop(p.left, prec)} ${op} ${prop(p.right, prec + 1)}`, prec];
    }
    case 'implies': {
      const prec = PROP_PRECEDENCE['=>'];
      return [`${prop(p.left, prec + 1)} => ${prop(p.right, prec)}`, prec];
    }
    default: {
      const never: never = p;
      return never;
    }
  }
}

function term(t: CondTerm): string {
  switch (t.kind) {
    case 'int':
      return `${t.value}`;
    case 'reg':
      return `${t.thread}:${t.name}`;
    case 'loc':
      return `[${observedLoc(t.name, t.index)}]`;
    case 'bool':
    case 'result':
    case 'method':
      return unsupported(`a \`${t.kind}\` term in a condition`);
    default: {
      const never: never = t;
      return never;
    }
  }
}
