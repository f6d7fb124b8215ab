// The built-in demo cluster: the simulator, started in this process when there is no kubeconfig
// (the dashboard) or when asked for (`kubectl-podnode --demo`). The cache layer only knows it as
// a DemoSource; this is the one place that ties the two together.
import { startSim, type SimOptions } from '@/lib/sim';
import type { DemoSource } from '@/lib/kube/registry';
import type { Env } from '@/lib/kube/kubeconfig';

export function demoSource(env: Env = process.env, churnDefault = 2): DemoSource {
  return async () => {
    const sim = await startSim(demoSimOptions(env, churnDefault));
    return { url: sim.url, kubeconfig: sim.kubeconfig, stop: () => sim.stop() };
  };
}

/** The demo cluster: sized by env, every capacity-type variant, and kk's namespaces. */
function demoSimOptions(env: Env, churnDefault = 2): SimOptions {
  return {
    port: int(env.PODNODE_SIM_PORT, 0),
    nodes: int(env.PODNODE_DEMO_NODES, 60),
    pods: int(env.PODNODE_DEMO_PODS, 1500),
    profile: 'mixed',
    churn: int(env.PODNODE_DEMO_CHURN, churnDefault),
    namespaces: ['streamtech', 'content', 'commerce'],
  };
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}
