// Containers of a workload: requests with and without limits, literal env values (some that look
// like secrets, so redaction has something to redact) and secretKeyRef references.
import type { Workload } from './workload';
import type { Rng } from './prng';

export type SimContainer = {
  name: string; image: string; resources: Record<string, Record<string, string>>;
  [k: string]: unknown;
};

// weighted towards small requests, as real fleets are (most pods ask for well under a core)
const CPU = ['5m', '10m', '20m', '50m', '50m', '100m', '100m', '100m', '200m', '250m', '500m', '1'] as const;
const MEM = ['32Mi', '64Mi', '64Mi', '128Mi', '128Mi', '128Mi', '256Mi', '256Mi', '512Mi', '1Gi', '2Gi', '4Gi'] as const;

function resources(w: Workload, rng: Rng): SimContainer['resources'] {
  const i = rng.int(CPU.length - 1);
  const requests = { cpu: CPU[i] as string, memory: MEM[i] as string };
  if (w.noLimits) return { requests };
  return { requests, limits: { cpu: CPU[Math.min(i + 1, CPU.length - 1)] as string, memory: MEM[Math.min(i + 1, MEM.length - 1)] as string } };
}

export function makeContainers(w: Workload, rng: Rng): SimContainer[] {
  const main: SimContainer = {
    name: w.name.length > 40 ? 'app' : w.name, image: w.image, imagePullPolicy: 'IfNotPresent',
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DATABASE_URL', value: `postgres://app:s3cr3t-${rng.hex(8)}@db.${w.namespace}.svc:5432/app` },
      { name: 'API_KEY', value: `sk_live_${rng.hex(24)}` },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${w.name}-db`, key: 'password' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    ],
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }, { containerPort: 9090, name: 'metrics', protocol: 'TCP' }],
    livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, failureThreshold: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
    resources: resources(w, rng),
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/etc/app', name: 'config', readOnly: true }],
  };
  const out = [main];
  if (w.kind !== 'DaemonSet' && w.kind !== 'Job' && rng.chance(0.25)) {
    out.push({ name: 'envoy', image: 'envoyproxy/envoy:v1.31.2', imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }], resources: resources(w, rng),
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  }
  return out;
}

/** Init containers: a classic migration step and/or a native sidecar (restartPolicy: Always). */
export function makeInitContainers(w: Workload): SimContainer[] {
  const out: SimContainer[] = [];
  if (w.init) {
    out.push({ name: 'migrate', image: `${w.image.split(':')[0]}-migrate:latest`, command: ['/bin/migrate', 'up'],
      resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } });
  }
  if (w.sidecar) {
    out.push({ name: 'log-shipper', image: 'fluent/fluent-bit:3.2.4', restartPolicy: 'Always',
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } });
  }
  return out;
}
