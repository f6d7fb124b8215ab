import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopClusterCaches } from '@/lib/kube/registry';
import { startTestSim } from '@/lib/kube/test-support';
import { getRowIndex, whenFirstSynced } from './source';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-source-'));

afterEach(() => stopClusterCaches());

describe('getRowIndex + whenFirstSynced', () => {
  it('once synced, the index holds every listed pod joined with its node: no batch window later', async () => {
    const sim = await startTestSim({ pods: 200, nodes: 10 });
    try {
      const file = path.join(home, 'kubeconfig');
      await sim.writeKubeconfig(file);
      const env = { HOME: home, KUBECONFIG: file };
      const index = getRowIndex(undefined, { env, demo: 'never' });
      expect(getRowIndex('podnode-sim', { env, demo: 'never' })).toBe(index);
      expect(await whenFirstSynced(index, 20_000)).toBe(true);
      expect(index.size).toBe(sim.cluster.pods());
      const scheduled = [...index.rows()].filter((r) => r.nodeName !== null && index.cache.nodes().has(r.nodeName));
      expect(scheduled.length).toBeGreaterThan(0);
      expect(scheduled.filter((r) => r.node?.metadata.name !== r.nodeName).map((r) => r.podName)).toEqual([]);
    } finally {
      await stopClusterCaches();
      await sim.stop();
    }
  });

  it("'never' refuses to invent a cluster; 'only' starts the demo whatever the kubeconfig says", async () => {
    const env = { HOME: home, KUBECONFIG: path.join(home, 'none.yaml'), PODNODE_DEMO_PODS: '30', PODNODE_DEMO_NODES: '3', PODNODE_DEMO_CHURN: '0' };
    expect(() => getRowIndex(undefined, { env, demo: 'never' })).toThrow(/no kubeconfig found/);
    const demo = getRowIndex(undefined, { env, demo: 'only' });
    expect(demo.cache.context().simulated).toBe(true);
    expect(await whenFirstSynced(demo, 20_000)).toBe(true);
    expect(demo.size).toBeGreaterThanOrEqual(30);
  });
});
