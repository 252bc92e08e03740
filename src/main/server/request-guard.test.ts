import { describe, expect, it } from 'vitest';
import {
  allowedHostHeaders, checkHostHeader, checkOriginHeader, isLoopbackHost, isTrustedSenderUrl, originOf,
} from './request-guard';

describe('host checks', () => {
  const loopback = allowedHostHeaders('127.0.0.1', 4312);
  it('accepts loopback names with the right port', () => {
    for (const host of ['127.0.0.1:4312', 'localhost:4312', 'LOCALHOST:4312', '[::1]:4312']) {
      expect(checkHostHeader(host, loopback).ok).toBe(true);
    }
  });
  it('refuses other hosts, other ports and a missing Host', () => {
    for (const host of ['evil.example:4312', '127.0.0.1:80', '127.0.0.1', '10.0.0.5:4312', undefined]) {
      expect(checkHostHeader(host, loopback)).toMatchObject({ ok: false, status: 403 });
    }
  });
  it('a specific address bind accepts only that address (plus extra names)', () => {
    const allowed = allowedHostHeaders('10.1.2.3', 80, ['engine.lan']);
    expect(checkHostHeader('10.1.2.3:80', allowed).ok).toBe(true);
    expect(checkHostHeader('engine.lan:80', allowed).ok).toBe(true);
    expect(checkHostHeader('localhost:80', allowed).ok).toBe(false);
  });
  it('a wildcard bind accepts loopback names but not arbitrary names', () => {
    const allowed = allowedHostHeaders('0.0.0.0', 9000);
    expect(checkHostHeader('127.0.0.1:9000', allowed).ok).toBe(true);
    expect(checkHostHeader('rebind.attacker.example:9000', allowed).ok).toBe(false);
  });
  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('192.168.1.1')).toBe(false);
  });
});

describe('origin checks', () => {
  it('allows no Origin and the own origin', () => {
    expect(checkOriginHeader(undefined, '127.0.0.1:1').ok).toBe(true);
    expect(checkOriginHeader('http://127.0.0.1:1', '127.0.0.1:1').ok).toBe(true);
  });
  it('refuses foreign, null and other-port origins', () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:2', 'https://127.0.0.1:1']) {
      expect(checkOriginHeader(origin, '127.0.0.1:1')).toMatchObject({ ok: false, status: 403 });
    }
  });
});

describe('sender URL checks (Electron IPC)', () => {
  const trusted = ['parallax://app'];
  it('trusts the app origin only', () => {
    expect(isTrustedSenderUrl('parallax://app/index.html', trusted)).toBe(true);
    expect(isTrustedSenderUrl('parallax://app/compute.html?x=1', trusted)).toBe(true);
  });
  it.each([
    ['parallax://workspace/x.html'], ['file:///etc/passwd'], ['https://evil.example/'], ['about:blank'],
    ['data:text/html,hi'], [''], [undefined], ['not a url'], ['parallax://app.evil/'],
  ])('refuses %s', (url) => {
    expect(isTrustedSenderUrl(url, trusted)).toBe(false);
  });
  it('computes origins of custom schemes', () => {
    expect(originOf('parallax://app/a/b')).toBe('parallax://app');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('file:///x')).toBeNull();
  });
});
