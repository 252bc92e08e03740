// Where the worker entry is. From sources (tsx, vitest) it is `worker-entry.ts`: threads start
// it through a tiny bootstrap that registers tsx (`--import tsx` in a Worker's execArgv does not
// reach the entry on Node 20); child processes start it with `--import tsx`. In the
// electron-vite bundle it is the extra entry `engine-worker.js`, emitted next to the main bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** Module a worker thread starts. */
  url: URL;
  /** Real entry the thread bootstrap imports (sources only). */
  tsEntry?: string;
  /** Script a worker process starts, and its Node flags. */
  processPath: string;
  processExecArgv: string[];
}

export const BUNDLED_WORKER_FILE = 'engine-worker.js';
const TSX = ['--import', 'tsx'];

export function resolveWorkerEntry(env: NodeJS.ProcessEnv = process.env, here = import.meta.url): WorkerEntry {
  const override = env.PARALLAX_WORKER_ENTRY;
  const fromSource = (ts: URL): WorkerEntry => ({
    url: new URL('./ts-worker-bootstrap.mjs', here), tsEntry: ts.href, processPath: fileURLToPath(ts), processExecArgv: TSX,
  });
  if (override) {
    const url = pathToFileURL(override);
    return override.endsWith('.ts') ? fromSource(url) : { url, processPath: override, processExecArgv: [] };
  }
  if (new URL(here).pathname.endsWith('.ts')) return fromSource(new URL('./worker-entry.ts', here));
  // Bundled: next to the main entry; if this code landed in a chunk sub-folder, one level up.
  const candidates = [new URL(`./${BUNDLED_WORKER_FILE}`, here), new URL(`../${BUNDLED_WORKER_FILE}`, here)];
  const bundled = candidates.find((u) => existsSync(fileURLToPath(u))) ?? candidates[0];
  return { url: bundled, processPath: fileURLToPath(bundled), processExecArgv: [] };
}
