// Test fixture: a pod with a secret planted in every place the redaction policy covers. Every
// secret contains PLANT, so a test proves redaction by searching an output for that word.
import type { KubeObject } from '@/lib/podnode/types';

/** A pod with a secret planted in every place the policy covers; each secret contains PLANT. */
export function plantedPod(namespace = 'redaction', name = 'planted'): KubeObject {
  const probe = (n: string) => ({ httpGet: { path: '/h', port: 80, httpHeaders: [{ name: 'Authorization', value: `Bearer PLANT-${n}` }] } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `${namespace}-${name}-uid`,
      annotations: { 'vault.example/db-password': 'PLANT-annotation', 'example.com/api-key': 'PLANT-apikey', 'example.com/owner': 'team-a' },
      labels: { app: 'planted' },
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          command: ['/app', '--db-password=PLANT-eqflag', '--token', 'PLANT-spaceflag', '--port=8080', '-v'],
          args: ['--client-secret', 'PLANT-args', '--name', 'visible'],
          env: [{ name: 'DB_PASSWORD', value: 'PLANT-env' }],
          livenessProbe: probe('liveness'),
          readinessProbe: probe('readiness'),
          startupProbe: probe('startup'),
          lifecycle: { postStart: probe('poststart'), preStop: probe('prestop') },
        },
      ],
      initContainers: [{ name: 'init', image: 'init:1', env: [{ name: 'X', value: 'PLANT-init' }], args: ['--api-key=PLANT-initarg'] }],
      volumes: [{ name: 'flex', flexVolume: { driver: 'x/y', options: { password: 'PLANT-flex', user: 'PLANT-flexuser' } } }],
    },
    status: { phase: 'Running' },
  };
}

