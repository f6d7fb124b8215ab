// Which rows a query can possibly match, from what it pins. A query that names its nodes or its
// namespaces (the ns param, or an `=` clause on nodeName / namespace) only needs those buckets
// looked at: a selective query costs what it matches, not what the cluster holds. The query's own
// matcher still runs on every candidate, so this only has to be a superset.
import { rowFieldOfPath, type Query } from '@/lib/query';

export type PinnedField = 'nodeName' | 'namespace';

/** uids by one row field's value */
export class Buckets {
  private readonly map = new Map<string, Set<string>>();

  add(key: string | null, uid: string): void {
    if (key === null) return;
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(uid);
  }

  delete(key: string | null, uid: string): void {
    if (key === null) return;
    const set = this.map.get(key);
    set?.delete(uid);
    if (set?.size === 0) this.map.delete(key);
  }

  get(key: string): ReadonlySet<string> | undefined {
    return this.map.get(key);
  }
}

/** The values a query allows for `field`, or null when it allows any. A clause naming NA (a row
 *  without the value) pins nothing: no bucket holds the rows without one. */
export function pinnedValues(query: Query, field: PinnedField): Set<string> | null {
  let allowed: Set<string> | null = field === 'namespace' && query.namespaces.length > 0 ? new Set(query.namespaces) : null;
  for (const clause of query.include) {
    if (clause.op !== '=' || rowFieldOfPath(clause.path) !== field || clause.values.includes('NA')) continue;
    const prev: Set<string> | null = allowed;
    allowed = new Set(prev ? clause.values.filter((v) => prev.has(v)) : clause.values);
  }
  return allowed;
}

/** The buckets of the pinned values, from the field whose buckets hold fewer uids; null when the
 *  query pins neither field. */
export function candidateSets(query: Query, buckets: Record<PinnedField, Buckets>): ReadonlyArray<ReadonlySet<string>> | null {
  let best: Array<ReadonlySet<string>> | null = null;
  let bestSize = Infinity;
  for (const field of ['nodeName', 'namespace'] as const) {
    const values = pinnedValues(query, field);
    if (!values) continue;
    const sets = [...values].flatMap((v) => buckets[field].get(v) ?? []);
    const size = sets.reduce((n, s) => n + s.size, 0);
    if (size < bestSize) { best = sets; bestSize = size; }
  }
  return best;
}
