/**
 * A small glob matcher for `ordo run 'litmus/**\/*.litmus'` when the shell did not expand the
 * pattern (quoted, or Windows-style shells). Supports `*`, `?`, `[abc]`, `[!abc]`, `{a,b}` within
 * one path segment, and `**` for any number of folders. As in shells, `*` and `?` do not match
 * a leading dot. Matches are sorted, so the expansion is deterministic.
 *
 * Written here rather than taken from a package: Node 20 has no `fs.glob`, and this is the
 * whole of what the CLI needs.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Whether an argument contains glob syntax. */
export function isGlob(arg: string): boolean {
  return /[*?[{]/.test(arg);
}

/** One path segment's pattern as a regular expression. */
export function segmentRegExp(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  if (braces > 0) return segmentRegExp(pattern.replace(/[{}]/g, '\\$&').replace(/\\/g, ''));
  // a leading dot must be matched literally, as shells do
  const dotSafe = pattern.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dotSafe}${re}$`);
}

/** Paths (files and folders) matching `pattern`, sorted. Unreadable folders are skipped. */
export function expandGlob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  const first = segments.findIndex((s) => isGlob(s));
  const baseParts = segments.slice(0, first);
  const base = baseParts.length === 0 ? '' : baseParts.join('/') || (absolute ? '/' : '');
  const out = new Set<string>();
  walk(base, segments.slice(first), out, new Set());
  return [...out].sort();
}

/** `seen`: real paths of the folders `**` entered, so that a symlink cycle is entered once. */
function walk(dir: string, rest: readonly string[], out: Set<string>, seen: Set<string>): void {
  if (rest.length === 0) {
    if (dir !== '') out.add(dir);
    return;
  }
  const [head, ...tail] = rest as [string, ...string[]];
  if (head === '**') {
    const real = realPath(dir === '' ? '.' : dir);
    const key = `${rest.length}:${real}`;
    if (real === null || seen.has(key)) return;
    seen.add(key);
    walk(dir, tail, out, seen); // zero folders
    for (const name of children(dir)) {
      if (name.startsWith('.')) continue;
      const path = dir === '' ? name : join(dir, name);
      if (isDirectory(path)) walk(path, rest, out, seen);
    }
    return;
  }
  if (!isGlob(head)) {
    const path = dir === '' ? head : join(dir, head);
    if (tail.length === 0 ? exists(path) : isDirectory(path)) walk(path, tail, out, seen);
    return;
  }
  const re = segmentRegExp(head);
  for (const name of children(dir)) {
    if (!re.test(name)) continue;
    const path = dir === '' ? name : join(dir, name);
    if (tail.length === 0 || isDirectory(path)) walk(path, tail, out, seen);
  }
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir === '' ? '.' : dir).sort();
  } catch {
    return [];
  }
}

function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
