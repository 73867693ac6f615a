/**
 * Lowers one thread's statements to instructions (expressions: lower-expr.ts), checking what
 * only the code can tell: Rust's ordering rules for stores and fences, declared and mutable
 * registers, loop placement of `break`/`continue`, and the lowering of loops, assertions and
 * mutexes.
 */
import type { NodeId, Stmt, ThreadDecl } from '../ast.js';
import { fenceMode, storeMode } from '../events/modes.js';
import type { LowerContext } from './context.js';
import type { LoopId, Operand, ThreadCode } from './ir.js';
import { fromBigInt, type RegValue } from './values.js';
import { checkConstant, checkOrdering, safe } from './checks.js';
import { registerNames } from './scopes.js';
import type { Ty } from './code-buffer.js';
import { c, ExprLowerer } from './lower-expr.js';

export { rangeNote } from './checks.js';

interface LoopFrame {
  readonly loop: LoopId;
  readonly breaks: number[];
  readonly continues: number[];
}

export class ThreadLowerer extends ExprLowerer {
  private readonly loops: LoopFrame[] = [];

  constructor(
    ctx: LowerContext,
    index: number,
    decl: ThreadDecl,
    initRegs: ReadonlyMap<string, RegValue>,
  ) {
    super(ctx, index, decl);
    for (const name of [...registerNames(decl.body), ...initRegs.keys()]) this.slotFor(name);
    this.userSlots = this.slotNames.length;
    this.tempTop = this.userSlots;
    for (const name of initRegs.keys()) this.declared.add(name);
    this.initValues = initRegs;
  }

  private readonly initValues: ReadonlyMap<string, RegValue>;

  lower(): ThreadCode {
    this.block(this.decl.body);
    this.emit({ op: 'halt' });
    const initRegs: RegValue[] = this.slotNames.map((n) => this.initValues.get(n) ?? 0);
    return { name: this.decl.name, index: this.index, code: this.code, slotNames: this.slotNames, initRegs };
  }

