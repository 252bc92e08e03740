// The shape of `window.parallax` (the preload bridge). Each method sends its one argument on
// its own IPC channel and resolves to a CallResult envelope: errors crossing contextBridge
// lose their custom properties, so code/field travel as data and the renderer client
// (src/renderer/api) turns them back into StudioError.
import type { StudioErrorPayload, StudioEvent, StudioMethodName } from '../shared';

export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: StudioErrorPayload };

export type ParallaxBridge = {
  [M in StudioMethodName]: (args: unknown) => Promise<BridgeResult>;
} & {
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** Real path of a File from a drop or a file input ('' when it has none, e.g. made in the page). */
  getPathForFile(file: unknown): string;
};

/** IPC channel on which main hands the compute window its MessagePort. */
export const COMPUTE_PORT_CHANNEL = 'parallax:compute-port';
/** window.postMessage type under which the preload forwards that port to the compute page. */
export const COMPUTE_PORT_MESSAGE = 'parallax-compute-port';
/** Argument main adds (webPreferences.additionalArguments) to mark the compute window. */
export const COMPUTE_ROLE_ARG = '--parallax-role=compute';
