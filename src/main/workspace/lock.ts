// One studio process per workspace: `.jobs/owner.json` names the owning process. Another live
// process on this machine owning it makes opening fail (restart recovery would otherwise mark
// that process's running jobs interrupted); a dead owner's lock is taken over.
import { readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StudioError } from '../../shared';
import { writeJsonAtomic } from './atomic';

interface Owner { pid: number; host: string; startedAt: string }

/** True while a process with this pid exists on this machine (EPERM: it exists, owned by another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireWorkspaceLock(jobsDir: string): Promise<() => Promise<void>> {
  const file = join(jobsDir, 'owner.json');
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Owner;
    if (owner.pid !== process.pid && owner.host === hostname() && alive(owner.pid)) {
      throw new StudioError('conflict', `the workspace is in use by another Parallax Studio process (pid ${owner.pid}, since ${owner.startedAt}); close it first`);
    }
  } catch (err) {
    if (err instanceof StudioError) throw err; // unreadable/absent lock: take it
  }
  await writeJsonAtomic(file, { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies Owner);
  return async () => {
    try {
      const owner = JSON.parse(await readFile(file, 'utf8')) as Owner;
      if (owner.pid === process.pid) await rm(file, { force: true });
    } catch { /* already gone */ }
  };
}
