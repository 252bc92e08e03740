import { describe, expect, it } from 'vitest';
import { StudioError, parseArgs } from '../../shared';
import { errorIsFor, toUiError } from './ui-error';

describe('toUiError', () => {
  it('keeps the field of a StudioError thrown by argument validation', () => {
    let thrown: unknown;
    try {
      parseArgs('startJob', { kind: 'fit', captureId: 'sample', minutes: -1 });
    } catch (e) {
      thrown = e;
    }
    const ui = toUiError(thrown);
    expect(ui.field).toBe('minutes');
    expect(ui.code).toBe('invalid-argument');
    expect(ui.message).toMatch(/minutes/);
    expect(errorIsFor(ui, 'minutes')).toBe(true);
    expect(errorIsFor(ui, 'preset')).toBe(false);
  });
  it('strips the Electron IPC prefix and error names', () => {
    const e = new Error("Error invoking remote method 'parallax:importCapture': StudioError: transforms.json: frames[2].file_path: missing");
    expect(toUiError(e).message).toBe('transforms.json: frames[2].file_path: missing');
  });
  it('reads a payload nested in a web response body or embedded as JSON', () => {
    const payload = new StudioError('not-found', 'path: /nope does not exist', 'path').toPayload();
    expect(toUiError({ error: payload })).toEqual({ message: 'path: /nope does not exist', code: 'not-found', field: 'path' });
    expect(toUiError(new Error(JSON.stringify(payload))).field).toBe('path');
  });
  it('copes with strings and junk', () => {
    expect(toUiError('boom')).toEqual({ message: 'boom' });
    expect(toUiError(undefined)).toEqual({ message: 'Unknown error' });
    expect(toUiError({ message: 42 })).toEqual({ message: 'Unknown error' });
  });
});
