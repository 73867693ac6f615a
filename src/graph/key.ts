/**
 * A canonical text of an execution graph: two graphs have the same key exactly when they have
 * the same events (kind, location, mode, value), the same `rf` and the same `mo`. Tests use it
 * to check that the explorer never visits a graph twice and visits the same graphs as the
 * reference enumerator.
 */
import type { ExecutionGraph } from './graph.js';

export function graphKey(g: ExecutionGraph): string {
  const parts: string[] = [];
  g.threads.forEach((evs, t) => {
    parts.push(
      `T${t}:` +
        evs
          .map((e) => `${e.kind}${e.loc}.${e.mode}=${String(e.value)}${e.kind === 'R' ? `<${e.rf}` : ''}${e.rmwRead ? '+' : ''}${e.spurious ? '~' : ''}`)
          .join(' '),
    );
  });
  g.mo.forEach((list, loc) => {
    if (list.length > 0) parts.push(`mo${loc}:${list.join(',')}`);
  });
  return parts.join('|');
}
