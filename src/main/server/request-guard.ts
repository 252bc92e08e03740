// Host/Origin checks (DNS-rebinding and CSRF protection for web mode) and the sender-origin
// check used by the Electron IPC handlers. Plain functions, tested without a server.
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as it appears in a Host header (IPv6 literals bracketed). */
export function hostWithPort(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return `${bare.includes(':') ? `[${bare}]` : bare}:${port}`.toLowerCase();
}

function localInterfaceHosts(): string[] {
  const out = [hostname()];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.push(info.address);
  }
  return out;
}

/**
 * Host header values accepted by a server bound to `bindHost:port`: loopback names for a
 * loopback bind; the bound address for a specific address; loopback names, the machine's
 * interface addresses and host name for a wildcard bind; plus `extraHosts` (bare host names).
 */
export function allowedHostHeaders(bindHost: string, port: number, extraHosts: string[] = []): Set<string> {
  let names: string[];
  if (isLoopbackHost(bindHost)) names = [...LOOPBACK_NAMES, bindHost];
  else if (isWildcardHost(bindHost)) names = [...LOOPBACK_NAMES, ...localInterfaceHosts()];
  else names = [bindHost];
  return new Set([...names, ...extraHosts].map((name) => hostWithPort(name, port)));
}

export type GuardResult = { ok: true } | { ok: false; status: 403; reason: string };

export function checkHostHeader(hostHeader: string | undefined, allowed: Set<string>): GuardResult {
  if (!hostHeader) return { ok: false, status: 403, reason: 'missing Host header' };
  if (!allowed.has(hostHeader.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host "${hostHeader}" is not this server` };
  }
  return { ok: true };
}

/** An Origin header, when present, must be this server's own origin (scheme + Host). */
export function checkOriginHeader(
  originHeader: string | undefined,
  hostHeader: string | undefined,
  scheme: 'http' | 'https' = 'http',
): GuardResult {
  if (originHeader === undefined) return { ok: true };
  const expected = `${scheme}://${(hostHeader ?? '').toLowerCase()}`;
  if (originHeader.toLowerCase() !== expected) {
    return { ok: false, status: 403, reason: `Origin "${originHeader}" is not ${expected}` };
  }
  return { ok: true };
}

/** `scheme://host[:port]` of a URL, also for custom schemes (where URL.origin is "null"). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null; // file:, about:, data:, blob: ... never trusted
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when a frame URL belongs to one of the app's own origins. */
export function isTrustedSenderUrl(url: string | undefined | null, trustedOrigins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && trustedOrigins.some((trusted) => trusted.toLowerCase() === origin);
}
