// Finding files that ship with the app (resources/, package.json) from sources or a bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walk up from this module until `rel` exists; null when nothing matches. */
export function findUp(rel: string, from = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, rel);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function appVersion(): string {
  const pkg = findUp('package.json');
  try {
    return pkg ? String(JSON.parse(readFileSync(pkg, 'utf8')).version ?? '0.0.0') : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function defaultResourcesDir(): string {
  return findUp('resources') ?? join(process.cwd(), 'resources');
}
