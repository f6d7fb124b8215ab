// The redaction policy, applied at ingest so no later layer can leak what it never received.
// What is redacted (values become "[redacted]"):
//   - every container's env[].value (containers, init and ephemeral containers); env[].valueFrom
//     keeps only the reference (secret/configMap name and key, field path, resource)
//   - httpHeaders[].value of liveness, readiness and startup probes and of postStart/preStop hooks
//   - every value of volumes[].flexVolume.options (drivers take credentials there)
//   - annotation values (pods and nodes) whose key matches the secret-like pattern
//   - command/args items that carry a secret-like flag: `--password=x` keeps `--password=`,
//     and in `--token x` the item after the flag is redacted
// The pattern is PODNODE_REDACT_PATTERN (a case-insensitive regular expression), default below.
// Names (of env vars, secrets, headers, annotation keys) are kept: they say what is there, not what
// it is. See SECURITY.md for what this does not cover.
import type { KubeObject } from '@/lib/podnode/types';

export const REDACTED = '[redacted]';

export const DEFAULT_SECRET_PATTERN =
  'passw(or)?d|pwd|secret|token|credential|api[-_]?key|private[-_]?key|access[-_]?key|auth|bearer|session|cookie|signature|cert(ificate)?[-_]?key';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

// valueFrom sources and the fields that only *name* something; anything else is dropped.
const REFERENCE_FIELDS: Record<string, readonly string[]> = {
  secretKeyRef: ['name', 'key', 'optional'],
  configMapKeyRef: ['name', 'key', 'optional'],
  fieldRef: ['apiVersion', 'fieldPath'],
  resourceFieldRef: ['containerName', 'resource', 'divisor'],
  fileKeyRef: ['volumeName', 'path', 'key', 'optional'],
};

export type RedactionPolicy = { secretLike: RegExp };

export function redactionPolicy(env: Readonly<Record<string, string | undefined>> = process.env): RedactionPolicy {
  const source = env.PODNODE_REDACT_PATTERN || DEFAULT_SECRET_PATTERN;
  try {
    return { secretLike: new RegExp(source, 'i') };
  } catch (err) {
    throw new Error(`PODNODE_REDACT_PATTERN is not a regular expression: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function redactPod(pod: KubeObject, policy: RedactionPolicy): void {
  redactAnnotations(pod, policy);
  const spec = pod.spec;
  if (!spec) return;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (Array.isArray(containers)) for (const c of containers) if (isRecord(c)) redactContainer(c, policy);
  }
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (isRecord(v) && isRecord(v.flexVolume) && isRecord(v.flexVolume.options)) {
        for (const k of Object.keys(v.flexVolume.options)) v.flexVolume.options[k] = REDACTED;
      }
    }
  }
}

export function redactNode(node: KubeObject, policy: RedactionPolicy): void {
  redactAnnotations(node, policy);
}

function redactAnnotations(obj: KubeObject, policy: RedactionPolicy): void {
  const annotations = obj.metadata.annotations;
  if (!isRecord(annotations)) return;
  for (const key of Object.keys(annotations)) if (policy.secretLike.test(key)) annotations[key] = REDACTED;
}

function redactContainer(c: Record<string, unknown>, policy: RedactionPolicy): void {
  if (Array.isArray(c.env)) {
    for (const v of c.env) {
      if (!isRecord(v)) continue;
      if ('value' in v) v.value = REDACTED;
      if (isRecord(v.valueFrom)) v.valueFrom = referencesOnly(v.valueFrom);
    }
  }
  // envFrom holds only references (configMapRef/secretRef names and a prefix): kept as is.
  for (const p of PROBES) redactHttpHeaders(c[p]);
  if (isRecord(c.lifecycle)) for (const h of HOOKS) redactHttpHeaders(c.lifecycle[h]);
  for (const field of ['command', 'args'] as const) {
    const list = c[field];
    if (Array.isArray(list)) c[field] = redactArgs(list, policy);
  }
}

function redactHttpHeaders(handler: unknown): void {
  if (!isRecord(handler) || !isRecord(handler.httpGet) || !Array.isArray(handler.httpGet.httpHeaders)) return;
  for (const h of handler.httpGet.httpHeaders) if (isRecord(h) && 'value' in h) h.value = REDACTED;
}

/** `--password=x` → `--password=[redacted]`; `--token x` → `--token [redacted]`. */
export function redactArgs(args: readonly unknown[], policy: RedactionPolicy): unknown[] {
  const out = args.slice();
  for (let i = 0; i < out.length; i++) {
    const a = out[i];
    if (typeof a !== 'string') continue;
    const flag = /^(--?[A-Za-z0-9][\w.-]*)(=)?/.exec(a);
    if (!flag || !policy.secretLike.test(flag[1]!)) continue;
    if (flag[2]) out[i] = `${flag[1]}=${REDACTED}`;
    else if (i + 1 < out.length && typeof out[i + 1] === 'string' && !String(out[i + 1]).startsWith('-')) out[++i] = REDACTED;
  }
  return out;
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
