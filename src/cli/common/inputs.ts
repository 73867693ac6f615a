/**
 * From command-line arguments to litmus texts: paths, folders (recursively, `*.litmus`) and
 * globs, read as bytes and decoded as UTF-8 with replacement, so that the parser, not the file
 * system layer, reports invalid UTF-8 (E0003) at its position.
 *
 * File-system problems are diagnostics with a stable code, one line each (`formatDiagnosticLine`):
 *   E0300 the path does not exist (or a glob matches nothing)
 *   E0301 the file cannot be read (permissions, I/O error)
 *   E0302 a folder holds no `*.litmus` file
 *   E0303 not a regular file or folder: a device, a FIFO, a socket, a symlink loop
 * A FIFO or device is never opened (reading one could block or never end).
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnostic, type Code, type Diagnostic } from '../../diagnostics/index.js';
import { expandGlob, isGlob } from './glob.js';

/** A file to check, named as the user named it (a folder argument joined with the relative path). */
export interface InputFile {
  readonly file: string;
}

/** A file with its text. */
export interface LoadedFile extends InputFile {
  readonly text: string;
}

export interface Expansion {
  /** Files in argument order; within a folder or glob, sorted by path. No file twice. */
  readonly files: readonly InputFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The extension a folder walk collects. */
export const LITMUS_EXTENSION = '.litmus';

/** Turns arguments into the list of files they name, without reading them. */
export function expandInputs(args: readonly string[]): Expansion {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const taken = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(file);
    if (!taken.has(key)) {
      taken.add(key);
      files.push({ file });
    }
  };
  for (const arg of args) {
    if (arg === '') {
      // an unset shell variable (`ordo run "$DIR"`): say so rather than name nothing
      diagnostics.push(fileProblem('E0300', 'an empty path was given (an unset variable?)', '""'));
      continue;
    }
    const st = statOf(arg);
    if (st.kind === 'missing' && isGlob(arg)) {
      const matches = expandGlob(arg);
      if (matches.length === 0) diagnostics.push(fileProblem('E0300', `no file matches \`${arg}\``, arg));
      for (const m of matches) addPath(m, statOf(m), add, diagnostics, true);
    } else addPath(arg, st, add, diagnostics, false);
  }
  return { files, diagnostics };
}

/** Reads one file: its text, or a diagnostic (E0301, or E0300 when it vanished meanwhile). */
export function readInput(input: InputFile): LoadedFile | Diagnostic {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.file);
  } catch (e) {
    return errnoProblem(e, input.file);
  }
  // replacement, not an exception: the parser reports U+FFFD as E0003 at its place; the BOM
  // is kept so that offsets match the bytes the user sees
  return { file: input.file, text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes) };
}

/** Expands and reads: every file that could be read, and every problem on the way. */
export function loadInputs(args: readonly string[]): { readonly files: readonly LoadedFile[]; readonly diagnostics: readonly Diagnostic[] } {
  const { files, diagnostics } = expandInputs(args);
  const loaded: LoadedFile[] = [];
  const problems = [...diagnostics];
  for (const f of files) {
    const r = readInput(f);
    if ('text' in r) loaded.push(r);
    else problems.push(r);
  }
  return { files: loaded, diagnostics: problems };
}

type PathStat = { readonly kind: 'missing' } | { readonly kind: 'error'; readonly error: unknown } | { readonly kind: 'ok'; readonly stats: Stats };

function statOf(path: string): PathStat {
  try {
    return { kind: 'ok', stats: statSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', error: e };
  }
}

function addPath(path: string, st: PathStat, add: (file: string) => void, out: Diagnostic[], fromGlob: boolean): void {
  switch (st.kind) {
    case 'missing':
      out.push(fileProblem('E0300', 'no such file or folder', path));
      return;
    case 'error':
      out.push(errnoProblem(st.error, path));
      return;
    case 'ok':
      if (st.stats.isFile()) add(path);
      else if (st.stats.isDirectory()) {
        const before = out.length;
        const found: string[] = [];
        walkFolder(path, found, out, new Set());
        if (found.length === 0 && out.length === before && !fromGlob) {
          out.push(fileProblem('E0302', `the folder holds no \`*${LITMUS_EXTENSION}\` file`, path));
        }
        for (const f of found) add(f);
      } else out.push(notRegular(path, st.stats));
      return;
    default: {
      const never: never = st;
      throw new Error(`unknown stat ${String(never)}`);
    }
  }
}

/** Collects `*.litmus` files under `dir`, sorted, following symlinks but entering each folder once. */
function walkFolder(dir: string, found: string[], out: Diagnostic[], seen: Set<string>): void {
  let real: string;
  let names: string[];
  try {
    real = realpathSync(dir);
    names = readdirSync(dir).sort();
  } catch (e) {
    out.push(errnoProblem(e, dir));
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statOf(path);
    const isLitmus = name.endsWith(LITMUS_EXTENSION);
    if (st.kind === 'ok' && st.stats.isDirectory()) walkFolder(path, found, out, seen);
    else if (!isLitmus) continue;
    else if (st.kind === 'ok' && st.stats.isFile()) found.push(path);
    // a broken link or a loop named *.litmus is worth a word; anything else is not ours
    else if (st.kind === 'ok') out.push(notRegular(path, st.stats));
    else if (st.kind === 'missing') out.push(fileProblem('E0300', 'no such file (a broken symbolic link?)', path));
    else out.push(errnoProblem(st.error, path));
  }
}

function notRegular(path: string, st: Stats): Diagnostic {
  const what = st.isCharacterDevice()
    ? 'a character device'
    : st.isBlockDevice()
      ? 'a block device'
      : st.isFIFO()
        ? 'a named pipe (FIFO)'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return fileProblem('E0303', `not a regular file or folder: ${what}`, path);
}

function errnoProblem(e: unknown, path: string): Diagnostic {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fileProblem('E0300', 'no such file or folder', path);
    case 'ELOOP':
      return fileProblem('E0303', 'not a regular file or folder: a symbolic link loop', path);
    case 'EACCES':
    case 'EPERM':
      return fileProblem('E0301', 'cannot read: permission denied', path);
    case 'EISDIR':
      return fileProblem('E0301', 'cannot read: it is a folder', path);
    default:
      return fileProblem('E0301', `cannot read: ${err.code ?? 'error'} (${describe(err)})`, path);
  }
}

function describe(err: NodeJS.ErrnoException): string {
  // node's message repeats the syscall and path: keep the reason only
  const m = /^[A-Z]+: ([^,]+)/.exec(err.message ?? '');
  return m ? m[1]! : String(err.message);
}

export function fileProblem(code: Code, message: string, path: string): Diagnostic {
  return diagnostic(code, message, path, '', null);
}
