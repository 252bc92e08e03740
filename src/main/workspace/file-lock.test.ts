import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireFileLock } from './file-lock';

let base = '';

/** The pid of a process that has exited (a child that ran `true`). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  if (!r.pid) throw new Error('could not spawn a child');
  return r.pid;
}

describe('acquireFileLock', () => {
  beforeAll(async () => { base = await mkdtemp(join(tmpdir(), 'px-lock-')); });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('writes the owner, refuses a second taker naming it, and releases', async () => {
    const file = join(base, '.a.lock');
    const held = await acquireFileLock(file, 'the output /x/a', 'parallax fit cap');
    expect(held.tookOver).toBeNull();
    const owner = JSON.parse(await readFile(file, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'parallax fit cap' });
    await expect(acquireFileLock(file, 'the output /x/a')).rejects.toThrow(
      new RegExp(`the output /x/a is in use by another process \\(pid ${process.pid} on ${hostname()}, started ${owner.startedAt}: parallax fit cap\\)`),
    );
    await held.release();
    expect(existsSync(file)).toBe(false);
    const again = await acquireFileLock(file, 'the output /x/a');
    await again.release();
  });

  it('takes over a dead process lock; refuses another host; leaves a lock that is no longer ours', async () => {
    const file = join(base, '.b.lock');
    const stale = { pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(file, JSON.stringify(stale));
    const held = await acquireFileLock(file, 'b');
    expect(held.tookOver).toEqual(stale);
    expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(process.pid);
    // Someone replaced it (e.g. deleted by hand and retaken): release must not remove theirs.
    await writeFile(file, JSON.stringify({ ...stale, startedAt: 'other' }));
    await held.release();
    expect(existsSync(file)).toBe(true);

    await writeFile(file, JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 't' }));
    await expect(acquireFileLock(file, 'b')).rejects.toThrow(`b is locked by a process on another machine (pid 1 on elsewhere, started t); if that run is gone, delete ${file}`);
  });

  it('of many concurrent takers exactly one wins', async () => {
    const file = join(base, '.c.lock');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireFileLock(file, 'c')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => /in use by another process|being locked/.test(String((r as PromiseRejectedResult).reason)))).toBe(true);
  });
});
