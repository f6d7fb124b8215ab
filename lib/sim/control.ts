// The /sim control endpoint (JSON), for out-of-process tests: stats, faults and mutations.
import { z } from 'zod';
import type { SimCluster, SimFaults } from './types';
import type { StatsCounter } from './stats';
import { ApiError } from './status';

const name = z.string().min(1).max(253);
// an event as a test plants it; its text is free (hostile messages are the point), its references are names
const eventSchema = z.looseObject({
  metadata: z.looseObject({ name: name.optional(), namespace: name.optional() }).optional(),
  involvedObject: z.looseObject({
    kind: name, name, namespace: name.optional(), uid: z.string().max(253).optional(), apiVersion: z.string().max(253).optional(),
    resourceVersion: z.string().max(64).optional(), fieldPath: z.string().max(1024).optional(),
  }),
  reason: z.string().min(1).max(1024),
  message: z.string().max(32_768),
  type: z.string().max(64).optional(),
  source: z.looseObject({ component: z.string().max(253).optional(), host: z.string().max(253).optional() }).optional(),
  count: z.number().int().min(0).optional(),
});
const mutationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('label-pod'), namespace: name, name, labels: z.record(z.string(), z.string().nullable()) }),
  z.object({ op: z.literal('delete-pod'), namespace: name, name }),
  z.object({ op: z.literal('churn'), count: z.number().int().min(1).max(10_000) }),
  z.object({ op: z.literal('interrupt-node'), name }),
  // a whole pod, as a test plants it (e.g. one carrying secrets the dashboard must redact)
  z.object({ op: z.literal('upsert-pod'), pod: z.looseObject({ metadata: z.looseObject({ name, namespace: name, uid: name }) }) }),
  z.object({ op: z.literal('interruption-notice'), name: name.optional(), reclaimAfterMs: z.number().int().min(0).max(86_400_000).optional() }),
  z.object({ op: z.literal('emit-event'), event: eventSchema }),
]);

export function controlHandler(stats: StatsCounter, faults: SimFaults, cluster: SimCluster) {
  return (method: string, path: string, body: unknown): unknown => {
    if (method === 'GET' && path === '/sim/stats') return stats.snapshot();
    if (method === 'POST' && path === '/sim/stats/reset') { stats.reset(); return { ok: true }; }
    if (method === 'GET' && path === '/sim/faults') return faults.current();
    if (method === 'POST' && path === '/sim/faults') { faults.apply(body as never); return { ok: true, faults: faults.current() }; }
    if (method === 'GET' && path === '/sim/cluster') {
      return { pods: cluster.pods(), nodes: cluster.nodes(), pdbs: cluster.listPdbNames().length, resourceVersion: String(cluster.resourceVersion()) };
    }
    if (method === 'POST' && path === '/sim/mutate') {
      const m = mutationSchema.parse(body);
      switch (m.op) {
        case 'label-pod': {
          if (!cluster.getPod(m.namespace, m.name)) throw new ApiError(404, 'NotFound', `pods "${m.name}" not found in ${m.namespace}`);
          const pod = cluster.mutatePod(m.namespace, m.name, (p) => {
            const labels = { ...(p.metadata.labels ?? {}) };
            for (const [k, v] of Object.entries(m.labels)) { if (v === null) delete labels[k]; else labels[k] = v; }
            p.metadata.labels = labels;
          });
          return { ok: true, resourceVersion: pod.metadata.resourceVersion };
        }
        case 'delete-pod':
          if (!cluster.deletePod(m.namespace, m.name)) throw new ApiError(404, 'NotFound', `pods "${m.name}" not found in ${m.namespace}`);
          return { ok: true };
        case 'churn': return { ok: true, events: Array.from({ length: m.count }, () => cluster.churnOnce()) };
        case 'upsert-pod':
          cluster.upsertPod(m.pod as never);
          return { ok: true };
        case 'interrupt-node':
          if (!cluster.deleteNode(m.name)) throw new ApiError(404, 'NotFound', `nodes "${m.name}" not found`);
          return { ok: true };
        case 'interruption-notice':
          return { ok: true, ...cluster.interruptionNotice(m.name, m.reclaimAfterMs) };
        case 'emit-event': {
          const ev = cluster.emitEvent(m.event);
          return { ok: true, namespace: ev.metadata.namespace, name: ev.metadata.name, uid: ev.metadata.uid, resourceVersion: ev.metadata.resourceVersion };
        }
      }
    }
    throw new ApiError(404, 'NotFound', `no control route ${method} ${path} (try GET /sim/stats, POST /sim/faults, POST /sim/mutate)`);
  };
}
