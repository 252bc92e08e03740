// parallax fit <capture> --out <sceneDir> [--minutes N] [--res R] [--preset P] [--seed S]
//   [--max-side PX] [--scene-type T] [--threads N] [--backend B] [--method voxels|splats] [--iterations N]:
//   per-scene reconstruction straight from a folder to a folder.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_SCHEMA_VERSION, QualityPresetSchema, SceneManifestSchema } from '../../shared';
import type { BackendChoice } from '../../shared';
import type { FitParams } from '../../main/jobs/runners/fit-params';
import { acquireFileLock, makeItemId, moveAtomic, writeJsonAtomic } from '../../main/workspace';
import { UsageError, backendFlag, numberFlag, onePositional, parse } from '../args';
import type { Log } from '../log';
import { formatDuration, formatNumber } from '../progress';
import { readResumeFile, removeResumeFile, writeResumeFile } from '../resume-file';
import { runDirect } from '../run-direct';

export const FIT_HELP = `parallax fit <capture> --out <sceneDir> [options]

Reconstruct a posed capture folder (Blender, nerfstudio, Instant-NGP, COLMAP, LLFF) into a
scene folder (scene.bin, mesh.glb, volume.bin, preview.png, manifest.json). Ctrl-C (or a crash) keeps the
last checkpoint in .<out>.fit-resume beside the output; the same command again resumes from it.
The capture needs at least 3 posed training views. While it runs, .<out>.lock beside the output
names the process: a second fit to the same --out is refused (a dead process's lock is taken over).

  --out <dir>        output scene folder (must not exist or be empty; missing parent folders are created)
  --minutes <N>      time budget in minutes (default 5)
  --res <R>          bake grid resolution for the mesh (default 128)
  --preset <P>       draft | standard | high (default standard)
  --seed <S>         random seed (default 0)
  --max-side <PX>    downscale images to this longest side
  --scene-type <T>   auto | object | unbounded | forward-facing (default auto: decided from the
                     cameras, sparse points and image borders; unbounded contracts the background,
                     forward-facing uses NDC; mesh and volume are then baked inside the crop box)
  --exposure <E>     auto | on | off: fit a gain and offset per photo for auto-exposure and white
                     balance (default auto: on for unbounded and forward-facing scenes); held-out
                     views and exports use the shared exposure
  --threads <N>      CPU threads for the trainer (default: all, ${availableParallelism()} here)
  --method <M>       voxels (default) | splats: 3D Gaussian splatting, writes splats.ply
  --iterations <N>   splats only: a fixed iteration count (the schedule scales with it; deterministic).
                     Default: auto, planned from --minutes while training (at most 30000; the scene's
                     settings record the plan)
  --backend <B>      auto | tensorflow | webgpu | wasm | cpu (default auto)`;

async function ensureEmptyTarget(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (!st) return;
  if (!st.isDirectory() || (await readdir(out)).length > 0) throw new UsageError(`--out: "${out}" exists and is not an empty folder`);
  await rm(out, { recursive: true });
}

/** Staging folders of earlier runs to the same output that were killed (kill -9, power loss). */
async function removeStalePartials(out: string, log: Log): Promise<void> {
  const prefix = `.${basename(out)}.partial-`;
  for (const name of await readdir(dirname(out))) {
    if (!name.startsWith(prefix)) continue;
    await rm(join(dirname(out), name), { recursive: true, force: true });
    log.info(`removed ${join(dirname(out), name)}, left by an interrupted run`);
  }
}

