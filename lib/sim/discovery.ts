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

type ResourceInfo = {
  name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[]; shortNames: string[];
  /** API group: '' is the legacy core group served under /api/v1 */
  group: '' | 'policy';
};

const READ = ['get', 'list', 'watch'];

export const RESOURCE_INFO: Record<ResourceName, ResourceInfo> = {
  pods: { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: READ, shortNames: ['po'], group: '' },
  nodes: { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: READ, shortNames: ['no'], group: '' },
  namespaces: { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: READ, shortNames: ['ns'], group: '' },
  events: { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: READ, shortNames: ['ev'], group: '' },
  poddisruptionbudgets: { name: 'poddisruptionbudgets', singularName: 'poddisruptionbudget', namespaced: true, kind: 'PodDisruptionBudget',
    verbs: READ, shortNames: ['pdb'], group: 'policy' },
};

/** "v1" or "policy/v1": the apiVersion objects, lists and bookmarks of a resource carry */
export const apiVersionOf = (resource: ResourceName): string => {
  const group = RESOURCE_INFO[resource].group;
  return group ? `${group}/v1` : 'v1';
};

function resourceList(group: ResourceInfo['group']): Record<string, unknown> {
  // as a real server writes them: the legacy group's list (/api/v1) without apiVersion, every other group's with it
  return {
    kind: 'APIResourceList', ...(group ? { apiVersion: 'v1' } : {}), groupVersion: group ? `${group}/v1` : 'v1',
    resources: Object.values(RESOURCE_INFO).filter((r) => r.group === group)
      .map((r) => ({ name: r.name, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs,
        shortNames: r.shortNames, storageVersionHash: Buffer.from(r.kind).toString('base64').slice(0, 11) })),
  };
}

export const API_V1_RESOURCES = resourceList('');
export const POLICY_V1_RESOURCES = resourceList('policy');

const POLICY_VERSION = { groupVersion: 'policy/v1', version: 'v1' };
const POLICY_GROUP = { name: 'policy', versions: [POLICY_VERSION], preferredVersion: POLICY_VERSION };
export const API_GROUP_LIST = { kind: 'APIGroupList', apiVersion: 'v1', groups: [POLICY_GROUP] };
export const POLICY_API_GROUP = { kind: 'APIGroup', apiVersion: 'v1', ...POLICY_GROUP };

/** Resources real clusters have but the simulator does not serve: a 403 says "not for you", as RBAC would. */
export const FORBIDDEN_RESOURCES = new Set(['secrets', 'configmaps', 'services', 'endpoints', 'serviceaccounts', 'persistentvolumeclaims']);
