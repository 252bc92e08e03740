import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoScene, renderProceduralCapture } from '../../engine/data';
import { writeBlenderCapture } from '../capture-io';
import { createStudioService } from './studio-service';
import type { StudioService } from './studio-service';

let base = '';
let service: StudioService | null = null;
beforeEach(async () => { base = await mkdtemp(join(tmpdir(), 'px-import-')); });
afterEach(async () => {
  await service?.close();
  service = null;
  await rm(base, { recursive: true, force: true });
});

async function writeCapture(dir: string) {
  const { capture } = renderProceduralCapture({ scene: demoScene(), width: 16, height: 16, views: { train: 3, test: 1 }, supersample: 1 });
  await writeBlenderCapture(dir, capture);
}

describe('importCapture', () => {
  it('copies a valid capture into the workspace as a new item with a thumbnail', async () => {
    const src = join(base, 'my capture');
    await writeCapture(src);
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu' });
    const events: string[] = [];
    service.onEvent((e) => events.push(e.type));
    const item = await service.importCapture({ path: src });
    expect(item.status).toBe('ok');
    if (item.status !== 'ok' || item.manifest.kind !== 'capture') throw new Error('expected a capture');
    expect(item.id).toMatch(/^my-capture-[a-z0-9]{6}$/);
    expect(item.manifest).toMatchObject({ format: 'blender', imageCount: 4, width: 16, height: 16, root: 'capture', source: src });
    const dir = join(base, 'ws', 'captures', item.id);
    expect(existsSync(join(dir, 'thumbnail.png'))).toBe(true);
    expect(existsSync(join(dir, 'capture', 'transforms_train.json'))).toBe(true);
    expect(events).toContain('workspace');
  });

  it('a bad capture never creates an item and the error names file and field', async () => {
    const src = join(base, 'broken');
    await writeCapture(src);
    await writeFile(join(src, 'transforms_train.json'), '{ "camera_angle_x": 0.7, "frames": [ { "file_path": "./train/r_0" ');
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu' });
    const err = await service.importCapture({ path: src }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid-argument', field: 'path' });
    expect(err.message).toContain('transforms_train.json');
    expect(await service.listItems({})).toEqual([]);
    expect(await readdir(join(base, 'ws', '.jobs', 'staging'))).toEqual([]);
    const missing = await service.importCapture({ path: join(base, 'nope') }).catch((e) => e);
    expect(missing).toMatchObject({ code: 'invalid-argument', field: 'path' });
  });

  it('importSampleCapture imports resources/sample-capture', async () => {
    await writeCapture(join(base, 'resources', 'sample-capture'));
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu', resourcesDir: join(base, 'resources') });
    const item = await service.importSampleCapture({});
    expect(item.status === 'ok' && item.manifest.name).toBe('Sample capture');
    expect((await service.listItems({ kind: 'capture' })).map((i) => i.id)).toEqual([item.id]);
  });
});
