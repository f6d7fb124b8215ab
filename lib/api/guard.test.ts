import { describe, expect, it } from 'vitest';
import { checkRequest, hostnameOf, sameSecret, sessionValue, SESSION_COOKIE } from './guard';

const h = (init: Record<string, string>) => new Headers(init);

describe('hostnameOf', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['127.0.0.1:80', '127.0.0.1'],
    ['[::1]:3000', '::1'],
    ['podnode.example.com', 'podnode.example.com'],
    ['evil.com@localhost', null],
    ['localhost:3000/x', null],
    ['', null],
  ])('%s → %s', (host, name) => expect(hostnameOf(host)).toBe(name));
});

describe('checkRequest', () => {
  it('serves loopback names, whatever the port (port-forward)', () => {
    for (const host of ['localhost:3000', '127.0.0.1:8080', '[::1]:3000']) expect(checkRequest(h({ host }), {})).toBeNull();
  });

  it('refuses any other host with a 403 that names the setting (DNS rebinding)', () => {
    const r = checkRequest(h({ host: 'attacker.example' }), {});
    expect(r).toMatchObject({ status: 403, kind: 'forbidden' });
    expect(r?.body.error).toContain('PODNODE_ALLOWED_HOSTS');
    expect(checkRequest(h({}), {})?.status).toBe(403);
    expect(checkRequest(h({ host: 'podnode.internal:443' }), { PODNODE_ALLOWED_HOSTS: 'podnode.internal, other' })).toBeNull();
  });

  it('refuses a foreign or null Origin, and cross-site fetches', () => {
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'http://localhost:3000' }), {})).toBeNull();
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'http://attacker.example' }), {})?.status).toBe(403);
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'null' }), {})?.status).toBe(403);
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'null', 'sec-fetch-site': 'cross-site' }), {})?.status).toBe(403);
    // the page's own form post under Referrer-Policy: no-referrer
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'null', 'sec-fetch-site': 'same-origin' }), {})).toBeNull();
    expect(checkRequest(h({ host: 'localhost:3000', origin: 'http://localhost:4000' }), {})?.status).toBe(403);
    expect(checkRequest(h({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }), {})?.status).toBe(403);
    expect(checkRequest(h({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }), {})).toBeNull();
  });

  it('with PODNODE_TOKEN, wants the bearer token or the session cookie derived from it', () => {
    const env = { PODNODE_TOKEN: 's3cret-token' };
    const base = { host: 'localhost:3000' };
    expect(checkRequest(h(base), env)).toMatchObject({ status: 401, kind: 'unauthorized' });
    expect(checkRequest(h({ ...base, authorization: 'Bearer wrong' }), env)?.status).toBe(401);
    expect(checkRequest(h({ ...base, authorization: 'Bearer s3cret-token' }), env)).toBeNull();
    expect(checkRequest(h({ ...base, cookie: `a=b; ${SESSION_COOKIE}=${sessionValue('s3cret-token')}` }), env)).toBeNull();
    // the cookie is not the token itself, and the token is not a valid cookie
    expect(sessionValue('s3cret-token')).not.toContain('s3cret');
    expect(checkRequest(h({ ...base, cookie: `${SESSION_COOKIE}=s3cret-token` }), env)?.status).toBe(401);
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'a'.repeat(1000))).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
