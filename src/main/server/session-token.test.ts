import { describe, expect, it } from 'vitest';
import {
  TOKEN_PATTERN, checkToken, createSessionToken, parseCookieHeader, sessionCookie, tokensEqual,
} from './session-token';

describe('session token', () => {
  it('is 32 random bytes, base64url', () => {
    const a = createSessionToken();
    const b = createSessionToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });
  it('compares in constant time and handles length mismatch', () => {
    const t = createSessionToken();
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(`${t}x`, t)).toBe(false);
    expect(tokensEqual(undefined, t)).toBe(false);
  });
  it('cookie is HttpOnly, SameSite=Strict and named per port', () => {
    expect(sessionCookie('abc', 4312)).toBe('parallax_session_4312=abc; HttpOnly; SameSite=Strict; Path=/');
    expect(parseCookieHeader('a=1; parallax_session_4312=abc').get('parallax_session_4312')).toBe('abc');
  });
  it('checkToken: 401 without, 403 wrong, ok with cookie or Bearer', () => {
    const t = createSessionToken();
    expect(checkToken({}, 1, t)).toMatchObject({ ok: false, status: 401 });
    expect(checkToken({ cookie: 'parallax_session_1=nope' }, 1, t)).toMatchObject({ ok: false, status: 403 });
    expect(checkToken({ cookie: `parallax_session_2=${t}` }, 1, t)).toMatchObject({ ok: false, status: 401 });
    expect(checkToken({ authorization: 'Basic abc' }, 1, t)).toMatchObject({ ok: false, status: 403 });
    expect(checkToken({ cookie: `parallax_session_1=${t}` }, 1, t).ok).toBe(true);
    expect(checkToken({ authorization: `Bearer ${t}` }, 1, t).ok).toBe(true);
  });
});
