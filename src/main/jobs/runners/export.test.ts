// The export runner on small real scene folders: every format, both GLB presets, the volume-only
// (generated) scene path, validation lines in the outputs, and errors that name the field.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPly } from '../../../engine/export';
import type { Tf } from '../../../engine/tf';
import { validateGlb } from '../../validate-gltf';
import { run } from './export';
import { BALL, writeBallSceneFolder } from './export-fixtures';
import type { ExportParams } from './export-params';
import { glbCounts } from './export-web-glb';
import type { RunnerContext, RunnerOutput, RunnerProgress } from './types';

let base = '';
let n = 0;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-export-'));
  await writeBallSceneFolder(join(base, 'full'));
  await writeBallSceneFolder(join(base, 'field-only'), { volume: false });
  await writeBallSceneFolder(join(base, 'volume-only'), { field: false, name: 'Generated ball' });
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

async function exportScene(params: ExportParams, stop = () => false) {
  const stagingDir = join(base, `out-${++n}`);
  const progress: RunnerProgress[] = [];
  const ctx: RunnerContext = {
    tf: {} as Tf, backend: 'cpu', adapter: 'test', params, jobDir: join(base, `job-${n}`), stagingDir,
    resumeFrom: null, options: {}, progress: (p) => { progress.push(p); }, shouldStop: stop,
    checkpoint: async () => undefined,
  };
  const result = await run(ctx);
  if (result.status !== 'succeeded') return { result, progress, out: null, dir: '' };
  const out = result.outputs[0] as RunnerOutput & { fields: { format: string; files: string[]; validation: string; thumbnail?: string } };
  return { result, progress, out, dir: join(stagingDir, out.dir) };
}

