// End to end through the real runners: fit a tiny procedural capture, export GLB and PLY,
// render a turntable and the capture's test cameras. Needs the recon engine (src/engine/recon).
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScene, renderProceduralCapture } from '../engine/data';
import { writeBlenderCapture } from '../main/capture-io';
import { checkPly } from '../main/jobs/runners/output-checks';
import { validateGlb } from '../main/validate-gltf';
import type { Log } from './log';
import { main } from './main';

const HAVE_RECON = existsSync(new URL('../engine/recon/index.ts', import.meta.url));
let base = '';
const lines: string[] = [];
const log: Log = { info: () => undefined, error: (l) => lines.push(`error: ${l}`), result: (l) => lines.push(l) };

describe.skipIf(!HAVE_RECON)('parallax fit / export / render on a procedural capture', () => {
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'px-cli-'));
    const { capture } = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 8, test: 2 }, supersample: 1 });
    await writeBlenderCapture(join(base, 'capture'), capture);
  });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('fit writes a scene folder and prints a summary with metrics', async () => {
    const code = await main(['fit', join(base, 'capture'), '--out', join(base, 'scene'), '--minutes', '0.05', '--preset', 'draft', '--res', '32', '--backend', 'wasm'], log);
    expect(code, lines.join('\n')).toBe(0);
    const names = await readdir(join(base, 'scene'));
    for (const f of ['manifest.json', 'scene.bin', 'mesh.glb', 'volume.bin', 'preview.png']) expect(names).toContain(f);
    expect(lines.at(-1)).toMatch(/^fit done in .* psnr \d/);
    const manifest = JSON.parse(await readFile(join(base, 'scene', 'manifest.json'), 'utf8'));
    expect(manifest.metrics.psnr).toBeGreaterThan(5);
  });

  it('export writes a validated GLB and a well-formed PLY', async () => {
    // auto may pick webgpu, whose bare navigator once broke gltf-validator in the worker.
    expect(await main(['export', join(base, 'scene'), '--glb', join(base, 'out.glb'), '--backend', 'auto'], log), lines.join('\n')).toBe(0);
    const report = await validateGlb(new Uint8Array(await readFile(join(base, 'out.glb'))));
    expect(report.errors).toBe(0);
    expect(await main(['export', join(base, 'scene'), '--ply', join(base, 'out.ply'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    expect(checkPly(new Uint8Array(await readFile(join(base, 'out.ply'))), 'out.ply').vertices).toBeGreaterThan(0);
  });

  it('export --web writes a smaller validated GLB; --points a PLY point cloud', async () => {
    expect(await main(['export', join(base, 'scene'), '--glb', join(base, 'web.glb'), '--web', '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    const web = new Uint8Array(await readFile(join(base, 'web.glb')));
    expect((await validateGlb(web)).errors).toBe(0);
    expect(web.length).toBeLessThan((await readFile(join(base, 'out.glb'))).length);
    expect(await main(['export', join(base, 'scene'), '--points', join(base, 'points.ply'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    const points = checkPly(new Uint8Array(await readFile(join(base, 'points.ply'))), 'points.ply');
    expect(points.vertices).toBeGreaterThan(0);
    expect(points.faces).toBe(0);
    expect(lines.at(-1)).toMatch(/\d+ points/);
    expect(await main(['export', join(base, 'scene'), '--ply', join(base, 'x.ply'), '--web'], log)).toBe(2);
  });

  it('render writes turntable frames and one PNG per capture camera', async () => {
    expect(await main(['render', join(base, 'scene'), '--turntable', join(base, 'turn'), '--frames', '2', '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    expect((await readdir(join(base, 'turn'))).sort()).toEqual(['frame-0000.png', 'frame-0001.png']);
    const cams = join(base, 'capture', 'transforms_test.json');
    expect(await main(['render', join(base, 'scene'), '--cameras', cams, '--out', join(base, 'cams'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    expect((await readdir(join(base, 'cams'))).sort()).toEqual(['r_0.png', 'r_1.png']);
    const meta = await sharp(join(base, 'cams', 'r_0.png')).metadata();
    expect([meta.width, meta.height]).toEqual([24, 24]);
  });
});
