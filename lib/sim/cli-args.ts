// Flags of `npm run sim`, parsed with node:util parseArgs; bad input is an Error saying which flag.
import { parseArgs } from 'node:util';
import { SIM_PROFILES, type SimAuth, type SimOptions, type SimProfile } from './types';

export type CliOptions = SimOptions & { kubeconfigPath: string; help: boolean };

export const USAGE = `usage: npm run sim -- [--port 6443] [--host 127.0.0.1] [--nodes 30] [--pods 600]
       [--profile eks|karpenter|gke|aks|mixed] [--seed 1] [--churn EVENTS_PER_S]
       [--namespaces a,b,c] [--history 10000] [--event-cap 5000] [--notice-ms 120000]
       [--kubeconfig ./.podnode/sim-kubeconfig.yaml]
       [--forbid nodes|pods[,…]]   (answer 403 on those resources, as RBAC would)`;

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, nodes: { type: 'string' }, pods: { type: 'string' },
      profile: { type: 'string' }, seed: { type: 'string' }, churn: { type: 'string' }, namespaces: { type: 'string' },
      history: { type: 'string' }, kubeconfig: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      forbid: { type: 'string' }, 'event-cap': { type: 'string' }, 'notice-ms': { type: 'string' },
    },
  });
  const profile = values.profile ?? 'mixed';
  if (!SIM_PROFILES.includes(profile as SimProfile)) throw new Error(`--profile must be one of ${SIM_PROFILES.join(', ')}, got "${profile}"`);
  const churn = values.churn === undefined ? 0 : Number(values.churn);
  if (!(churn >= 0 && churn <= 10_000)) throw new Error(`--churn must be a number of events per second from 0 to 10000, got "${values.churn}"`);
  return {
    help: values.help ?? false,
    port: int('port', values.port, 0, 65535) ?? 6443,
    host: values.host ?? '127.0.0.1',
    nodes: int('nodes', values.nodes, 1, 20_000) ?? 30,
    pods: int('pods', values.pods, 0, 500_000) ?? 600,
    profile: profile as SimProfile,
    seed: int('seed', values.seed, 0, 2 ** 32 - 1) ?? 1,
    churn,
    namespaces: values.namespaces ? values.namespaces.split(',').map((s) => s.trim()).filter(Boolean) : [],
    historyWindow: int('history', values.history, 1, 10_000_000),
    eventCap: int('event-cap', values['event-cap'], 1, 1_000_000),
    noticeMs: int('notice-ms', values['notice-ms'], 0, 86_400_000),
    kubeconfigPath: values.kubeconfig ?? './.podnode/sim-kubeconfig.yaml',
    ...(values.forbid ? { auth: forbidding(values.forbid) } : {}),
  };
}

/** `--forbid nodes`: the kubeconfig's token authenticates, and RBAC refuses those resources. */
function forbidding(list: string): SimAuth {
  const forbidden = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
  for (const r of forbidden) if (r !== 'pods' && r !== 'nodes') throw new Error(`--forbid takes pods and/or nodes, got "${r}"`);
  return { tokens: new Map([['podnode-sim-token', 'podnode-sim']]), canRead: (_user, resource) => !forbidden.has(resource) };
}
