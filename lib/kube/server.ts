// The entry point for Next.js code (routes, server components, instrumentation): the
// 'server-only' guard makes any accidental client-side import of the cluster cache a build
// error. The CLI, running under plain Node, imports ./registry directly.
import 'server-only';

export { getClusterCache, stopClusterCaches, DEMO_CONTEXT_NAME } from './registry';
export type { GetClusterCacheOptions } from './registry';
export { ClusterCache } from './cluster-cache';
export type { CacheBatch, ChangeBatch, ChangeSet, ChangeListener, ClusterCacheOptions } from './cluster-cache';
export { listContexts, resolveKubeConfig, KubeConfigError, UnknownContextError } from './kubeconfig';
export type { ContextListing, ResolvedKubeConfig } from './kubeconfig';
