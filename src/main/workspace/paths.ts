// Where the workspace lives, and confinement of every path to it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const WORKSPACE_FOLDER_NAME = 'Parallax Studio';

/** `$XDG_DOCUMENTS_DIR` (env or ~/.config/user-dirs.dirs), else `~/Documents`. */
export function documentsDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const fromEnv = env.XDG_DOCUMENTS_DIR;
  if (fromEnv) return expandHome(fromEnv, home);
  const userDirs = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'user-dirs.dirs');
  if (existsSync(userDirs)) {
    const m = /^XDG_DOCUMENTS_DIR="?([^"\n]+)"?/m.exec(readFileSync(userDirs, 'utf8'));
    if (m) return expandHome(m[1].replace(/\$HOME/g, home), home);
  }
  return join(home, 'Documents');
}

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : resolve(p);
}

/** Workspace location: explicit option (`--workspace`) > `PARALLAX_WORKSPACE` > documents. */
export function resolveWorkspaceDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.PARALLAX_WORKSPACE) return resolve(env.PARALLAX_WORKSPACE);
  return join(documentsDir(env), WORKSPACE_FOLDER_NAME);
}

export class PathEscapeError extends Error {
  constructor(readonly root: string, readonly rel: string) {
    super(`path "${rel}" escapes ${root}`);
    this.name = 'PathEscapeError';
  }
}

/**
 * Resolve `rel` inside `root`; throws PathEscapeError for absolute paths, `..` segments,
 * NUL bytes or anything that lands outside `root`.
 */
export function resolveInside(root: string, rel: string): string {
  if (rel.includes('\0') || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) throw new PathEscapeError(root, rel);
  if (rel.split(/[\\/]+/).some((seg) => seg === '..')) throw new PathEscapeError(root, rel);
  const base = resolve(root);
  const full = resolve(base, rel);
  if (full !== base && !full.startsWith(base + sep)) throw new PathEscapeError(root, rel);
  return full;
}

/** Workspace-relative form of an absolute path inside it (forward slashes). */
export function toWorkspaceRelative(root: string, full: string): string {
  const rel = relative(resolve(root), resolve(full));
  if (rel.startsWith('..') || isAbsolute(rel)) throw new PathEscapeError(root, full);
  return rel.split(sep).join('/');
}
