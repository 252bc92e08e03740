// One writer per output: a lock file naming its owner (pid, host, start time), as the workspace is
// locked (lock.ts), for things outside a workspace such as a CLI `fit --out` folder.
//
// The file is created with O_EXCL, so of two processes starting at once exactly one wins. A lock
// whose process is dead (same host, no such pid) is stale and taken over; one from another host
// cannot be checked and is refused (the message says which file to delete if it is stale).
// Remaining window: two processes taking over the SAME stale lock at the same instant; each
// removes it only if it still holds the dead owner's bytes, which makes this unlikely, not
// impossible. A live process that reused a dead owner's pid keeps the lock held (refused).
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StudioError } from '../../shared';
import { alive } from './lock';

export interface LockOwner { pid: number; host: string; startedAt: string; command?: string }

export interface HeldLock {
  /** The stale owner whose lock was taken over, if any. */
  tookOver: LockOwner | null;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** A lock file younger than this with no readable owner may be mid-write by its creator. */
const FRESH_MS = 10_000;

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Take `file` as the lock of `what` (e.g. `the output /x/scene`). Throws StudioError 'conflict'
 * naming the owner when another live process holds it.
 */
export async function acquireFileLock(file: string, what: string, command?: string): Promise<HeldLock> {
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...(command ? { command } : {}) };
  const mine = JSON.stringify(me);
  let tookOver: LockOwner | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(mine);
        await fh.sync();
      } finally {
        await fh.close();
      }
      return {
        tookOver,
        release: async () => {
          const now = await readFile(file, 'utf8').catch(() => null);
          if (now === mine) await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue; // released meanwhile: try again
    const owner = parseOwner(text);
    if (owner) {
      const by = `pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}${owner.command ? `: ${owner.command}` : ''}`;
      if (owner.host !== hostname()) {
        throw new StudioError('conflict', `${what} is locked by a process on another machine (${by}); if that run is gone, delete ${file}`);
      }
      if (alive(owner.pid)) throw new StudioError('conflict', `${what} is in use by another process (${by}); wait for it to finish or stop it`);
    } else {
      const age = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0);
      if (age < FRESH_MS) throw new StudioError('conflict', `${what} is being locked by another process just now (${file}); try again`);
    }
    // Stale: remove it only if nobody replaced it since we read it, then race for it again.
    if ((await readFile(file, 'utf8').catch(() => null)) === text) await rm(file, { force: true });
    tookOver = owner;
  }
  throw new StudioError('conflict', `${what}: could not take the lock ${file} (it keeps changing hands)`);
}
