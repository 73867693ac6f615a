/**
 * Running the real binary for the CLI tests: `node bin/ordo ...` as a subprocess (the build runs
 * before vitest in `npm test`), with colour off unless a test asks, and helpers for golden files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = 'test/cli/fixtures';

export interface Ran {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Extra environment; NO_COLOR is set unless `color` is true. */
  readonly env?: Record<string, string | undefined>;
  readonly color?: boolean;
  /** Called with the child once started (to send it a signal). */
  readonly onStart?: (child: import('node:child_process').ChildProcess) => void;
}

/** Runs `node bin/ordo ARGS` in the repository root. */
export function ordo(args: readonly string[], o: RunOptions = {}): Promise<Ran> {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: o.color ? undefined : '1', ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ordo', ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    o.onStart?.(child);
  });
}

/** Times and rates vary from run to run: `12 ms`, `1.2 s`, `time="0.012"`, `Time X 0.01`. */
export function stable(s: string): string {
  return s
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, '<time>')
    .replace(/time="[\d.]+"/g, 'time="<time>"')
    .replace(/^(Time \S+) [\d.]+$/gm, '$1 <time>');
}

/**
 * Compares `actual` with the golden file `test/cli/fixtures/golden/NAME`; with ORDO_ACCEPT=1
 * writes it instead (review the diff before committing).
 */
export function golden(name: string, actual: string): void {
  const path = join(ROOT, FIXTURES, 'golden', name);
  if (process.env['ORDO_ACCEPT'] === '1' || !existsSync(path)) {
    if (process.env['ORDO_ACCEPT'] !== '1' && process.env['CI']) throw new Error(`missing golden file ${path} (run with ORDO_ACCEPT=1)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
