// Temporary folders of one run (staging beside an output, COLMAP work, a CLI job folder) carry
// the pid of their process in the name: `<prefix><pid>-<random>`. A run that dies without
// cleaning up (kill -9, power loss) leaves them behind; the next run with the same prefix in the
// same parent removes those whose pid is no longer alive, and never a live run's.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { alive } from './lock';

/** Creates `<parent>/<prefix><pid>-XXXXXX` (mkdtemp) and returns its path. */
export async function makeRunFolder(parent: string, prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(parent, `${prefix}${process.pid}-`));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes `<parent>/<prefix><pid>-*` folders of dead processes; returns the paths removed. */
export async function removeDeadRunFolders(parent: string, prefix: string): Promise<string[]> {
  const pattern = new RegExp(`^${escape(prefix)}(\\d+)-[^/]+$`);
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m || alive(Number(m[1]))) continue;
    const full = path.join(parent, entry);
    await fs.rm(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}
