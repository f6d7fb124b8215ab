// The page's server-side loader: the same resolver and selection as /api/podnodes/stream, so the
// first HTML already holds the first rows of exactly the view the URL names.
import 'server-only';
import type { SnapshotEvent } from '@/lib/rows/wire';
import { snapshotOf } from '@/lib/rows/snapshot';
import { resolveView, type SearchParams, type ViewFailure } from '@/lib/api/view';

export type FirstView = { ok: true; snapshot: SnapshotEvent } | { ok: false; failure: ViewFailure };

/** The first paint needs a screenful, not 50,000 rows: the stream's snapshot brings the rest. */
const FIRST_PAINT_ROWS = 300;

export async function loadFirstView(searchParams: SearchParams, headers: Headers, limit = FIRST_PAINT_ROWS): Promise<FirstView> {
  const resolved = await resolveView(searchParams, { headers, waitForSync: true });
  if (!resolved.ok) return resolved;
  const { index, query } = resolved.view;
  return { ok: true, snapshot: snapshotOf(index, query, limit).event };
}
