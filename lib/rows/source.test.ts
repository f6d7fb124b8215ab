import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { stopClusterCaches, TooManyContextsError, DEMO_CONTEXT_NAME } from '@/lib/kube/registry';
import { UnknownContextError } from '@/lib/kube/kubeconfig';
import { waitFor } from '@/lib/kube/test-support';
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

describe('contexts', () => {
  async function threeContexts() {
    const sim = await startTestSim({ pods: 30, nodes: 3 });
    const doc = parse(sim.kubeconfig) as { contexts: { name: string; context: unknown }[]; 'current-context': string };
    const base = doc.contexts[0]!;
    doc.contexts = ['a', 'b', 'c'].map((name) => ({ name, context: base.context }));
    doc['current-context'] = 'a';
    const file = path.join(home, 'three.yaml');
    fs.writeFileSync(file, stringify(doc));
    return { sim, file };
  }

  it('serves the demo by name only when there is no kubeconfig', async () => {
    const { sim, file } = await threeContexts();
    try {
      expect(() => getRowIndex(DEMO_CONTEXT_NAME, { env: { HOME: home, KUBECONFIG: file } })).toThrow(UnknownContextError);
      expect(() => getRowIndex(DEMO_CONTEXT_NAME, { env: { HOME: home, KUBECONFIG: file } })).toThrow(/only when there is no kubeconfig/);
    } finally {
      await stopClusterCaches();
      await sim.stop();
    }
  });

  it('watches at most PODNODE_MAX_CONTEXTS contexts: an idle one makes room, one with viewers does not', async () => {
    const { sim, file } = await threeContexts();
    const env = { HOME: home, KUBECONFIG: file, PODNODE_MAX_CONTEXTS: '2' };
    try {
      const a = getRowIndex(undefined, { env });
      const b = getRowIndex('b', { env });
      await whenFirstSynced(b, 20_000);
      const c = getRowIndex('c', { env }); // b has no viewer: it is stopped to make room
      await waitFor(() => b.cache.runningLoops === 0, 5_000, 'the evicted context to stop');
      expect(c.cache.context().name).toBe('c');
      const unsubscribe = c.subscribe(() => {});
      expect(() => getRowIndex('b', { env })).toThrow(TooManyContextsError); // a is the default, c has a viewer
      unsubscribe();
      expect(getRowIndex('b', { env }).cache.context().name).toBe('b');
      expect(a.cache.runningLoops).toBe(4);
    } finally {
      await stopClusterCaches();
      await sim.stop();
    }
  });

  it('stops a context other than the default one after PODNODE_CONTEXT_IDLE_MS without viewers or requests', async () => {
    const { sim, file } = await threeContexts();
    const env = { HOME: home, KUBECONFIG: file, PODNODE_CONTEXT_IDLE_MS: '1000' };
    try {
      const a = getRowIndex(undefined, { env });
      const b = getRowIndex('b', { env });
      await whenFirstSynced(b, 20_000);
      await waitFor(() => b.cache.runningLoops === 0, 10_000, 'the idle context to stop');
      expect(a.cache.runningLoops).toBe(4); // the default context stays
    } finally {
      await stopClusterCaches();
      await sim.stop();
    }
  });
});
