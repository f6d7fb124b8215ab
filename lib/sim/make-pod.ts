// Builds one realistic Pod for a workload in a given state, with the bulk real pods carry
// (managedFields, last-applied annotation, env, probes, volumes) so sizes are honest (≥ 4 KB).
import type { KubeObject } from '@/lib/podnode/types';
import type { PodState, Workload } from './workload';
import { type Rng, uid } from './prng';
import { type FieldsV1, fieldsOf } from './managed-fields';
import { type SimContainer, makeContainers, makeInitContainers } from './make-containers';
import { makePodStatus } from './make-pod-status';

export type PodPlacement = { nodeName: string | null; hostIP: string | null; zone?: string };

const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

type PodTemplate = { revision: string; containers: SimContainer[]; controllerFields: FieldsV1; statusFields: Map<PodState, FieldsV1> };
// Replicas share their owner's pod template (as on a real cluster), so it is built once per
// workload revision: generation time is dominated by per-pod work, not by rebuilding specs.
const templates = new WeakMap<Workload, PodTemplate>();

function templateOf(w: Workload, rng: Rng): PodTemplate {
  const cached = templates.get(w);
  if (cached && cached.revision === w.revision) return cached;
  const containers = makeContainers(w, rng);
  const labels = { [w.appLabel ?? 'app']: w.name, 'pod-template-hash': w.revision };
  const controllerFields = fieldsOf({
    metadata: { generateName: 1, labels, ownerReferences: [{ uid: w.ownerUid }] },
    spec: { containers: containers.map((c) => ({ name: c.name, image: c.image, resources: c.resources, ports: c.ports })), nodeName: 1, restartPolicy: 1, schedulerName: 1 },
  });
  const t = { revision: w.revision, containers, controllerFields, statusFields: new Map<PodState, FieldsV1>() };
  templates.set(w, t);
  return t;
}

/** The kubelet's fieldsV1 depends only on the status shape, which a template and state fix. */
function statusFieldsOf(t: PodTemplate, state: PodState, status: Record<string, unknown>): FieldsV1 {
  let f = t.statusFields.get(state);
  if (!f) { f = fieldsOf({ status }); t.statusFields.set(state, f); }
  return f;
}

export function makePod(w: Workload, name: string, state: PodState, place: PodPlacement, rng: Rng, createdAt: Date): KubeObject {
  const labels: Record<string, string> = {};
  if (w.appLabel) labels[w.appLabel] = w.name;
  if (w.appLabel === 'app.kubernetes.io/name') {
    labels['app.kubernetes.io/instance'] = w.name;
    labels['app.kubernetes.io/part-of'] = w.namespace;
    labels['app.kubernetes.io/managed-by'] = 'Helm';
  }
  if (w.kind === 'Deployment') labels['pod-template-hash'] = w.revision;
  if (w.kind === 'StatefulSet' || w.kind === 'DaemonSet') labels['controller-revision-hash'] = w.revision;
  if (w.kind === 'StatefulSet') labels['statefulset.kubernetes.io/pod-name'] = name;
  if (w.kind === 'DaemonSet') labels['pod-template-generation'] = '3';
  if (w.kind === 'Job') { labels['batch.kubernetes.io/job-name'] = w.ownerName; labels['job-name'] = w.ownerName; }
  const tpl = templateOf(w, rng);
  const containers = tpl.containers;
  const spec: Record<string, unknown> = {
    containers, dnsPolicy: 'ClusterFirst', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    priority: w.namespace === 'kube-system' ? 2000001000 : 0, restartPolicy: w.kind === 'Job' ? 'OnFailure' : 'Always',
    schedulerName: 'default-scheduler', securityContext: { fsGroup: 65534, runAsNonRoot: true },
    serviceAccount: w.name, serviceAccountName: w.name, terminationGracePeriodSeconds: 30,
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ...(w.tolerateSpot ? [{ effect: 'NoSchedule', key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot' }] : []),
    ],
    volumes: [
      { name: 'config', configMap: { name: `${w.name}-config`, defaultMode: 420 } },
      { name: `kube-api-access-${rng.hex(5)}`, projected: { defaultMode: 420, sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ] } },
    ],
  };
  if (place.nodeName) spec.nodeName = place.nodeName;
  if (w.init || w.sidecar) spec.initContainers = makeInitContainers(w);
  if (w.overhead) { spec.runtimeClassName = 'kata-fc'; spec.overhead = { cpu: '250m', memory: '160Mi' }; }
  if (w.podResources) spec.resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } };
  if (w.kind === 'StatefulSet') { spec.hostname = name; spec.subdomain = w.name; }
  const ts = iso(createdAt);
  const status = makePodStatus(w, spec, state, place, rng, createdAt);
  const ownerReferences = [{ apiVersion: w.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1', kind: w.ownerKind, name: w.ownerName, uid: w.ownerUid, controller: true, blockOwnerDeletion: true }];
  const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { labels, name, namespace: w.namespace }, spec: { containers: containers.map((c) => ({ name: c.name, image: c.image, resources: c.resources })) } });
  const metadata: KubeObject['metadata'] = {
    // pods carry a generation since Kubernetes 1.33 (PodObservedGenerationTracking), as the real server showed
    name, namespace: w.namespace, uid: uid(rng), generation: 1, creationTimestamp: ts, labels,
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090',
    },
    ownerReferences,
    managedFields: [
      { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: ts, fieldsType: 'FieldsV1',
        // the fields a controller owns, trimmed to the bulk-carrying ones to keep pods near real sizes (~5 KB)
        fieldsV1: tpl.controllerFields },
      { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: ts, fieldsType: 'FieldsV1', subresource: 'status',
        fieldsV1: statusFieldsOf(tpl, state, status) },
    ],
  };
  if (w.kind !== 'StatefulSet') metadata.generateName = name.slice(0, name.lastIndexOf('-') + 1);
  if (state === 'Terminating') {
    metadata.deletionTimestamp = iso(new Date(createdAt.getTime() + 3600_000));
    metadata.deletionGracePeriodSeconds = 30;
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}
