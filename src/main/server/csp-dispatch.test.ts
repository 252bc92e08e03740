import { describe, expect, it } from 'vitest';
import { STUDIO_METHOD_NAMES } from '../../shared';
import { buildCsp } from './csp';
import { dispatchStudioCall, httpStatusFor, isStudioMethod } from './dispatch';
import { createRecordingStudio } from './test-fixtures';

describe('buildCsp', () => {
  it('is strict by default and adds the requested sources', () => {
    const csp = buildCsp({ connectSrc: ['ws://127.0.0.1:9'], mediaSrc: ['parallax://workspace'] });
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toContain('ws://127.0.0.1:9');
    expect(directives.get('img-src')).toContain('parallax://workspace');
    expect(csp).not.toContain('*');
    expect(csp).not.toContain("'unsafe-eval'");
  });
});

describe('dispatchStudioCall', () => {
  const studio = createRecordingStudio('/tmp/ws');
  it('only contract methods are callable', () => {
    for (const name of STUDIO_METHOD_NAMES) expect(isStudioMethod(name)).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'onEvent', 'close', 'hasOwnProperty']) {
      expect(isStudioMethod(name)).toBe(false);
    }
  });
  it('parses arguments before the service sees them', async () => {
    const bad = await dispatchStudioCall(studio, 'listItems', { kind: 'banana' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'kind' } });
    const extra = await dispatchStudioCall(studio, 'getInfo', { evil: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(studio.calls).toHaveLength(0);
    const good = await dispatchStudioCall(studio, 'startJob', { kind: 'fit', captureId: 'cap-1' });
    expect(good.ok).toBe(true);
    expect(studio.calls.at(-1)).toMatchObject({ method: 'startJob', args: { kind: 'fit', method: 'voxels', minutes: 5 } });
  });
  it('maps errors to payloads and statuses', async () => {
    expect(await dispatchStudioCall(studio, 'nope', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const nf = await dispatchStudioCall(studio, 'getItem', { kind: 'scene', id: 'x' });
    expect(nf).toEqual({ ok: false, error: { code: 'not-found', message: 'getItem: no such item', field: 'id' } });
    const internal = await dispatchStudioCall(studio, 'importCapture', { path: '/x' });
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    expect(httpStatusFor('invalid-argument')).toBe(400);
    expect(httpStatusFor('internal')).toBe(500);
  });
});
