// The dispatcher's registry: runner name -> module exporting `run: Runner`. Workers load the
// module lazily, so a missing engine module only fails the jobs that need it.
import type { Runner } from './types';

export type RunnerModule = { run: Runner };

export const BUILTIN_RUNNERS: Record<string, () => Promise<RunnerModule>> = {
  fit: () => import('./fit'),
  export: () => import('./export'),
  render: () => import('./render'),
  train: () => import('./train'),
  sample: () => import('./sample'),
  poses: () => import('./poses'),
  ddrep: () => import('./ddrep'),
  'ddrep-scenes': () => import('./ddrep-scenes'),
  'eval-prior-samples': () => import('./eval-prior-samples'),
  'eval-prior': () => import('./eval-prior'),
};

/**
 * Load a runner: an injected module URL (tests, plugins) wins over the built-in table.
 * Throws a clear error for unknown kinds.
 */
export async function loadRunner(name: string, injected?: Record<string, string>): Promise<Runner> {
  const url = injected?.[name];
  if (url) {
    const mod = (await import(/* @vite-ignore */ url)) as Partial<RunnerModule>;
    if (typeof mod.run !== 'function') throw new Error(`runner module ${url} does not export run()`);
    return mod.run;
  }
  const load = BUILTIN_RUNNERS[name];
  if (!load) throw new Error(`unknown job runner "${name}"`);
  return (await load()).run;
}
