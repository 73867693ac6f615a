/**
 * RC11's happens-before as vector clocks ("views"), the fast form of `hb = (po ∪ sw)+`.
 *
 * The view of event e gives, per thread t, the largest index i such that event (t, i)
 * happens before e (or is e). Then `a hb b` is `view(b)[a.thread] >= a.index`. A view depends
 * only on the event's po ∪ rf prefix, which the explorer never changes under a live event (it
 * cuts the po-suffix before changing a read's rf), so views are computed once, lazily, and cached
 * on the event.
 *
 * Synchronisation (sw) follows the definition in rc11.ts:
 *   sw = [E ⊒ rel] ; ([F] ; po)? ; rs ; rf ; [R ⊒ rlx] ; (po ; [F])? ; [E ⊒ acq]
 *   rs = [W] ; po|loc? ; [W ⊒ rlx] ; (rf ; rmw)*
 * so a write carries to its readers a *release view*: the join of the views of the release
 * heads whose release sequence it continues. An acquire read joins the release view of the write
 * it reads; an acquire fence joins those of every atomic read before it in its thread.
 *
 * The differential tests check this against the declarative `hb` of rc11.ts.
 */
import { isAtLeastAcquire, isAtLeastRelease, isAtomic } from '../events/modes.js';
import type { ExecutionGraph, GEvent } from '../graph/graph.js';

/** The view of an event (cached). Initial writes happen before everything and have no view. */
export function viewOf(g: ExecutionGraph, e: GEvent): Int32Array {
  if (e.view !== null) return e.view;
  const T = g.threads.length;
  const evs = g.threads[e.thread]!;
  const v = e.index > 0 ? viewOf(g, evs[e.index - 1]!).slice() : new Int32Array(T).fill(-1);
  v[e.thread] = e.index;
  if (e.kind === 'R' && isAtLeastAcquire(e.mode) && e.rf >= 0) join(v, relViewOf(g, g.get(e.rf)));
  if (e.kind === 'F' && isAtLeastAcquire(e.mode)) {
    for (let i = e.index - 1; i >= 0; i--) {
      const r = evs[i]!;
      if (r.kind === 'R' && isAtomic(r.mode) && r.rf >= 0) join(v, relViewOf(g, g.get(r.rf)));
    }
  }
  e.view = v;
  return v;
}

/** The release view a write carries to an acquiring reader (cached); null when it carries none. */
export function relViewOf(g: ExecutionGraph, w: GEvent): Int32Array | null {
  if (w.thread < 0 || !isAtomic(w.mode)) return null;
  if (w.relView !== null) return w.relView;
  const T = g.threads.length;
  const v = new Int32Array(T).fill(-1);
  let any = false;
  const evs = g.threads[w.thread]!;
  // the write itself heads a release sequence
  if (isAtLeastRelease(w.mode)) {
    join(v, viewOf(g, w));
    any = true;
  }
  // ... or continues that of an earlier release write to the same location (po|loc)
  // ... or follows a release fence ([F] ; po): the last of each kind dominates the earlier ones
  let sawWrite = false;
  let sawFence = false;
  for (let i = w.index - 1; i >= 0 && !(sawWrite && sawFence); i--) {
    const e = evs[i]!;
    if (!sawWrite && e.kind === 'W' && e.loc === w.loc && isAtLeastRelease(e.mode)) {
      join(v, viewOf(g, e));
      sawWrite = any = true;
    } else if (!sawFence && e.kind === 'F' && isAtLeastRelease(e.mode)) {
      join(v, viewOf(g, e));
      sawFence = any = true;
    }
  }
  // an RMW continues the release sequence of the write its read part read (rf ; rmw)
  if (w.rmwWrite) {
    const r = evs[w.index - 1]!;
    if (r.rf >= 0) {
      const src = relViewOf(g, g.get(r.rf));
      if (src !== null) {
        join(v, src);
        any = true;
      }
    }
  }
  if (!any) return null;
  w.relView = v;
  return v;
}

/** `a hb b` for thread events (initial writes happen before every thread event). */
export function happensBefore(g: ExecutionGraph, a: GEvent, b: GEvent): boolean {
  if (a.thread < 0) return b.thread >= 0;
  if (b.thread < 0 || a === b) return false;
  return viewOf(g, b)[a.thread]! >= a.index;
}

function join(into: Int32Array, from: Int32Array | null): void {
  if (from === null) return;
  for (let i = 0; i < into.length; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
}
