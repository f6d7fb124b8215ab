// The full join and filter over every pod, as the CLI's first sync does it, in a process of its own:
// a fresh heap, as the CLI has, and none of it left in the process that then times the dashboard's
// queries (a measuring client's garbage collections land in the latencies it reports).
//   node --import tsx bench/join-filter.ts --kubeconfig=PATH --server=URL
// Prints {"ms": median of 5, "runs": [...]} on its last line.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { joinPodNodes } from '@/lib/podnode';
import { filterRows, parseQueryParams } from '@/lib/query';
import { percentiles } from './run-support';
import { flag } from './args';


async function main() {
  const kubeconfig = flag('kubeconfig');
  const server = flag('server');
  if (!kubeconfig || !server) throw new Error('usage: join-filter.ts --kubeconfig=PATH --server=URL');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const cache = new ClusterCache({ kc, context: { name: 'bench', server, simulated: true }, extras: { pdbs: false, events: false } }).start();
  try {
    await cache.whenSynced(600_000);
    const pods = [...cache.pods()];
    const nodes = cache.nodes();
    const q = parseQueryParams({ f: ['capacityType=spot', 'namespace~=a'], e: ['ownerKind=DaemonSet'] });
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      filterRows(joinPodNodes(pods, nodes), q);
      runs.push(Math.round(performance.now() - t0));
    }
    console.log(JSON.stringify({ ms: percentiles(runs).p50, runs }));
  } finally {
    await cache.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
