// The derived views (nodes, workloads) in the order the server gives them: the same ordering
// (lib/query/sort.ts) over row fields, then the view's tie-break keys; optionally
// grouped, each group headed by the server's totals for it.
import { orderBy, recordFieldOf } from '@/lib/query';
import type { SortKey } from '@/lib/query/query';

export function sortRecords<R extends object>(rows: Iterable<R>, sort: readonly SortKey[], tieBreak: readonly SortKey[], fields: readonly string[]): R[] {
  const keys = [...sort, ...tieBreak].flatMap((k) => {
    const field = recordFieldOf(fields, k.path);
    return field ? [{ get: (r: R) => (r as Record<string, unknown>)[field], desc: k.desc }] : [];
  });
  return orderBy([...rows], keys);
}

export type GroupedItem<R, G> = { kind: 'group'; key: string; totals: G | undefined; collapsed: boolean } | { kind: 'row'; row: R };

/** Rows under a header per group, groups in the order their first row appears. */
export function groupRecords<R, G extends { key: string }>(sorted: readonly R[], keyOf: ((row: R) => string) | null, totals: readonly G[], collapsed: ReadonlySet<string>): GroupedItem<R, G>[] {
  if (!keyOf) return sorted.map((row) => ({ kind: 'row', row }));
  const byKey = new Map<string, R[]>();
  for (const row of sorted) {
    const k = keyOf(row);
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(row);
  }
  const out: GroupedItem<R, G>[] = [];
  for (const [key, rows] of byKey) {
    const isCollapsed = collapsed.has(key);
    out.push({ kind: 'group', key, totals: totals.find((t) => t.key === key), collapsed: isCollapsed });
    if (!isCollapsed) for (const row of rows) out.push({ kind: 'row', row });
  }
  return out;
}
