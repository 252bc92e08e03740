import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared';
import { Workspace } from '../workspace';
import { setSceneCropBox } from './scene-crop';

let dir: string;
let ws: Workspace;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plx-crop-'));
  ws = await Workspace.open(dir);
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function scene(): Promise<string> {
  const staging = await ws.createStaging('t');
  await mkdir(staging, { recursive: true });
  const item = await ws.commitItem('scene', 'Can', staging, { origin: 'reconstruction', files: {}, settings: { preset: 'draft' } });
  return item.id;
}

describe('setSceneCropBox', () => {
  it('writes the box into the manifest, keeps the rest, and clears it with null', async () => {
    const id = await scene();
    const box = { min: [-0.5, -0.25, -0.5] as [number, number, number], max: [0.5, 0.75, 0.5] as [number, number, number] };
    const item = await setSceneCropBox(ws, id, box);
    expect(item.status === 'ok' && item.manifest.kind === 'scene' && item.manifest.cropBox).toEqual(box);
    const onDisk = JSON.parse(await readFile(join(ws.itemDir('scene', id), 'manifest.json'), 'utf8'));
    expect(onDisk.cropBox).toEqual(box);
    expect(onDisk.settings).toEqual({ preset: 'draft' });
    const cleared = await setSceneCropBox(ws, id, null);
    expect(cleared.status === 'ok' && cleared.manifest.kind === 'scene' && 'cropBox' in cleared.manifest).toBe(false);
  });

  it('refuses a box the manifest schema refuses, naming the field, and leaves the manifest alone', async () => {
    const id = await scene();
    const before = await readFile(join(ws.itemDir('scene', id), 'manifest.json'), 'utf8');
    const err = await setSceneCropBox(ws, id, { min: [0, 0, 0], max: [1, 1, 0] }).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.field).toBe('cropBox.max.2');
    expect(await readFile(join(ws.itemDir('scene', id), 'manifest.json'), 'utf8')).toBe(before);
  });

  it('a missing scene is not-found on id', async () => {
    const err = await setSceneCropBox(ws, 'nope', null).catch((e) => e);
    expect(err.code).toBe('not-found');
    expect(err.field).toBe('id');
  });
});
