// Applied once, at ingest, to every object the cache keeps. Two reasons: memory (managedFields
// are about half of a pod's JSON) and secrecy (last-applied copies of the manifest, and whatever
// the redaction policy in redact.ts names, must never reach a browser, a CSV or a snapshot file).
import type { KubeObject } from '@/lib/podnode/types';
import { keepFields, NODE_KEPT, POD_KEPT } from '@/lib/podnode/kept-fields';
import { redactNode, redactPod, redactionPolicy, type RedactionPolicy } from './redact';

export { REDACTED } from './redact';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the cache keeps of a pod: only the allowlisted fields (kept-fields.ts), redacted — the same
 * as redacting the whole pod and then keeping, without walking the env, probes and volumes the
 * allowlist drops anyway (a quarter of the first sync's CPU at 150,000 pods went there).
 * May redact `obj` in place (the cache owns freshly parsed JSON); the result is a new, smaller object.
 */
export function stripPod(obj: unknown, policy: RedactionPolicy = defaultPolicy()): KubeObject {
  const kept = stripCommon(keepFields(checked(obj), POD_KEPT));
  redactPod(kept, policy);
  return kept;
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

function checked(obj: unknown): Record<string, unknown> & { metadata: Record<string, unknown> } {
  if (!isRecord(obj) || !isRecord(obj.metadata)) {
    throw new TypeError('not a Kubernetes object: metadata missing');
  }
  return obj as Record<string, unknown> & { metadata: Record<string, unknown> };
}

// Every object reaches here from JSON.parse (LIST pages, watch lines, the drawer's GET, snapshot
// files): plain JSON, timestamps as strings, nothing to convert.
function stripCommon(input: unknown): KubeObject {
  const obj = checked(input);
  // New objects rather than `delete`: a deleted property turns a V8 object into a slow, several
  // times larger dictionary, and these are held for as long as the pod lives.
  const meta = without(obj.metadata, 'managedFields');
  if (isRecord(meta.annotations) && Object.hasOwn(meta.annotations, LAST_APPLIED)) meta.annotations = without(meta.annotations, LAST_APPLIED);
  obj.metadata = meta;
  return obj as KubeObject;
}

function without(from: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (k !== key) out[k] = from[k];
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
