// The CLI's own flags, next to the query flags that lib/query parses (one parser for flags, URL
// and the page). Anything neither knows is an error that names it: exit code 2.
import { parseArgs } from 'node:util';
import { parseFlags, QueryError, type Query } from '@/lib/query';

export type CliOptions = {
  /** what to list: PodNode rows, or workloads with their spot risk */
  resource: 'podnode' | 'workloads';
  query: Query;
  json: boolean;
  watch: boolean;
  offline: boolean;
  noHeaders: boolean;
  demo: boolean;
  help: boolean;
  snapshot?: string;
  context?: string;
  kubeconfig?: string;
  server?: string;
  /** the dashboard's access token for --server (else PODNODE_TOKEN) */
  token?: string;
};

const RESOURCE_NAMES = new Set(['podnode', 'podnodes', 'pn']);
const WORKLOAD_NAMES = new Set(['workloads', 'workload', 'wl']);

export const USAGE = `Usage: kubectl podnode get podnode|pn [flags]
       kubectl podnode get workloads|wl [flags]

podnode: every pod joined with its node: capacity type (spot/on-demand/…), node group, zone, requests.
workloads: one row per top owner (Deployment, StatefulSet, DaemonSet, Job, bare pod): replicas on
  spot, zones and nodes spanned, PodDisruptionBudgets, and the risk flags (allOnSpot, oneZone,
  oneNode, spotWithoutPdb, pdbBlocks), riskiest first. -l, -n and --node-selector choose the pods;
  -f, -e and --sort read workload fields (-f allOnSpot=true --sort=-spotShare).

Query (the same language as the dashboard's URL):
  -l, --selector SEL         pod label selector (app=web,tier in (a,b),!canary)
  -n, --namespace NS         namespace (repeat or comma-separate); -A, --all-namespaces (default)
      --node-selector SEL    node label selector
  -f PATH=V1/V2              keep rows whose value at PATH is one of the values (!= negates, ~= substring)
  -e PATH=V1/V2              drop rows that match
  -o PATH[:WIDTH],...        columns (default pod_name:62,namespace,pod_state,app_name,node_name:20,node_group,node_lifecycle)
      --sort [-]PATH         sort (prefix - for descending)
Output and source:
      --json                 JSON array (the -o columns keyed by path, else rows without pod/node objects)
      --no-headers           text without the header line
  -w, --watch                one LIST + WATCH, reprint on every change
      --offline              read the last saved snapshot instead of the cluster
      --snapshot FILE        the snapshot file to read (with --offline)
      --context NAME         kubeconfig context
      --kubeconfig FILE      kubeconfig file
      --server URL           ask a running PodNode dashboard instead of the API server
      --token TOKEN          the dashboard's access token with --server (default: $PODNODE_TOKEN)
      --demo                 run against the built-in simulated cluster
Exit codes: 0 ok, 2 bad query or flags, 1 cluster unreachable.`;

/** Throws QueryError (exit 2) for anything malformed. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { query, rest } = parseFlags(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        watch: { type: 'boolean', short: 'w' },
        offline: { type: 'boolean' },
        'no-headers': { type: 'boolean' },
        demo: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        snapshot: { type: 'string' },
        context: { type: 'string' },
        kubeconfig: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
      },
    });
  } catch (err) {
    throw new QueryError(err instanceof Error ? err.message : String(err), { param: 'flags' });
  }
  const { values, positionals } = parsed;
  const opts: CliOptions = {
    resource: 'podnode',
    query,
    json: values.json ?? false,
    watch: values.watch ?? false,
    offline: values.offline ?? false,
    noHeaders: values['no-headers'] ?? false,
    demo: values.demo ?? false,
    help: values.help ?? false,
    snapshot: values.snapshot,
    context: values.context,
    kubeconfig: values.kubeconfig,
    server: values.server,
    token: values.token ?? (process.env.PODNODE_TOKEN || undefined),
  };
  if (opts.help) return opts;
  const [verb, resource, ...extra] = positionals;
  if (verb !== 'get' || resource === undefined || !(RESOURCE_NAMES.has(resource) || WORKLOAD_NAMES.has(resource))) {
    throw new QueryError(`expected "get podnode" (or "get pn", "get workloads", "get wl"), got "${positionals.join(' ')}"`, { param: 'command' });
  }
  if (WORKLOAD_NAMES.has(resource)) opts.resource = 'workloads';
  if (opts.resource === 'workloads' && opts.offline) throw new QueryError('--offline reads a snapshot of pods and nodes only: workloads need the cluster (or --server)', { param: '--offline' });
  if (extra.length > 0) throw new QueryError(`unexpected argument "${extra[0]}"`, { param: 'command' });
  const sources = [opts.offline, opts.server !== undefined, opts.demo].filter(Boolean).length;
  if (sources > 1) throw new QueryError('--offline, --server and --demo exclude each other', { param: 'flags' });
  if (opts.offline && opts.watch) throw new QueryError('--offline cannot --watch: a snapshot does not change', { param: 'flags' });
  if (values.token !== undefined && opts.server === undefined) throw new QueryError('--token goes with --server', { param: '--token' });
  if (opts.server !== undefined && !/^https?:\/\//.test(opts.server)) {
    throw new QueryError(`--server needs an http(s) URL, got "${opts.server}"`, { param: '--server' });
  }
  return opts;
}
