// The one RowIndex per cluster context per process, next to the one ClusterCache it reads.
// Kept on globalThis: under Turbopack, route handlers and pages each get their own copy of a
// module, so a module-level Map would build one index (and one watch) per route (brief §7).
import 'server-only';
import { getClusterCache } from '@/lib/kube/server';
import { RowIndex } from '@/lib/api/row-index';
import { capacityTableFromEnv } from '@/lib/config/capacity-table';

type Sources = Map<string, RowIndex>;
const g = globalThis as typeof globalThis & { __podnodeRowIndexes?: Sources };

/** Throws the registry's error for an unknown context name (callers turn it into a 400). */
export function getRowIndex(contextName?: string): RowIndex {
  const cache = getClusterCache(contextName);
  const key = cache.context().name;
  const sources = (g.__podnodeRowIndexes ??= new Map());
  let index = sources.get(key);
  if (!index || index.cache !== cache) {
    index = new RowIndex(cache, capacityTableFromEnv());
    sources.set(key, index);
  }
  return index;
}
