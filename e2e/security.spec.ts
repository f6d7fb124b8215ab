// The dashboard is reachable by whoever reaches its port, and by any web page the user visits
// (DNS rebinding through a port-forward). Each guard is checked here over real HTTP against the
// production server: hosts, origins, headers, and the optional access token.
import http from 'node:http';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { runCli } from '../lib/cli/run-cli';

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request with exactly these headers (fetch will not let a caller set Host). */
function raw(base: string, urlPath: string, headers: Record<string, string>, method = 'GET', body?: string, headOnly = false): Promise<Raw> {
  const url = new URL(urlPath, base);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, setHost: !('host' in headers) }, (res) => {
      if (headOnly) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
        if (text.length > 4096) res.destroy(); // a stream or a big body: the start is enough
      });
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PROTECTED = ['/', '/nodes', '/workloads', '/api/podnodes', '/api/podnodes/stream', '/api/snapshot', '/api/nodes', '/api/nodes/stream', '/api/workloads', '/api/workloads/stream', '/api/healthz', '/api/readyz', '/api/diagnostics', '/login'];

test('a foreign Host gets 403 naming PODNODE_ALLOWED_HOSTS on the page, every route and the stream', async ({ baseURL }) => {
  for (const p of PROTECTED) {
    const r = await raw(baseURL!, p, { host: 'attacker.example', origin: 'http://attacker.example' });
    expect(r.status, p).toBe(403);
    expect(r.body, p).toContain('PODNODE_ALLOWED_HOSTS');
    expect(r.body, p).not.toContain('"rows"');
  }
  const port = new URL(baseURL!).port;
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) expect((await raw(baseURL!, '/api/healthz', { host })).status, host).toBe(200);
});

test('a cross-origin or null Origin is refused, the page’s own origin is served, and no CORS is granted', async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const origin of ['http://attacker.example', 'null', 'http://localhost:1']) {
    const r = await raw(baseURL!, '/api/snapshot', { host, origin });
    expect(r.status, origin).toBe(403);
  }
  const same = await raw(baseURL!, '/api/podnodes?ns=content', { host, origin: `http://${host}` });
  expect(same.status).toBe(200);
  expect(same.headers['access-control-allow-origin']).toBeUndefined();
  expect((await raw(baseURL!, '/api/podnodes', { host, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
});

test('the page has a strict CSP with a fresh nonce on every response, and the other security headers', async ({ baseURL, page }) => {
  const host = new URL(baseURL!).host;
  const a = await raw(baseURL!, '/', { host });
  const b = await raw(baseURL!, '/', { host });
  const csp = String(a.headers['content-security-policy']);
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(String(b.headers['content-security-policy'])).not.toContain(nonce!);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.headers['referrer-policy']).toBe('no-referrer');
  const api = await raw(baseURL!, '/api/podnodes?ns=none', { host });
  expect(api.headers['x-content-type-options']).toBe('nosniff');
  expect(api.headers['content-security-policy']).toBeTruthy();
  // the page still runs under that policy: hydrated, interactive, and no violation reported
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.goto('/?ns=content');
  await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live');
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByLabel('Add column path')).toBeVisible();
  expect(violations).toEqual([]);
});

