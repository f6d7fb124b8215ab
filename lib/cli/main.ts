// kubectl-podnode: kk's `get podnode` on the PodNode core. Exit 0 ok, 2 bad query/flags, 1 unreachable.
import { KubeConfigError } from '@/lib/kube/kubeconfig';
import { QueryError, compileQuery, compileRecordQuery, type Query } from '@/lib/query';
import { WORKLOAD_SCHEMA } from '@/lib/rows/view-schemas';
import { runWorkloads } from './workloads';
import type { PodNodeRow } from '@/lib/podnode/types';
import { joinPodNodes } from '@/lib/podnode';
import { selectRows } from '@/lib/rows/select';
import { capacityTableFromEnv } from '@/lib/config/capacity-table';
import { parseCliOptions, USAGE, type CliOptions } from './options';
import { renderRows } from './output';
import { coverageProblem, findSnapshots, lastContext, loadSnapshot, rememberContext, saveSnapshot, snapshotPath, snapshotPathFor, SnapshotError, type Snapshot } from './snapshot-file';
import { openLive, podsRefused, UnreachableError } from './live';
import { runRemote } from './remote';
import { printer } from './printer';

export async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliOptions(argv);
    // every path and selector checked before any network
    if (opts.resource === 'workloads') compileRecordQuery(opts.query, WORKLOAD_SCHEMA);
    else compileQuery(opts.query);
  } catch (err) {
    return fail(err);
  }
  if (opts.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    if (opts.resource === 'workloads') return await runWorkloads(opts);
    if (opts.server !== undefined) return await runRemote(opts.server, opts);
    if (opts.offline) return runOffline(opts);
    return await runLive(opts);
  } catch (err) {
    return fail(err);
  }
}

function runOffline(opts: CliOptions): number {
  const namespaces = opts.query.namespaces;
  let snap: Snapshot;
  if (opts.snapshot) {
    snap = loadSnapshot(opts.snapshot);
    const uncovered = coverageProblem(opts.snapshot, snap, namespaces);
    if (uncovered) throw new SnapshotError(uncovered);
  } else {
    snap = newestCovering(opts.context ?? lastContext() ?? 'default', namespaces);
  }
  for (const limit of snap.limits ?? []) process.stderr.write(`podnode: warning: ${limit} (when the snapshot was taken)\n`);
  const nodes = new Map(snap.nodes.map((n) => [n.metadata.name, n]));
  const rows = joinPodNodes(snap.pods, nodes, capacityTableFromEnv());
  process.stderr.write(`podnode: offline, context "${snap.context}", snapshot taken ${snap.takenAt}\n`);
  process.stdout.write(renderRows(cliRows(rows, opts.query), opts));
  return 0;
}

/** The newest saved snapshot of `context` that holds every namespace the query asks for. */
function newestCovering(context: string, namespaces: readonly string[]): Snapshot {
  const found = findSnapshots(context, namespaces);
  // nothing saved: loadSnapshot says so, and how to make one
  if (found.saved.length === 0) return loadSnapshot(snapshotPath(context));
  for (const file of found.candidates) {
    const snap = loadSnapshot(file);
    // the file says what it holds (a digest-named one; a whole-cluster name written by an older version)
    if (coverageProblem(file, snap, namespaces) === null) return snap;
  }
  const asked = namespaces.length === 0 ? 'every namespace' : `namespace ${namespaces.join(', ')}`;
  throw new SnapshotError(`no saved snapshot of "${context}" holds ${asked}: saved are the pods of ${found.saved.join('; ')}. Narrow the query with -n, or run it once online`);
}

async function runLive(opts: CliOptions): Promise<number> {
  const live = await openLive(opts);
  const { index } = live;
  let told = false;
  const save = () => {
    const cache = index.cache;
    // a snapshot saying it holds namespaces whose pods were refused would answer for them, empty
    if (podsRefused(index)) {
      if (!told) process.stderr.write('podnode: the offline snapshot is not saved: the pods of some namespaces were refused\n');
      told = true;
      return;
    }
    const namespaces = cache.namespaces();
    // a run of some namespaces saves beside the whole cluster's snapshot, never over it
    const file = snapshotPathFor(live.contextName, namespaces);
    const limits = cache.getStatus().limits ?? [];
    const snap = { context: live.contextName, takenAt: new Date().toISOString(), namespaces, limits, nodes: [...cache.nodes().values()], pods: [...cache.pods()] };
    try {
      saveSnapshot(file, snap);
      // a bare `--offline` (no --context) reads the context the last such run used
      if (opts.context === undefined) rememberContext(live.contextName);
    } catch (err) {
      process.stderr.write(`podnode: could not save the offline snapshot to ${file}: ${String(err)}\n`);
    }
  };
  const render = () => renderRows(cliRows(index.rows(), opts.query), opts);
  if (!opts.watch) {
    process.stdout.write(render());
    save();
    await live.close();
    return 0;
  }
  const print = printer(process.stdout);
  print(render());
  save();
  await new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = index.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        print(render());
      }, 300);
    });
    const stop = () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  save();
  await live.close();
  return 0;
}

/** The rows the CLI prints, in the order it prints them: the same selection the API serves. */
export function cliRows(rows: Iterable<PodNodeRow>, query: Query): PodNodeRow[] {
  return selectRows(rows, query).rows;
}

function fail(err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof QueryError || err instanceof KubeConfigError) {
    process.stderr.write(`error: ${message}\n`);
    return 2;
  }
  if (err instanceof UnreachableError || err instanceof SnapshotError) {
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
  process.stderr.write(`error: ${err instanceof Error && err.stack ? err.stack : message}\n`);
  return 1;
}
