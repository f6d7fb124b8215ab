import { describe, expect, it } from 'vitest';
import { Interner } from './intern';

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
