// Test fixtures for the studio service: a minimal capture item written straight through the
// workspace API (the job tests use the tiny-fit runner, which does not read the images).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../../workspace';

export const TINY_RUNNER = new URL('../../jobs/testing/tiny-fit-runner.ts', import.meta.url).href;

export async function addFixtureCapture(workspaceDir: string, name = 'Fixture capture'): Promise<string> {
  const ws = await Workspace.open(workspaceDir);
  const staging = await ws.createStaging();
  await mkdir(join(staging, 'capture'), { recursive: true });
  await writeFile(join(staging, 'capture', 'transforms.json'), JSON.stringify({ camera_angle_x: 0.7, frames: [] }));
  const item = await ws.commitItem('capture', name, staging, { format: 'blender', root: 'capture', imageCount: 0 });
  return item.id;
}
