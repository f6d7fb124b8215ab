// Paged LIST over the store. Pages after the first are served from the snapshot at the chain's
// resourceVersion (current state with later history undone), so a paged LIST under churn
// returns exactly the set an unpaged LIST at that version would — as etcd does.
import type { Entry, ResourceName } from './store';
import type { SimState } from './sim-state';
import { type Filter, matchesFilter } from './filter';
import { ApiError } from './status';

export type ListRequest = { limit?: number; continueToken?: string; resourceVersion?: string; resourceVersionMatch?: string };
export type ListPage = { items: Entry[]; resourceVersion: number; continueToken?: string; remainingItemCount?: number };

type Token = { rv: number; start: string };

function decodeToken(token: string): Token {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Token>;
    if (typeof t.rv === 'number' && typeof t.start === 'string') return { rv: t.rv, start: t.start };
  } catch { /* fall through */ }
  throw new ApiError(400, 'BadRequest', `continue key is not valid: ${JSON.stringify(token.slice(0, 40))}`);
}
const encodeToken = (t: Token): string => Buffer.from(JSON.stringify(t)).toString('base64url');

function snapshotRv(state: SimState, req: ListRequest): number {
  if (req.continueToken) return decodeToken(req.continueToken).rv;
  const rv = req.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0' || req.resourceVersionMatch === 'NotOlderThan') return state.rv;
  const n = Number(rv);
  if (!Number.isInteger(n) || n < 0) throw new ApiError(400, 'BadRequest', `invalid resourceVersion "${rv}"`);
  if (n > state.rv) throw new ApiError(504, 'Timeout', `Too large resource version: ${n}, current: ${state.rv}`);
  return req.resourceVersionMatch === 'Exact' ? n : state.rv;
}

export function listPage(state: SimState, resource: ResourceName, filter: Filter, req: ListRequest): ListPage {
  const table = state.tables[resource];
  const rv = snapshotRv(state, req);
  if (rv < state.rv && state.history.isExpired(rv, resource)) {
    throw new ApiError(410, 'Expired', req.continueToken
      ? 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'
      : `too old resource version: ${rv} (${state.history.floorOf(resource)})`);
  }
  // what changed after rv, undone: key → the entry as of rv (null = did not exist)
  const overlay = new Map<string, Entry | null>();
  if (rv < state.rv) for (const ev of state.history.since(rv, resource)) if (!overlay.has(ev.entry.key)) overlay.set(ev.entry.key, ev.prev ?? null);
  const gone = [...overlay.keys()].filter((k) => overlay.get(k) && !table.byKey.has(k)).sort();

  const prefix = filter.namespace ? `${filter.namespace}/` : '';
  const start = req.continueToken ? decodeToken(req.continueToken).start : prefix;
  const limit = req.limit && req.limit > 0 ? req.limit : Infinity;
  const items: Entry[] = [];
  let i = table.lowerBound(start);
  let j = gone.findIndex((k) => k >= start);
  if (j < 0) j = gone.length;
  let lastKey = '';
  let more = false;
  for (;;) {
    const a = table.keys[i];
    const b = gone[j];
    if (a === undefined && b === undefined) break;
    const key = b === undefined || (a !== undefined && a < b) ? (i++, a as string) : (j++, b);
    if (req.continueToken && key === start) continue;
    if (prefix && !key.startsWith(prefix)) break;
    const entry = overlay.has(key) ? overlay.get(key) : table.byKey.get(key);
    if (!entry || !matchesFilter(filter, entry)) continue;
    if (items.length >= limit) { more = true; break; }
    items.push(entry);
    lastKey = key;
  }
  const page: ListPage = { items, resourceVersion: rv };
  if (more) {
    page.continueToken = encodeToken({ rv, start: lastKey });
    // the real server only knows the remaining count when no selector filters the keys
    if (filter.labels.length === 0 && filter.fields.length === 0 && !prefix) page.remainingItemCount = Math.max(0, table.size - table.lowerBound(lastKey) - 1);
  }
  return page;
}
