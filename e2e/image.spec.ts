// What the container image runs, started here the way the image starts it (no container runtime
// on these machines): the app assembled by the Dockerfile's own command, the final stage's ENV,
// working directory and user (uid 65532 when this runs as root), app files it cannot write, and
// only /tmp to write to. It must serve the page and the API from the simulator and write nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from '@playwright/test';

type ImageSpec = { env: Record<string, string>; user: string; workdir: string; cmd: string[] };

/** The final stage of the Dockerfile: ENV (with continuations), USER, WORKDIR, CMD. */
function finalStage(): ImageSpec {
  const text = fs.readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const stage = text.split(/^FROM .*$/m).at(-1)!;
  const env: Record<string, string> = {};
  for (const line of stage.match(/^ENV .*$/gm) ?? []) {
    for (const [, k, v] of line.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[k!] = v!;
  }
  return {
    env,
    user: /^USER (\S+)/m.exec(stage)?.[1] ?? 'root',
    workdir: /^WORKDIR (\S+)/m.exec(stage)?.[1] ?? '/',
    cmd: JSON.parse(/^CMD (\[.*\])/m.exec(stage)?.[1] ?? '[]') as string[],
  };
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}

let server: ChildProcess | undefined;
let logs = '';
test.afterAll(() => server?.kill('SIGTERM'));

test('the image’s app serves the dashboard as uid 65532 from files it cannot write, writing nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const image = finalStage();
  expect(image.user).toBe('65532:65532');
  expect(image.cmd).toEqual(['server.js']);
  expect(image.env).toMatchObject({ NODE_ENV: 'production', HOSTNAME: '127.0.0.1', PODNODE_HEALTH_PORT: '8081' });

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-image-'));
  fs.chmodSync(root, 0o755);
  const app = path.join(root, 'app'); // stands for the image's WORKDIR
  const build = /^RUN .*node (scripts\/assemble-standalone\.mjs) (\S+)$/m.exec(fs.readFileSync('Dockerfile', 'utf8'));
  expect(build?.[2]).toBe(image.workdir);
  execFileSync(process.execPath, [build![1]!, app]);
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(tmp, { mode: 0o1777 });
  fs.chmodSync(tmp, 0o1777);
  const kubeconfig = path.join(root, 'kubeconfig'); // a mounted secret: readable, not the app's to change
  fs.writeFileSync(kubeconfig, fs.readFileSync(path.resolve('.podnode', 'e2e-kubeconfig.yaml')), { mode: 0o644 });
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) execFileSync('chmod', ['-R', 'a-w', app]); // without root, read-only is the nearest we get
  const before = listing(app);

  const [uid, gid] = image.user.split(':').map(Number);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...image.env, PORT: '3294', PODNODE_HEALTH_PORT: '3295', KUBECONFIG: kubeconfig, HOME: tmp, TMPDIR: tmp };
  const child = spawn(process.execPath, image.cmd, {
    cwd: app,
    env: env as NodeJS.ProcessEnv,
    ...(asRoot ? { uid, gid } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  child.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));

  // the kubelet's probes: the health port answers, and says ready once the cache has synced
  await expect.poll(() => fetch('http://127.0.0.1:3295/readyz').then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  expect(await (await fetch('http://127.0.0.1:3295/healthz')).json()).toEqual({ ok: true });
  expect((await fetch('http://127.0.0.1:3295/api/snapshot')).status).toBe(404); // no data on the probe port

  const base = 'http://127.0.0.1:3294';
  const api = await (await fetch(`${base}/api/podnodes?ns=content`)).json();
  expect(api.matched).toBeGreaterThan(10);
  const page = await browser.newPage();
  await page.goto(`${base}/?ns=content`);
  await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('tbody tr[data-uid]').first()).toBeVisible();
  await page.close();

  expect(listing(app)).toEqual(before); // nothing written into the app
  expect(logs).not.toMatch(/EACCES|EROFS|EPERM|permission denied/i);
  if (asRoot) expect(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')).toMatch(/^Uid:\s+65532\s/m);
});
