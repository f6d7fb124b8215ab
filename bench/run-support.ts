// The bench's yardsticks: percentiles, and the two ways people answer "which pods of these
// namespaces run on spot" without PodNode Explorer, timed end to end.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { getJson } from '@/lib/kube/kube-request';
import { stripNode, stripPod } from '@/lib/kube/strip';
import { joinPodNodes } from '@/lib/podnode';
import type { KubeObject } from '@/lib/podnode/types';

const exec = promisify(execFile);

export type Percentiles = { p50: number; p95: number; p99: number };

export function percentiles(xs: readonly number[]): Percentiles {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function listAll(kc: KubeConfig, apiPath: string): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const page = (await getJson(kc, apiPath, { limit: 500, continue: cont }, { signal: AbortSignal.timeout(600_000) })) as { items: unknown[]; metadata: { continue?: string } };
    for (const item of page.items) out.push(apiPath.endsWith('/pods') ? stripPod(item) : stripNode(item));
    cont = page.metadata.continue || undefined;
  } while (cont);
  return out;
}

/** kk's algorithm: LIST every pod and every node (paged: 150,000 pods of JSON is more than one
 *  JavaScript string holds), join them, filter on the client. Each run pays both LISTs again. */
export async function kkWay(kubeconfig: string, namespaces: string[]): Promise<{ ms: number; answer: number }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const t0 = performance.now();
  const [pods, nodes] = await Promise.all([listAll(kc, '/api/v1/pods'), listAll(kc, '/api/v1/nodes')]);
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const wanted = new Set(namespaces);
  const answer = joinPodNodes(pods, byName).filter((r) => wanted.has(r.namespace) && r.capacityType === 'spot').length;
  return { ms: performance.now() - t0, answer };
}

// The capacity-type labels a careful script checks (the table in docs/architecture.md), first match wins.
const JOIN_PY = String.raw`
import json, sys
SPOT = [("karpenter.sh/capacity-type", {"spot": True, "on-demand": False, "reserved": False}),
        ("eks.amazonaws.com/capacityType", {"SPOT": True, "ON_DEMAND": False, "CAPACITY_BLOCK": False}),
        ("eks.amazonaws.com/compute-type", {"fargate": False}),
        ("node.kubernetes.io/lifecycle", {"spot": True, "normal": False, "on-demand": False}),
        ("lifecycle", {"Ec2Spot": True, "spot": True, "OnDemand": False, "ondemand": False, "normal": False}),
        ("node-role.kubernetes.io/spot-worker", {"true": True}), ("aws.amazon.com/spot", {"true": True}),
        ("spotinst.io/node-lifecycle", {"spot": True, "od": False}),
        ("cloud.google.com/gke-spot", {"true": True}), ("cloud.google.com/gke-preemptible", {"true": True}),
        ("cloud.google.com/gke-provisioning", {"spot": True, "preemptible": True, "standard": False}),
        ("kubernetes.azure.com/scalesetpriority", {"spot": True})]
def spot(labels):
    for key, values in SPOT:
        if key in labels and labels[key] in values:
            return values[labels[key]]
    return False
nodes = {n["metadata"]["name"]: spot(n["metadata"].get("labels") or {}) for n in json.load(open(sys.argv[2]))["items"]}
wanted = set(sys.argv[3].split(","))
print(sum(1 for p in json.load(open(sys.argv[1]))["items"]
          if p["metadata"]["namespace"] in wanted and nodes.get(p["spec"].get("nodeName"), False)))
`;

/** Today's way: kubectl -o json for all pods and all nodes into files (150,000 pods are over a
 *  gigabyte of JSON), then a join in Python. */
export async function kubectlWay(kubeconfig: string, dir: string, namespaces: string[]): Promise<{ ms: number; answer: number }> {
  const podsFile = path.join(dir, 'pods.json');
  const nodesFile = path.join(dir, 'nodes.json');
  const t0 = performance.now();
  await Promise.all([
    exec('sh', ['-c', `kubectl --kubeconfig '${kubeconfig}' get pods -A -o json > '${podsFile}'`]),
    exec('sh', ['-c', `kubectl --kubeconfig '${kubeconfig}' get nodes -o json > '${nodesFile}'`]),
  ]);
  const { stdout } = await exec('python3', ['-c', JOIN_PY, podsFile, nodesFile, namespaces.join(',')], { maxBuffer: 1024 ** 2 });
  const ms = performance.now() - t0;
  fs.rmSync(podsFile, { force: true });
  fs.rmSync(nodesFile, { force: true });
  return { ms, answer: Number(stdout.trim()) };
}
