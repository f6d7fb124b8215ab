import { describe, expect, it } from 'vitest';
import { REDACTED, redactWholePod, stripNode, stripPod } from './strip';
import { keepFields, POD_KEPT } from '@/lib/podnode/kept-fields';
import { generateCluster } from '@/lib/sim/generate-cluster';
import type { KubeObject } from '@/lib/podnode/types';
import { plantedPod } from './planted-secrets';

function pod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'u1',
      creationTimestamp: '2026-11-01T10:00:00Z',
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }],
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"containers":[{"env":[{"value":"hunter2"}]}]}}',
        keep: 'me',
      },
    },
    spec: {
      initContainers: [{ name: 'init', env: [{ name: 'INIT_PW', value: 'init-secret' }] }],
      containers: [
        {
          name: 'app',
          env: [
            { name: 'PASSWORD', value: 'hunter2' },
            { name: 'EMPTY', value: '' },
            { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'pw', extra: 'x' } } },
            { name: 'FROM_FIELD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ],
          envFrom: [{ secretRef: { name: 'all-secrets' }, prefix: 'S_' }],
        },
      ],
      ephemeralContainers: [{ name: 'debug', env: [{ name: 'TOKEN', value: 'eph-token' }] }],
    },
    status: { startTime: '2026-11-01T10:00:05Z' },
  };
}

describe('stripPod', () => {
  it('drops managedFields and the last-applied annotation, keeps other annotations', () => {
    const p = stripPod(pod());
    expect(p.metadata.managedFields).toBeUndefined();
    expect(p.metadata.annotations).toEqual({ keep: 'me' });
  });

  it('keeps no env at all: the allowlist holds containers\' name, image, resources and ports', () => {
    const p = stripPod(pod());
    const json = JSON.stringify(p);
    for (const secret of ['hunter2', 'init-secret', 'eph-token', 'PASSWORD', 'all-secrets']) expect(json).not.toContain(secret);
    expect((p.spec!.containers as Array<Record<string, unknown>>)[0]).not.toHaveProperty('env');
  });

  it('the whole pod (the drawer\'s GET) has every env value redacted in containers, init and ephemeral containers', () => {
    const json = JSON.stringify(redactWholePod(pod()));
    for (const secret of ['hunter2', 'init-secret', 'eph-token']) expect(json).not.toContain(secret);
    const p = redactWholePod(pod());
    const env = (p.spec!.containers as Array<{ env: Array<Record<string, unknown>> }>)[0]!.env;
    expect(env[0]).toEqual({ name: 'PASSWORD', value: REDACTED });
    expect(env[1]).toEqual({ name: 'EMPTY', value: REDACTED });
  });

  it('the whole pod keeps valueFrom as references only and envFrom as is', () => {
    const p = redactWholePod(pod());
    const c = (p.spec!.containers as Array<{ env: Array<Record<string, unknown>>; envFrom: unknown }>)[0]!;
    expect(c.env[2]).toEqual({ name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } });
    expect(c.env[3]).toEqual({ name: 'FROM_FIELD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(c.envFrom).toEqual([{ secretRef: { name: 'all-secrets' }, prefix: 'S_' }]);
  });

  it('keeps exactly what redacting the whole pod and then keeping would, for every generated pod and the planted one', () => {
    const pods: KubeObject[] = [plantedPod(), pod() as unknown as KubeObject];
    generateCluster({ nodes: 30, pods: 900, profile: 'mixed', seed: 5, namespaces: ['shop'], now: Date.parse('2026-11-01T10:00:00Z') }, (p) => pods.push(p));
    let withEnv = 0;
    for (const p of pods) {
      if (JSON.stringify(p).includes('"env"')) withEnv++;
      expect(stripPod(structuredClone(p))).toEqual(keepFields(redactWholePod(structuredClone(p)), POD_KEPT));
    }
    expect(withEnv).toBeGreaterThan(100); // the generated pods carry what redaction has to walk
    expect(JSON.stringify(stripPod(plantedPod()))).not.toContain('PLANT');
  });

  it('rejects something that is not an object with metadata', () => {
    expect(() => stripPod({ kind: 'Pod' })).toThrow(/metadata/);
    expect(() => stripPod(null)).toThrow();
  });
});

describe('stripNode', () => {
  it('drops managedFields and last-applied, keeps labels', () => {
    const n = stripNode({
      metadata: {
        name: 'n1',
        uid: 'n',
        labels: { a: 'b' },
        managedFields: [{}],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
    });
    expect(n.metadata).toEqual({ name: 'n1', uid: 'n', labels: { a: 'b' }, annotations: {} });
  });
});
