// Legacy discovery documents. We answer aggregated-discovery (apidiscovery.k8s.io/v2) requests
// with these plain application/json documents too: client-go checks the response Content-Type
// and falls back to legacy discovery when it is not the aggregated media type.
import type { ResourceName } from './store';

export const VERSION_INFO = {
  major: '1', minor: '32', gitVersion: 'v1.32.3-podnode-sim', gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean', buildDate: '2025-03-11T00:00:00Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export const API_GROUP_LIST = { kind: 'APIGroupList', apiVersion: 'v1', groups: [] };

type ResourceInfo = { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[]; shortNames: string[] };

const READ = ['get', 'list', 'watch'];

export const RESOURCE_INFO: Record<ResourceName, ResourceInfo> = {
  pods: { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: READ, shortNames: ['po'] },
  nodes: { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: READ, shortNames: ['no'] },
  namespaces: { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: READ, shortNames: ['ns'] },
  events: { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: READ, shortNames: ['ev'] },
};

export const API_V1_RESOURCES = {
  kind: 'APIResourceList', groupVersion: 'v1',
  resources: Object.values(RESOURCE_INFO).map((r) => ({ ...r, storageVersionHash: Buffer.from(r.kind).toString('base64').slice(0, 11) })),
};

/** Resources real clusters have but the simulator does not serve: a 403 says "not for you", as RBAC would. */
export const FORBIDDEN_RESOURCES = new Set(['secrets', 'configmaps', 'services', 'endpoints', 'serviceaccounts', 'persistentvolumeclaims']);
