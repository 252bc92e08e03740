import { describe, expect, it } from 'vitest';
import type { Log } from './log';
import { main } from './main';
import { ProgressBar, formatDuration } from './progress';

function capture(): Log & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, info: (l) => err.push(l), error: (l) => err.push(l), result: (l) => out.push(l) };
}

describe('parallax CLI', () => {
  it('prints help and rejects unknown commands and flags clearly', async () => {
    let log = capture();
    expect(await main(['--help'], log)).toBe(0);
    expect(log.out.join('\n')).toMatch(/fit .*\n.*export/s);
    log = capture();
    expect(await main(['frobnicate'], log)).toBe(2);
    expect(log.err[0]).toMatch(/unknown command "frobnicate"/);
    log = capture();
    expect(await main(['fit', 'cap', '--out', '/tmp/x', '--minutes', 'soon'], log)).toBe(2);
    expect(log.err[0]).toMatch(/--minutes: expected a number .* got "soon"/);
    log = capture();
    expect(await main(['export', 'scene', '--gltf', 'a.glb'], log)).toBe(2);
    expect(log.err[0]).toMatch(/Unknown option '--gltf'/);
    log = capture();
    expect(await main(['export', 'scene', '--glb', 'a.glb', '--ply', 'b.ply'], log)).toBe(2);
    expect(log.err[0]).toMatch(/exactly one of --glb/);
    log = capture();
    expect(await main(['render', 'scene', '--cameras', 't.json'], log)).toBe(2);
    expect(log.err[0]).toMatch(/--cameras needs --out/);
    log = capture();
    expect(await main(['eval', '--procedural', '1', '--ddrep-steps', '5'], log)).toBe(2);
    expect(log.err[0]).toMatch(/--ddrep-steps goes with --ddrep/);
    log = capture();
    expect(await main(['info', '--backend', 'cuda'], log)).toBe(2);
    expect(log.err[0]).toMatch(/--backend: expected auto\|tensorflow\|webgpu\|wasm\|cpu, got "cuda"/);
    // Bad input files get their message (file and field) alone, without a stack trace.
    log = capture();
    expect(await main(['train', 'package.json', '--steps', '1', '--backend', 'cpu'], log)).toBe(1);
    expect(log.err.join('\n')).toMatch(/package\.json \[path\]: is not a folder/);
    expect(log.err.join('\n')).not.toMatch(/\n\s+at /);
    for (const cmd of ['info', 'serve', 'fit', 'export', 'render', 'dataset']) {
      log = capture();
      expect(await main([cmd, '--help'], log), cmd).toBe(0);
      expect(log.out[0], cmd).toMatch(new RegExp(`parallax ${cmd}`));
    }
  });

  it('info reports the backend probed in a worker and the workspace', async () => {
    const log = capture();
    expect(await main(['info', '--backend', 'cpu', '--workspace', '/tmp/px-ws'], log)).toBe(0);
    expect(log.out).toContain('backend    cpu');
    expect(log.out).toContain('adapter    JavaScript CPU');
    expect(log.out).toContain('workspace  /tmp/px-ws');
  });

  it('progress: a redrawn line on a TTY, periodic plain lines otherwise', () => {
    const tty: string[] = [];
    const bar = new ProgressBar('fit', { isTTY: true, columns: 100, write: (s) => tty.push(s) });
    bar.update({ step: 50, total: 100, losses: { loss: 0.0123 }, etaSeconds: 75 });
    bar.done();
    expect(tty[0].startsWith(`\rfit [${'#'.repeat(12)}${'.'.repeat(12)}]  50%  50/100  loss 0.01230  ETA 1m15s`)).toBe(true);
    expect(tty[1]).toBe('\n');
    const plain: string[] = [];
    const p = new ProgressBar('fit', { isTTY: false, write: (s) => plain.push(s) }, 60_000);
    for (let i = 1; i <= 100; i++) p.update({ step: i, total: 100, losses: {}, etaSeconds: null });
    expect(plain).toEqual(['fit 1%  1/100\n', 'fit 100%  100/100\n']);
    expect(formatDuration(3725)).toBe('1h02m');
  });
});
