// PodDisruptionBudgets and events are kept by allowlist, not by stripping: only the fields the
// workload and event views read are copied, so neither a controller's annotations nor an event's
// unbounded extras (series, related, managedFields) cost memory or reach a browser.
import type { KubeObject } from '@/lib/podnode/types';

/** Longer event messages are cut here (a crash-looping init script can put kilobytes in one). */
const EVENT_MESSAGE_MAX = 1024;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function pick(from: unknown, keys: readonly string[]): Rec | undefined {
  if (!isRecord(from)) return undefined;
  const out: Rec = {};
  for (const k of keys) if (Object.hasOwn(from, k) && from[k] !== undefined) out[k] = from[k];
  return out;
}

function metadataOf(obj: unknown, extra: readonly string[] = []): KubeObject['metadata'] {
  if (!isRecord(obj) || !isRecord(obj.metadata)) throw new TypeError('not a Kubernetes object: metadata missing');
  const m = obj.metadata;
  const out = pick(m, ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', ...extra]) as KubeObject['metadata'];
  if (typeof out.name !== 'string' || typeof out.uid !== 'string') throw new TypeError('not a Kubernetes object: name or uid missing');
  return out;
}

export function stripPdb(obj: unknown): KubeObject {
  const o = obj as Rec;
  return {
    apiVersion: str(o.apiVersion),
    kind: str(o.kind),
    metadata: metadataOf(obj, ['labels']),
    spec: pick(o.spec, ['selector', 'minAvailable', 'maxUnavailable', 'unhealthyPodEvictionPolicy']) ?? {},
    status: pick(o.status, ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'observedGeneration']) ?? {},
  };
}

export function stripEvent(obj: unknown): KubeObject {
  const o = obj as Rec;
  const message = str(o.message) ?? '';
  const series = isRecord(o.series) ? { lastObservedTime: str(o.series.lastObservedTime), count: num(o.series.count) } : undefined;
  return {
    apiVersion: str(o.apiVersion),
    kind: str(o.kind),
    metadata: metadataOf(obj),
    involvedObject: pick(o.involvedObject, ['kind', 'name', 'namespace', 'uid', 'fieldPath']) ?? {},
    reason: str(o.reason) ?? '',
    message: message.length > EVENT_MESSAGE_MAX ? `${message.slice(0, EVENT_MESSAGE_MAX)}…` : message,
    type: str(o.type) ?? '',
    source: pick(o.source, ['component', 'host']) ?? {},
    reportingComponent: str(o.reportingComponent),
    count: num(o.count),
    firstTimestamp: str(o.firstTimestamp),
    lastTimestamp: str(o.lastTimestamp),
    eventTime: str(o.eventTime),
    ...(series ? { series } : {}),
  };
}
