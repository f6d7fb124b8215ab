import { describe, expect, it } from 'vitest';
import { Interner } from './intern';
import { stripPod } from './strip';
import { JoinMemo, toPodNodeRow } from '@/lib/podnode';
import type { KubeObject } from '@/lib/podnode/types';
import { generateCluster } from '@/lib/sim/generate-cluster';

const podOf = (name: string, token: string) =>
  JSON.parse(
    JSON.stringify({
      metadata: { name, uid: `uid-${name}`, labels: { app: 'web', 'pod-template-hash': 'abc' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc' }] },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }],
        volumes: [{ name: 'config', configMap: { name: 'web' } }, { name: `kube-api-access-${token}`, projected: {} }],
      },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    }),
  ) as { metadata: Record<string, unknown>; spec: Record<string, unknown[]>; status: { conditions: { type: string }[] } };

describe('Interner', () => {
  it('makes replicas of one template share the template, element by element, and keeps per-pod parts apart', () => {
    const interner = new Interner();
    const a = interner.pod(podOf('web-1', 'aaaaa'));
    const b = interner.pod(podOf('web-2', 'bbbbb'));
    expect(a.spec.containers).toBe(b.spec.containers); // the same list: shared whole
    expect(a.spec.volumes).not.toBe(b.spec.volumes); // lists that differ stay apart…
    expect(a.metadata.labels).toBe(b.metadata.labels);
    expect(a.spec.volumes![0]).toBe(b.spec.volumes![0]); // …but share their common elements
    expect(a.spec.volumes![1]).not.toBe(b.spec.volumes![1]);
    expect(a.status.conditions).toBe(b.status.conditions); // kept without timestamps: the same everywhere
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(a.metadata.name).toBe('web-1');
    expect(b.spec.volumes![1]).toEqual({ name: 'kube-api-access-bbbbb', projected: {} });
  });

  it('freezes what it shares, so a stray write cannot change every replica', () => {
    const interner = new Interner();
    const a = interner.pod(podOf('web-1', 'aaaaa'));
    expect(() => {
      (a.metadata.labels as Record<string, string>).app = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(a.metadata)).toBe(false); // the pod itself stays an ordinary object
  });

  it('keeps values equal to the original object', () => {
    const interner = new Interner();
    const original = podOf('web-3', 'ccccc');
    expect(interner.pod(podOf('web-3', 'ccccc'))).toEqual(original);
  });
});

describe('rows of interned pods', () => {
  it('equal the rows of the same pods unshared, though replicas now share one answer per template', () => {
    const raw: KubeObject[] = [];
    generateCluster({ nodes: 40, pods: 1500, profile: 'mixed', seed: 11, namespaces: ['shop', 'data'], now: Date.parse('2026-11-01T10:00:00Z') }, (p) => raw.push(p));
    const interner = new Interner();
    const fresh = raw.map((p) => stripPod(structuredClone(p)));
    const interned = raw.map((p) => interner.pod(stripPod(structuredClone(p))));
    const memo = new JoinMemo(); // one join's: replicas answered once
    const rowOf = (pod: KubeObject, m?: JoinMemo) => ({ ...toPodNodeRow(pod, undefined, undefined, undefined, m), pod: undefined });
    expect(interned.map((p) => rowOf(p, memo))).toEqual(fresh.map((p) => rowOf(p)));
    expect(memo.resources.size).toBeLessThan(interned.length / 4);
    // the generated pods take every path the shared answers have to tell apart
    expect(interned.filter((p) => p.spec?.initContainers).length).toBeGreaterThan(50);
    expect(interned.filter((p) => p.spec?.overhead || p.spec?.resources).length).toBeGreaterThan(10);
    expect(interned.filter((p) => (p.status?.containerStatuses as { resources?: unknown }[] | undefined)?.some((c) => c.resources)).length).toBeGreaterThan(0);
    expect(new Set(interned.map((p) => p.spec?.containers)).size).toBeLessThan(interned.length / 4);
  });

  it('tell apart pods that share a container list or an owner list but differ elsewhere', () => {
    const memo = new JoinMemo(); // one join: the later pods are answered from the earlier ones
    const containers = Object.freeze([Object.freeze({ name: 'app', resources: Object.freeze({ requests: Object.freeze({ cpu: '100m', memory: '64Mi' }), limits: Object.freeze({ cpu: '1' }) }) })]);
    const init = Object.freeze([Object.freeze({ name: 'warm', resources: Object.freeze({ requests: Object.freeze({ cpu: '2' }) }) })]);
    const refs = Object.freeze([Object.freeze({ kind: 'ReplicaSet', name: 'web-7d9f', controller: true })]);
    const pod = (spec: Record<string, unknown>, hash?: string): KubeObject => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', uid: `u${Math.random()}`, ownerReferences: refs as never, labels: hash ? { 'pod-template-hash': hash } : {} },
      spec: { containers, ...spec },
    });
    const seen = [
      pod({}, '7d9f'),
      pod({ initContainers: init }, 'other'),
      pod({ overhead: Object.freeze({ cpu: '250m' }) }),
      pod({ resources: Object.freeze({ requests: Object.freeze({ memory: '1Gi' }) }) }, '7d9f'),
      pod({}, '7d9f'),
    ].map((p) => toPodNodeRow(p, undefined, undefined, undefined, memo));
    expect(seen.map((r) => [r.cpuRequest, r.memoryRequest, r.cpuLimit, r.ownerKind, r.ownerName])).toEqual([
      [100, 64 * 2 ** 20, 1000, 'Deployment', 'web'],
      [2000, 64 * 2 ** 20, 1000, 'ReplicaSet', 'web-7d9f'],
      [350, 64 * 2 ** 20, 1250, 'ReplicaSet', 'web-7d9f'],
      [100, 2 ** 30, 1000, 'Deployment', 'web'],
      [100, 64 * 2 ** 20, 1000, 'Deployment', 'web'],
    ]);
  });
});
