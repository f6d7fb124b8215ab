// The PodNode model (docs/architecture.md): one row per pod, joined with the node it runs on.
// Pure types: shared by lib/kube (server), lib/query, the routes, the CLI and the browser.

export type CapacityType = 'spot' | 'on-demand' | 'reserved' | 'fargate' | 'unknown';
export const CAPACITY_TYPES: readonly CapacityType[] = ['spot', 'on-demand', 'reserved', 'fargate', 'unknown'];

/** A Kubernetes object as held in the cache: plain JSON, stripped at ingest. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ apiVersion?: string; kind: string; name: string; uid?: string; controller?: boolean }>;
    [k: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [k: string]: unknown;
};

export type PodNodeRow = {
  uid: string;
  namespace: string;
  podName: string;
  /** kubectl's STATUS column: Running, Pending, Completed, CrashLoopBackOff, Evicted, Terminating, … */
  status: string;
  /** "ready/total" app containers, as kubectl prints it */
  ready: string;
  restarts: number;
  appName: string;
  ownerKind: string | null;
  ownerName: string | null;
  nodeName: string | null;
  nodeGroup: string | null;
  capacityType: CapacityType;
  zone: string | null;
  instanceType: string | null;
  /** millicores, as the scheduler counts them */
  cpuRequest: number;
  cpuLimit: number;
  /** bytes */
  memoryRequest: number;
  memoryLimit: number;
  /** ISO 8601 */
  createdAt: string;
  /** Warning events held for this pod (0 until the events are read) */
  warnings: number;
  pod: KubeObject;
  /** null when unscheduled or when the node is gone */
  node: KubeObject | null;
};

/** Row fields without the objects: what --json prints and what light-weight clients receive. */
export type PodNodeRowLite = Omit<PodNodeRow, 'pod' | 'node'>;
