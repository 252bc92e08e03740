import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaptureFolder } from '../../main/capture-io';
import { datasetCommand } from './dataset';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await fs.rm(d, { recursive: true, force: true }); });

describe('parallax dataset', () => {
  it('writes one readable Blender capture per scene with ground-truth depth', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'parallax-dataset-'));
    dirs.push(out);
    const lines: string[] = [];
    await datasetCommand({ scenes: 3, seed: 9, out, resolution: 16, views: 4 }, (l) => lines.push(l));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/wrote 3 scenes/);
    const index = JSON.parse(await fs.readFile(path.join(out, 'dataset.json'), 'utf8'));
    expect(index.scenes).toHaveLength(3);
    const cap = await openCaptureFolder(path.join(out, index.scenes[1].folder));
    expect(cap.views).toHaveLength(4);
    expect(cap.views[0].image.width).toBe(16);
    expect(cap.views[0].depth!.some((d) => d > 0)).toBe(true);
    expect(cap.normalization!.method).toBe('none');
    const scene = JSON.parse(await fs.readFile(path.join(out, index.scenes[1].folder, 'scene.json'), 'utf8'));
    expect(scene.sceneSeed).toBe(index.scenes[1].sceneSeed);
    // Same seed again: identical files; an existing scene folder is never overwritten.
    const again = await fs.mkdtemp(path.join(os.tmpdir(), 'parallax-dataset-'));
    dirs.push(again);
    await datasetCommand({ scenes: 3, seed: 9, out: again, resolution: 16, views: 4 }, () => {});
    const a = await fs.readFile(path.join(out, 'scene-0002', 'train', 'r_3.png'));
    const b = await fs.readFile(path.join(again, 'scene-0002', 'train', 'r_3.png'));
    expect(a.equals(b)).toBe(true);
    await expect(datasetCommand({ scenes: 1, seed: 9, out, resolution: 16, views: 4 }, () => {})).rejects.toThrow(/already exists/);
    await expect(datasetCommand({ scenes: 0, seed: 9, out }, () => {})).rejects.toThrow(/--scenes must be an integer/);
  });
});
