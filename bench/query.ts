// lib/query over 150,000 synthetic rows: compile + filter, sort, and kk text output, median of 5.
// Run: npx tsx bench/query.ts   (prints numbers; not a timed test)
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import type { KubeObject, PodNodeRow } from '../lib/podnode/types';
import { filterRows, formatText, parseFlags, sortRows, type Query } from '../lib/query';

const PODS = Number(process.env.PODS ?? 150_000);
const NODES = Math.max(1, Math.round(PODS / 30));
const RUNS = 5;

function syntheticRows(): PodNodeRow[] {
  const nodes: KubeObject[] = Array.from({ length: NODES }, (_, i) => ({
    kind: 'Node',
    metadata: {
      name: `ip-10-0-${i >> 8}-${i & 255}`,
      uid: `node-${i}`,
      labels: {
        'karpenter.sh/capacity-type': i % 3 === 0 ? 'on-demand' : 'spot',
        'topology.kubernetes.io/zone': `eu-west-1${'abc'[i % 3]}`,
        lifecycle: i % 3 === 0 ? 'OnDemand' : 'Ec2Spot',
        'karpenter.sh/nodepool': `pool-${i % 7}`,
      },
    },
    status: { allocatable: { cpu: '8', memory: '32Gi' } },
  }));
  return Array.from({ length: PODS }, (_, i) => {
    const node = i % 50 === 0 ? null : nodes[i % NODES]!;
    const namespace = `ns-${i % 40}`;
    const app = `app-${i % 300}`;
    const ownerKind = i % 30 === 0 ? 'DaemonSet' : 'ReplicaSet';
    const podName = `${app}-${(i * 2654435761) % 1e9}`;
    const pod: KubeObject = {
      kind: 'Pod',
      metadata: {
        name: podName, namespace, uid: `pod-${i}`,
        labels: { app, 'app.kubernetes.io/name': app, tier: i % 2 ? 'front' : 'back' },
        ownerReferences: [{ kind: ownerKind, name: `${app}-rs`, controller: true }],
      },
      spec: {
        nodeName: node?.metadata.name,
        containers: [
          { name: 'main', image: `registry/${app}:1`, resources: { requests: { cpu: '100m', memory: '128Mi' } } },
          { name: 'envoy', image: 'envoy:1.30' },
        ],
      },
      status: { phase: node ? 'Running' : 'Pending' },
    };
    return {
      uid: `pod-${i}`, namespace, podName, status: node ? 'Running' : 'Pending', ready: '2/2', restarts: i % 5,
      appName: app, ownerKind, ownerName: `${app}-rs`, nodeName: node?.metadata.name ?? null,
      nodeGroup: node ? `pool-${i % 7}` : null, capacityType: node ? (i % 3 === 0 ? 'on-demand' : 'spot') : 'unknown',
      zone: node ? `eu-west-1${'abc'[i % 3]}` : null, instanceType: 'm5.large', cpuRequest: 100 + (i % 17) * 50,
      cpuLimit: 0, memoryRequest: 134217728, memoryLimit: 0, createdAt: '2026-11-25T00:00:00Z', warnings: 0, pod, node,
    };
  });
}

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const rows = syntheticRows();
const cases: Array<[string, Query]> = [
  ['seed -f ns(3) -e DaemonSet', parseFlags(['-f', 'metadata.namespace=ns-1/ns-2/ns-3', '-e', 'metadata.owner_references[0].kind=DaemonSet']).query],
  ['-l + --node-selector + -f ~=', parseFlags(['-l', 'tier=front', '--node-selector', 'karpenter.sh/capacity-type=spot', '-f', 'pod_name~=APP-1']).query],
  ['-f containers[*].image', parseFlags(['-f', 'pod.spec.containers[*].image=registry\\/app-7:1']).query],
];
console.log(`lib/query bench: ${rows.length} rows, ${NODES} nodes, median of ${RUNS} (ms); load average ${loadavg()[0]!.toFixed(1)}`);
for (const [name, q] of cases) {
  let matched = 0;
  const ms = median(() => {
    matched = filterRows(rows, q).length;
  });
  console.log(`  compile+filter  ${name.padEnd(32)} ${ms.toFixed(1).padStart(7)}  (${matched} rows)`);
}
const sortQuery = parseFlags(['--sort', '-cpuRequest,pod_name']).query;
console.log(`  sortRows        ${'-cpuRequest,pod_name (all rows)'.padEnd(32)} ${median(() => sortRows(rows, sortQuery)).toFixed(1).padStart(7)}`);
const all = parseFlags([]).query;
console.log(`  compile+filter+sort ${'seed query, then sort'.padEnd(28)} ${median(() => sortRows(filterRows(rows, cases[0]![1]), sortQuery)).toFixed(1).padStart(7)}`);
console.log(`  formatText      ${'default kk columns (all rows)'.padEnd(32)} ${median(() => formatText(rows, all.columns, { headers: true })).toFixed(1).padStart(7)}`);
