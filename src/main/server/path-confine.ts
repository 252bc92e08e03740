// Confines URL paths (web `/files/<rel>` and `parallax://workspace/<rel>`) to one root
// folder. Two stages: a syntactic check of the raw, still percent-encoded path (each segment
// decoded once; `.`/`..`, empty segments, encoded separators, NUL and drive letters are
// refused rather than normalised away), then a real-path check so a symlink inside the root
// cannot point outside it.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export class PathConfinementError extends Error {
  constructor(
    readonly reason: 'invalid-path' | 'outside-root' | 'not-found' | 'not-a-file',
    readonly requestedPath: string,
    message: string,
  ) {
    super(message);
    this.name = 'PathConfinementError';
  }
}

const FORBIDDEN_CHARS = /[\\/\0:]/;

/**
 * Split a raw URL path (relative to the root, still percent-encoded, no query) into decoded
 * segments, refusing anything that could name a file outside the root.
 */
export function splitConfinedPath(rawPath: string): string[] {
  const fail = (why: string): never => {
    throw new PathConfinementError('invalid-path', rawPath, `path-confine: "${rawPath}": ${why}`);
  };
  if (rawPath.length === 0) fail('empty path');
  if (rawPath.length > 4096) fail('path longer than 4096 characters');
  if (rawPath.startsWith('/') || rawPath.startsWith('\\')) fail('absolute path');
  const segments = rawPath.split('/').map((encoded) => {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return fail(`malformed percent-encoding in segment "${encoded}"`);
    }
    if (segment === '' ) return fail('empty segment');
    if (segment === '.' || segment === '..') return fail(`"${segment}" segment`);
    if (FORBIDDEN_CHARS.test(segment)) return fail(`segment "${segment}" contains a separator, NUL or ':'`);
    return segment;
  });
  return segments;
}

/** True when `child` is `root` or lies inside it (both absolute, already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Resolve a raw URL path to the real path of a regular file inside `root`.
 * Throws PathConfinementError (reason says which HTTP status fits).
 */
export async function resolveConfinedFile(root: string, rawPath: string): Promise<string> {
  const segments = splitConfinedPath(rawPath);
  const realRoot = await realpath(root);
  const candidate = join(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) {
    throw new PathConfinementError('outside-root', rawPath, `path-confine: "${rawPath}" leaves the root`);
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new PathConfinementError('not-found', rawPath, `path-confine: "${rawPath}" does not exist`);
  }
  if (!isInside(realRoot, real)) {
    throw new PathConfinementError('outside-root', rawPath, `path-confine: "${rawPath}" resolves outside the root (symlink)`);
  }
  const info = await stat(real);
  if (!info.isFile()) {
    throw new PathConfinementError('not-a-file', rawPath, `path-confine: "${rawPath}" is not a regular file`);
  }
  return real;
}

/** HTTP status for a confinement failure: refusals are 403, missing files 404. */
export function statusForConfinementError(error: PathConfinementError): number {
  return error.reason === 'not-found' || error.reason === 'not-a-file' ? 404 : 403;
}
