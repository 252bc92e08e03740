// The turntable export: render each orbit frame, write it, check it with sharp. Stops between
// frames when the job is cancelled (exports are short; they restart rather than resume).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedFiles } from './export';
import type { ResolvedExportParams } from './export-params';
import type { ExportSource } from './export-source';
import { marchVolume, turntableShots } from './export-turntable';
import { checkPng } from './output-checks';
import type { RunnerContext } from './types';

type Vec3 = [number, number, number];

export async function renderTurntable(ctx: RunnerContext, src: ExportSource, p: ResolvedExportParams, out: string): Promise<ExportedFiles | null> {
  const { writePng } = await import('../../capture-io');
  const field = await src.field();
  const volume = field ? null : await src.volume();
  if (!field && !volume) {
    throw new Error(`${join(src.sceneDir, 'manifest.json')}: fields "files.field" and "files.volume" are both missing: nothing to render a turntable from`);
  }
  const recon = field ? await import('../../../engine/recon') : null;
  const background = (src.manifest.settings.background as Vec3 | undefined) ?? [1, 1, 1];
  const box = field?.aabb ?? volume?.aabb;
  const shots = turntableShots(src.manifest.settings, p.frames, p.size, box);
  const total = shots.length + 1;
  const started = Date.now();
  for (const [i, shot] of shots.entries()) {
    if (ctx.shouldStop()) return null;
    const rgb = field && recon
      ? recon.renderSceneView(field, shot.k, shot.c2w, background).rgb
      : marchVolume(volume!, shot.k, shot.c2w, background);
    await writePng(join(out, shot.name), rgb);
    const per = (Date.now() - started) / 1000 / (i + 1);
    ctx.progress({ step: i + 1, total, losses: {}, etaSeconds: per * (shots.length - i - 1), message: `frame ${i + 1}/${shots.length}` }, i === 0 ? rgb : undefined);
  }
  for (const shot of shots) {
    await checkPng(new Uint8Array(await readFile(join(out, shot.name))), shot.name, { width: p.size, height: p.size });
  }
  ctx.progress({ step: total, total, losses: {}, etaSeconds: 0, message: 'validated' });
  const files = shots.map((s) => s.name);
  return {
    files,
    thumbnail: files[0],
    summary: { frames: files.length, size: p.size },
    validation: `sharp: ${files.length} PNG frames, each ${p.size}x${p.size} (rendered from ${field ? 'the fitted field' : 'volume.bin'})`,
  };
}
