// `parallax ddrep` flag validation: every bad flag is one clear UsageError naming the flag and the value;
// good flags become the runner's params.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../args';
import { ddrepParamsFromFlags } from './ddrep';

const dir = mkdtempSync(join(tmpdir(), 'px-ddrep-cli-'));
const model = join(dir, 'prior.plxm');
const photo = join(dir, 'photo.png');
writeFileSync(model, 'not read by flag parsing');
writeFileSync(photo, 'not read by flag parsing');
const base = ['--rep', 'siren', '--model', model, '--out', join(dir, 'out')];
const fails = (argv: string[], message: RegExp) => {
  expect(() => ddrepParamsFromFlags(argv)).toThrow(UsageError);
  expect(() => ddrepParamsFromFlags(argv)).toThrow(message);
};

describe('parallax ddrep flags', () => {
  it('turns good flags into runner params (null = the method default)', () => {
    const r = ddrepParamsFromFlags(base);
    expect(r.params).toEqual({
      rep: 'siren', method: 'ddrep', modelFile: model, photo: null, samples: 4, steps: null, guidance: null, inner: null, resample: null, grid: null, seed: 0,
    });
    expect(ddrepParamsFromFlags([...base.slice(2), '--rep', 'field', '--grid', '17', '--n', '1']).params).toMatchObject({ rep: 'field', grid: 17, samples: 1 });
    const p = ddrepParamsFromFlags(['--rep', 'panorama', '--method', 'ddrep', '--photo', photo, '--n', '2', '--steps', '30',
      '--guidance', '1.5', '--seed', '9', '--inner', '40', '--resample', '2', '--model', model, '--out', dir]).params;
    expect(p).toMatchObject({ rep: 'panorama', photo, samples: 2, steps: 30, guidance: 1.5, seed: 9, inner: 40, resample: 2 });
    expect(ddrepParamsFromFlags([...base, '--method', 'sjc']).params.method).toBe('sjc');
  });

  it('takes a photo for a field (DDRep completes the field around it as its front view)', () => {
    const f = ddrepParamsFromFlags([...base.slice(2), '--rep', 'field', '--photo', photo, '--resample', '0', '--grid', '17']).params;
    expect(f).toMatchObject({ rep: 'field', method: 'ddrep', photo, resample: 0, grid: 17 });
    expect(ddrepParamsFromFlags([...base.slice(2), '--rep', 'field', '--photo', photo]).params).toMatchObject({ rep: 'field', photo, resample: null });
    fails([...base.slice(2), '--rep', 'field', '--method', 'sds', '--photo', photo], /--photo needs --method ddrep .*got --method sds/);
  });

  it('rejects missing, unknown and out-of-range flags with the flag and value', () => {
    fails(['--model', model, '--out', dir], /--rep siren\|panorama\|field is required/);
    fails([...base.slice(2), '--rep', 'cube'], /--rep must be siren, panorama, field; got "cube"/);
    fails([...base, '--grid', '17'], /--grid is a field option; got it with --rep siren/);
    fails([...base.slice(2), '--rep', 'field', '--grid', '4'], /--grid: expected an integer >= 5 and <= 96, got "4"/);
    fails([...base, '--method', 'vsd'], /--method must be ddrep, sds, sjc; got "vsd"/);
    fails(['--rep', 'siren', '--model', model], /--out <dir> is required/);
    fails([...base, '--n', '0'], /--n: expected an integer >= 1 and <= 64, got "0"/);
    fails([...base, '--steps', '2.5'], /--steps: expected an integer >= 1/);
    fails([...base, '--guidance=-1'], /--guidance: expected a number >= 0 and <= 1000, got "-1"/);
    fails([...base, '--seed', 'abc'], /--seed: expected an integer/);
    fails([...base, '--resample', '11'], /--resample: expected an integer >= 0 and <= 10, got "11"/);
    fails([...base, '--frobnicate'], /Unknown option '--frobnicate'/);
    fails([...base, 'extra'], /takes no positional arguments; got "extra"/);
  });

  it('checks the photo and the model file, and that a photo or inner/resample go with ddrep', () => {
    fails([...base, '--photo', join(dir, 'nope.png')], /--photo: no such file ".*nope\.png"/);
    fails([...base, '--method', 'sds', '--photo', photo], /--photo needs --method ddrep .*got --method sds/);
    fails([...base, '--method', 'sjc', '--inner', '5'], /--inner is a ddrep option; got it with --method sjc/);
    fails(['--rep', 'siren', '--model', join(dir, 'missing.plxm'), '--out', dir], /--model: no such file ".*missing\.plxm"/);
  });
});
