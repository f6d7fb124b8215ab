// The README's pictures of the node and workload views, taken from a running dashboard:
//   npm run build && npm start   (no kubeconfig: the demo cluster)   then
//   npm run screenshots -- http://localhost:3000
// It asks the demo's simulator for one spot interruption first, so the node view shows its banner.
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/+$/, '');

async function main(): Promise<void> {
  const health = (await (await fetch(`${base}/api/podnodes?format=json&ns=no-such-namespace`)).json()) as { context: { server: string; simulated: boolean } };
  if (health.context.simulated) {
    await fetch(`${health.context.server}/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"spotInterruption":true}' });
  }
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
  for (const [path, file] of [['/nodes?group=capacityType&sort=-noticeAt', 'docs/nodes.png'], ['/workloads', 'docs/workloads.png']] as const) {
    await page.goto(`${base}${path}`);
    await page.getByTestId('status-pill').and(page.locator('[data-state=live]')).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=node-row], [data-testid=workload-row]').first().waitFor();
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
