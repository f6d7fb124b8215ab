import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONTEXT_NAME, getClusterCache, stopClusterCaches, type DemoSource } from './registry';
import { startTestSim } from './test-support';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-home-'));
let demoStarts = 0;
const demo: DemoSource = async () => {
  demoStarts++;
  const sim = await startTestSim({ pods: 120, nodes: 8 });
  return { url: sim.url, kubeconfig: sim.kubeconfig, stop: () => sim.stop() };
};
const demoEnv = { HOME: home };

afterEach(async () => {
  await stopClusterCaches();
});

describe('getClusterCache', () => {
  it('starts the simulated demo when there is no kubeconfig, once per process', async () => {
    const cache = getClusterCache(undefined, { env: demoEnv, demo });
    expect(getClusterCache(undefined, { env: demoEnv, demo })).toBe(cache);
    expect(getClusterCache(DEMO_CONTEXT_NAME, { env: demoEnv, demo })).toBe(cache);
    await cache.whenSynced(20_000);
    expect(cache.context()).toMatchObject({ name: DEMO_CONTEXT_NAME, simulated: true });
    expect(cache.context().server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cache.podCount).toBeGreaterThanOrEqual(120);
    expect(cache.nodes().size).toBe(8);
    const g = globalThis as { __podnode?: { caches: Map<string, unknown> } };
    expect(g.__podnode?.caches.size).toBe(1);
    expect(demoStarts).toBe(1);
  });

  it('refuses an unknown context when there is no kubeconfig', () => {
    expect(() => getClusterCache('prod', { env: demoEnv, demo })).toThrow(/context "prod" not found/);
  });

  it('without a demo source, a missing kubeconfig is an error, not a demo', () => {
    expect(() => getClusterCache(undefined, { env: demoEnv })).toThrow(/no kubeconfig found/);
  });

  it('connects to the kubeconfig cluster; default and named context share one cache', async () => {
    const sim = await startTestSim({ pods: 50, nodes: 5 });
    try {
      const file = path.join(home, 'sim.yaml');
      await sim.writeKubeconfig(file);
      const env = { HOME: home, KUBECONFIG: file };
      const a = getClusterCache(undefined, { env });
      const b = getClusterCache('podnode-sim', { env });
      expect(b).toBe(a);
      expect(a.context()).toEqual({ name: 'podnode-sim', server: sim.url, simulated: false });
      await a.whenSynced(20_000);
      expect(a.podCount).toBe(sim.cluster.pods());
      expect(() => getClusterCache('nope', { env })).toThrow('context "nope" not found in kubeconfig; available: podnode-sim');
    } finally {
      await stopClusterCaches();
      await sim.stop();
    }
  });
});
