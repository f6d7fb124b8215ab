// Public types of the simulated kube-apiserver. Other layers (tests, benches, the demo) code
// against these, so they change only with care.
import type { KubeObject } from '@/lib/podnode/types';

export type SimProfile = 'eks' | 'karpenter' | 'gke' | 'aks' | 'mixed';
export const SIM_PROFILES: readonly SimProfile[] = ['eks', 'karpenter', 'gke', 'aks', 'mixed'];

export type SimOptions = {
  /** 0 = ephemeral */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  nodes?: number;
  pods?: number;
  profile?: SimProfile;
  seed?: number;
  /** events per second, 0 = none */
  churn?: number;
  /** extra namespaces that must exist with workloads, e.g. ['streamtech','content','commerce'] */
  namespaces?: string[];
  /** serve HTTPS with this certificate (PEM); the kubeconfig then trusts `ca` instead of skipping
   *  verification */
  tls?: { cert: string; key: string; ca: string };
  /** bearer-token authentication as an API server does it: an unknown or missing token is a 401;
   *  `canRead` says which user may read what, else a 403 with a real Status body */
  auth?: SimAuth;
  /** events kept for watch resume and continue tokens */
  historyWindow?: number;
  bookmarkIntervalMs?: number;
  /** events kept at most; past it the least recently written is deleted, as the event TTL does (default 5,000) */
  eventCap?: number;
  /** ms from a spot interruption notice to the instance's reclaim (default 120,000: AWS's two minutes; 0 = never) */
  noticeMs?: number;
};

export type SimAuth = {
  /** token → user name (e.g. system:serviceaccount:podnode:podnode); may be changed while serving,
   *  as a token rotation does */
  tokens: Map<string, string>;
  /** default: every authenticated user may read everything */
  canRead?: (user: string, resource: string, namespace: string | undefined) => boolean;
};

/** Request counters. Keys of `counts` are `${verb} ${resource}`, verb in list|watch|get|write|discovery|table. */
export type SimStats = {
  total: number;
  counts: Record<string, number>;
  /** LIST requests without `continue` (the start of a paged chain), per resource */
  listChains: Record<string, number>;
  /** response body bytes written, all requests and per key of `counts` (a watch's as it streams) */
  bytesTotal: number;
  bytes: Record<string, number>;
};

export type SimCluster = {
  pods(): number;
  nodes(): number;
  resourceVersion(): number;
  getPod(namespace: string, name: string): KubeObject | undefined;
  getNode(name: string): KubeObject | undefined;
  listPodNames(): Array<{ namespace: string; name: string }>;
  listNodeNames(): string[];
  upsertPod(obj: KubeObject): void;
  deletePod(namespace: string, name: string): boolean;
  mutatePod(namespace: string, name: string, fn: (pod: KubeObject) => void): KubeObject;
  /** spot interruption: the node and its pods go away, replacements Pending then scheduled */
  deleteNode(name: string): boolean;
  /** one churn event (rollout step, interruption, scale-up or status flip); returns what it did */
  churnOnce(): string;
  /** A spot interruption notice on an AWS spot node (default: the one running the most pods):
   *  the handler's events, the node tainted (NTH also cordons), and the node reclaimed after
   *  `reclaimAfterMs` (default noticeMs; 0 = never). Throws an ApiError (404, 400, 409) when it cannot. */
  interruptionNotice(name?: string, reclaimAfterMs?: number): SimInterruptionNotice;
  getPdb(namespace: string, name: string): KubeObject | undefined;
  listPdbNames(): Array<{ namespace: string; name: string }>;
  listEvents(): KubeObject[];
  /** plants a core/v1 Event; what it leaves out is filled in as a recorder would */
  emitEvent(event: SimEventInput): KubeObject;
};

export type SimInterruptionNotice = {
  node: string;
  /** every pod bound to the node when the notice came */
  pods: Array<{ namespace: string; name: string }>;
  /** when the node goes (ISO 8601), or null when it never will */
  reclaimAt: string | null;
};

export type SimEventInput = {
  metadata?: { name?: string; namespace?: string; [k: string]: unknown };
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  reason: string;
  message: string;
  type?: string;
  source?: { component?: string; host?: string };
  [k: string]: unknown;
};

export type SimFaultSpec = {
  dropWatches?: boolean;
  restart?: { keepResourceVersion: boolean };
  expireNextWatch?: boolean;
  expireEveryWatch?: boolean;
  /** the next LIST page asked for with a continue token answers 410 Expired, as etcd does once
   *  the chain's revision is compacted */
  expireNextContinue?: boolean;
  latencyMs?: number;
  /** latencyMs only for requests whose path names one of these resources (`events`); [] = all */
  latencyOnly?: string[];
  failRate?: number;
  failStatus?: 500 | 429;
  retryAfterSeconds?: number;
  hangWatches?: boolean;
  outageMs?: number;
  /** one spot interruption notice, on the node interruptionNotice() picks */
  spotInterruption?: boolean;
  /** background churn from now on, in events per second (0 stops it) */
  churnPerSecond?: number;
  /** stamp every pod the simulator writes with annotation sim.podnode.dev/emitted-at (epoch ms),
   *  so a client can tell how long the change took to reach it */
  stampPods?: boolean;
  reset?: boolean;
};

export type SimFaults = {
  apply(spec: SimFaultSpec): void;
  reset(): void;
  /** the current persistent faults (latency, failure rate, hanging watches, pending expiry) */
  current(): Readonly<SimFaultState>;
};

export type SimFaultState = {
  latencyMs: number;
  latencyOnly: string[];
  failRate: number;
  failStatus: 500 | 429;
  retryAfterSeconds: number;
  hangWatches: boolean;
  expireNextWatch: boolean;
  expireEveryWatch: boolean;
  expireNextContinue: boolean;
  outageUntil: number | null;
  churnPerSecond: number;
  stampPods: boolean;
};

export type SimHandle = {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** kubeconfig YAML text: context 'podnode-sim', insecure-skip-tls-verify, a token user */
  kubeconfig: string;
  writeKubeconfig(path: string): Promise<void>;
  stats(): SimStats;
  resetStats(): void;
  /** watch connections open right now */
  openWatches(): number;
  cluster: SimCluster;
  faults: SimFaults;
  /** closes the listener and every open connection (watches included) */
  stop(): Promise<void>;
};
