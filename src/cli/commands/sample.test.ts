// `parallax sample` with the forward path and the variance image (tiny 16x16 model, seconds).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../engine/testing/backends';
import { writeTinyModel, writeToyCapture } from '../../main/generative/testing/fixtures';
import type { Log } from '../log';
import { sampleCli } from './generative-cli';

let base = '';
const lines: string[] = [];
const log: Log = { info: (l) => lines.push(l), error: (l) => lines.push(`error: ${l}`), result: (l) => lines.push(`result: ${l}`) };
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-sample-cli-'));
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  await writeTinyModel(s.tf, join(base, 'm.plxm'));
  await writeToyCapture(join(base, 'photo'), 5, 1);
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

describe('parallax sample', () => {
  it('--path forward samples the forward views; variance.png shows where the samples differ', async () => {
    const out = join(base, 'out');
    const code = await sampleCli([join(base, 'photo'), '--out', out, '--model', join(base, 'm.plxm'), '--n', '2', '--steps', '2', '--views', '4', '--grid', '8', '--path', 'forward', '--backend', 'wasm'], log);
    expect(code).toBe(0);
    const files = await readdir(out);
    for (const f of ['context.png', 'variance.png', 'sample-0-view-0.png', 'sample-0-view-2.png', 'sample-1-view-2.png', 'sample-1-orbit-03.png']) expect(files).toContain(f);
    const v = await sharp(join(out, 'variance.png')).raw().toBuffer({ resolveWithObject: true });
    expect([v.info.width, v.info.height]).toEqual([16, 16]);
    expect(Math.max(...v.data)).toBeGreaterThan(200); // normalised: the most uncertain pixel is bright
    expect(lines.at(-1)).toMatch(/2 sample\(s\) \(forward, 2 DDIM steps, view-colours pooling, wasm\)/);
    await expect(sampleCli([join(base, 'photo'), '--out', out, '--path', 'spiral'], log)).rejects.toThrow(/orbit, forward or autoregressive/);
  });
});
