/**
 * Which registers live only inside a loop body. Spin detection (semantics.md, "Spin loops")
 * compares the registers that outlive an iteration before and after it: a register declared and
 * used only inside the loop is dead at the back edge, so its changing value does not make the
 * iteration productive. Everything else, including registers the final condition names, counts.
 */
import type { Expr, NodeId, Stmt } from '../ast.js';

export interface RegisterScopes {
  /** Registers declared by the thread (`let`, `for`), in first-declaration order. */
  readonly names: readonly string[];
  /** Per loop (AST node id), the registers local to its body. */
  readonly loopLocal: ReadonlyMap<NodeId, ReadonlySet<string>>;
}

export function collectRegisterScopes(body: readonly Stmt[], observed: ReadonlySet<string>): RegisterScopes {
  const names: string[] = [];
  const seen = new Set<string>();
  /** For each register, the loop stacks of all its declarations and uses. */
  const occurrences = new Map<string, NodeId[][]>();
  const loops: NodeId[] = [];
  const stack: NodeId[] = [];

  const note = (name: string, declares: boolean): void => {
    if (declares && !seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
    const list = occurrences.get(name) ?? [];
    list.push([...stack]);
    occurrences.set(name, list);
  };

  const expr = (e: Expr | null): void => {
    if (e === null) return;
    switch (e.kind) {
      case 'int':
      case 'bool':
        return;
      case 'reg':
        note(e.name, false);
        return;
      case 'read':
      case 'load':
        expr(e.loc.index);
        return;
      case 'swap':
      case 'fetch':
        expr(e.loc.index);
        expr(e.value);
        return;
      case 'cas':
        expr(e.loc.index);
        expr(e.expected);
        expr(e.desired);
        return;
      case 'ccas':
        expr(e.loc.index);
        if (e.expected.kind === 'register') note(e.expected.name, false);
        else expr(e.expected.loc.index);
        expr(e.desired);
        return;
      case 'addUnless':
        expr(e.loc.index);
        expr(e.add);
        expr(e.unless);
        return;
      case 'unary':
        expr(e.arg);
        return;
      case 'binary':
        expr(e.left);
        expr(e.right);
        return;
      case 'result':
        expr(e.value);
        return;
      case 'method':
        expr(e.target);
        return;
    }
  };

  const stmts = (ss: readonly Stmt[]): void => {
    for (const s of ss) {
      switch (s.kind) {
        case 'let':
          expr(s.init);
          note(s.name, true);
          break;
        case 'assign':
          expr(s.value);
          note(s.name, false);
          break;
        case 'write':
        case 'store':
          expr(s.loc.index);
          expr(s.value);
          break;
        case 'expr':
          expr(s.expr);
          break;
        case 'fence':
        case 'break':
        case 'continue':
          break;
        case 'lock':
        case 'unlock':
          expr(s.mutex.index);
          break;
        case 'if':
          expr(s.cond);
          stmts(s.then);
          if (s.else) stmts(s.else);
          break;
        case 'while':
          loops.push(s.id);
          stack.push(s.id);
          expr(s.cond);
          stmts(s.body);
          stack.pop();
          break;
        case 'loop':
          loops.push(s.id);
          stack.push(s.id);
          stmts(s.body);
          stack.pop();
          break;
        case 'for':
          loops.push(s.id);
          stack.push(s.id);
          note(s.var, true);
          stmts(s.body);
          stack.pop();
          break;
        case 'assert':
          s.args.forEach(expr);
          break;
        case 'assume':
          expr(s.cond);
          break;
      }
    }
  };
  stmts(body);

  const loopLocal = new Map<NodeId, Set<string>>();
  for (const loop of loops) {
    const local = new Set<string>();
    for (const [name, occ] of occurrences) {
      if (observed.has(name)) continue;
      if (occ.every((st) => st.includes(loop))) local.add(name);
    }
    loopLocal.set(loop, local);
  }
  return { names, loopLocal };
}
