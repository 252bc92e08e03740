// Folders left beside an output by a pose run that died without cleaning up (kill -9, power
// loss): `.NAME.partial-<pid>-<hex>` (staged capture) and `.NAME.poses-work-<pid>-<hex>` (COLMAP
// database, frames). The pid in the name tells whether their run is still going, so a second
// run to the same output never deletes a live run's work.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { alive } from '../workspace/lock';

const RUN_FOLDER = /^\.(.+)\.(partial|poses-work)-(\d+)-[0-9a-f]+$/;

/** Removes dead runs' folders for `outDir`; returns the paths removed. */
export async function removeDeadPoseRuns(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir), name = path.basename(outDir);
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const m = RUN_FOLDER.exec(entry);
    if (!m || m[1] !== name || alive(Number(m[3]))) continue;
    const full = path.join(parent, entry);
    await fs.rm(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}
