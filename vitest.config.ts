import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Two projects, so that most files run two at a time while the time-budgeted ones get the
// machine to themselves (our machines have 2 cores; Vitest's default there is one worker).
//
// - "serial": files named `*.timed.test.ts`, one at a time, after everything else. A file is
//   timed when what it asserts depends on how much CPU it got within a wall-clock budget: a fit
//   with a real-clock `minutes` / `--minutes` budget followed by a quality, step-count or plan
//   check, `iterations: 'auto'` on the real clock, or elapsed-time comparisons. With half a core
//   such a fit does too few steps (cli-pipeline ran 11 steps and failed in CI at two workers).
// - "parallel": every other test file, two workers (Vitest's own default, one per core less
//   one, on bigger machines). Step-counted fits, fake clocks and plain timeouts are fine here:
//   they only get slower, never different.
//
// A new test with a time budget: name it `*.timed.test.ts`. Otherwise keep the plain name.
const TIMED = ['src/**/*.timed.test.ts', 'scripts/**/*.timed.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...TIMED],
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: TIMED,
          maxWorkers: 1,
          fileParallelism: false,
          // A later group starts only when the earlier one has finished: nothing runs beside these.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