  private block(stmts: readonly Stmt[]): void {
    for (const s of stmts) {
      this.tempTop = this.userSlots;
      this.stmt(s);
    }
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'let': {
        const v = s.init === null ? { op: c(0), ty: 'int' as Ty } : this.expr(s.init);
        const r = this.slotFor(s.name);
        r.mutable = s.mutable || this.ctx.dialect === 'c';
        r.ty = v.ty;
        this.declared.add(s.name);
        this.emit({ op: 'move', dst: r.slot, src: v.op });
        return;
      }
      case 'assign': {
        const r = this.useReg(s.name, s.id);
        if (r && !r.mutable) {
          this.ctx.error('E0227', `cannot assign twice to immutable variable \`${s.name}\``, s.id, {
            help: [`consider making this binding mutable: \`let mut ${s.name}\``],
          });
        }
        let v = this.expr(s.value);
        if (s.op !== null && r) v = this.binary(s.op, { op: { k: 'r', slot: r.slot }, ty: r.ty }, v, s.id);
        if (r) {
          if (r.ty !== v.ty) this.mismatch(s.id, r.ty, v.ty);
          this.emit({ op: 'move', dst: r.slot, src: v.op });
        }
        return;
      }
      case 'write': {
        const addr = this.address(s.loc, 'plain', s.id);
        const v = this.intExpr(s.value);
        checkConstant(this.ctx, s.value, addr.entry);
        this.emit({ op: 'store', addr: addr.address, value: v, mode: 'na', site: this.ctx.site(s.id, this.index) });
        return;
      }
      case 'store': {
        checkOrdering(this.ctx, 'store', s.ordering, s.id);
        const addr = this.address(s.loc, 'atomic', s.id);
        const v = this.intExpr(s.value);
        checkConstant(this.ctx, s.value, addr.entry);
        this.emit({ op: 'store', addr: addr.address, value: v, mode: storeMode(safe(s.ordering, 'store')), site: this.ctx.site(s.id, this.index) });
        return;
      }
      case 'expr':
        this.expr(s.expr);
        return;
      case 'fence': {
        if (s.ordering === 'Relaxed' && this.ctx.dialect === 'rust') {
          this.ctx.errorAtWord('E0202', 'memory fences cannot have `Relaxed` ordering', s.id, 'Relaxed', {
            help: ['consider using ordering modes `Acquire`, `Release`, `AcqRel` or `SeqCst`'],
          });
        }
        this.emit({ op: 'fence', mode: fenceMode(s.ordering), site: this.ctx.site(s.id, this.index) });
        return;
      }
      case 'lock':
      case 'unlock': {
        const addr = this.address(s.mutex, 'mutex', s.id);
        this.emit({ op: s.kind, addr: addr.address, site: this.ctx.site(s.id, this.index) });
        return;
      }
      case 'if': {
        const cond = this.cond(s.cond);
        const br = this.emit({ op: 'branch', cond, ifFalse: -1 });
        this.block(s.then);
        if (s.else === null) {
          this.patch(br, this.code.length);
          return;
        }
        const jmp = this.emit({ op: 'jump', target: -1 });
        this.patch(br, this.code.length);
        this.block(s.else);
        this.patch(jmp, this.code.length);
        return;
      }
      case 'while':
      case 'loop':
        this.loopStmt(s);
        return;
      case 'for':
        this.forStmt(s);
        return;
      case 'break':
      case 'continue': {
        const frame = this.loops[this.loops.length - 1];
        if (!frame) {
          this.ctx.error('E0226', `\`${s.kind}\` outside of a loop`, s.id, { label: `cannot \`${s.kind}\` outside of a loop` });
          return;
        }
        (s.kind === 'break' ? frame.breaks : frame.continues).push(this.emit({ op: 'jump', target: -1 }));
        return;
      }
      case 'assert': {
        const site = this.ctx.site(s.id, this.index);
        let cond: Operand;
        if (s.form === 'assert') cond = this.cond(s.args[0]!);
        else {
          const v = this.binary(s.form === 'assert_eq' ? '==' : '!=', this.expr(s.args[0]!), this.expr(s.args[1]!), s.id);
          cond = v.op;
        }
        this.emit({ op: 'assert', cond, site });
        return;
      }
      case 'assume':
        this.emit({ op: 'assume', cond: this.cond(s.cond), site: this.ctx.site(s.id, this.index) });
        return;
      default:
        return assertNeverStmt(s);
    }
  }

  private newLoop(id: NodeId, bounded: boolean): LoopId {
    // Every named register counts, even one declared in the loop body: its final value is part
    // of an outcome (and `ordo why` may ask about it), so an iteration that changes it is not
    // a spin. Temporaries never outlive a statement.
    const outerRegs = [...this.regs.values()].map((r) => r.slot);
    this.ctx.loops.push({ thread: this.index, site: this.ctx.site(id, this.index), outerRegs, bounded });
    return this.ctx.loops.length - 1;
  }

  private loopStmt(s: Extract<Stmt, { kind: 'while' | 'loop' }>): void {
    const loop = this.newLoop(s.id, false);
    const head = this.emit({ op: 'loopHead', loop });
    let exitBranch = -1;
    if (s.kind === 'while') exitBranch = this.emit({ op: 'branch', cond: this.cond(s.cond), ifFalse: -1 });
    this.emit({ op: 'loopBody', loop });
    const frame: LoopFrame = { loop, breaks: [], continues: [] };
    this.loops.push(frame);
    this.block(s.body);
    this.loops.pop();
    const back = this.emit({ op: 'backEdge', loop, target: head });
    const exit = this.emit({ op: 'loopExit', loop });
    if (exitBranch >= 0) this.patch(exitBranch, exit);
    for (const b of frame.breaks) this.patch(b, exit);
    for (const k of frame.continues) this.patch(k, back);
  }

  private forStmt(s: Extract<Stmt, { kind: 'for' }>): void {
    const r = this.slotFor(s.var);
    r.mutable = false;
    r.ty = 'int';
    this.declared.add(s.var);
    this.emit({ op: 'const', dst: r.slot, value: fromBigInt(s.from) });
    const loop = this.newLoop(s.id, true);
    const head = this.emit({ op: 'loopHead', loop });
    const t = this.temp();
    this.emit({ op: 'binary', dst: t, fn: s.inclusive ? 'le' : 'lt', a: { k: 'r', slot: r.slot }, b: c(fromBigInt(s.to)), site: 0 });
    const exitBranch = this.emit({ op: 'branch', cond: { k: 'r', slot: t }, ifFalse: -1 });
    this.emit({ op: 'loopBody', loop });
    const frame: LoopFrame = { loop, breaks: [], continues: [] };
    this.loops.push(frame);
    this.block(s.body);
    this.loops.pop();
    const cont = this.emit({ op: 'binary', dst: r.slot, fn: 'add', a: { k: 'r', slot: r.slot }, b: c(1), site: 0 });
    this.emit({ op: 'backEdge', loop, target: head });
    const exit = this.emit({ op: 'loopExit', loop });
    this.patch(exitBranch, exit);
    for (const b of frame.breaks) this.patch(b, exit);
    for (const k of frame.continues) this.patch(k, cont);
  }

}

function assertNeverStmt(s: never): never {
  throw new Error(`internal error: unexpected statement ${JSON.stringify(s)}`);
}
