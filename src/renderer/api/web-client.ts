// StudioApi over web mode: `POST /api/<method>` (JSON) for calls and a WebSocket on
// `/events` for events, reconnecting with backoff while anyone listens. In the browser the
// session cookie authenticates both; other callers may pass `token` (Bearer header).
import {
  STUDIO_METHOD_NAMES, StudioError, StudioErrorSchema, StudioEventSchema,
  type StudioApi, type StudioEvent,
} from '../../shared';

/** The part of the WebSocket API the client uses (browser WebSocket and `ws` both fit). */
export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface WebClientOptions {
  /** Server origin (`http://host:port`); '' means the page's own origin. */
  baseUrl: string;
  /** Session token sent as `Authorization: Bearer` (not needed in a page holding the cookie). */
  token?: string;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  createSocket: (url: string) => WebSocketLike;
  reconnectMinMs: number;
  reconnectMaxMs: number;
}

export const WEB_CLIENT_DEFAULTS: Omit<WebClientOptions, 'fetch' | 'createSocket'> = {
  baseUrl: '',
  reconnectMinMs: 500,
  reconnectMaxMs: 5000,
};

export type WebStudioClient = StudioApi & {
  /** Stop reconnecting and close the event socket. */
  close(): void;
  /** True while the event socket is open. */
  isConnected(): boolean;
};

function eventsUrl(baseUrl: string): string {
  const origin = baseUrl || `${globalThis.location.protocol}//${globalThis.location.host}`;
  return `${origin.replace(/^http/, 'ws')}/events`;
}

async function readError(method: string, response: Response): Promise<StudioError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // fall through: not JSON
  }
  const parsed = StudioErrorSchema.safeParse(body);
  if (parsed.success) return new StudioError(parsed.data.code, parsed.data.message, parsed.data.field);
  const code = response.status === 401 || response.status === 403 ? 'forbidden' : 'internal';
  return new StudioError(code, `${method}: HTTP ${response.status} ${response.statusText}`.trim());
}

export function createWebClient(options: Partial<WebClientOptions> = {}): WebStudioClient {
  const opts: WebClientOptions = {
    ...WEB_CLIENT_DEFAULTS,
    fetch: (input, init) => globalThis.fetch(input, init),
    createSocket: (url) => new globalThis.WebSocket(url) as unknown as WebSocketLike,
    ...options,
  };
  const listeners = new Set<(event: StudioEvent) => void>();
  let socket: WebSocketLike | null = null;
  let connected = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let delay = opts.reconnectMinMs;

  const emit = (event: StudioEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  function connect(): void {
    if (closed || socket || listeners.size === 0) return;
    const ws = opts.createSocket(eventsUrl(opts.baseUrl));
    socket = ws;
    ws.onopen = () => {
      connected = true;
      delay = opts.reconnectMinMs;
      // Ask the UI to refresh on every open: after a reconnect anything may have changed (e.g. the
      // server restarted), and on the first open an event sent between the UI's first listing and
      // this subscription would otherwise be lost (an item imported meanwhile never showed up).
      emit({ type: 'workspace' });
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const parsed = StudioEventSchema.safeParse(data);
      if (parsed.success) emit(parsed.data);
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      connected = false;
      socket = null;
      if (closed || listeners.size === 0) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect();
      }, delay);
      delay = Math.min(delay * 2, opts.reconnectMaxMs);
    };
  }

  function disconnect(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    connected = false;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
  }

  const api: Record<string, unknown> = {};
  for (const method of STUDIO_METHOD_NAMES) {
    api[method] = async (args: unknown) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
      let response: Response;
      try {
        response = await opts.fetch(`${opts.baseUrl}/api/${method}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new StudioError('internal', `${method}: cannot reach the Parallax server (${why})`);
      }
      if (!response.ok) throw await readError(method, response);
      return response.json();
    };
  }
  api.onEvent = (listener: (event: StudioEvent) => void) => {
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) disconnect();
    };
  };
  api.close = () => {
    closed = true;
    disconnect();
  };
  api.isConnected = () => connected;
  return api as WebStudioClient;
}