describe('export runner', () => {
  it('glb plain: a validated GLB and a manifest validation line', async () => {
    const { out, dir, progress } = await exportScene({ sceneDir: join(base, 'full'), format: 'glb', res: 16 });
    expect(out!.fields).toMatchObject({ format: 'glb', files: ['red-ball.glb'] });
    expect(out!.fields.thumbnail).toBeUndefined(); // the fixture has no preview.png to copy
    expect(out!.fields.validation).toMatch(/^gltf-validator \S+: 0 errors, \d+ warnings; \d+ vertices, \d+ triangles$/);
    const bytes = new Uint8Array(await readFile(join(dir, 'red-ball.glb')));
    expect((await validateGlb(bytes)).errors).toBe(0);
    expect(progress.at(-1)).toMatchObject({ step: 3, total: 3 });
  });

  it('glb web: meshopt-compressed, still 0 validator errors, same triangles as plain', async () => {
    const plain = await exportScene({ sceneDir: join(base, 'full'), format: 'glb', res: 16 });
    const web = await exportScene({ sceneDir: join(base, 'full'), format: 'glb', preset: 'web', res: 16 });
    expect(web.out!.fields).toMatchObject({ format: 'glb-web', files: ['red-ball.web.glb'] });
    expect(web.out!.fields.validation).toMatch(/0 errors.*EXT_meshopt_compression \(\d+% of plain\)/);
    const plainBytes = new Uint8Array(await readFile(join(plain.dir, 'red-ball.glb')));
    const bytes = new Uint8Array(await readFile(join(web.dir, 'red-ball.web.glb')));
    expect((await validateGlb(bytes)).errors).toBe(0);
    const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true))));
    expect(json.extensionsRequired).toEqual(expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization']));
    expect(bytes.length).toBeLessThan(plainBytes.length);
    const [a, b] = [await glbCounts(plainBytes), await glbCounts(bytes)];
    expect(b.triangles).toBe(a.triangles);
    expect(b.vertices).toBeLessThanOrEqual(a.vertices);
  });

  it('ply mesh: header counts match the mesh, colours are the ball colour', async () => {
    const { out, dir } = await exportScene({ sceneDir: join(base, 'full'), format: 'ply', res: 16 });
    expect(out!.fields).toMatchObject({ format: 'ply', files: ['red-ball.ply'] });
    const ply = readPly(new Uint8Array(await readFile(join(dir, 'red-ball.ply'))));
    expect(out!.fields.validation).toBe(`PLY re-parsed: ${ply.positions.length / 3} vertices, ${ply.indices!.length / 3} faces, body matches header (mesh from field)`);
    expect(ply.colors![0]).toBeCloseTo(BALL.rgb[0], 1);
  });

  it('ply points: the surface shell of volume.bin, coloured, on the ball', async () => {
    const { out, dir } = await exportScene({ sceneDir: join(base, 'full'), format: 'ply-points' });
    expect(out!.fields).toMatchObject({ format: 'ply-points', files: ['red-ball.points.ply'] });
    expect(out!.fields.validation).toMatch(/^PLY re-parsed: \d+ points, body matches header \(from volume\.bin surface voxels\)$/);
    const ply = readPly(new Uint8Array(await readFile(join(dir, 'red-ball.points.ply'))));
    const count = ply.positions.length / 3;
    expect(ply.indices).toBeNull();
    expect(count).toBeGreaterThan(100);
    for (let i = 0; i < count; i++) {
      const r = Math.hypot(ply.positions[3 * i], ply.positions[3 * i + 1], ply.positions[3 * i + 2]);
      expect(Math.abs(r - BALL.radius)).toBeLessThan(0.2); // a shell, not the filled interior
      expect(ply.colors![3 * i]).toBeGreaterThan(0.7);
      expect(ply.colors![3 * i + 1]).toBeLessThan(0.3);
    }
  });

  it('ply points falls back to the baked field when the scene has no volume.bin', async () => {
    const { out } = await exportScene({ sceneDir: join(base, 'field-only'), format: 'ply-points', res: 16 });
    expect(out!.fields.validation).toMatch(/from baked field surface voxels/);
  });

  it('turntable: PNG frames of the requested size, the ball in the middle of each frame', async () => {
    const { out, dir } = await exportScene({ sceneDir: join(base, 'full'), format: 'turntable', frames: 4, size: 32 });
    expect(out!.fields).toMatchObject({ format: 'png-frames', thumbnail: 'frame-0000.png' });
    expect(out!.fields.files).toEqual(['frame-0000.png', 'frame-0001.png', 'frame-0002.png', 'frame-0003.png']);
    expect(out!.fields.validation).toBe('sharp: 4 PNG frames, each 32x32 (rendered from the fitted field)');
    expect((await readdir(dir)).sort()).toEqual(out!.fields.files);
    const { data, info } = await sharp(join(dir, 'frame-0002.png')).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(16, 16)[0]).toBeGreaterThan(150);
    expect(at(16, 16)[1]).toBeLessThan(100);
    expect(at(1, 1)).toEqual([255, 255, 255]);
  });

  it('volume-only scenes (generated): GLB from volume.bin and a ray-marched turntable', async () => {
    const glb = await exportScene({ sceneDir: join(base, 'volume-only'), format: 'glb' });
    expect(glb.out!.fields.files).toEqual(['generated-ball.glb']);
    expect((await validateGlb(new Uint8Array(await readFile(join(glb.dir, 'generated-ball.glb'))))).errors).toBe(0);
    const turn = await exportScene({ sceneDir: join(base, 'volume-only'), format: 'turntable', frames: 4, size: 24 });
    expect(turn.out!.fields.validation).toMatch(/rendered from volume\.bin/);
    const { data, info } = await sharp(join(turn.dir, 'frame-0001.png')).raw().toBuffer({ resolveWithObject: true });
    const c = (12 * info.width + 12) * info.channels;
    expect(data[c]).toBeGreaterThan(150);
    expect(data[c + 1]).toBeLessThan(100);
  });

  it('stops between turntable frames when the job is cancelled', async () => {
    let calls = 0;
    const { result } = await exportScene({ sceneDir: join(base, 'full'), format: 'turntable', frames: 8, size: 16 }, () => ++calls > 2);
    expect(result.status).toBe('stopped');
  });

  it('names the manifest field when the scene has nothing to export', async () => {
    const empty = join(base, 'empty');
    await writeBallSceneFolder(empty, { field: false, volume: false });
    await expect(exportScene({ sceneDir: empty, format: 'glb' })).rejects.toThrow(/manifest\.json: fields "files\.field" and "files\.volume" are both missing/);
  });
});
