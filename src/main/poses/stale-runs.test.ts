import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDeadPoseRuns } from './stale-runs';
import { tempDir } from './test-helpers';

let dir = '';
afterEach(async () => { if (dir) await fs.rm(dir, { recursive: true, force: true }); });

/** The pid of a process that has exited (so no live process has it, barring pid reuse). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('removeDeadPoseRuns', () => {
  it("removes a killed run's staging and work folders, keeps a live run's and other outputs'", async () => {
    dir = await tempDir('stale-runs-');
    const dead = deadPid();
    const names = [
      `.cap.partial-${dead}-0a1b`, `.cap.poses-work-${dead}-ff00`, // a killed run on this output
      `.cap.partial-${process.pid}-beef`, // a live run on this output
      `.other.partial-${dead}-0a1b`, // a killed run on another output
      'cap', '.cap.lock',
    ];
    for (const n of names) await fs.mkdir(path.join(dir, n));
    await fs.writeFile(path.join(dir, `.cap.partial-${dead}-0a1b`, 'transforms.json'), '{}');
    const removed = await removeDeadPoseRuns(path.join(dir, 'cap'));
    expect(removed.map((p) => path.basename(p)).sort()).toEqual([`.cap.partial-${dead}-0a1b`, `.cap.poses-work-${dead}-ff00`]);
    expect((await fs.readdir(dir)).sort()).toEqual([`.cap.partial-${process.pid}-beef`, '.cap.lock', `.other.partial-${dead}-0a1b`, 'cap'].sort());
  });

  it('does nothing when the parent folder does not exist yet', async () => {
    expect(await removeDeadPoseRuns('/no/such/parent/cap')).toEqual([]);
  });
});
