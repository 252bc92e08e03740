// The renderer's web client (src/renderer/api) against the real web server on loopback:
// calls, typed errors, events, and reconnect after a server restart.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { StudioError, type StudioEvent } from '../../shared';
import { createWebClient, type WebSocketLike, type WebStudioClient } from '../../renderer/api';
import { createRecordingStudio, type RecordingStudio } from './test-fixtures';
import { startWebServer, type WebServerHandle } from './web-server';

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('web client against startWebServer', () => {
  let base: string;
  let studio: RecordingStudio;
  let server: WebServerHandle;
  let client: WebStudioClient;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'webclient-'));
    await mkdir(join(base, 'renderer'));
    await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html>');
    studio = createRecordingStudio(base);
    server = await startWebServer({ service: studio, rendererDir: join(base, 'renderer') });
    client = createWebClient({
      baseUrl: server.origin,
      token: server.token,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
      createSocket: (url) => new WebSocket(url, { headers: { authorization: `Bearer ${server.token}` } }) as unknown as WebSocketLike,
    });
  });
  afterAll(async () => {
    client.close();
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('calls methods and rethrows typed errors', async () => {
    expect(await client.getInfo({})).toMatchObject({ version: '0.0.0-test' });
    const error = await client.listItems({ kind: 'banana' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'invalid-argument', field: 'kind' });
    await expect(client.getItem({ kind: 'scene', id: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a client with the wrong token', async () => {
    const bad = createWebClient({ baseUrl: server.origin, token: 'x'.repeat(43) });
    await expect(bad.getInfo({})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('receives events and reconnects after a restart', async () => {
    const events: StudioEvent[] = [];
    const unsubscribe = client.onEvent((e) => events.push(e));
    await waitFor(() => client.isConnected());
    // Opening the socket asks for a refresh: events sent before the subscription are not lost.
    await waitFor(() => events.length === 1);
    expect(events[0]).toEqual({ type: 'workspace' });
    studio.emit({ type: 'workspace', kind: 'capture' });
    await waitFor(() => events.length === 2);

    const { port, token } = server;
    await server.close();
    await waitFor(() => !client.isConnected());
    server = await startWebServer({ service: studio, rendererDir: join(base, 'renderer'), port, token });
    await waitFor(() => client.isConnected());
    // The client announces a reconnect with a refresh event, then live events flow again.
    await waitFor(() => events.length === 3);
    expect(events[2]).toEqual({ type: 'workspace' });
    studio.emit({ type: 'workspace', kind: 'scene' });
    await waitFor(() => events.length === 4);
    expect(events[3]).toEqual({ type: 'workspace', kind: 'scene' });
    unsubscribe();
    expect(client.isConnected()).toBe(false);
  });
});
