/**
 * The interface between the explorer and a model: the explorer asks which choices are
 * consistent, never which model it runs.
 *
 * Two implementations per model: the declarative one (the readable axioms, evaluated on the
 * whole graph for every question: slow, the specification) and a fast incremental one (views,
 * coherence frontiers) that must agree with it — the differential tests run both.
 */
import type { ModelName } from '../ast.js';
import { toExecution } from '../graph/execution.js';
import type { ExecutionGraph } from '../graph/graph.js';
import type { Consistency } from './consistency.js';
import { firstViolation, type Model } from './model.js';
import { getModel } from './registry.js';
import { rc11Fast, rc11FastFor } from './rc11-fast.js';
import type { Program } from '../program/ir.js';
import { scFast } from './sc-fast.js';

export type { Consistency, ReadChoice } from './consistency.js';

/** The declarative model, asked about the whole graph every time. */
export function declarativeOracle(model: Model): Consistency {
  const ok = (g: ExecutionGraph): boolean => firstViolation(model, toExecution(g)) === null;
  return {
    readChoices(g, _r, choices, apply) {
      return choices.filter((c) => {
        apply(c);
        return ok(g);
      });
    },
    writeChoices(g, _w, preds, place) {
      return preds.filter((p) => {
        place(p);
        return ok(g);
      });
    },
    consistentAfter: (g) => ok(g),
  };
}

export type OracleKind = 'fast' | 'declarative';

/**
 * The consistency oracle for a model. Given the program (in the ordering mode it runs in), the
 * fast RC11 check leaves out psc when no access or fence is SeqCst.
 */
export function oracleFor(name: ModelName, kind: OracleKind = 'fast', program?: Program): Consistency {
  if (kind === 'declarative') return declarativeOracle(getModel(name));
  switch (name) {
    case 'rc11':
      return program === undefined ? rc11Fast : rc11FastFor(usesSeqCst(program));
    case 'sc':
      return scFast;
  }
}

function usesSeqCst(p: Program): boolean {
  return p.threads.some((t) =>
    t.code.some((i) => {
      switch (i.op) {
        case 'load':
        case 'store':
        case 'fence':
          return i.mode === 'sc';
        case 'rmw':
          return i.readMode === 'sc' || i.writeMode === 'sc' || i.failMode === 'sc';
        default:
          return false;
      }
    }),
  );
}
