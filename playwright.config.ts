import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

// The e2e stack is the real thing: the simulator in its own process, the production Next server
// talking to it over HTTP through @kubernetes/client-node, and Chromium driving the page.
const simPort = Number(process.env.PODNODE_E2E_SIM_PORT ?? 16443);
const appPort = Number(process.env.PODNODE_E2E_PORT ?? 3210);
const kubeconfig = path.resolve('.podnode', 'e2e-kubeconfig.yaml');
const simUrl = `http://127.0.0.1:${simPort}`;
process.env.PODNODE_SIM_URL = simUrl;

const executablePath = findChromium();

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `node --import tsx lib/sim/cli.ts --port ${simPort} --nodes 80 --pods 2000 --profile mixed --seed 7 --churn 0 --namespaces streamtech,content,commerce --kubeconfig ${kubeconfig}`,
      url: `${simUrl}/version`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${appPort}/api/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        PORT: String(appPort),
        PODNODE_SKIP_BUILD: process.env.PODNODE_E2E_BUILD === '1' ? '0' : '1',
        KUBECONFIG: kubeconfig,
        KUBERNETES_SERVICE_HOST: '',
        PODNODE_SIM_URL: simUrl,
      },
    },
  ],
});
