// Who owns a pod, and what app it belongs to (the `appName` field, kk's app_name).
import type { KubeObject } from './types';

export type OwnerRef = { kind: string; name: string };

/**
 * The pod's top-most owner knowable from the pod alone. A ReplicaSet named
 * `<deployment>-<pod-template-hash>` is reported as its Deployment; the hash is taken from the
 * pod's own `pod-template-hash` label (set by the Deployment controller) rather than guessed from
 * the name, so a hand-made ReplicaSet stays a ReplicaSet. A Job stays a Job: whether a CronJob
 * owns it is only on the Job object.
 */
export function topOwnerOf(pod: KubeObject, memo?: OwnerMemo): OwnerRef | null {
  const refs = pod.metadata.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return null;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  // In a join, the replicas of a ReplicaSet share one frozen owner list (the cache's interner) and
  // one hash: one answer, and one owner-name string, for all of them.
  const shared = memo !== undefined && Object.isFrozen(refs);
  if (shared) {
    const hit = memo.get(refs);
    if (hit && hit.hash === hash) return hit.owner;
  }
  const owner = ownerOf(refs, hash);
  if (shared) memo.set(refs, { hash, owner: Object.freeze(owner) });
  return owner;
}

/** Answers by owner list for the length of one join (held by nobody after it). */
export type OwnerMemo = Map<object, { hash: string | undefined; owner: OwnerRef }>;

function ownerOf(refs: NonNullable<KubeObject['metadata']['ownerReferences']>, hash: string | undefined): OwnerRef {
  let ref = refs[0]!;
  for (const r of refs) {
    if (r.controller === true) {
      ref = r;
      break;
    }
  }
  if (ref.kind === 'ReplicaSet') {
    // `<name>-<hash>`, checked without building the suffix string (this runs for every row).
    const cut = hash ? ref.name.length - hash.length - 1 : 0;
    if (hash && cut > 0 && ref.name.charCodeAt(cut) === 45 /* - */ && ref.name.endsWith(hash)) {
      return { kind: 'Deployment', name: ref.name.slice(0, cut) };
    }
  }
  return { kind: ref.kind, name: ref.name };
}

const APP_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app'] as const;

/** Label app.kubernetes.io/name, else app, else k8s-app, else the top owner's name, else the pod's. */
export function appNameOf(pod: KubeObject, owner: OwnerRef | null = topOwnerOf(pod)): string {
  const labels = pod.metadata.labels;
  if (labels) {
    for (const key of APP_LABELS) {
      const value = Object.hasOwn(labels, key) ? labels[key] : undefined;
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return owner?.name ?? pod.metadata.name;
}
