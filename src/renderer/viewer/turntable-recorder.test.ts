import { describe, expect, it } from 'vitest';
import { pickRecorderMime, recordingFileName } from './turntable-recorder';

describe('turntable recorder helpers', () => {
  it('picks the best supported WebM type', () => {
    expect(pickRecorderMime(() => true)).toBe('video/webm;codecs=vp9');
    expect(pickRecorderMime((t) => t !== 'video/webm;codecs=vp9')).toBe('video/webm;codecs=vp8');
    expect(pickRecorderMime(() => false)).toBeNull();
  });
  it('names the file after the scene', () => {
    expect(recordingFileName('Sample capture — reconstruction')).toBe('Sample_capture_reconstruction-turntable.webm');
    expect(recordingFileName('///')).toBe('scene-turntable.webm');
  });
});
