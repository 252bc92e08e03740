import { describe, expect, it } from 'vitest';
import { FitParamsSchema } from '../main/jobs/runners/fit-params';
import type { Log } from './log';
import { main } from './main';

function capture(): Log & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, info: (l) => err.push(l), error: (l) => err.push(l), result: (l) => out.push(l) };
}

describe('fit --scene-type', () => {
  it('is documented, validated before any work, and reaches the runner params', async () => {
    let log = capture();
    expect(await main(['fit', '--help'], log)).toBe(0);
    expect(log.out[0]).toMatch(/--scene-type <T>\s+auto \| object \| unbounded \| forward-facing/);
    log = capture();
    expect(await main(['fit', 'cap', '--out', '/tmp/x', '--scene-type', 'room'], log)).toBe(2);
    expect(log.err[0]).toMatch(/--scene-type: expected auto\|object\|unbounded\|forward-facing, got "room"/);
    expect(FitParamsSchema.parse({ captureDir: 'c' }).sceneType).toBe('auto');
    expect(FitParamsSchema.parse({ captureDir: 'c', sceneType: 'unbounded' }).sceneType).toBe('unbounded');
    expect(FitParamsSchema.safeParse({ captureDir: 'c', sceneType: 'room' }).success).toBe(false);
  });
});
