// Which cluster do we talk to? The same answer kubectl gives, so that the dashboard and the CLI
// agree with the user's terminal: an explicit file, else in-cluster inside a Pod, else the
// KUBECONFIG list, else ~/.kube/config — and null when there is none, meaning "run the demo".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { ContextInfo } from './types';
import { kubeconfigReadError } from './safe-error';

/** an environment to read; not NodeJS.ProcessEnv, which Next's types make demand NODE_ENV */
export type Env = Readonly<Record<string, string | undefined>>;

export type KubeConfigOptions = {
  /** a context name from the kubeconfig; default: PODNODE_CONTEXT, else the current context */
  context?: string;
  /** one file or a path.delimiter-separated list; default: PODNODE_KUBECONFIG */
  kubeconfigPath?: string;
  /** for tests; default process.env */
  env?: Env;
  /** for tests: the directory that stands for `/` when reading the pod's service account
   *  (`<root>/var/run/secrets/kubernetes.io/serviceaccount/{token,ca.crt,namespace}`) */
  inClusterRoot?: string;
};

export type ResolvedKubeConfig = {
  /** set to the selected context: every request goes through its auth (exec, token, certs) */
  kc: KubeConfig;
  context: ContextInfo;
  source: 'in-cluster' | 'file';
};

export type ContextListing = ContextInfo & { current: boolean; namespace?: string };

export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
}

/** The caller named a context that does not exist: their mistake, not the server's. */
export class UnknownContextError extends KubeConfigError {
  override name = 'UnknownContextError';
}

/** null: no kubeconfig anywhere and not in a Pod, i.e. use the simulated demo. */
export function resolveKubeConfig(opts: KubeConfigOptions = {}): ResolvedKubeConfig | null {
  const env = opts.env ?? process.env;
  const wanted = opts.context ?? (env.PODNODE_CONTEXT || undefined);
  const explicit = opts.kubeconfigPath ?? (env.PODNODE_KUBECONFIG || undefined);

  // An explicit file beats in-cluster: someone who names a file means it.
  if (!explicit && env.KUBERNETES_SERVICE_HOST) {
    const kc = new KubeConfig();
    withEnv(env, () => kc.loadFromCluster(opts.inClusterRoot ?? ''));
    return select(kc, wanted, 'in-cluster');
  }
  const kc = loadFiles(explicit, env);
  if (!kc) return null;
  return select(kc, wanted, 'file');
}

/** Every context the resolved kubeconfig knows, for a context picker or `--context` errors. */
export function listContexts(opts: Omit<KubeConfigOptions, 'context'> = {}): ContextListing[] {
  const env = opts.env ?? process.env;
  const explicit = opts.kubeconfigPath ?? (env.PODNODE_KUBECONFIG || undefined);
  let kc: KubeConfig | null;
  if (!explicit && env.KUBERNETES_SERVICE_HOST) {
    kc = new KubeConfig();
    const loaded = kc;
    withEnv(env, () => loaded.loadFromCluster());
  } else {
    kc = loadFiles(explicit, env);
  }
  if (!kc) return [];
  const current = kc.getCurrentContext();
  return kc.getContexts().map((c) => ({
    name: c.name,
    server: kc.getCluster(c.cluster)?.server ?? '',
    simulated: false,
    current: c.name === current,
    ...(c.namespace ? { namespace: c.namespace } : {}),
  }));
}

function select(kc: KubeConfig, wanted: string | undefined, source: ResolvedKubeConfig['source']): ResolvedKubeConfig {
  const names = kc.getContexts().map((c) => c.name);
  const name = wanted ?? kc.getCurrentContext();
  if (!name) {
    throw new KubeConfigError(`kubeconfig has no current context; choose one of: ${names.join(', ') || '(none)'}`);
  }
  const ctx = kc.getContextObject(name);
  if (!ctx) {
    throw new UnknownContextError(`context "${name}" not found in kubeconfig; available: ${names.join(', ') || '(none)'}`);
  }
  kc.setCurrentContext(name);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) throw new KubeConfigError(`context "${name}" refers to unknown cluster "${ctx.cluster}"`);
  return { kc, context: { name, server: cluster.server, simulated: false }, source };
}

/**
 * kubectl's merge rules for a KUBECONFIG list: missing files are skipped, the first file that
 * defines a name wins, the first non-empty current-context wins. (client-node's mergeConfig
 * throws on duplicate names and lets later files win the current context.)
 */
function loadFiles(explicit: string | undefined, env: Env): KubeConfig | null {
  const list = explicit ?? env.KUBECONFIG;
  const home = env.HOME || os.homedir();
  const files = list
    ? list.split(path.delimiter).filter(Boolean)
    : [path.join(home, '.kube', 'config')];
  const existing = files.filter((f) => fs.existsSync(f));
  if (explicit && existing.length === 0) {
    throw new KubeConfigError(`kubeconfig not found: ${explicit}`);
  }
  if (existing.length === 0) return null;

  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of existing) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (err) {
      throw new KubeConfigError(kubeconfigReadError(file, err));
    }
    for (const c of one.getClusters() ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.getUsers() ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.getContexts() ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= one.getCurrentContext() ?? '';
  }
  if (contexts.size === 0) return null;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return kc;
}

/** loadFromCluster reads process.env; let tests hand it another environment. */
function withEnv(env: Env, fn: () => void): void {
  if (env === process.env) return fn();
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  restore('KUBERNETES_SERVICE_HOST', env.KUBERNETES_SERVICE_HOST);
  restore('KUBERNETES_SERVICE_PORT', env.KUBERNETES_SERVICE_PORT);
  try {
    fn();
  } finally {
    restore('KUBERNETES_SERVICE_HOST', saved.host);
    restore('KUBERNETES_SERVICE_PORT', saved.port);
  }
}

function restore(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}
