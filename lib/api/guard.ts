// Who may ask. Every route and the page pass here (through the view resolver) before any data is
// read, so a check cannot be skipped by a request that avoids the proxy layer:
//   1. Host allowlist: a web page the user visits can rebind its DNS name to 127.0.0.1 and read the
//      cluster through a port-forward; the Host header it sends still names the attacker's domain.
//   2. Origin: a cross-site or `null` origin is refused (no CORS is ever granted), and so is any
//      request a browser marks cross-site or same-site in Sec-Fetch-Site.
//   3. Token (optional, PODNODE_TOKEN): `Authorization: Bearer`, or the session cookie the login
//      page sets. Compared in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiError } from '@/lib/rows/wire';

export type GuardEnv = Readonly<Record<string, string | undefined>>;
export type GuardFailure = { status: 401; kind: 'unauthorized'; body: ApiError } | { status: 403; kind: 'forbidden'; body: ApiError };

export const SESSION_COOKIE = 'podnode_session';
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** The hostnames this server answers to: loopback (port-forward) and PODNODE_ALLOWED_HOSTS. */
function allowedHosts(env: GuardEnv = process.env): Set<string> {
  const extra = (env.PODNODE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return new Set([...LOOPBACK, ...extra]);
}

/** `example.com:3000` → `example.com`; `[::1]:3000` → `::1`; null when it is not a host. */
export function hostnameOf(host: string | null): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  const m = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h) ?? /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return m ? m[1]! : null;
}

/** Host, Origin and the access token: what every route asks before it reads anything. */
export function checkRequest(headers: Headers, env: GuardEnv = process.env): GuardFailure | null {
  return checkHostAndOrigin(headers, env) ?? checkToken(headers, env);
}

/** Host and Origin only: for the proxy in front of every path, and the login form (which is how a
 *  token is presented, so it cannot ask for one). */
export function checkHostAndOrigin(headers: Headers, env: GuardEnv = process.env): GuardFailure | null {
  const allowed = allowedHosts(env);
  const hostHeader = headers.get('host');
  const host = hostnameOf(hostHeader);
  if (!host || !allowed.has(host)) {
    return forbidden(
      `host ${JSON.stringify(hostHeader ?? '')} is not allowed: this dashboard answers to ${[...allowed].join(', ')}; ` +
        'add the name you reach it by to PODNODE_ALLOWED_HOSTS',
    );
  }
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site');
  // Under Referrer-Policy: no-referrer a browser sends `Origin: null` on the page's own form posts;
  // it also says where the request came from in Sec-Fetch-Site, which no page script can set.
  // A `null` origin from anywhere else (a sandboxed frame, a data: URL) is refused.
  const ownNullOrigin = origin === 'null' && site === 'same-origin';
  if (origin !== null && !ownNullOrigin) {
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost !== hostHeader!.trim().toLowerCase()) {
      return forbidden(`cross-origin request from ${JSON.stringify(origin.slice(0, 100))} refused: the dashboard serves its own page only`);
    }
  }
  if (site === 'cross-site' || site === 'same-site') return forbidden(`a ${site} request is refused: the dashboard serves its own page only`);
  return null;
}

function checkToken(headers: Headers, env: GuardEnv): GuardFailure | null {
  const token = env.PODNODE_TOKEN;
  if (token) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
    const session = cookieOf(headers.get('cookie'), SESSION_COOKIE);
    const ok = (bearer !== undefined && sameSecret(bearer, token)) || (session !== undefined && sameSecret(session, sessionValue(token)));
    if (!ok) {
      return {
        status: 401,
        kind: 'unauthorized',
        body: { error: 'this dashboard needs its access token: sign in at /login, or send Authorization: Bearer <token> (CLI: --token)' },
      };
    }
  }
  return null;
}

/** What the session cookie holds: derived from the token, so the cookie is never the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('podnode-session-v1').digest('base64url');
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieOf(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function forbidden(error: string): GuardFailure {
  return { status: 403, kind: 'forbidden', body: { error } };
}
