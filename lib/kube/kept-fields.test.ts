// The allowlist keeps everything the product reads: every row field, node row and kubectl STATUS
// computed from what the cache keeps equals the same computed from the whole object, over every
// generated cluster shape (sidecars, init containers, evictions, pending pods, each cloud's labels).
import { afterAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '@/lib/sim';
import { SIM_PROFILES } from '@/lib/sim/types';
import { toPodNodeRow } from '@/lib/podnode';
import { toNodeRow } from '@/lib/podnode/node-row';
import { KEPT_FIELDS_DOC, keptPaths, NODE_KEPT, POD_KEPT } from '@/lib/podnode/kept-fields';
import type { KubeObject, PodNodeRow } from '@/lib/podnode/types';
import { redactWholePod, stripNode, stripPod } from './strip';
import fs from 'node:fs';

const sims: SimHandle[] = [];
afterAll(async () => {
  for (const s of sims) await s.stop();
});

const facts = (r: PodNodeRow) => ({ ...r, pod: undefined, node: undefined });

describe('the kept fields', () => {
  it.each(SIM_PROFILES)('give the same rows as whole objects (%s)', async (profile) => {
    const sim = await startSim({ nodes: 12, pods: 400, seed: 11, churn: 0, profile });
    sims.push(sim);
    for (let i = 0; i < 60; i++) sim.cluster.churnOnce(); // rollouts, interruptions, status flips
    const kept = new Map<string, KubeObject>();
    for (const name of sim.cluster.listNodeNames()) kept.set(name, stripNode(structuredClone(sim.cluster.getNode(name)!)));
    const rawNodes = new Map(sim.cluster.listNodeNames().map((n) => [n, structuredClone(sim.cluster.getNode(n)!)]));
    let pods = 0;
    const onNode = new Map<string, { whole: PodNodeRow[]; kept: PodNodeRow[] }>();
    for (const { namespace, name } of sim.cluster.listPodNames()) {
      const raw = sim.cluster.getPod(namespace, name)!;
      const nodeName = raw.spec?.nodeName as string | undefined;
      const a = toPodNodeRow(redactWholePod(structuredClone(raw)), nodeName ? rawNodes.get(nodeName) : undefined);
      const b = toPodNodeRow(stripPod(structuredClone(raw)), nodeName ? kept.get(nodeName) : undefined);
      expect(facts(b), `${namespace}/${name}`).toEqual(facts(a));
      if (nodeName) {
        const entry = onNode.get(nodeName) ?? { whole: [], kept: [] };
        entry.whole.push(a);
        entry.kept.push(b);
        onNode.set(nodeName, entry);
      }
      pods++;
    }
    expect(pods).toBeGreaterThan(300);
    for (const [name, rows] of onNode) {
      if (!kept.has(name)) continue; // reclaimed by an interruption; its pods linger a moment
      const extra = { notice: null, warnings: 0 };
      expect(toNodeRow(kept.get(name)!, rows.kept, extra), name).toEqual(toNodeRow(rawNodes.get(name)!, rows.whole, extra));
    }
  });

  it('drop the bulky parts a cluster carries', () => {
    const pod = stripPod({
      metadata: { name: 'p', uid: 'u', labels: { app: 'a' } },
      spec: { nodeName: 'n', volumes: [{ name: 'v' }], containers: [{ name: 'c', image: 'i', env: [{ name: 'E', value: 'x' }], livenessProbe: {}, volumeMounts: [] }] },
      status: { phase: 'Running', podIPs: [{ ip: '1' }], containerStatuses: [{ name: 'c', imageID: 'sha', containerID: 'cid', restartCount: 1, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, containerID: 'cid' } } }] },
    });
    expect(pod).toEqual({
      metadata: { name: 'p', uid: 'u', labels: { app: 'a' } },
      spec: { nodeName: 'n', containers: [{ name: 'c', image: 'i' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 1, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] },
    });
    const node = stripNode({ metadata: { name: 'n', uid: 'n' }, status: { images: [{ names: ['x'] }], allocatable: { cpu: '2' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't' }] } });
    expect(node.status).toEqual({ allocatable: { cpu: '2' }, conditions: [{ type: 'Ready', status: 'True' }] });
  });

  it('are listed in the architecture doc, every one', () => {
    const doc = fs.readFileSync('docs/architecture.md', 'utf8');
    expect(KEPT_FIELDS_DOC).toContain('docs/architecture.md');
    const section = doc.slice(doc.indexOf('## Fields the cache keeps'));
    expect(section.length).toBeLessThan(doc.length);
    // the doc lists container statuses' fields once and says init and ephemeral ones keep the same
    const same = /^status\.(initContainerStatuses|ephemeralContainerStatuses)\./;
    for (const p of keptPaths(POD_KEPT)) {
      expect(section, `pod ${p}`).toContain(`\`${p.replace(same, 'status.containerStatuses.')}\``);
      if (same.test(p)) expect(section).toContain(`\`${p.split('.').slice(0, 2).join('.')}\``);
    }
    for (const p of keptPaths(NODE_KEPT)) expect(section, `node ${p}`).toContain(`\`${p}\``);
  });
});
