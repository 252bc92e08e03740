// parallax ddrep --rep siren|panorama|field [--method ddrep|sds|sjc] [--photo <img>] [--n 4] [--steps N] [--guidance w]
//   [--seed s] [--inner M] [--resample U] [--grid G] [--model <prior.plxm>] --out <dir> [--backend B]
// Runs the `ddrep` runner (src/main/jobs/runners/ddrep.ts) in a worker with a progress bar; Ctrl-C stops
// after the current step and keeps the finished samples.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { defaultModelPath } from '../../main/generative';
import { DDREP_METHODS, DDREP_REPS, DdrepParamsSchema, type DdrepParams } from '../../main/jobs/runners/ddrep-params';
import { UsageError, backendFlag, numberFlag, parse } from '../args';
import type { Log } from '../log';
import { formatDuration } from '../progress';
import { runDirect } from '../run-direct';

export const DDREP_HELP = `parallax ddrep --rep siren|panorama|field --out <dir> [options]

Sample a differentiable representation from the image prior (issue 17): a SIREN image, a wrap-around
panorama canvas (8 windows of the prior's size, one per 45 deg of azimuth) or a voxel radiance field seen
through the prior's cameras, with DDRep (the pulled-back PF-ODE), SDS or SJC. Writes sample-<k>.png,
sample-<k>-steps.png (the render at a few steps) and summary.json; a field sample also writes the scene
folder sample-<k>/ (open it in the studio, or parallax export sample-<k> --glb f.glb), sample-<k>.glb
(validated with the Khronos glTF validator) and sample-<k>-views/az<deg>.png.

  --rep <r>        siren | panorama | field
  --method <m>     ddrep (default) | sds | sjc
  --photo <img>    complete a photo by RePaint inpainting (ddrep only): panorama = the photo is the window
                   at azimuth 0-45 deg; siren = the photo's left half is known; field = the photo is the
                   object's front view (azimuth 0, elevation 17.5 deg) and the field is completed around it
  --n <N>          samples (default 4); sample k uses seed s + k
  --steps <N>      ddrep: DDIM steps (default 50, diffusers' default; the paper gives none for SIRENs)
                   sds: iterations (default 2000); sjc: iterations (default 10000, SJC's code)
  --guidance <w>   CFG weight, 1 = conditional only (ddrep default 3; sds/sjc default 100 as DreamFusion/SJC)
  --inner <M>      ddrep: at most M Adam steps per per-step fit (default 200, the paper's; field 20, for time);
                   a SIREN stops early once 90% of the requested change is reached; panorama uses the
                   exact closed-form fit instead
  --grid <G>       field: grid vertices per axis (default 33: cells of about one pixel of the prior's view)
  --resample <U>   ddrep: RePaint forward steps per reverse step (siren and field default 0, panorama and a
                   field with --photo 1 as the paper's multi-view runs); each repeat costs a whole step
                   again, so a field with --photo takes about twice as long (about 20 min at 100 steps on
                   2 busy cores); --resample 0 keeps it at the field's usual cost
  --seed <s>       base seed (default 0)
  --model <file>   prior model file (default resources/models/default-prior.plxm)
  --out <dir>      output folder (created if missing)
  --backend <B>    auto | tensorflow | webgpu | wasm | cpu (default auto)`;

const oneOf = (v: string | undefined, flag: string, allowed: readonly string[]): string | undefined => {
  if (v !== undefined && !allowed.includes(v)) throw new UsageError(`parallax ddrep: --${flag} must be ${allowed.join(', ')}; got "${v}"`);
  return v;
};

