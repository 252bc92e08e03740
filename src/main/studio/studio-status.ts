// getStatus: memory figures for the status bar. Engine workers are threads of this process
// (the default isolation), so the process figures include them.
import { freemem, totalmem } from 'node:os';
import type { StudioStatus } from '../../shared';

export function studioStatus(): StudioStatus {
  const m = process.memoryUsage();
  return {
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    externalBytes: m.external, // includes ArrayBuffers (tfjs wasm heaps, images)
    freeSystemBytes: freemem(),
    totalSystemBytes: totalmem(),
  };
}
