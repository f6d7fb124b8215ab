// SSE for the views derived from the rows (nodes, workloads): a `snapshot` of the view, then at
// most one `patch` per period with the rows that changed (compared as sent) and the view's
// totals, `status` on every cache status change, and a heartbeat (sse-stream.ts). A stream may
// take rows up to `everyMs` old (`maxStaleMs`), and the views' memos stretch that to five times
// what their last recomputation took: any number of viewers share one recomputation per period,
// and a view that takes 400 ms at 150,000 pods under churn uses at most a fifth of a core.
import 'server-only';
import type { RowIndex } from '@/lib/rows/row-index';
import { sseResponse } from '@/lib/api/sse-stream';

/** `behind`: the rows are from before the latest change (a shared, recent computation): send them,
 *  and look again one period later. */
export type DerivedRows<W> = { rows: Array<{ id: string; row: W }>; extra: Record<string, unknown>; behind?: boolean };

export function streamDerived<W>(request: Request, index: RowIndex, compute: (maxStaleMs: number) => DerivedRows<W>, everyMs: number): Response {
  return sseResponse(request, ({ send, onHeartbeat }) => {
    /** id → a hash of the row's JSON as last sent: a viewer of 5,000 nodes holds 5,000 numbers, not 3 MB of text */
    let sent = new Map<string, number>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStatus = '';
    const statusNow = () => {
      const status = index.cache.getStatus();
      lastStatus = JSON.stringify(status);
      return status;
    };

    const first = compute(0);
    for (const { id, row } of first.rows) sent.set(id, hashOfRow(row));
    let lastExtra = JSON.stringify(first.extra);
    send('snapshot', { rows: first.rows.map((r) => r.row), ...first.extra, status: statusNow(), context: index.cache.context() });

    const flush = () => {
      timer = undefined;
      const next = compute(everyMs);
      if (next.behind) timer = setTimeout(flush, everyMs);
      const upserts: W[] = [];
      const now = new Map<string, number>();
      for (const { id, row } of next.rows) {
        const hash = hashOfRow(row);
        now.set(id, hash);
        if (sent.get(id) !== hash) upserts.push(row);
      }
      const deletes = [...sent.keys()].filter((id) => !now.has(id));
      sent = now;
      const extra = JSON.stringify(next.extra);
      if (upserts.length === 0 && deletes.length === 0 && extra === lastExtra) return;
      lastExtra = extra;
      send('patch', { upserts, deletes, ...next.extra });
    };

    const unsubscribe = index.onChange(() => {
      if (JSON.stringify(index.cache.getStatus()) !== lastStatus) send('status', statusNow());
      timer ??= setTimeout(flush, everyMs);
    });
    // time-bound parts of a view (the last ten minutes' notices) age without a change
    onHeartbeat(() => (timer ??= setTimeout(flush, 0)));
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  });
}

// A view's rows are shared objects (the memo's), replaced only when they change: hash each once,
// for every viewer, instead of serialising every row for every viewer every period (at 17,000
// workloads and ten viewers that was 150 MB/s of garbage, and the heap grew to match).
const hashes = new WeakMap<object, number>();
function hashOfRow(row: unknown): number {
  if (row === null || typeof row !== 'object') return hashOf(JSON.stringify(row));
  let h = hashes.get(row);
  if (h === undefined) hashes.set(row, (h = hashOf(JSON.stringify(row))));
  return h;
}

/** 52 bits from two 32-bit FNV-1a variants: a changed row goes unnoticed with odds of ~1 in 4·10^15. */
function hashOf(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
