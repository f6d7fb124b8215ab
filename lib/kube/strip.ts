// Applied once, at ingest, to every object the cache keeps. Two reasons: memory (managedFields
// are about half of a pod's JSON) and secrecy (env values and last-applied copies of
// the manifest must never reach a browser, a CSV or a snapshot file).
import type { KubeObject } from '@/lib/podnode/types';

export const REDACTED = '[redacted]';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

// valueFrom sources and the fields that only *name* something; anything else is dropped.
const REFERENCE_FIELDS: Record<string, readonly string[]> = {
  secretKeyRef: ['name', 'key', 'optional'],
  configMapKeyRef: ['name', 'key', 'optional'],
  fieldRef: ['apiVersion', 'fieldPath'],
  resourceFieldRef: ['containerName', 'resource', 'divisor'],
  fileKeyRef: ['volumeName', 'path', 'key', 'optional'],
};

/**
 * Strips a pod in place and returns it. The cache owns freshly parsed JSON, so copying would
 * only double the garbage at 150k pods; clone first if you need the original.
 */
export function stripPod(obj: unknown): KubeObject {
  const pod = stripCommon(obj);
  const spec = pod.spec;
  if (spec) {
    for (const list of CONTAINER_LISTS) {
      const containers = spec[list];
      if (Array.isArray(containers)) for (const c of containers) redactContainerEnv(c);
    }
  }
  return pod;
}

/** Strips a node in place and returns it. */
export function stripNode(obj: unknown): KubeObject {
  return stripCommon(obj);
}

function stripCommon(obj: unknown): KubeObject {
  if (!isRecord(obj) || !isRecord(obj.metadata)) {
    throw new TypeError('not a Kubernetes object: metadata missing');
  }
  const meta = obj.metadata;
  delete meta.managedFields;
  if (isRecord(meta.annotations)) delete meta.annotations[LAST_APPLIED];
  normalizeDates(obj); // after the deletes: no point walking managedFields
  return obj as KubeObject;
}

function redactContainerEnv(container: unknown): void {
  if (!isRecord(container) || !Array.isArray(container.env)) return;
  for (const v of container.env) {
    if (!isRecord(v)) continue;
    if ('value' in v) v.value = REDACTED;
    if (isRecord(v.valueFrom)) v.valueFrom = referencesOnly(v.valueFrom);
  }
  // envFrom holds only references (configMapRef/secretRef names and a prefix): kept as is.
}

function referencesOnly(valueFrom: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [source, fields] of Object.entries(REFERENCE_FIELDS)) {
    const ref = valueFrom[source];
    if (!isRecord(ref)) continue;
    const kept: Record<string, unknown> = {};
    for (const f of fields) if (f in ref) kept[f] = ref[f];
    out[source] = kept;
  }
  return out;
}

/**
 * client-node's typed LIST results carry Date objects where watch events carry strings;
 * the cache holds plain JSON only, so both paths look the same to consumers.
 */
export function normalizeDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') value[i] = normalizeDates(v);
    }
  } else if (isRecord(value)) {
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== null && typeof v === 'object') value[k] = normalizeDates(v);
    }
  }
  return value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