/** Flags -> runner params (validated; throws UsageError naming the flag and value). */
export function ddrepParamsFromFlags(argv: string[]): { params: DdrepParams; out: string; backend: ReturnType<typeof backendFlag>; help: boolean } {
  const { values, positionals } = parse(argv, {
    rep: { type: 'string' }, method: { type: 'string' }, photo: { type: 'string' }, n: { type: 'string' }, steps: { type: 'string' },
    guidance: { type: 'string' }, seed: { type: 'string' }, inner: { type: 'string' }, resample: { type: 'string' },
    grid: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' },
  }, 'ddrep');
  if (values.help) return { params: { rep: 'siren', modelFile: '-' }, out: '', backend: 'auto', help: true };
  if (positionals.length) throw new UsageError(`parallax ddrep: takes no positional arguments; got ${positionals.map((p) => `"${p}"`).join(' ')}`);
  if (values.rep === undefined) throw new UsageError('parallax ddrep: --rep siren|panorama|field is required');
  const rep = oneOf(values.rep, 'rep', DDREP_REPS);
  const method = oneOf(values.method, 'method', DDREP_METHODS) ?? 'ddrep';
  if (!values.out) throw new UsageError('parallax ddrep: --out <dir> is required');
  if (values.grid !== undefined && rep !== 'field') throw new UsageError(`parallax ddrep: --grid is a field option; got it with --rep ${rep}`);
  if (values.photo !== undefined) {
    if (method !== 'ddrep') throw new UsageError(`parallax ddrep: --photo needs --method ddrep (RePaint inpainting); got --method ${method}`);
    if (!existsSync(resolve(values.photo))) throw new UsageError(`parallax ddrep: --photo: no such file "${resolve(values.photo)}"`);
  }
  if (method !== 'ddrep') {
    for (const f of ['inner', 'resample'] as const) if (values[f] !== undefined) throw new UsageError(`parallax ddrep: --${f} is a ddrep option; got it with --method ${method}`);
  }
  const modelFile = resolve(values.model ?? defaultModelPath('prior'));
  if (!existsSync(modelFile)) {
    throw new UsageError(values.model
      ? `parallax ddrep: --model: no such file "${modelFile}"`
      : `parallax ddrep: the shipped prior ${modelFile} is missing; train it with npm run train:prior (or pass --model <prior.plxm>)`);
  }
  const int = (v: string | undefined, flag: string, min: number, max: number) => numberFlag(v, flag, { min, max, integer: true });
  const params: DdrepParams = {
    rep: rep as DdrepParams['rep'], method: method as DdrepParams['method'], modelFile,
    photo: values.photo !== undefined ? resolve(values.photo) : null,
    samples: int(values.n, 'n', 1, 64) ?? 4,
    steps: int(values.steps, 'steps', 1, 100000) ?? null,
    guidance: numberFlag(values.guidance, 'guidance', { min: 0, max: 1000 }) ?? null,
    inner: int(values.inner, 'inner', 1, 10000) ?? null,
    resample: int(values.resample, 'resample', 0, 10) ?? null,
    grid: int(values.grid, 'grid', 5, 96) ?? null,
    seed: int(values.seed, 'seed', 0, 2 ** 31 - 1) ?? 0,
  };
  DdrepParamsSchema.parse(params); // the runner's own check; the flags above already enforce it
  return { params, out: resolve(values.out), backend: backendFlag(values.backend), help: false };
}

export async function ddrepCommand(argv: string[], log: Log): Promise<number> {
  const { params, out, backend, help } = ddrepParamsFromFlags(argv);
  if (help) { log.result(DDREP_HELP); return 0; }
  if ((await stat(out).catch(() => null))?.isDirectory() === false) throw new UsageError(`parallax ddrep: --out "${out}" exists and is not a folder`);
  await mkdir(out, { recursive: true });
  const staging = await mkdtemp(join(dirname(out), '.parallax-ddrep-'));
  try {
    const label = `ddrep ${params.method} ${params.rep}`;
    const result = await runDirect({ runner: 'ddrep', params, backend, stagingDir: staging, label, log });
    const dir = join(staging, result.outputs[0].dir);
    const files = await readdir(dir);
    for (const f of files) await rename(join(dir, f), join(out, f));
    const n = result.summary?.samples ?? 0;
    const calls = result.summary?.denoiserCalls ?? 0;
    if (result.summary?.stopped) log.info(`stopped: kept the ${n} finished sample(s) of ${params.samples ?? 4}`);
    log.result(`${label}: ${n} sample(s) in ${formatDuration(result.seconds)}, ${calls} denoiser calls (${result.backend}) -> ${out}`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