test.describe('with PODNODE_TOKEN', () => {
  const token = `tok-${Math.random().toString(36).slice(2)}-secret`;
  const port = 3290;
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess;

  test.beforeAll(async () => {
    server = spawn(process.execPath, [path.resolve('scripts', 'start.mjs')], {
      env: { ...process.env, PORT: String(port), PODNODE_TOKEN: token, PODNODE_SKIP_BUILD: '1', KUBECONFIG: path.resolve('.podnode', 'e2e-kubeconfig.yaml'), KUBERNETES_SERVICE_HOST: '' },
      stdio: 'ignore',
    });
    await expect.poll(async () => (await raw(base, '/login', {}).catch(() => ({ status: 0 }))).status, { timeout: 60_000 }).toBe(200);
  });
  test.afterAll(() => {
    server.kill('SIGTERM');
  });

  test('API and stream answer 401 without the token, 200 with the bearer token; the page sends you to sign in', async () => {
    for (const p of ['/api/podnodes', '/api/podnodes/stream', '/api/snapshot', '/api/podnode/x', '/api/diagnostics']) {
      const r = await raw(base, p, {});
      expect(r.status, p).toBe(401);
      expect(r.headers['www-authenticate'], p).toContain('Bearer');
      expect(r.body, p).not.toContain(token);
      expect((await raw(base, p, { authorization: 'Bearer wrong' })).status, p).toBe(401);
    }
    expect((await raw(base, '/api/podnodes?ns=content', { authorization: `Bearer ${token}` })).status).toBe(200);
    const page = await raw(base, '/?ns=content', {});
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe(`/login?next=${encodeURIComponent('/?ns=content')}`);
  });

  test('signing in sets an HttpOnly, SameSite=Strict cookie that is not the token; a wrong token is refused', async ({ browser }) => {
    const form = (t: string) => `token=${encodeURIComponent(t)}&next=${encodeURIComponent('/?ns=content')}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: base };
    const wrong = await raw(base, '/api/login', headers, 'POST', form('nope'));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.location).toMatch(/^\/login\?error=1/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const evil = await raw(base, '/api/login', { ...headers, origin: 'http://attacker.example' }, 'POST', form(token));
    expect(evil.status).toBe(403);
    const open = await raw(base, '/api/login', headers, 'POST', `token=${token}&next=${encodeURIComponent('//attacker.example/')}`);
    expect(open.headers.location).toBe('/');
    const ok = await raw(base, '/api/login', headers, 'POST', form(token));
    expect(ok.status).toBe(303);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);

    // the whole flow in a browser: redirected to sign in, then the dashboard with live rows
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto('/?ns=content');
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/\?ns=content$/);
    await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live');
    expect(await page.locator('tbody tr[data-uid]').count()).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: scripts cannot read it
    await context.close();
  });

  test('kubectl-podnode --server needs --token (or PODNODE_TOKEN)', async () => {
    const without = await runCli(['get', 'pn', '--server', base, '-n', 'content'], { PODNODE_TOKEN: '' });
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/access token.*--token/);
    const withFlag = await runCli(['get', 'pn', '--server', base, '-n', 'content', '--token', token], { PODNODE_TOKEN: '' });
    expect(withFlag.stderr).toBe('');
    expect(withFlag.code).toBe(0);
    expect(withFlag.stdout.split('\n').length).toBeGreaterThan(5);
    const withEnv = await runCli(['get', 'pn', '--server', base, '-n', 'content'], { PODNODE_TOKEN: token });
    expect(withEnv.stdout).toBe(withFlag.stdout);
  });
});

test('1,000 hostile query strings over real HTTP: the page, the API and the stream never answer 5xx', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const fc = (await import('fast-check')).default;
  const host = new URL(baseURL!).host;
  const pieces = ['f=', 'e=', 'o=', 'l=', 'nl=', 'ns=', 'sort=', 'ctx=', 'format=', 'objects=1', '__proto__[x]=1', '%00', '%E2%80%AE', '[', ']', '(', '"', "'", 'a', '.', ',', '!', '~', '%', '&', '=', '*', '\\'];
  const query = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((p) => p.join(''));
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(query, fc.constantFrom('/', '/nodes', '/workloads', '/api/podnodes', '/api/podnodes/stream', '/api/nodes', '/api/nodes/stream', '/api/workloads', '/api/workloads/stream'), async (qs, route) => {
      tried++;
      const r = await raw(baseURL!, `${route}?${encodeURI(qs).replace(/#/g, '%23')}`, { host }, 'GET', undefined, true);
      expect(r.status, `${route}?${qs}`).toBeLessThan(500);
    }),
    { numRuns: 1_000 },
  );
  expect(tried).toBe(1_000);
});
