// The page's server-side loader: the same parser and selection as /api/podnodes/stream, so the
// first HTML already holds the first rows of exactly the view the URL names.
import 'server-only';
import { parseQueryParams, QueryError } from '@/lib/query';
import type { ApiError, SnapshotEvent } from '@/lib/api/wire';
import { getRowIndex } from '@/lib/api/source';
import { snapshotOf } from '@/lib/api/snapshot';

export type ViewResult = { ok: true; snapshot: SnapshotEvent } | { ok: false; error: ApiError };
type SearchParams = Record<string, string | string[] | undefined>;

/** The first paint needs a screenful, not 50,000 rows: the stream's snapshot brings the rest. */
const FIRST_PAINT_ROWS = 300;
const FIRST_SYNC_WAIT_MS = 8_000;

export async function loadPodNodeView(searchParams: SearchParams, limit = FIRST_PAINT_ROWS): Promise<ViewResult> {
  let query;
  try {
    query = parseQueryParams(searchParams);
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, error: { error: err.message, where: err.where } };
    throw err;
  }
  const ctx = typeof searchParams.ctx === 'string' && searchParams.ctx !== '' ? searchParams.ctx : undefined;
  let index;
  try {
    index = getRowIndex(ctx);
  } catch (err) {
    return { ok: false, error: { error: err instanceof Error ? err.message : String(err), where: { param: 'ctx' } } };
  }
  await index.cache.whenSynced(FIRST_SYNC_WAIT_MS).catch(() => undefined);
  return { ok: true, snapshot: snapshotOf(index, query, limit).event };
}
