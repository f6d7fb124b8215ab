// The node and workload views in Chromium at scale: the production dashboard and the simulator
// each in their own process. Run: `npx tsx bench/spot-views-ui.ts [--pods=150000 --nodes=5000
// --churn=50]` (needs `npm run build`). Measures, asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { rssOf, startDashboard, startSimProcess, runBench, waitReady } from './processes';
import { numberFlag } from './args';

const PODS = numberFlag('pods', 150_000);
const NODES = numberFlag('nodes', 5_000);
const CHURN = numberFlag('churn', 50);
const VIEWERS = numberFlag('viewers', 10);
const SIM_PORT = 17563;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-spot-ui-'));
const kubeconfig = path.join(dir, 'kubeconfig');
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
type Stats = { total: number; counts: Record<string, number> };
const simStats = async (): Promise<Stats> => (await (await fetch(`http://127.0.0.1:${SIM_PORT}/sim/stats`)).json()) as Stats;

async function clickTimes(page: Page, headers: string[]): Promise<string[]> {
  return page.evaluate(async (names) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out: string[] = [];
    for (const name of names) {
      const button = [...document.querySelectorAll('th button')].find((b) => b.textContent?.startsWith(name)) as HTMLButtonElement;
      const t = performance.now();
      button.click();
      await frame();
      out.push(`${name} ${Math.round(performance.now() - t)}`);
    }
    return out;
  }, headers);
}

async function measure(page: Page, base: string, view: '/nodes' | '/workloads', rowId: string, sortHeaders: string[]): Promise<void> {
  const t0 = Date.now();
  await page.goto(`${base}${view}`, { waitUntil: 'commit' });
  await page.waitForSelector(`[data-testid=${rowId}]`);
  const firstRows = Date.now() - t0;
  await page.waitForSelector('[data-testid=status-pill][data-state=live]', { timeout: 120_000 });
  const live = Date.now() - t0;
  const matched = await page.getAttribute('[data-testid=row-count]', 'data-matched');
  console.log(`${view}: ${matched} rows; first rows in the HTML ${firstRows} ms, live stream ${live} ms`);
  console.log(`${view}: sort click → painted (ms): ${(await clickTimes(page, sortHeaders)).join(', ')}`);
  console.log(`${view}: DOM rows ${await page.locator('tbody tr').count()}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  console.log(`${view}: JS heap after GC ${mb(heap.usedSize)}`);
}

async function main() {
  console.log(`spot views in Chromium: ${NODES} nodes, ${PODS} pods, churn ${CHURN}/s (${os.cpus().length} cores)`);
  await startSimProcess(SIM_PORT, kubeconfig, { nodes: NODES, pods: PODS, churn: CHURN, history: 100_000 });
  const dash = await startDashboard(3292, kubeconfig);
  const base = 'http://127.0.0.1:3292';
  await waitReady(base);
  console.log(`dashboard synced, RSS ${mb(rssOf(dash.pid!))}`);
  for (const [route, filter] of [['/api/nodes', 'f=capacityType=spot'], ['/api/workloads', 'f=allOnSpot=true']] as const) {
    const t = performance.now();
    const body = await (await fetch(`${base}${route}`)).text();
    console.log(`GET ${route}: ${Math.round(performance.now() - t)} ms, ${(body.length / 1024).toFixed(0)} KB (the whole view, computed for this request)`);
    const t2 = performance.now();
    const res = await fetch(`${base}${route}?${filter}`);
    await res.text();
    console.log(`GET ${route}?${filter}: ${res.status}, ${Math.round(performance.now() - t2)} ms`);
  }
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await measure(page, base, '/nodes', 'node-row', ['Pods', 'CPU requested', 'Node']);
  await measure(page, base, '/workloads', 'workload-row', ['Replicas', 'On spot', 'Risk']);

  // viewers cost the API server nothing: requests before and after VIEWERS more streams of each view
  const before = await simStats();
  const rssBefore = rssOf(dash.pid!);
  const aborts: AbortController[] = [];
  for (let i = 0; i < VIEWERS; i++) {
    for (const route of ['/api/nodes/stream', '/api/workloads/stream']) {
      const a = new AbortController();
      aborts.push(a);
      const res = await fetch(`${base}${route}`, { signal: a.signal });
      void res.body?.pipeTo(new WritableStream()).catch(() => undefined);
    }
  }
  await new Promise((r) => setTimeout(r, 30_000));
  const after = await simStats();
  const reads = Object.entries(after.counts).filter(([k]) => /^(list|watch|get) /.test(k)).reduce((n, [k, v]) => n + v - (before.counts[k] ?? 0), 0);
  console.log(`${VIEWERS} more viewers of each view for 30 s: ${reads} more API-server reads; dashboard RSS ${mb(rssBefore)} → ${mb(rssOf(dash.pid!))}`);
  for (const a of aborts) a.abort();
  await browser.close();
}

runBench(main, dir);
