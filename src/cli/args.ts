// Argument parsing on node:util parseArgs with errors that name the flag and the bad value.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { BackendChoiceSchema, SCENE_POOLINGS } from '../shared';
import type { BackendChoice, ScenePooling } from '../shared';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function parse<const O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`parallax ${command}: ${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}`);
  }
}

export function numberFlag(value: string | undefined, flag: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const bad = !Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max);
  if (bad) {
    const range = [opts.min !== undefined ? `>= ${opts.min}` : '', opts.max !== undefined ? `<= ${opts.max}` : ''].filter(Boolean).join(' and ');
    throw new UsageError(`--${flag}: expected ${opts.integer ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}, got "${value}"`);
  }
  return n;
}

export function backendFlag(value: string | undefined): BackendChoice {
  if (value === undefined) return 'auto';
  const parsed = BackendChoiceSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--backend: expected auto|tensorflow|webgpu|wasm|cpu, got "${value}"`);
  return parsed.data;
}

/** --pooling: how a finished generated scene combines its views (src/shared/scene-pooling.ts); undefined = the default. */
export function poolingFlag(value: string | undefined, command: string): ScenePooling | undefined {
  if (value === undefined) return undefined;
  if (!(SCENE_POOLINGS as readonly string[]).includes(value)) {
    throw new UsageError(`parallax ${command}: --pooling must be one of ${SCENE_POOLINGS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as ScenePooling;
}

export function onePositional(positionals: string[], what: string, command: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(`parallax ${command}: expected one ${what}, got ${positionals.length ? positionals.map((p) => `"${p}"`).join(' ') : 'none'}`);
  }
  return positionals[0];
}
