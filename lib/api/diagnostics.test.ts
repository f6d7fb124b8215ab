import { describe, expect, it } from 'vitest';
import { respondDiagnostics, type Diagnostics } from './diagnostics';

const local = { host: 'localhost:3000' };

describe('GET /api/diagnostics', () => {
  it('counts the active resources by type, and nothing but counts', async () => {
    // one timer of our own, so there is a Timeout to count whatever else the runner holds
    const timer = setTimeout(() => {}, 60_000);
    try {
      const res = respondDiagnostics(new Headers(local), {});
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as Diagnostics;
      expect(Object.keys(body).sort()).toEqual(['memory', 'resources', 'snapshots', 'total', 'uptimeS']);
      for (const v of Object.values(body.snapshots)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(body.snapshots.budgetBytes).toBeGreaterThan(0);
      expect(body.resources.Timeout).toBeGreaterThanOrEqual(1);
      for (const [type, n] of Object.entries(body.resources)) {
        expect(type).toMatch(/^[A-Za-z]+$/);
        expect(Number.isInteger(n) && n > 0).toBe(true);
      }
      expect(body.total).toBe(Object.values(body.resources).reduce((a, b) => a + b, 0));
      for (const v of Object.values(body.memory)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(body.memory.rssBytes).toBeGreaterThan(0);
      expect(Number.isInteger(body.uptimeS)).toBe(true);
    } finally {
      clearTimeout(timer);
    }
  });

  it('is guarded like every route: a foreign host or origin gets 403, a missing token 401', async () => {
    const foreign = respondDiagnostics(new Headers({ host: 'attacker.example' }), {});
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain('resources');
    expect(respondDiagnostics(new Headers({ ...local, origin: 'http://attacker.example' }), {}).status).toBe(403);
    const env = { PODNODE_TOKEN: 'diag-token' };
    const anonymous = respondDiagnostics(new Headers(local), env);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(respondDiagnostics(new Headers({ ...local, authorization: 'Bearer wrong' }), env).status).toBe(401);
    expect(respondDiagnostics(new Headers({ ...local, authorization: 'Bearer diag-token' }), env).status).toBe(200);
  });
});
