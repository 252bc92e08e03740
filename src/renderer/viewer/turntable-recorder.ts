// Records the viewer canvas while the turntable makes one revolution: canvas.captureStream ->
// MediaRecorder -> a WebM Blob offered as a download link (a Blob URL). The same link works in
// the desktop app (Chromium downloads it).

/** Container/codec choices, best first. */
export const RECORDER_MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'] as const;

/** The first type `isSupported` accepts, or null when the browser can record none of them. */
export function pickRecorderMime(isSupported: (type: string) => boolean): string | null {
  return RECORDER_MIME_TYPES.find((t) => isSupported(t)) ?? null;
}

/** A file name for the recording: the scene name made safe, plus `-turntable.webm`. */
export function recordingFileName(sceneName: string): string {
  const base = sceneName.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'scene';
  return `${base}-turntable.webm`;
}

export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement !== 'undefined'
    && typeof HTMLCanvasElement.prototype.captureStream === 'function'
    && pickRecorderMime((t) => MediaRecorder.isTypeSupported(t)) !== null;
}

export interface Recording {
  /** Resolves with the video once `stop()` was called (or rejects on a recorder error). */
  done: Promise<Blob>;
  stop(): void;
}

/** Starts recording `canvas` at up to `fps` frames per second. */
export function recordCanvas(canvas: HTMLCanvasElement, fps = 30): Recording {
  const mimeType = pickRecorderMime((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('This browser cannot record WebM video (MediaRecorder).');
  const stream = canvas.captureStream(fps);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 6_000_000 });
  const chunks: Blob[] = [];
  const done = new Promise<Blob>((resolve, reject) => {
    recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
    recorder.onerror = () => reject(new Error('The video recorder failed.'));
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      resolve(new Blob(chunks, { type: 'video/webm' }));
    };
  });
  recorder.start(250);
  return {
    done,
    stop: () => { if (recorder.state !== 'inactive') recorder.stop(); },
  };
}
