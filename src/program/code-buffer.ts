/**
 * The code buffer under a thread's lowering: instructions with forward jumps patched later,
 * register slots (named ones first, then temporaries reused per statement) and the register
 * checks every statement needs (declared before use, result vs integer types).
 */
import type { NodeId, ThreadDecl } from '../ast.js';
import type { LowerContext } from './context.js';
import type { Instr, Slot } from './ir.js';

export type Ty = 'int' | 'result';
export interface RegInfo {
  readonly slot: Slot;
  mutable: boolean;
  ty: Ty;
}

export abstract class CodeBuffer {
  protected readonly code: Instr[] = [];
  protected readonly slotNames: string[] = [];
  protected readonly regs = new Map<string, RegInfo>();
  protected readonly declared = new Set<string>();
  private readonly reportedUnknown = new Set<string>();
  protected userSlots = 0;
  protected tempTop = 0;

  constructor(
    protected readonly ctx: LowerContext,
    protected readonly decl: ThreadDecl,
  ) {}

  /** The slot of a named register (for conditions); undefined when the thread never declares it. */
  registerSlot(name: string): { slot: Slot; ty: Ty } | undefined {
    const r = this.regs.get(name);
    return r && this.declared.has(name) ? { slot: r.slot, ty: r.ty } : undefined;
  }

  protected slotFor(name: string): RegInfo {
    let r = this.regs.get(name);
    if (!r) {
      r = { slot: this.slotNames.length, mutable: this.ctx.dialect === 'c', ty: 'int' };
      this.slotNames.push(name);
      this.regs.set(name, r);
    }
    return r;
  }

  protected temp(): Slot {
    const s = this.tempTop++;
    if (s >= this.slotNames.length) this.slotNames.push('');
    return s;
  }

  protected emit(i: Instr): number {
    this.code.push(i);
    return this.code.length - 1;
  }

  protected patch(at: number, target: number): void {
    const i = this.code[at]!;
    if (i.op === 'jump') this.code[at] = { op: 'jump', target };
    else if (i.op === 'branch') this.code[at] = { ...i, ifFalse: target };
    else throw new Error('internal error: patching ' + i.op);
  }

  protected mismatch(id: NodeId, expected: Ty, found: Ty): void {
    const name = (t: Ty) => (t === 'int' ? 'an integer' : 'a compare_exchange `Result`');
    this.ctx.error('E0228', `mismatched types: expected ${name(expected)}, found ${name(found)}`, id, {
      ...(found === 'result' ? { help: ['use `.is_ok()`, `.is_err()` or `.unwrap_or_else(|v| v)` to get at the value'] } : {}),
      ...(expected === 'result' ? { help: ['compare a result with `Ok(v)` or `Err(v)`'] } : {}),
    });
  }

  protected useReg(name: string, id: NodeId): RegInfo | null {
    if (!this.declared.has(name)) {
      if (!this.reportedUnknown.has(name)) {
        this.reportedUnknown.add(name);
        this.ctx.error('E0222', `cannot find value \`${name}\` in this scope`, id, {
          label: 'not found in this scope',
          ...(this.regs.has(name) ? { notes: [`\`${name}\` is declared later in thread \`${this.decl.name}\``] } : {}),
        });
      }
      return this.regs.get(name) ?? null;
    }
    return this.regs.get(name)!;
  }
}
