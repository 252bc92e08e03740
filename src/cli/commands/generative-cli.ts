// Flag parsing for the generative commands; the work is in ./train, ./sample and ./eval.
//   parallax train <captures…> [--from M] [--steps N] [--out F] [--seed S] [--checkpoint F] [--checkpoint-every N] [--backend B]
//   parallax sample <photo> --out <dir> [--model M] [--n 4] [--steps 50] [--guidance w] [--temperature T] [--seed s] [--path orbit|forward|autoregressive] [--views V] [--pooling P] [--grid R] [--backend B]
//   parallax eval [--model M] [--baseline B] [--json] [--samples N] [--steps N] [--guidance w] [--temperature T] [--eta E] [--seed S] [--path one-shot|autoregressive] [--context-views 2] [--pooling P] [--novel rendered|generated] [--procedural N] [--backend B] <captures…>
import { DEFAULT_SCENE_POOLING, SCENE_POOLINGS } from '../../shared/scene-pooling';
import { UsageError, backendFlag, numberFlag, parse } from '../args';
import type { Log } from '../log';

const int = (v: string | undefined, flag: string, min = 0) => numberFlag(v, flag, { min, integer: true });

const POOLING_USAGE = `[--pooling ${SCENE_POOLINGS.join('|')} (default ${DEFAULT_SCENE_POOLING})]`;

export async function trainCli(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' },
    checkpoint: { type: 'string' }, 'checkpoint-every': { type: 'string' }, backend: { type: 'string' },
  }, 'train');
  if (values.help) { log.result('parallax train <captures…> [--from <model>] [--steps N] [--out <model file>] [--seed S] [--checkpoint <file>] [--checkpoint-every N] [--backend B]'); return 0; }
  if (positionals.length === 0) throw new UsageError('parallax train: name at least one capture folder');
  const { trainCommand } = await import('./train');
  return trainCommand({
    captures: positionals, from: values.from, out: values.out, checkpoint: values.checkpoint,
    steps: int(values.steps, 'steps', 1), seed: int(values.seed, 'seed'),
    checkpointEvery: int(values['checkpoint-every'], 'checkpoint-every', 1), backend: backendFlag(values.backend),
  }, log);
}

export async function sampleCli(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' }, model: { type: 'string' }, n: { type: 'string' }, steps: { type: 'string' },
    guidance: { type: 'string' }, temperature: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' },
    views: { type: 'string' }, grid: { type: 'string' }, backend: { type: 'string' }, pooling: { type: 'string' },
  }, 'sample');
  if (values.help) { log.result(`parallax sample <photo> --out <dir> [--model M] [--n 4] [--steps 50] [--guidance w] [--temperature T] [--seed s] [--path orbit|forward|autoregressive] [--views V] ${POOLING_USAGE} [--grid R] [--backend B]`); return 0; }
  if (positionals.length !== 1) throw new UsageError('parallax sample: name exactly one photo (or capture folder)');
  if (!values.out) throw new UsageError('parallax sample: --out <dir> is required');
  if (values.path !== undefined && values.path !== 'orbit' && values.path !== 'forward' && values.path !== 'autoregressive') {
    throw new UsageError(`parallax sample: --path must be orbit, forward or autoregressive (got "${values.path}")`);
  }
  const { sampleCommand } = await import('./sample');
  return sampleCommand({
    photo: positionals[0], out: values.out, model: values.model, n: int(values.n, 'n', 1), steps: int(values.steps, 'steps', 1),
    guidance: numberFlag(values.guidance, 'guidance', { min: 0 }), temperature: numberFlag(values.temperature, 'temperature', { min: 0 }),
    seed: int(values.seed, 'seed'), path: values.path as 'orbit' | 'forward' | 'autoregressive' | undefined,
    views: int(values.views, 'views', 1), grid: int(values.grid, 'grid', 8), backend: backendFlag(values.backend),
    pooling: values.pooling,
  }, log);
}

export async function evalCli(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' }, baseline: { type: 'string' }, json: { type: 'boolean' }, samples: { type: 'string' },
    steps: { type: 'string' }, seed: { type: 'string' }, procedural: { type: 'string' }, backend: { type: 'string' },
    guidance: { type: 'string' }, temperature: { type: 'string' }, eta: { type: 'string' }, path: { type: 'string' }, novel: { type: 'string' },
    'context-views': { type: 'string' }, pooling: { type: 'string' },
    ddrep: { type: 'boolean' }, prior: { type: 'string' }, 'ddrep-steps': { type: 'string' }, 'ddrep-resample': { type: 'string' }, 'ddrep-inner': { type: 'string' },
  }, 'eval');
  if (values.help) { log.result(`parallax eval [--model M] [--baseline B] [--json] [--samples 4] [--steps 50] [--guidance w] [--temperature T] [--eta E] [--seed S] [--path one-shot|autoregressive] [--context-views 2] ${POOLING_USAGE} [--novel rendered|generated] [--procedural N] [--backend B] [--ddrep [--prior <prior.plxm>] [--ddrep-steps 50] [--ddrep-resample 1] [--ddrep-inner 20]] <captures…>\n`
    + '  --ddrep  also complete a radiance field from the same photo with DDRep and the image prior, training-free (issue 17),\n'
    + '           scored by the same metrics at the same poses (the photo must be a view of the prior\'s rig: procedural captures are)'); return 0; }
  const ddrepOnly = ['prior', 'ddrep-steps', 'ddrep-resample', 'ddrep-inner'] as const;
  for (const f of ddrepOnly) if (values[f] !== undefined && !values.ddrep) throw new UsageError(`parallax eval: --${f} goes with --ddrep`);
  const procedural = int(values.procedural, 'procedural', 1);
  if (positionals.length === 0 && !procedural) throw new UsageError('parallax eval: name capture folders or use --procedural N');
  const { evalCommand } = await import('./eval');
  return evalCommand({
    captures: positionals, model: values.model, baseline: values.baseline, json: values.json,
    samples: int(values.samples, 'samples', 1), steps: int(values.steps, 'steps', 1), seed: int(values.seed, 'seed'),
    guidance: numberFlag(values.guidance, 'guidance', { min: 0 }), temperature: numberFlag(values.temperature, 'temperature', { min: 0 }),
    eta: numberFlag(values.eta, 'eta', { min: 0, max: 1 }),
    path: values.path, contextViews: int(values['context-views'], 'context-views', 1), novel: values.novel, procedural, backend: backendFlag(values.backend),
    pooling: values.pooling,
    ddrep: values.ddrep === true, prior: values.prior,
    ddrepSteps: int(values['ddrep-steps'], 'ddrep-steps', 1), ddrepResample: int(values['ddrep-resample'], 'ddrep-resample', 0), ddrepInner: int(values['ddrep-inner'], 'ddrep-inner', 1),
  }, log);
}
