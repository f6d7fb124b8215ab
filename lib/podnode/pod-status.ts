// kubectl's READY, STATUS and RESTARTS columns, following printPod in kubectl's
// pkg/printers/internalversion/printers.go (1.32 semantics, sidecar-aware). Users compare our
// table with `kubectl get pods`, so this mirrors its quirks rather than "fixing" them: e.g. the
// first failing init container decides the status, and the first app container with a waiting or
// terminated reason overrides the phase.
import { isSidecar, isTerminalPhase, listOf, podSpec, podStatus, type ContainerShape, type ContainerStatusShape, type PodConditionShape } from './pod-shape';
import type { KubeObject } from './types';

export type KubectlPodColumns = { status: string; ready: string; restarts: number };

const NODE_LOST = 'NodeLost';

// kubectl reads only the first Initialized condition, but accepts any true Ready condition.
function firstConditionTrue(conditions: readonly PodConditionShape[], type: string): boolean {
  for (const c of conditions) if (c.type === type) return c.status === 'True';
  return false;
}
function anyConditionTrue(conditions: readonly PodConditionShape[], type: string): boolean {
  return conditions.some((c) => c.type === type && c.status === 'True');
}

// A linear scan beats building a Set per pod: pods have a handful of init containers.
function isSidecarNamed(initSpecs: readonly ContainerShape[], name: string): boolean {
  for (const c of initSpecs) if (c.name === name) return isSidecar(c);
  return false;
}

function terminatedText(prefix: string, t: NonNullable<NonNullable<ContainerStatusShape['state']>['terminated']>): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/** READY, STATUS and RESTARTS in one pass, as `kubectl get pods` prints them. */
export function kubectlColumnsOf(pod: KubeObject): KubectlPodColumns {
  const spec = podSpec(pod);
  const status = podStatus(pod);
  const initSpecs = listOf(spec.initContainers);
  const conditions = listOf(status.conditions);

  let total = listOf(spec.containers).length;
  for (const c of initSpecs) if (isSidecar(c)) total++;

  let reason = status.reason || status.phase || '';
  for (const c of conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let initializing = false;
  const initStatuses = listOf(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const sidecar = isSidecarNamed(initSpecs, cs.name);
    restarts += cs.restartCount ?? 0;
    if (sidecar) sidecarRestarts += cs.restartCount ?? 0;
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedText('Init:', terminated);
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || firstConditionTrue(conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const appStatuses = listOf(status.containerStatuses);
    // Walked backwards so that the first container's reason is the one left standing.
    for (let i = appStatuses.length - 1; i >= 0; i--) {
      const cs = appStatuses[i]!;
      restarts += cs.restartCount ?? 0;
      const { waiting, terminated, running } = cs.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedText('', terminated);
      else if (cs.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = anyConditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_LOST) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !isTerminalPhase(status.phase)) reason = 'Terminating';

  return { status: reason, ready: readyText(ready, total), restarts };
}

// "1/1", "0/2", …: the same few strings for every pod, made once rather than once per row.
const READY_TEXT: string[][] = Array.from({ length: 17 }, (_, r) => Array.from({ length: 17 }, (_, t) => `${r}/${t}`));
function readyText(ready: number, total: number): string {
  return READY_TEXT[ready]?.[total] ?? `${ready}/${total}`;
}

export const podStatusOf = (pod: KubeObject): string => kubectlColumnsOf(pod).status;
export const readyOf = (pod: KubeObject): string => kubectlColumnsOf(pod).ready;
export const restartsOf = (pod: KubeObject): number => kubectlColumnsOf(pod).restarts;
