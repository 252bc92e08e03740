// Job runners compute in long async loops whose awaits resolve as microtasks, so a worker's
// incoming messages (the host's stop request) and file writes (preview PNGs) would wait for the
// whole job. Awaiting this between steps lets the event loop run.
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
