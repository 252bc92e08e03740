// The web-mode session token: 32 random bytes. The printed URL carries `?token=`; the page
// exchanges it for an HttpOnly SameSite=Strict cookie; scripts and tools may instead send
// `Authorization: Bearer <token>`.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared across ports of one host, so the name carries the port. */
export function sessionCookieName(port: number): string {
  return `parallax_session_${port}`;
}

export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The token a request presents: `Authorization: Bearer`, else the session cookie. */
export function presentedToken(headers: IncomingHttpHeaders, port: number): string | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match ? match[1] : '';
  }
  return parseCookieHeader(headers.cookie).get(sessionCookieName(port));
}

export type AuthResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** 401 when no token is presented, 403 when a wrong one is. */
export function checkToken(headers: IncomingHttpHeaders, port: number, expected: string): AuthResult {
  const given = presentedToken(headers, port);
  if (given === undefined) return { ok: false, status: 401, reason: 'session token required' };
  if (!tokensEqual(given, expected)) return { ok: false, status: 403, reason: 'wrong session token' };
  return { ok: true };
}
