// job-tasks.ts for train and sample: capture folders, model files (item or shipped default) and
// clear errors naming the field.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSpecSchema } from '../../shared';
import { resolveTask } from '../jobs/job-tasks';
import { Workspace } from '../workspace';

let base = '';
let ws: Workspace;
let capId = ''; let dfmId = ''; let pnId = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-resolve-gen-'));
  ws = await Workspace.open(join(base, 'ws'));
  const cap = await ws.createStaging();
  await mkdir(join(cap, 'capture'));
  await writeFile(join(cap, 'capture', 'x.png'), 'x');
  capId = (await ws.commitItem('capture', 'Photo', cap, { format: 'images', root: 'capture', imageCount: 1 })).id;
  for (const method of ['dfm', 'pixelnerf'] as const) {
    const st = await ws.createStaging();
    await writeFile(join(st, 'model.plxm'), 'not read here');
    const id = (await ws.commitItem('model', method, st, { file: 'model.plxm', method })).id;
    if (method === 'dfm') dfmId = id; else pnId = id;
  }
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

const spec = (s: unknown) => JobSpecSchema.parse(s);

describe('resolveTask: generative jobs', () => {
  it('sample: photo folder, model item file, spec values, capture name', async () => {
    const t = await resolveTask(ws, spec({ kind: 'sample', captureId: capId, modelId: dfmId, samples: 3, path: 'forward' }));
    expect(t.runner).toBe('sample');
    expect(t.params).toMatchObject({
      photo: join(ws.itemDir('capture', capId), 'capture'), modelFile: join(ws.itemDir('model', dfmId), 'model.plxm'),
      modelId: dfmId, captureId: capId, samples: 3, steps: 50, path: 'forward', sceneName: 'Photo',
      pooling: 'mean', // a spec without pooling was saved before the choice existed: it ran with the mean
    });
    const chosen = await resolveTask(ws, spec({ kind: 'sample', captureId: capId, modelId: dfmId, pooling: 'view-colours' }));
    expect(chosen.params).toMatchObject({ pooling: 'view-colours' });
  });

  it('no model id: the shipped default in resourcesDir; missing -> not-found naming the field', async () => {
    const t = await resolveTask(ws, spec({ kind: 'sample', captureId: capId }), { resourcesDir: join(base, 'res') }).catch((e) => e);
    expect(t).toMatchObject({ code: 'not-found', field: 'modelId' });
    await mkdir(join(base, 'res', 'models'), { recursive: true });
    await writeFile(join(base, 'res', 'models', 'default-dfm.plxm'), 'x');
    const ok = await resolveTask(ws, spec({ kind: 'train', captureIds: [capId] }), { resourcesDir: join(base, 'res') });
    expect(ok.params).toMatchObject({ baseModelFile: join(base, 'res', 'models', 'default-dfm.plxm'), baseModelId: 'default', modelName: 'Photo fine-tune', steps: 200 });
  });

  it('a pixelnerf model or an unknown model is refused naming the field', async () => {
    await expect(resolveTask(ws, spec({ kind: 'sample', captureId: capId, modelId: pnId }))).rejects.toMatchObject({ code: 'invalid-argument', field: 'modelId' });
    await expect(resolveTask(ws, spec({ kind: 'train', captureIds: [capId], baseModelId: 'nope-1' }))).rejects.toMatchObject({ code: 'not-found', field: 'baseModelId' });
    await expect(resolveTask(ws, spec({ kind: 'train', captureIds: [capId, 'gone-2'] }))).rejects.toMatchObject({ field: 'captureIds.1' });
  });
});
