/**
 * What the main thread and the workers say to each other. Kept apart from both so that each
 * side imports only the types.
 */
import type { FileResult, Task } from './task.js';

/** Main → worker. A worker checks its tasks one at a time, in the order sent. */
export type ToWorker =
  /** `progress`: whether to send progress messages (only when someone draws them). */
  | { readonly type: 'tasks'; readonly tasks: readonly Task[]; readonly progress: boolean }
  | { readonly type: 'exit' };

/** Worker → main. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly index: number; readonly executions: number; readonly elapsedMs: number }
  /** Finished files, in the order checked (a batch: one message wakes the main thread once). */
  | { readonly type: 'results'; readonly results: readonly FileResult[] }
  /** A task still queued in the worker when Ctrl-C came: not started. */
  | { readonly type: 'skipped'; readonly index: number };

/** What the main thread hands every worker at start. */
export interface WorkerData {
  /** One Int32: 1 once the user pressed Ctrl-C. Shared so that a busy worker sees it at once. */
  readonly interrupt: SharedArrayBuffer;
}
