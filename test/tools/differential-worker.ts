/**
 * The worker thread of `npm run differential`: compares one program at a time (differential-lib.ts)
 * so that the main thread can give up on a program whose reference enumeration takes too long
 * (the reference's time between two candidates is not bounded) by terminating the worker.
 */
import { parentPort } from 'node:worker_threads';
import type { LitmusFile, ModelName } from '../../src/ast.js';
import { differential, type DiffOptions } from '../robustness/differential-lib.js';

export interface DiffRequest {
  readonly file: LitmusFile;
  readonly model: ModelName;
  readonly options: DiffOptions;
}

parentPort!.on('message', (m: DiffRequest) => {
  try {
    parentPort!.postMessage({ ok: true, result: differential(m.file, m.model, m.options) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
