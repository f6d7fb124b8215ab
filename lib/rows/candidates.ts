// Which rows a query can possibly match, from what it pins. A query that names its nodes or its
// namespaces (the ns param, or an `=` clause on nodeName / namespace) only needs those buckets
// looked at: a selective query costs what it matches, not what the cluster holds. The query's own
// matcher still runs on every candidate, so this only has to be a superset.
import { rowFieldOfPath, type Query } from '@/lib/query';

export type PinnedField = 'nodeName' | 'namespace';

/** The uids of one bucket: an array while it only grows (what a first sync builds, ~30 pods a
 *  node), a Set once a delete would have to search a long one. */
export type Bucket = readonly string[] | ReadonlySet<string>;

/** Above this many uids a bucket turns into a Set on its first delete; below it a delete is a scan. */
const SCAN_LIMIT = 128;

/** uids by one row field's value. A uid is added once per key: the caller adds a row when it is new
 *  or moved to another key, never again for an update (an array would hold it twice). At 150,000
 *  pods, 5,000 node buckets as Sets cost the first sync ~0.1–0.2 s and ~4 MB more than arrays. */
export class Buckets {
  private readonly map = new Map<string, string[] | Set<string>>();

  add(key: string | null, uid: string): void {
    if (key === null) return;
    const bucket = this.map.get(key);
    if (!bucket) this.map.set(key, [uid]);
    else if (Array.isArray(bucket)) bucket.push(uid);
    else bucket.add(uid);
  }

  delete(key: string | null, uid: string): void {
    if (key === null) return;
    const bucket = this.map.get(key);
    if (!bucket) return;
    if (Array.isArray(bucket) && bucket.length <= SCAN_LIMIT) {
      const at = bucket.indexOf(uid);
      if (at < 0) return;
      bucket[at] = bucket[bucket.length - 1]!; // order within a bucket means nothing
      bucket.pop();
      if (bucket.length === 0) this.map.delete(key);
      return;
    }
    const set = Array.isArray(bucket) ? new Set(bucket) : bucket;
    if (set !== bucket) this.map.set(key, set);
    set.delete(uid);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: string): Bucket | undefined {
    return this.map.get(key);
  }
}

function bucketSize(bucket: Bucket): number {
  return Array.isArray(bucket) ? bucket.length : (bucket as ReadonlySet<string>).size;
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
export function candidateSets(query: Query, buckets: Record<PinnedField, Buckets>): ReadonlyArray<Bucket> | null {
  let best: Bucket[] | null = null;
  let bestSize = Infinity;
  for (const field of ['nodeName', 'namespace'] as const) {
    const values = pinnedValues(query, field);
    if (!values) continue;
    const sets: Bucket[] = [];
    let size = 0;
    for (const v of values) {
      const bucket = buckets[field].get(v);
      if (bucket) { sets.push(bucket); size += bucketSize(bucket); }
    }
    if (size < bestSize) { best = sets; bestSize = size; }
  }
  return best;
}
