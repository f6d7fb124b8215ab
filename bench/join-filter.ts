// The full join and filter over every pod at a first sync, in a process of its own: a fresh heap, as
// the CLI has, and none of it left in the process that then times the dashboard's queries (a
// measuring client's garbage collections land in the latencies it reports).
//   node --import tsx bench/join-filter.ts --kubeconfig=PATH --server=URL
// Prints on its last line:
//   {"ms": …, "joinMs": …, "filterMs": …, "rejoinMs": …, "rejoins": [...]}
// ms is what the CLI waits for after its first sync: the row index, made before the sync as the
// CLI and the dashboard make it, joins the listed pods (joinMs, most of the join done as each pod
// arrived), then the query's filter runs over its rows (filterMs, the first run). rejoinMs is the
// median of 5 joinPodNodes + filter over the synced cache: joining every held pod again at once, as
// `--offline` does over a saved snapshot.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { RowIndex } from '@/lib/rows/row-index';
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
  const index = new RowIndex(cache);
  try {
    await cache.whenSynced(600_000);
    cache.flushChanges();
    if (index.size !== cache.podCount || !index.lastFullJoin) throw new Error(`the row index holds ${index.size} rows of ${cache.podCount} pods`);
    const joinMs = index.lastFullJoin.ms;
    const q = parseQueryParams({ f: ['capacityType=spot', 'namespace~=a'], e: ['ownerKind=DaemonSet'] });
    const t0 = performance.now();
    filterRows([...index.rows()], q);
    const filterMs = Math.round(performance.now() - t0);

    const pods = [...cache.pods()];
    const nodes = cache.nodes();
    const rejoins: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      filterRows(joinPodNodes(pods, nodes), q);
      rejoins.push(Math.round(performance.now() - t1));
    }
    console.log(JSON.stringify({ ms: joinMs + filterMs, joinMs, filterMs, joinedOnArrival: index.joinedOnArrival, rejoinMs: percentiles(rejoins).p50, rejoins }));
  } finally {
    await cache.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
