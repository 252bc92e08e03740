// "Record turntable": starts the canvas recorder, drives the turntable for exactly one turn
// (wall-clock timed, like the turntable itself), then offers the WebM as a Blob URL download.
// The previous recording's URL is revoked when a new one starts and on unmount.
import { useCallback, useEffect, useRef, useState } from 'react';
import { toUiError } from '../lib';
import { canRecord, recordCanvas, recordingFileName } from './turntable-recorder';
import type { RecordState } from './viewer-toolbar';

/** Extra time after the turn so the recorder has flushed the last frames. */
const TAIL_MS = 300;

export interface TurntableRecording {
  supported: boolean;
  state: RecordState;
  recording: boolean;
  start(canvas: HTMLCanvasElement | null, secondsPerTurn: number, sceneName: string): void;
}

export function useTurntableRecording(): TurntableRecording {
  const [supported] = useState(canRecord);
  const [state, setState] = useState<RecordState>({ status: 'idle' });
  const url = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      if (timer.current) clearTimeout(timer.current);
      if (url.current) URL.revokeObjectURL(url.current);
    };
  }, []);

  const start = useCallback((canvas: HTMLCanvasElement | null, secondsPerTurn: number, sceneName: string) => {
    if (!canvas) return;
    if (url.current) {
      URL.revokeObjectURL(url.current);
      url.current = null;
    }
    try {
      const recording = recordCanvas(canvas);
      setState({ status: 'recording', seconds: secondsPerTurn });
      timer.current = setTimeout(() => recording.stop(), secondsPerTurn * 1000 + TAIL_MS);
      recording.done.then(
        (blob) => {
          if (!live.current) return;
          url.current = URL.createObjectURL(blob);
          setState({ status: 'done', url: url.current, fileName: recordingFileName(sceneName), bytes: blob.size });
        },
        (e: unknown) => { if (live.current) setState({ status: 'error', message: toUiError(e).message }); },
      );
    } catch (e) {
      setState({ status: 'error', message: toUiError(e).message });
    }
  }, []);

  return { supported, state, recording: state.status === 'recording', start };
}
