// Applied once, at ingest, to every object the cache keeps. Two reasons: memory (managedFields
// are about half of a pod's JSON) and secrecy (last-applied copies of the manifest, and whatever
// the redaction policy in redact.ts names, must never reach a browser, a CSV or a snapshot file).
import type { KubeObject } from '@/lib/podnode/types';
import { keepFields, NODE_KEPT, POD_KEPT } from '@/lib/podnode/kept-fields';
import { redactNode, redactPod, redactionPolicy, type RedactionPolicy } from './redact';

export { REDACTED } from './redact';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the cache keeps of a pod: redacted, then only the allowlisted fields (kept-fields.ts).
 * Redacts `obj` in place (the cache owns freshly parsed JSON); the result is a new, smaller object.
 */
export function stripPod(obj: unknown, policy: RedactionPolicy = defaultPolicy()): KubeObject {
  return keepFields(redactWholePod(obj, policy), POD_KEPT) as KubeObject;
}

/** What the cache keeps of a node, likewise. */
export function stripNode(obj: unknown, policy: RedactionPolicy = defaultPolicy()): KubeObject {
  const node = stripCommon(obj);
  redactNode(node, policy);
  return keepFields(node, NODE_KEPT) as KubeObject;
}

/** A whole pod, for the one GET the detail drawer makes: every field, redacted by the same policy,
 *  managedFields and the last-applied annotation removed. In place. */
export function redactWholePod(obj: unknown, policy: RedactionPolicy = defaultPolicy()): KubeObject {
  const pod = stripCommon(obj);
  redactPod(pod, policy);
  return pod;
}

let cachedPolicy: RedactionPolicy | undefined;
function defaultPolicy(): RedactionPolicy {
  return (cachedPolicy ??= redactionPolicy());
}

function stripCommon(obj: unknown): KubeObject {
  if (!isRecord(obj) || !isRecord(obj.metadata)) {
    throw new TypeError('not a Kubernetes object: metadata missing');
  }
  // New objects rather than `delete`: a deleted property turns a V8 object into a slow, several
  // times larger dictionary, and these are held for as long as the pod lives.
  const meta = without(obj.metadata, 'managedFields');
  if (isRecord(meta.annotations) && Object.hasOwn(meta.annotations, LAST_APPLIED)) meta.annotations = without(meta.annotations, LAST_APPLIED);
  obj.metadata = meta;
  normalizeDates(obj); // after dropping them: no point walking managedFields
  return obj as KubeObject;
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

function without(from: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (k !== key) out[k] = from[k];
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
