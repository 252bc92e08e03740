// Shared by the pose tests and bench: where the beer-can capture is, temp folders, and a check
// that no process of ours still runs with a given path on its command line.
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** CI keeps shared data beside the clone: ../shared/data relative to the repository root. */
export const BEER_CAN = path.resolve(REPO_ROOT, '../shared/data/beer-can');
export const haveBeerCan = existsSync(path.join(BEER_CAN, 'images')) && existsSync(path.join(BEER_CAN, 'sparse/0/images.bin'));

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Copy beer-can frames first, first+step, ... (count of them) into `dir`. */
export async function beerFrames(dir: string, first: number, step: number, count: number): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const name = `${String(first + k * step).padStart(4, '0')}.jpg`;
    await fs.copyFile(path.join(BEER_CAN, 'images', name), path.join(dir, name));
    names.push(name);
  }
  return names;
}

/** Pids of live (non-zombie) processes whose command line mentions `needle`. */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (cmd.includes(needle) && !/^\S+ \(.*\) Z/.test(stat) && Number(pid) !== process.pid) out.push(Number(pid));
    } catch { /* exited meanwhile */ }
  }
  return out;
}
