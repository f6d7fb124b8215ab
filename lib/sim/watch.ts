// WATCH as the API server streams it: chunked NDJSON, history replay from a resourceVersion,
// synthetic ADDED for everything when no version is given, selector transitions (an object
// leaving the selection is DELETED for that watcher), bookmarks and timeoutSeconds.
import type { ServerResponse } from 'node:http';
import type { Entry, ResourceName } from './store';
import type { SimState } from './sim-state';
import type { HistoryEvent, WatchEventType } from './history';
import { type Filter, matchesFilter } from './filter';
import { type IncludeObject, tableJson } from './table';
import { RESOURCE_INFO, apiVersionOf } from './discovery';
import { statusObject } from './status';

export type WatchOptions = {
  resource: ResourceName;
  filter: Filter;
  resourceVersion: string | undefined;
  table: IncludeObject | null;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutSeconds: number | undefined;
  forceExpired: boolean;
  /** sendInitialEvents=true: current state as ADDED, then an initial-events-end bookmark */
  sendInitialEvents: boolean;
  isHung(): boolean;
};

const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export type ActiveWatch = { close(): void };

function expiredEvent(rv: string, floor: number): string {
  return `${JSON.stringify({ type: 'ERROR', object: statusObject(410, 'Expired', `too old resource version: ${rv} (${floor})`) })}\n`;
}

export function startWatch(state: SimState, res: ServerResponse, o: WatchOptions, onClose: () => void): ActiveWatch {
  const contentType = 'application/json';
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const send = (type: WatchEventType, entry: Entry): void => {
    if (o.isHung() || closed) return;
    const object = o.table ? tableJson(o.resource, [entry], o.table, { resourceVersion: String(entry.rv) }, false) : entry.json;
    res.write(`{"type":"${type}","object":${object}}\n`);
    // a watcher that does not read is cut off, as the API server drops one whose buffer fills:
    // it re-watches from its last resourceVersion instead of growing our memory without bound
    if (res.writableLength > MAX_BUFFERED_BYTES) close();
  };
  const deliver = (ev: HistoryEvent): void => {
    if (ev.resource !== o.resource) return;
    const now = ev.type !== 'DELETED' && matchesFilter(o.filter, ev.entry);
    const before = ev.prev !== undefined && matchesFilter(o.filter, ev.prev);
    if (ev.type === 'DELETED') { if (before) send('DELETED', ev.entry); return; }
    if (now) send(before ? 'MODIFIED' : 'ADDED', ev.entry);
    else if (before) send('DELETED', ev.entry);
  };

  const rvParam = o.resourceVersion;
  const fromRv = rvParam === undefined || rvParam === '' || rvParam === '0' ? null : Number(rvParam);
  if (o.forceExpired || (fromRv !== null && (!Number.isInteger(fromRv) || state.history.isExpired(fromRv, o.resource)))) {
    // a real watch answers 200 and an ERROR event carrying Status 410; reflectors relist on it
    res.end(expiredEvent(rvParam ?? '', state.history.floorOf(o.resource)));
    onClose();
    return { close() {} };
  }
  let closed = false;
  let unsubscribe: () => void = () => {};
  let bookmark: NodeJS.Timeout | null = null;
  let timeout: NodeJS.Timeout | null = null;
  if (fromRv === null || o.sendInitialEvents) {
    const table = state.tables[o.resource];
    for (const key of table.keys) {
      const e = table.byKey.get(key) as Entry;
      if (matchesFilter(o.filter, e)) send('ADDED', e);
    }
    // streaming list (WatchList): a bookmark marks the end of the initial state
    if (o.sendInitialEvents) {
      res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: RESOURCE_INFO[o.resource].kind, apiVersion: apiVersionOf(o.resource),
        metadata: { resourceVersion: String(state.rv), annotations: { 'k8s.io/initial-events-end': 'true' } } } })}\n`);
    }
  } else {
    for (const ev of state.history.since(fromRv, o.resource)) deliver(ev);
  }
  if (closed) return { close };
  unsubscribe = state.subscribe(deliver);
  const kind = RESOURCE_INFO[o.resource].kind;
  const apiVersion = apiVersionOf(o.resource);
  bookmark = o.bookmarks ? setInterval(() => {
    if (!o.isHung()) res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind, apiVersion, metadata: { resourceVersion: String(state.rv) } } })}\n`);
  }, o.bookmarkIntervalMs) : null;
  timeout = o.timeoutSeconds ? setTimeout(() => close(), o.timeoutSeconds * 1000) : null;
  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    if (bookmark) clearInterval(bookmark);
    if (timeout) clearTimeout(timeout);
    if (!res.writableEnded) res.end();
    onClose();
  }
  res.on('close', close);
  return { close };
}
