// The CLI against the API server: one paged LIST + one WATCH per resource through the same
// ClusterCache and RowIndex the dashboard uses (opened where the dashboard opens them) — never a
// relist loop, also under -w. With -n, pods are listed in those namespaces only. An unreachable
// server is an answer, not a hang: a one-shot command fails as kubectl does, as soon as the first
// attempt fails (or after PODNODE_SYNC_TIMEOUT_MS); -w keeps retrying and says so on stderr.
import { KubeConfigError } from '@/lib/kube/kubeconfig';
import { stopClusterCaches } from '@/lib/kube/registry';
import { getRowIndex, whenFirstSynced } from '@/lib/rows/source';
import type { RowIndex } from '@/lib/rows/row-index';
import type { CliOptions } from './options';
import { findSnapshots, lastContext } from './snapshot-file';

export class UnreachableError extends Error {}

// The documented default: long enough for a first LIST of 150,000 pods (~15 s) on a busy API server;
// a server that refuses or fails answers sooner, at its first failure (the cache goes stale).
const SYNC_TIMEOUT_MS = Number(process.env.PODNODE_SYNC_TIMEOUT_MS || 60_000);

const EVENTS_WAIT_MS = 10_000;

export type LiveSource = { index: RowIndex; contextName: string; close: () => Promise<void> };

export async function openLive(opts: CliOptions): Promise<LiveSource> {
  let index: RowIndex;
  try {
    // The demo only when asked for: a user without a kubeconfig should hear so, not get fake rows.
    // Still for a one-shot listing, churning under -w.
    // -n: list and watch only those namespaces' pods, not every pod of the cluster to keep a few.
    const namespaces = opts.query.namespaces.length > 0 ? opts.query.namespaces : undefined;
    index = getRowIndex(opts.context, { kubeconfigPath: opts.kubeconfig, demo: opts.demo ? 'only' : 'never', demoChurn: opts.watch ? 2 : 0, namespaces });
  } catch (err) {
    if (err instanceof KubeConfigError && /^no kubeconfig/.test(err.message)) {
      throw new UnreachableError(`${err.message}: use --kubeconfig, --server URL or --demo`);
    }
    throw err;
  }
  const { cache } = index;
  let report: (() => void) | null = null;
  let unsubscribe = () => {};
  const close = () => {
    report?.(); // a limit found after the rows were ready (the events lists do not hold them up)
    unsubscribe();
    return stopClusterCaches();
  };
  const server = cache.context().server || cache.context().name;
  if (opts.watch) {
    await untilSynced(index, server);
    report = limitsReporter(index);
    report();
    unsubscribe = index.subscribe(report);
    return { index, contextName: cache.context().name, close };
  }
  const failure = await firstFailure(index, SYNC_TIMEOUT_MS);
  if (failure === null) {
    // the rows' warnings come from events, which the sync does not wait for: a one-shot answer does
    if (await cache.whenAllListed(EVENTS_WAIT_MS)) cache.flushChanges();
    else process.stderr.write(`podnode: warning: events not listed within ${EVENTS_WAIT_MS / 1000} s: the warnings field may miss some\n`);
    report = limitsReporter(index);
    report();
  } else {
    await close();
    const tried = cache.context().name;
    const namespaces = opts.query.namespaces;
    const saved = findSnapshots(tried, namespaces).candidates.length > 0;
    // the command that reads it: a bare --offline reads the last bare run's context, maybe another
    const flags = `${opts.context !== undefined || lastContext() !== tried ? ` --context ${tried}` : ''}${namespaces.length > 0 ? ` -n ${namespaces.join(',')}` : ''}`;
    const hint = saved ? `\nthe last fetched data is saved: kubectl podnode get pn --offline${flags}` : '';
    throw new UnreachableError(`Unable to connect to the server ${server}: ${failure}${hint}`);
  }
  return { index, contextName: cache.context().name, close };
}

/** What the credentials may not read (a 403 counts as listed and empty, so the rows still come):
 *  said on stderr, as kubectl says Forbidden, so a partial answer is never taken for a whole one.
 *  Each limit once, however often the returned function runs. */
function limitsReporter(index: RowIndex): () => void {
  const said = new Set<string>();
  return () => {
    for (const limit of index.cache.getStatus().limits ?? []) {
      if (said.has(limit)) continue;
      said.add(limit);
      process.stderr.write(`podnode: warning: ${limit}\n`);
    }
  };
}

/** Pods of some namespace (or of the cluster) were refused: the rows miss them. */
export function podsRefused(index: RowIndex): boolean {
  return (index.cache.getStatus().limits ?? []).some((l) => l.startsWith('pods'));
}

/** null once the rows are in sync; else why not: the first failure, or the timeout. */
function firstFailure(index: RowIndex, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const stale = () => {
      const s = index.cache.getStatus();
      return s.state === 'stale' ? (s.message ?? 'no answer') : null;
    };
    const unsubscribe = index.subscribe(() => {
      const why = stale();
      if (why) done(why);
    });
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s (${index.cache.getStatus().message ?? 'waiting'})`), timeoutMs);
    function done(result: string | null) {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    }
    whenFirstSynced(index, timeoutMs + 1000).then((ok) => ok && done(null));
    const now = stale();
    if (now) done(now);
  });
}

/** -w: wait as long as it takes, saying on stderr what is wrong and that it keeps trying. */
async function untilSynced(index: RowIndex, server: string): Promise<void> {
  let said = '';
  const unsubscribe = index.subscribe(() => {
    const s = index.cache.getStatus();
    if (s.state === 'stale' && s.message && s.message !== said) {
      said = s.message;
      process.stderr.write(`podnode: cannot reach ${server}: ${s.message}; retrying\n`);
    }
  });
  while (!(await whenFirstSynced(index, 60_000))) {
    // keep waiting: the subscription above reports each new reason
  }
  unsubscribe();
  if (said) process.stderr.write(`podnode: connected to ${server}\n`);
}
