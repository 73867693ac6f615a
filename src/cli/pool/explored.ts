/**
 * Executions a report explored. Its own module because the main thread needs it for progress
 * and must not load task.ts, which imports the whole checker (a few hundred ms of start-up).
 */
import type { Report } from '../../report/types.js';

/** Executions a report explored, whatever their ending. */
export function explored(r: Report): number {
  const c = r.counts;
  return c.complete + c.blocked + c.cut + c.faulted + c.filtered;
}
