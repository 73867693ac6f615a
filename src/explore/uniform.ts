/**
 * The interpreter's copy of a thread's code, with every instruction in one object shape.
 *
 * Instructions are a tagged union, and each variant is an object of its own hidden class, so the
 * interpreter's `switch (ins.op)` and its field reads see some twenty shapes: V8 makes those
 * loads megamorphic (a hash lookup per instruction). Giving every instruction all the fields, in
 * one order, with one kind of default per field, makes them monomorphic. The values are the
 * lowering's, so the copy is still an `Instr` of the same variant; the extra fields are unused.
 */
import type { Instr } from '../program/ir.js';

type Loose = { readonly [field: string]: unknown };

/** One instruction with every field of every variant; numbers default to -1, objects to null. */
function widen(ins: Instr): Instr {
  const i = ins as unknown as Loose;
  const wide = {
    op: ins.op,
    dst: i['dst'] ?? -1,
    src: i['src'] ?? null,
    fn: i['fn'] ?? null,
    a: i['a'] ?? null,
    b: i['b'] ?? null,
    value: i['value'] ?? null,
    cond: i['cond'] ?? null,
    target: i['target'] ?? -1,
    ifFalse: i['ifFalse'] ?? -1,
    addr: i['addr'] ?? null,
    mode: i['mode'] ?? null,
    rmw: i['rmw'] ?? null,
    readMode: i['readMode'] ?? null,
    writeMode: i['writeMode'] ?? null,
    failMode: i['failMode'] ?? null,
    ok: i['ok'] ?? null,
    expect: i['expect'] ?? null,
    loop: i['loop'] ?? -1,
    message: i['message'] ?? null,
    site: i['site'] ?? -1,
  };
  return wide as unknown as Instr;
}

export function uniformCode(code: readonly Instr[]): readonly Instr[] {
  const out: Instr[] = [];
  for (const ins of code) out.push(widen(ins));
  return out;
}
