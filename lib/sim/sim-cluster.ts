// The in-process mutation API (SimCluster): what tests and the control endpoint use to change
// the cluster, on top of the cluster model.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimCluster, SimEventInput } from './types';
import { type ClusterModel, interruptNode, key } from './cluster';
import { churnOnce } from './churn';
import { interruptionNotice } from './interruption';

/** A whole core/v1 Event from what a test gives: the rest filled in as a recorder would. */
function plantEvent(m: ClusterModel, input: SimEventInput): KubeObject {
  const { metadata, ...rest } = input;
  const component = input.source?.component ?? '';
  const base = m.events.build({
    involved: input.involvedObject, reason: input.reason, message: input.message, type: 'Normal',
    source: { component, ...(input.source?.host ? { host: input.source.host } : {}) },
    namespace: metadata?.namespace ?? (input.involvedObject.namespace || 'default'),
  }, Date.now());
  const obj: KubeObject = { ...base, ...rest, metadata: { ...base.metadata, ...metadata, resourceVersion: undefined } as KubeObject['metadata'] };
  delete obj.metadata.resourceVersion;
  // EventSource's fields are omitempty: a source without a component serialises as {}
  if (!component && !input.source?.host) obj.source = {};
  return m.events.plant(obj);
}

export function createSimCluster(m: ClusterModel): SimCluster {
  const list = (table: 'pods' | 'poddisruptionbudgets') => m.state.tables[table].keys.map((k) => {
    const e = m.state.tables[table].byKey.get(k)!;
    return { namespace: e.namespace, name: e.name };
  });
  return {
    pods: () => m.state.tables.pods.size,
    nodes: () => m.state.tables.nodes.size,
    resourceVersion: () => m.state.rv,
    getPod: (ns, name) => m.state.parse('pods', key(ns, name)),
    getNode: (name) => m.state.parse('nodes', name),
    listPodNames: () => list('pods'),
    listNodeNames: () => [...m.state.tables.nodes.keys],
    upsertPod(obj) {
      if (!obj?.metadata?.name || !obj.metadata.namespace || !obj.metadata.uid) throw new Error('upsertPod: metadata.name, metadata.namespace and metadata.uid are required');
      m.state.put('pods', { apiVersion: 'v1', kind: 'Pod', ...obj });
    },
    deletePod: (ns, name) => m.state.remove('pods', key(ns, name)) !== undefined,
    mutatePod(ns, name, fn) {
      const pod = m.state.parse('pods', key(ns, name));
      if (!pod) throw new Error(`mutatePod: pod ${ns}/${name} not found`);
      fn(pod);
      if (pod.metadata.name !== name || pod.metadata.namespace !== ns) throw new Error('mutatePod: name and namespace cannot change');
      m.state.put('pods', pod);
      return pod;
    },
    deleteNode: (name) => interruptNode(m, name),
    churnOnce: () => churnOnce(m),
    interruptionNotice: (name, reclaimAfterMs) => interruptionNotice(m, name, reclaimAfterMs),
    // pending budget updates are written first, so an in-process reader sees what the controller would have written
    getPdb: (ns, name) => { m.pdbs.flush(); return m.state.parse('poddisruptionbudgets', key(ns, name)); },
    listPdbNames: () => { m.pdbs.flush(); return list('poddisruptionbudgets'); },
    listEvents: () => m.state.tables.events.keys.map((k) => m.state.parse('events', k)!),
    emitEvent: (event) => plantEvent(m, event),
  };
}
