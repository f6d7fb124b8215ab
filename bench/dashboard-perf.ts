// The page's figures: the production dashboard in Chromium against a simulated cluster with N pods.
// Run: `npm run bench:dashboard -- --pods=50000` (needs `npm run build`). Measures, asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { startDashboard, startSimProcess, runBench, waitReady } from './processes';
import { numberFlag } from './args';

const PODS = numberFlag('pods', 50_000);
const CHURN = numberFlag('churn', 100); // simulator events/s; each moves one or more pods
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-ui-bench-'));
const kubeconfig = path.join(dir, 'kubeconfig');

async function main() {
  await startSimProcess(17543, kubeconfig, { nodes: Math.ceil(PODS / 30), pods: PODS, churn: CHURN });
  await startDashboard(3291, kubeconfig);
  const base = 'http://127.0.0.1:3291';
  await waitReady(base);
  const browser = await chromium.launch({ executablePath: (findChromium as () => string)(), args: [...(CHROMIUM_ARGS as string[]), '--enable-precise-memory-info'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild keepNames) wraps the functions below in __name(...) before Playwright serialises
  // them into the page; give the page that helper.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  // Count the row updates the page receives, to report the live rate next to the frame rate.
  await page.addInitScript(() => {
    const w = window as unknown as { __patchRows: number };
    w.__patchRows = 0;
    const orig = EventSource.prototype.addEventListener;
    EventSource.prototype.addEventListener = function (this: EventSource, type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) {
      if (type === 'patch' && typeof fn === 'function') {
        const inner = fn;
        fn = (ev: Event) => {
          const d = JSON.parse((ev as MessageEvent).data) as { upserts: unknown[]; deletes: unknown[] };
          w.__patchRows += d.upserts.length + d.deletes.length;
          return inner(ev);
        };
      }
      return orig.call(this, type, fn, o);
    } as typeof orig;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  const t0 = Date.now();
  await page.goto(base, { waitUntil: 'commit' });
  await page.waitForSelector('tbody tr[data-uid]');
  const firstRows = Date.now() - t0;
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid=row-count]');
    return el?.getAttribute('data-fresh') === 'true' && el.getAttribute('data-shown') === el.getAttribute('data-matched');
  }, null, { timeout: 60_000 }).catch(async (err: unknown) => {
    const attrs = await page.evaluate(() => {
      const el = document.querySelector('[data-testid=row-count]');
      return el ? { fresh: el.getAttribute('data-fresh'), shown: el.getAttribute('data-shown'), matched: el.getAttribute('data-matched'), text: document.body.innerText.slice(0, 300) } : null;
    });
    await page.screenshot({ path: path.join(os.tmpdir(), 'podnode-bench-failure.png') });
    throw new Error(`the live snapshot never settled: ${JSON.stringify(attrs)} ${errors.join('; ')}`, { cause: err });
  });
  const allRows = Date.now() - t0;
  console.log(`rows held: ${await page.getAttribute('[data-testid=row-count]', 'data-shown')} (${PODS} pods, churn ${CHURN}/s)`);
  console.log(`navigation → first rows visible: ${firstRows} ms; → full live snapshot held: ${allRows} ms`);

  // A keystroke or click, timed to the next painted frame.
  const typing = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const input = document.querySelector('input[type=search]') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const out: number[] = [];
    const texts = ['a', 'ap', 'api', 'api-', 'api-7', 'api-', 'api', 'ap', 'a', ''];
    for (const text of texts) {
      const t = performance.now();
      setValue.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      out.push(Math.round(performance.now() - t));
    }
    return out;
  });
  console.log(`quick-filter keystroke → updated table (ms): ${typing.join(', ')}; median ${median(typing)}, max ${Math.max(...typing)}`);
  const sorting = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out: string[] = [];
    for (const name of ['CPU req', 'CPU req', 'Pod', 'Node']) {
      const button = [...document.querySelectorAll('th button')].find((b) => b.textContent?.includes(name)) as HTMLButtonElement;
      const t = performance.now();
      button.click();
      await frame();
      out.push(`${name} ${Math.round(performance.now() - t)}`);
    }
    return out;
  });
  console.log(`sort click → updated table (ms): ${sorting.join(', ')}`);
  console.log(`DOM rows: ${await page.locator('tbody tr').count()}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  console.log(`JS heap after load + GC: ${(heap.usedSize / 1048576).toFixed(1)} MB`);
  const live = await page.evaluate(async () => {
    const w = window as unknown as { __patchRows: number };
    const start = w.__patchRows;
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    const t0 = last;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames++;
        worst = Math.max(worst, now - last);
        last = now;
        if (now - t0 < 10_000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const secs = (performance.now() - t0) / 1000;
    return { fps: (frames / secs).toFixed(1), worst: Math.round(worst), rate: Math.round((w.__patchRows - start) / secs) };
  });
  console.log(`live: ${live.rate} row updates/s → ${live.fps} fps, worst frame ${live.worst} ms (10 s)`);
  if (errors.length) console.log('page errors:', errors);
  await browser.close();
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

runBench(main, dir);
