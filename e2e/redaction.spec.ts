// Secrets planted in every place the redaction policy covers (env, probe and hook headers,
// flexVolume options, secret-like annotations, --password=/--token flags) appear in no output:
// every API format, the stream, the drawer, the snapshot, the CLI, and the CLI's offline file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { plantedPod } from '../lib/kube/planted-secrets';
import { runCli } from '../lib/cli/run-cli';
import { simMutate, openStream } from './sim-control';

const NS = 'redaction';
// everything the cache keeps of a pod's containers and metadata (env, command, probes and volumes
// are not kept at all: asking for them is refused, and the refusal carries none either)
const PATHS = ['metadata.annotations', 'spec.containers', 'spec.initContainers', 'spec.ephemeralContainers', 'status'].join(',');
const DROPPED = ['spec.containers[0].command', 'spec.containers[0].env', 'spec.containers[0].livenessProbe', 'spec.volumes'];

test.beforeAll(async () => {
  await simMutate({ op: 'upsert-pod', pod: plantedPod(NS, 'planted') });
});

function expectClean(text: string, where: string): void {
  expect(text.length, `${where} said something`).toBeGreaterThan(0);
  expect(text, where).not.toContain('PLANT');
}

test('no API format, no drawer object and no snapshot carries a planted secret', async ({ request }) => {
  const o = encodeURIComponent(PATHS);
  await expect.poll(async () => (await (await request.get(`/api/podnodes?ns=${NS}`)).json()).matched, { timeout: 10_000 }).toBe(1);
  const json = await (await request.get(`/api/podnodes?ns=${NS}&objects=1&o=${o}`)).text();
  expectClean(json, 'json objects=1');
  expect(json).toContain('[redacted]');
  for (const dropped of DROPPED) {
    const refused = await request.get(`/api/podnodes?ns=${NS}&o=${encodeURIComponent(dropped)}`);
    expect(refused.status(), dropped).toBe(400);
    expectClean(await refused.text(), `refusal of ${dropped}`);
  }
  for (const format of ['csv', 'ndjson', 'text']) expectClean(await (await request.get(`/api/podnodes?ns=${NS}&o=${o}&format=${format}`)).text(), format);
  const uid = (await (await request.get(`/api/podnodes?ns=${NS}`)).json()).rows[0].uid as string;
  const detail = await (await request.get(`/api/podnode/${uid}`)).text();
  expectClean(detail, 'drawer detail');
  expect(detail).toContain('--db-password=[redacted]');
  const snapshot = await (await request.get('/api/snapshot')).text();
  expect(snapshot).toContain('"name":"planted"');
  expectClean(snapshot, 'snapshot');
});

test('the stream and the drawer’s YAML carry none either', async ({ baseURL, page }) => {
  const stream = await openStream(`${baseURL}/api/podnodes/stream?ns=${NS}&o=${encodeURIComponent(PATHS)}`);
  await stream.ready;
  expectClean(stream.events.map((e) => e.data).join('\n'), 'stream');
  stream.close();
  const uid = ((await (await page.request.get(`/api/podnodes?ns=${NS}`)).json()) as { rows: { uid: string }[] }).rows[0]!.uid;
  await page.goto(`/?ns=${NS}&sel=${uid}`);
  const drawer = page.getByTestId('detail-drawer');
  await expect(drawer).toContainText('planted');
  await drawer.getByText('Pod YAML').click();
  await expect(drawer.locator('pre').first()).toContainText('--db-password=[redacted]');
  expectClean((await drawer.textContent()) ?? '', 'drawer');
  expectClean(await page.content(), 'page HTML');
});

test('the CLI, against the dashboard and against the API server, and its offline file carry none', async ({ baseURL }) => {
  const viaServer = await runCli(['get', 'pn', '--server', baseURL!, '-n', NS, '-o', PATHS, '--json'], {});
  expect(viaServer.code).toBe(0);
  expectClean(viaServer.stdout, 'CLI --server');
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-redaction-'));
  const env = { KUBECONFIG: path.resolve('.podnode', 'e2e-kubeconfig.yaml'), XDG_CACHE_HOME: cache, PODNODE_CONTEXT: '' };
  const live = await runCli(['get', 'pn', '-n', NS, '-o', PATHS, '--json'], env);
  expect(live.code, live.stderr).toBe(0);
  expectClean(live.stdout, 'CLI live');
  expect(live.stderr).not.toContain('PLANT');
  const files = fs.readdirSync(path.join(cache, 'podnode')).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const text = fs.readFileSync(path.join(cache, 'podnode', f), 'utf8');
    expect(text).toContain('"name":"planted"');
    expectClean(text, `offline file ${f}`);
  }
  const offline = await runCli(['get', 'pn', '--offline', '-n', NS, '-o', PATHS, '--json'], env);
  expectClean(offline.stdout, 'CLI --offline');
});
