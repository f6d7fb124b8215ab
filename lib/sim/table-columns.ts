// kubectl's printer columns (pkg/printers/internalversion) for the resources we serve, computed
// from the object as the API server's TableConvertor does.
import type { KubeObject } from '@/lib/podnode/types';
import type { ResourceName } from './store';
import { type ColumnDefinition, col, humanAge } from './printer-util';
import { EVENT_COLUMNS, PDB_COLUMNS, eventCells, pdbCells } from './event-pdb-columns';

export const COLUMNS: Record<ResourceName, ColumnDefinition[]> = {
  pods: [col('Name', 'string', 0, 'name'), col('Ready'), col('Status'), col('Restarts', 'string'), col('Age'),
    col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
  nodes: [col('Name', 'string', 0, 'name'), col('Status'), col('Roles'), col('Age'), col('Version'),
    col('Internal-IP', 'string', 1), col('External-IP', 'string', 1), col('OS-Image', 'string', 1), col('Kernel-Version', 'string', 1), col('Container-Runtime', 'string', 1)],
  namespaces: [col('Name', 'string', 0, 'name'), col('Status'), col('Age')],
  events: EVENT_COLUMNS,
  poddisruptionbudgets: PDB_COLUMNS,
};

type ContainerStatus = { ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } } };

/** kubectl's STATUS column for a pod (printPod, simplified to the states the simulator produces). */
function podStatusReason(pod: KubeObject): string {
  const status = pod.status ?? {};
  let reason = (status.reason as string | undefined) ?? (status.phase as string | undefined) ?? 'Unknown';
  const inits = (status.initContainerStatuses as ContainerStatus[] | undefined) ?? [];
  const initSpecs = (pod.spec?.initContainers as Array<{ restartPolicy?: string }> | undefined) ?? [];
  let initializing = false;
  inits.forEach((c, i) => {
    if (initializing || initSpecs[i]?.restartPolicy === 'Always') return;
    if (c.state?.terminated && c.state.terminated.exitCode === 0) return;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') { reason = `Init:${c.state.waiting.reason}`; initializing = true; }
  });
  if (!initializing) {
    for (const c of [...((status.containerStatuses as ContainerStatus[] | undefined) ?? [])].reverse()) {
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    }
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

export function cellsFor(resource: ResourceName, obj: KubeObject, now = Date.now()): unknown[] {
  const age = humanAge(obj.metadata.creationTimestamp, now);
  if (resource === 'pods') {
    const cs = (obj.status?.containerStatuses as ContainerStatus[] | undefined) ?? [];
    const total = (obj.spec?.containers as unknown[] | undefined)?.length ?? 0;
    const ready = cs.filter((c) => c.ready).length;
    const restarts = cs.reduce((n, c) => n + (c.restartCount ?? 0), 0);
    return [obj.metadata.name, `${ready}/${total}`, podStatusReason(obj), String(restarts), age,
      (obj.status?.podIP as string | undefined) ?? '<none>', (obj.spec?.nodeName as string | undefined) ?? '<none>', '<none>', '<none>'];
  }
  if (resource === 'nodes') {
    const labels = obj.metadata.labels ?? {};
    const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24)).filter(Boolean);
    const conds = (obj.status?.conditions as Array<{ type: string; status: string }> | undefined) ?? [];
    const ready = conds.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
    const info = (obj.status?.nodeInfo ?? {}) as Record<string, string>;
    const addr = (obj.status?.addresses as Array<{ type: string; address: string }> | undefined) ?? [];
    return [obj.metadata.name, obj.spec?.unschedulable ? `${ready},SchedulingDisabled` : ready, roles.sort().join(',') || '<none>', age, info.kubeletVersion ?? '',
      addr.find((a) => a.type === 'InternalIP')?.address ?? '<none>', addr.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
      info.osImage ?? '', info.kernelVersion ?? '', info.containerRuntimeVersion ?? ''];
  }
  if (resource === 'namespaces') return [obj.metadata.name, (obj.status?.phase as string | undefined) ?? 'Active', age];
  if (resource === 'poddisruptionbudgets') return pdbCells(obj, now);
  return eventCells(obj, now);
}
