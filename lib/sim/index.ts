// startSim: generate a cluster, serve it over HTTP, hand back URL, kubeconfig, counters, the
// mutation API and the fault switches. Used by tests in-process and by cli.ts as a command.
import type { SimHandle, SimOptions } from './types';
import { SIM_PROFILES } from './types';
import { SimState } from './sim-state';
import { StatsCounter } from './stats';
import { FaultController } from './faults';
import { generateCluster } from './generate-cluster';
import type { ClusterModel } from './cluster';
import { createSimCluster } from './sim-cluster';
import { StartupCollector, loadExtras } from './bootstrap';
import { interruptionNotice } from './interruption';
import { controlHandler } from './control';
import { startServer } from './server';
import { simKubeconfig, writeKubeconfigFile } from './kubeconfig';
import type { ActiveWatch } from './watch';
import type { Workload } from './workload';

export type { SimOptions, SimHandle, SimAuth } from './types';

export async function startSim(opts: SimOptions = {}): Promise<SimHandle> {
  const profile = opts.profile ?? 'mixed';
  if (!SIM_PROFILES.includes(profile)) throw new Error(`podnode-sim: unknown profile "${String(profile)}" (one of ${SIM_PROFILES.join(', ')})`);
  const churn = opts.churn ?? 0;
  if (!(churn >= 0 && churn <= 10_000)) throw new Error(`podnode-sim: churn must be 0..10000 events/s, got ${churn}`);
  const seed = opts.seed ?? 1;
  const host = opts.host ?? '127.0.0.1';
  const noticeMs = opts.noticeMs ?? 120_000;
  if (!Number.isInteger(noticeMs) || noticeMs < 0) throw new Error(`podnode-sim: noticeMs must be a non-negative integer, got ${noticeMs}`);
  const state = new SimState(opts.historyWindow ?? 10_000);
  const now = Date.now();
  const seen = new StartupCollector();
  const gen = generateCluster({ nodes: opts.nodes ?? 30, pods: opts.pods ?? 600, profile, seed, namespaces: opts.namespaces ?? [], now },
    (pod) => { state.loadOne('pods', pod); seen.see(pod); });
  for (const n of gen.nodeObjects) state.loadOne('nodes', n);
  gen.nodeObjects = [];
  for (const ns of gen.namespaces) state.loadOne('namespaces', ns);
  const extras = loadExtras(state, gen, seed, opts.eventCap ?? 5_000, seen, now);
  state.finishLoad();

  const workloadByOwner = new Map<string, Workload>();
  for (const w of [...gen.workloads, ...gen.daemonSets]) workloadByOwner.set(`${w.namespace}/${w.ownerName}`, w);
  const model: ClusterModel = { state, gen, workloadByOwner, pending: [], timers: new Set(), scheduleDelayMs: 300, ...extras,
    notices: new Map(), noticeMs, nodeClaims: new Map() };
  // the disruption controller: budgets follow their pods
  state.subscribe((ev) => extras.pdbs.onEvent(ev));
  const cluster = createSimCluster(model);
  const stats = new StatsCounter();
  const watches = new Set<ActiveWatch>();
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let churnTimer: NodeJS.Timeout | null = null;
  const faults = new FaultController({
    dropWatches: () => server?.dropWatches(),
    restart(keepResourceVersion) {
      server?.dropWatches();
      // without continuity the versions jump and history is gone: every resume gets 410
      if (!keepResourceVersion) { state.rv += 1000; state.history.clear(state.rv); }
    },
    outage: (ms) => server?.outage(ms),
    spotInterruption: () => { interruptionNotice(model); },
    churn(perSecond) {
      if (churnTimer) clearInterval(churnTimer);
      churnTimer = perSecond > 0 ? startChurn(perSecond, () => cluster.churnOnce()) : null;
    },
    stampPods(on) { state.stampPods = on; },
  }, seed, churn);
  server = await startServer({
    state, stats, watches, bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5_000,
    takeExpireNextWatch: () => faults.takeExpireNextWatch(), takeExpireNextContinue: () => faults.takeExpireNextContinue(), isHung: () => faults.current().hangWatches,
  }, faults, controlHandler(stats, faults, cluster), host, opts.port ?? 0, { tls: opts.tls, auth: opts.auth });

  churnTimer = churn > 0 ? startChurn(churn, () => cluster.churnOnce()) : null;
  const url = `${opts.tls ? 'https' : 'http'}://${host}:${server.port}`;
  const kubeconfig = simKubeconfig(url, opts.tls?.ca, opts.auth ? opts.auth.tokens.keys().next().value : undefined);
  const srv = server;
  return {
    url, port: server.port, kubeconfig, cluster, faults,
    writeKubeconfig: (file) => writeKubeconfigFile(file, kubeconfig),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    openWatches: () => watches.size,
    async stop() {
      if (churnTimer) clearInterval(churnTimer);
      for (const t of model.timers) clearTimeout(t);
      model.timers.clear();
      await srv.close();
    },
  };
}

/** Runs `rate` events per second in 50 ms ticks, carrying fractions over so low rates work too. */
function startChurn(rate: number, once: () => void): NodeJS.Timeout {
  let owed = 0;
  return setInterval(() => {
    owed += rate / 20;
    for (; owed >= 1; owed--) once();
  }, 50);
}
