/**
 * The formatter of the native dialect (`ordo fmt`): prints an AST in the canonical layout —
 * 4-space indent, one statement per line, spaces around binary operators, the fewest
 * parentheses the precedence allows, a blank line between sections and between threads — and
 * keeps every comment and the blank lines the parser recorded (see trivia.ts for where comments
 * attach). Parsing the output gives the same tree (ids and spans aside), and formatting is
 * idempotent; test/syntax/fmt-rust*.test.ts checks both on random trees.
 */
import type {
  Cond, CondTerm, Condition, Expectation, Expr, Initializer, LitmusFile, LocationDecl, LocationRef,
  LocationType, ObservedItem, Stmt, ThreadDecl, Trivia,
} from '../ast.js';

const INDENT = '    ';

/** Prints a native-dialect file. */
export function formatRust(file: LitmusFile): string {
  const sections: string[][] = [];
  const head = [`Rust ${file.name}`];
  if (file.doc !== null) head.push(docString(file.doc));
  sections.push(head);
  if (file.locations.length > 0) sections.push(file.locations.flatMap((d, i) => withTrivia(declaration(d), d.trivia, '', i > 0)));
  for (const t of file.threads) sections.push(withTrivia(thread(t), t.trivia, '', false));
  const final: string[] = [];
  if (file.observed) final.push(`locations [${file.observed.map(observedItem).join(', ')}]`);
  if (file.filter) final.push(`filter (${cond(file.filter, 0)})`);
  if (file.condition) final.push(...withTrivia(condition(file.condition), file.condition.trivia, '', false));
  if (final.length > 0) sections.push(final);
  if (file.expectations.length > 0) sections.push(['expect {', ...file.expectations.map((e) => `${INDENT}${expectation(e)},`), '}']);
  if (file.trailingComments.length > 0) sections.push([...file.trailingComments]);
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** `lines` (a node printed without its trivia) with its blank line and comments around it. */
function withTrivia(lines: string[], trivia: Trivia | undefined, indent: string, blankAllowed: boolean): string[] {
  if (!trivia) return lines.map((l) => indent + l);
  const out: string[] = [];
  if (trivia.blankBefore && blankAllowed) out.push('');
  for (const c of trivia.leading) out.push(indent + c);
  lines.forEach((l, i) => out.push(indent + l + (i === lines.length - 1 && trivia.trailing !== null ? ` ${trivia.trailing}` : '')));
  return out;
}

/** A doc string: quotes and backslashes escaped, line breaks and tabs kept as they are. */
function docString(doc: string): string {
  return `"${doc.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function declaration(d: LocationDecl): string[] {
  const type = d.type ? `: ${locationType(d.type)}` : '';
  const isBool = d.type !== null && d.type.kind !== 'mutex' && (d.type.kind === 'array' ? d.type.element : d.type).int.name === 'bool';
  const init = d.init ? ` = ${initializer(d.init, isBool)}` : '';
  return [`static ${d.name}${type}${init};`];
}

function locationType(t: LocationType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'array':
      return `[${t.element.name}; ${count(t.length)}]`;
    case 'mutex':
      return 'Mutex';
    default: {
      const never: never = t;
      throw new Error(`unknown type ${JSON.stringify(never)}`);
    }
  }
}

function initializer(init: Initializer, isBool: boolean): string {
  const v = (x: bigint): string => (isBool && (x === 0n || x === 1n) ? String(x === 1n) : String(x));
  switch (init.kind) {
    case 'value':
      return v(init.value);
    case 'list':
      return `[${init.values.map(v).join(', ')}]`;
    case 'repeat':
      return `[${v(init.value)}; ${count(init.count)}]`;
    default: {
      const never: never = init;
      throw new Error(`unknown initializer ${JSON.stringify(never)}`);
    }
  }
}

/** A length, count or index: numbers beyond 2^53 print as the integer they hold. */
function count(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return Number.isFinite(n) ? BigInt(n).toString() : `1${'0'.repeat(309)}`;
}

function thread(t: ThreadDecl): string[] {
  return block(`thread ${t.name} `, t.body, '');
}

/** `head{`, the statements, `}` — or `head{}` when empty. */
function block(head: string, body: readonly Stmt[], tail: string): string[] {
  if (body.length === 0) return [`${head}{}${tail}`];
  return [`${head}{`, ...statements(body), `}${tail}`];
}

function statements(body: readonly Stmt[]): string[] {
  return body.flatMap((s, i) => withTrivia(statement(s), s.trivia, INDENT, i > 0));
}

function statement(s: Stmt): string[] {
  switch (s.kind) {
    case 'let':
      return [`let ${s.mutable ? 'mut ' : ''}${s.name} = ${expr(s.init!, 0)};`];
    case 'assign':
      return [`${s.name} ${s.op ?? ''}= ${expr(s.value, 0)};`];
    case 'write':
      return [`${loc(s.loc)} = ${expr(s.value, 0)};`];
    case 'store':
      return [`${loc(s.loc)}.store(${expr(s.value, 0)}, ${s.ordering});`];
    case 'expr':
      return [`${expr(s.expr, 0)};`];
    case 'fence':
      return [`fence(${s.ordering});`];
    case 'lock':
      return [`${loc(s.mutex)}.lock();`];
    case 'unlock':
      return [`${loc(s.mutex)}.unlock();`];
    case 'if':
      return ifStatement(s, '');
    case 'while':
      return block(`while ${expr(s.cond, 0)} `, s.body, '');
    case 'loop':
      return block('loop ', s.body, '');
    case 'for':
      return block(`for ${s.var} in ${s.from}${s.inclusive ? '..=' : '..'}${s.to} `, s.body, '');
    case 'break':
      return ['break;'];
    case 'continue':
      return ['continue;'];
    case 'assert':
      return [`${s.form}!(${s.args.map((a) => expr(a, 0)).join(', ')});`];
    case 'assume':
      return [`assume!(${expr(s.cond, 0)});`];
    default: {
      const never: never = s;
      throw new Error(`unknown statement ${JSON.stringify(never)}`);
    }
  }
}

/** `if`, with `else if` for an else branch holding only an `if` that carries no comment. */
function ifStatement(s: Stmt & { kind: 'if' }, prefix: string): string[] {
  const lines = block(`${prefix}if ${expr(s.cond, 0)} `, s.then, '');
  if (s.else === null) return lines;
  const last = lines.pop()!;
  const only = s.else.length === 1 ? s.else[0]! : null;
  if (only && only.kind === 'if' && !only.trivia) return [...lines, ...ifStatement(only, `${last} else `)];
  return [...lines, ...block(`${last} else `, s.else, '')];
}

// Expression precedence, loosest first; a child is parenthesised when it binds more loosely.
const PREC: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '|': 4, '^': 5, '&': 6, '<<': 7, '>>': 7, '+': 8, '-': 8, '*': 9, '/': 9, '%': 9,
};
const COMPARISON = 3;
const UNARY = 10;
const POSTFIX = 11;
const ATOM = 12;

function precedence(e: Expr): number {
  if (e.kind === 'binary') return PREC[e.op]!;
  if (e.kind === 'unary') return UNARY;
  if (e.kind === 'method') return POSTFIX;
  return ATOM;
}

/** Prints `e`, in parentheses when its precedence is below `min`. */
function expr(e: Expr, min: number): string {
  const text = bareExpr(e);
  return precedence(e) < min ? `(${text})` : text;
}

function bareExpr(e: Expr): string {
  switch (e.kind) {
    case 'int':
      return String(e.value);
    case 'bool':
      return String(e.value);
    case 'reg':
      return e.name;
    case 'read':
      return loc(e.loc);
    case 'load':
      return `${loc(e.loc)}.load(${e.ordering})`;
    case 'swap':
      return `${loc(e.loc)}.swap(${expr(e.value, 0)}, ${e.ordering})`;
    case 'fetch':
      return `${loc(e.loc)}.fetch_${e.op}(${expr(e.value, 0)}, ${e.ordering})`;
    case 'cas':
      return `${loc(e.loc)}.compare_exchange${e.weak ? '_weak' : ''}(${expr(e.expected, 0)}, ${expr(e.desired, 0)}, ${e.success}, ${e.failure})`;
    case 'unary':
      return `${e.op}${expr(e.arg, UNARY)}`;
    case 'binary': {
      const p = PREC[e.op]!;
      // comparisons do not chain: a comparison on the left needs parentheses too
      const left = expr(e.left, p === COMPARISON ? p + 1 : p);
      return `${left} ${e.op} ${expr(e.right, p + 1)}`;
    }
    case 'result':
      return `${e.ok ? 'Ok' : 'Err'}(${expr(e.value, 0)})`;
    case 'method':
      return e.method === 'unwrap_or_else_identity'
        ? `${expr(e.target, POSTFIX)}.unwrap_or_else(|v| v)`
        : `${expr(e.target, POSTFIX)}.${e.method}()`;
    case 'ccas':
    case 'addUnless':
      throw new Error(`the native dialect has no \`${e.kind}\` expression (a C-only construct)`);
    default: {
      const never: never = e;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

function loc(l: LocationRef): string {
  return l.index === null ? l.name : `${l.name}[${expr(l.index, 0)}]`;
}

function observedItem(o: ObservedItem): string {
  return o.kind === 'reg' ? `${o.thread}:${o.name}` : o.index === null ? o.name : `${o.name}[${count(o.index)}]`;
}

function condition(c: Condition): string[] {
  const q = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  return [`${q} (${cond(c.prop, 0)})`];
}

// Condition precedence: `||` < `&&` < `!` < atoms.
const COND_PREC = { or: 1, and: 2, implies: 0, not: 3 } as const;

function cond(c: Cond, min: number): string {
  const p = c.kind in COND_PREC ? COND_PREC[c.kind as keyof typeof COND_PREC] : 4;
  const text = bareCond(c);
  return p < min ? `(${text})` : text;
}

function bareCond(c: Cond): string {
  switch (c.kind) {
    case 'true':
    case 'false':
      return c.kind;
    case 'compare':
      return `${term(c.left)} ${c.op} ${term(c.right)}`;
    case 'term':
      return term(c.term);
    case 'not':
      // `!` reads a whole comparison (`!a == b` is `!(a == b)`); the parentheses say so
      return `!${c.arg.kind === 'compare' ? `(${bareCond(c.arg)})` : cond(c.arg, COND_PREC.not)}`;
    case 'and':
      return `${cond(c.left, 2)} && ${cond(c.right, 3)}`;
    case 'or':
      return `${cond(c.left, 1)} || ${cond(c.right, 2)}`;
    case 'implies':
      throw new Error('the native dialect has no `=>` (a C-only construct)');
    default: {
      const never: never = c;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

function term(t: CondTerm): string {
  switch (t.kind) {
    case 'int':
      return String(t.value);
    case 'bool':
      return String(t.value);
    case 'reg':
      return `${t.thread}:${t.name}`;
    case 'loc':
      return t.index === null ? t.name : `${t.name}[${count(t.index)}]`;
    case 'result':
      return `${t.ok ? 'Ok' : 'Err'}(${t.value})`;
    case 'method':
      return `${term(t.target)}.${t.method}()`;
    default: {
      const never: never = t;
      throw new Error(`unknown term ${JSON.stringify(never)}`);
    }
  }
}

function expectation(e: Expectation): string {
  const mode = e.mode === 'as-written' ? '' : `/${e.mode}`;
  return `${e.model}${mode}: ${e.observation}${e.race ? ' + race' : ''}${e.fault ? ' + panic' : ''}`;
}
