// Micro-benchmark of the join: 150,000 stripped pods on 5,000 nodes → PodNodeRows.
// Run: npx tsx bench/join.ts   (prints the median of 5 timed runs after 2 warm-ups)
//      node --expose-gc --import tsx bench/join.ts   (collects between runs)
// tsx loads lib/podnode as CommonJS, where every imported function sits behind a getter; bundled
// ESM (what Next ships) is ~30-40% faster:
//      npx esbuild bench/join.ts --bundle --format=esm --platform=node --outfile=/tmp/join.mjs && node --expose-gc /tmp/join.mjs
// The objects are built in memory, shaped like what lib/kube holds after stripping: several
// containers with requests/limits, statuses, owner refs, labels; some sidecars, init containers,
// overhead and in-place-resize statuses, pending and evicted pods, and pods on vanished nodes.
import { performance } from 'node:perf_hooks';
import { joinPodNodes } from '@/lib/podnode';
import type { KubeObject } from '@/lib/podnode/types';

const PODS = Number(process.env.PODS ?? 150_000);
const NODES = Number(process.env.NODES ?? 5_000);

let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const CPU = ['50m', '100m', '250m', '500m', '1', '1500m', '2', '0.1', '0.25'];
const MEM = ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '1536Mi', '2Gi', '129M', '1e9'];
const POOLS: Array<Record<string, string>> = [
  { 'karpenter.sh/capacity-type': 'spot', 'karpenter.sh/nodepool': 'general' },
  { 'eks.amazonaws.com/capacityType': 'ON_DEMAND', 'eks.amazonaws.com/nodegroup': 'core' },
  { 'cloud.google.com/gke-spot': 'true', 'cloud.google.com/gke-nodepool': 'spot-pool' },
  { 'kubernetes.azure.com/agentpool': 'system' },
  { lifecycle: 'Ec2Spot', nodegroup: 'legacy' },
];

function makeNode(i: number): KubeObject {
  const labels = {
    ...pick(POOLS),
    'kubernetes.io/hostname': `node-${i}`,
    'topology.kubernetes.io/zone': pick(['us-east-1a', 'us-east-1b', 'us-east-1c']),
    'node.kubernetes.io/instance-type': pick(['m5.xlarge', 'c6i.2xlarge', 'r6g.large']),
  };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, uid: `n-${i}`, labels }, status: { allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' } } };
}

const res = () => ({ requests: { cpu: pick(CPU), memory: pick(MEM) }, limits: { cpu: pick(CPU), memory: pick(MEM) } });
const runningStatus = (name: string) => ({ name, ready: true, started: true, restartCount: Math.floor(rand() * 3), image: 'x', imageID: 'y', containerID: 'z', state: { running: { startedAt: '2026-11-25T10:00:00Z' } } });

function makePod(i: number): KubeObject {
  const app = `app-${i % 900}`;
  const hash = `h${(i % 900).toString(36)}x7`;
  const containers = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ name: `c${k}`, image: `registry/${app}:1.${k}`, ports: [{ containerPort: 8080 }], resources: res() }));
  const initContainers = i % 4 === 0 ? [{ name: 'init', image: 'busybox', resources: res() }, { name: 'proxy', image: 'envoy', restartPolicy: 'Always', resources: res() }] : undefined;
  const r = rand();
  const pending = r < 0.01;
  const evicted = r >= 0.01 && r < 0.02;
  const nodeName = pending ? undefined : `node-${r < 0.025 ? NODES + 1 : i % NODES}`;
  const statuses = containers.map((c) => runningStatus(c.name));
  if (i % 10 === 0) Object.assign(statuses[0]!, { resources: containers[0]!.resources, allocatedResources: containers[0]!.resources.requests });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${hash}-${i.toString(36)}`,
      namespace: `ns-${i % 40}`,
      uid: `uid-${i}`,
      creationTimestamp: '2026-11-25T10:00:00Z',
      labels: { [i % 3 === 0 ? 'app.kubernetes.io/name' : 'app']: app, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, uid: `rs-${i % 900}`, controller: true }],
    },
    spec: { containers, ...(initContainers ? { initContainers } : {}), ...(nodeName ? { nodeName } : {}), ...(i % 50 === 0 ? { overhead: { cpu: '250m', memory: '160Mi' } } : {}) },
    status: {
      phase: pending ? 'Pending' : evicted ? 'Failed' : 'Running',
      ...(evicted ? { reason: 'Evicted' } : {}),
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
      ...(pending ? {} : { containerStatuses: statuses }),
      ...(initContainers && !pending ? { initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, runningStatus('proxy')] } : {}),
    },
  };
}

const nodes = new Map<string, KubeObject>();
for (let i = 0; i < NODES; i++) nodes.set(`node-${i}`, makeNode(i));
// Through JSON, as the cache receives them: parsed objects share hidden classes the way real ones do.
const pods = Array.from({ length: PODS }, (_, i) => JSON.parse(JSON.stringify(makePod(i))) as KubeObject);

// With --expose-gc, collect the previous run's rows first so each run pays only for its own garbage.
const gc = (globalThis as { gc?: () => void }).gc;
for (let w = 0; w < 2; w++) joinPodNodes(pods, nodes);
const wall: number[] = [];
const cpu: number[] = [];
let rows = 0;
for (let run = 0; run < 5; run++) {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  rows = joinPodNodes(pods, nodes).length;
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!.toFixed(1);
const best = (xs: number[]) => Math.min(...xs).toFixed(1);
// CPU time is reported too: these machines are shared, and wall time swings with the neighbours' load.
console.log(
  `joinPodNodes: ${rows} rows on ${NODES} nodes — median ${median(wall)} ms wall (best ${best(wall)}), ${median(cpu)} ms cpu` +
    ` (wall runs: ${wall.map((t) => t.toFixed(0)).join(', ')} ms; gc between runs: ${gc ? 'yes' : 'no, run with node --expose-gc'})`,
);
