import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRunFolder, removeDeadRunFolders } from './run-folders';

let dir = '';
afterEach(async () => { if (dir) await fs.rm(dir, { recursive: true, force: true }); });

/** The pid of a process that has exited (so no live process has it, barring pid reuse). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('run folders', () => {
  it("removes a killed run's folders with the prefix, keeps a live run's and other prefixes'", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-folders-'));
    const dead = deadPid();
    const names = [
      `.cap.partial-${dead}-0a1b`, `.cap.poses-work-${dead}-ff00`, `.cap.partial-${process.pid}-beef`,
      `.other.partial-${dead}-0a1b`, `.cap.partial-x${dead}-0a1b`, 'cap', '.cap.lock',
    ];
    for (const n of names) await fs.mkdir(path.join(dir, n));
    await fs.writeFile(path.join(dir, `.cap.partial-${dead}-0a1b`, 'transforms.json'), '{}');
    const removed = await removeDeadRunFolders(dir, '.cap.partial-');
    expect(removed.map((p) => path.basename(p))).toEqual([`.cap.partial-${dead}-0a1b`]);
    expect(await removeDeadRunFolders(dir, '.cap.poses-work-')).toEqual([path.join(dir, `.cap.poses-work-${dead}-ff00`)]);
    expect((await fs.readdir(dir)).sort()).toEqual(
      [`.cap.partial-${process.pid}-beef`, `.cap.partial-x${dead}-0a1b`, '.cap.lock', `.other.partial-${dead}-0a1b`, 'cap'].sort(),
    );
  });

  it("makeRunFolder names the folder after this process, so it is never taken for a dead run's", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-folders-'));
    const made = await makeRunFolder(dir, '.parallax-render-');
    expect(path.basename(made)).toMatch(new RegExp(`^\\.parallax-render-${process.pid}-`));
    expect(await removeDeadRunFolders(dir, '.parallax-render-')).toEqual([]);
    expect((await fs.stat(made)).isDirectory()).toBe(true);
  });

  it('does nothing when the parent folder does not exist yet', async () => {
    expect(await removeDeadRunFolders('/no/such/parent', '.cap.partial-')).toEqual([]);
  });
});