export async function fitCommand(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' }, minutes: { type: 'string' }, res: { type: 'string' },
    preset: { type: 'string' }, seed: { type: 'string' }, 'max-side': { type: 'string' }, backend: { type: 'string' },
    'scene-type': { type: 'string' }, exposure: { type: 'string' },
    threads: { type: 'string' }, method: { type: 'string' }, iterations: { type: 'string' },
  }, 'fit');
  if (values.help) { log.result(FIT_HELP); return 0; }
  const capture = resolve(onePositional(positionals, 'capture folder', 'fit'));
  if (!values.out) throw new UsageError('parallax fit: --out <sceneDir> is required');
  const preset = QualityPresetSchema.safeParse(values.preset ?? 'standard');
  if (!preset.success) throw new UsageError(`--preset: expected draft|standard|high, got "${values.preset}"`);
  const sceneType = values['scene-type'] ?? 'auto';
  if (!['auto', 'object', 'unbounded', 'forward-facing'].includes(sceneType)) {
    throw new UsageError(`--scene-type: expected auto|object|unbounded|forward-facing, got "${sceneType}"`);
  }
  const exposure = values.exposure ?? 'auto';
  if (!['auto', 'on', 'off'].includes(exposure)) throw new UsageError(`--exposure: expected auto|on|off, got "${values.exposure}"`);
  const method = values.method ?? 'voxels';
  if (method !== 'voxels' && method !== 'splats') throw new UsageError(`--method: expected voxels|splats, got "${values.method}"`);
  if (values.iterations !== undefined && method !== 'splats') throw new UsageError('--iterations: only applies to --method splats');
  const out = resolve(values.out);
  const params: FitParams = {
    captureDir: capture, preset: preset.data,
    minutes: numberFlag(values.minutes, 'minutes', { min: 0.01, max: 1440 }) ?? 5,
    res: numberFlag(values.res, 'res', { min: 16, max: 1024, integer: true }) ?? 128,
    seed: numberFlag(values.seed, 'seed', { min: 0, integer: true }) ?? 0,
    maxSide: numberFlag(values['max-side'], 'max-side', { min: 8, integer: true }),
    sceneType: sceneType as 'auto' | 'object' | 'unbounded' | 'forward-facing',
    exposure: exposure as 'auto' | 'on' | 'off',
    threads: numberFlag(values.threads, 'threads', { min: 1, max: 256, integer: true }) ?? availableParallelism(),
    method, iterations: numberFlag(values.iterations, 'iterations', { min: 1, max: 1_000_000, integer: true }),
    sceneName: basename(out), sourceId: capture,
  };
  const backend = backendFlag(values.backend);
  await mkdir(dirname(out), { recursive: true });
  // Held until this command ends; everything below (resume file, staging, the move) relies on it.
  const lock = await acquireFileLock(join(dirname(out), `.${basename(out)}.lock`), `the output ${out}`, `parallax fit ${capture}`);
  if (lock.tookOver) log.info(`took over the lock of a run that is gone (pid ${lock.tookOver.pid}, started ${lock.tookOver.startedAt})`);
  try {
    return await fitLocked(params, backend, out, log);
  } finally {
    await lock.release();
  }
}

async function fitLocked(params: FitParams, backend: BackendChoice, out: string, log: Log): Promise<number> {
  await ensureEmptyTarget(out);
  await removeStalePartials(out, log);
  // The resume key is every parameter that shapes the optimisation; another command starts afresh.
  const resumeFile = join(dirname(out), `.${basename(out)}.fit-resume`);
  const resumeKey = JSON.stringify({ ...params, sceneName: undefined });
  const found = await readResumeFile(resumeFile, resumeKey);
  if (found.status === 'ok') log.info(`resuming from ${resumeFile} at step ${found.point.step}`);
  else if (found.status === 'mismatch') log.info(`${resumeFile} belongs to a run with other settings; starting afresh`);
  else if (found.status === 'unreadable') log.info(`${resumeFile} is unreadable (${found.reason}); starting afresh`);
  const staging = await mkdtemp(join(dirname(out), `.${basename(out)}.partial-`));
  try {
    const result = await runDirect({
      runner: 'fit', params, backend, stagingDir: staging, label: 'fit', log,
      resumeFrom: found.status === 'ok' ? found.point : null,
      onCheckpoint: (bytes, step) => writeResumeFile(resumeFile, resumeKey, step, bytes),
    });
    const output = result.outputs[0];
    const now = new Date().toISOString();
    const manifest = SceneManifestSchema.parse({
      ...output.fields, schemaVersion: MANIFEST_SCHEMA_VERSION, kind: 'scene', id: makeItemId(output.name, 'scene'),
      name: output.name, createdAt: now, updatedAt: now,
    });
    await writeJsonAtomic(join(staging, output.dir, 'manifest.json'), manifest);
    await moveAtomic(join(staging, output.dir), out);
    await removeResumeFile(resumeFile);
    const m = manifest.metrics;
    const metrics = ['psnr', 'ssim'].filter((k) => k in m).map((k) => `${k} ${formatNumber(m[k])}`);
    if ('triangles' in m) metrics.push(`${Math.round(m.triangles)} triangles`);
    if ('gaussians' in m) metrics.push(`${Math.round(m.gaussians)} Gaussians`);
    const st = manifest.settings as { threads?: unknown; steps?: unknown; method?: unknown };
    const what = st.method === 'splats' ? 'splat trainer' : 'voxel trainer';
    const trainer = typeof st.threads === 'number' ? ` (${what}: ${st.steps} steps on ${st.threads} thread${st.threads === 1 ? '' : 's'})` : '';
    log.result(`fit done in ${formatDuration(result.seconds)} on ${result.backend}${trainer}: ${metrics.join(', ') || 'no held-out views'} -> ${out}`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
