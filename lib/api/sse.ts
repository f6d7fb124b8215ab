// /api/podnodes/stream: Server-Sent Events. A `snapshot` of the matching rows, then `patch`es
// (batched upserts and deletes, filtered here so each viewer only gets its own slice), `status` on
// every cache status change, `facets` at most every FACETS_EVERY_MS, and a comment heartbeat so
// port-forward and proxies keep the stream open. Every viewer shares the one cache: no API calls here.
import 'server-only';
import type { PodNodeRow } from '@/lib/podnode/types';
import type { View } from '@/lib/api/view';
import { toWireRow } from '@/lib/rows/select';
import { snapshotOf } from '@/lib/rows/snapshot';
import { facetsFor } from '@/lib/rows/facets-memo';
import { positiveInt } from '@/lib/config/env';

const PATCH_EVERY_MS = 250;
const FACETS_EVERY_MS = 2_000;
const HEARTBEAT_EVERY_MS = 15_000;

/** Streams open at once, beyond which a new one is a 503 with Retry-After. */
const maxStreams = () => positiveInt(process.env.PODNODE_MAX_STREAMS, 256);
/** Bytes queued for a client that stops reading before it is dropped (it reconnects and gets a
 *  fresh snapshot): without a bound one stalled tab would grow the server without limit. */
export const maxBacklogBytes = () => positiveInt(process.env.PODNODE_STREAM_BACKLOG_BYTES, 8 * 1024 * 1024);

// Open streams never end by themselves, and a server shutting down waits for every connection:
// close them on SIGTERM/SIGINT so the process exits and browsers reconnect to its successor.
type OpenStreams = Set<() => void>;
const g = globalThis as typeof globalThis & { __podnodeStreams?: OpenStreams };
export function openStreams(): OpenStreams {
  if (!g.__podnodeStreams) {
    const streams: OpenStreams = (g.__podnodeStreams = new Set());
    const closeAll = () => {
      for (const close of [...streams]) close();
    };
    process.once('SIGTERM', closeAll);
    process.once('SIGINT', closeAll);
  }
  return g.__podnodeStreams;
}

export function streamPodNodes(request: Request, { query, index }: View): Response {
  const full = tooManyStreams();
  if (full) return full;
  const encoder = new TextEncoder();
  const backlogLimit = maxBacklogBytes();
  const sent = new Set<string>();
  const pendingUpserts = new Map<string, PodNodeRow>();
  const pendingDeletes = new Set<string>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let patchTimer: ReturnType<typeof setTimeout> | undefined;
  let facetsVersion = -1;
  let unsubscribe = () => {};
  let closed = false;
  let snapshotBytes = 0;
  let closeOnShutdown = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      /** `snapshot`: the first snapshot, which the backlog bound allows on top of its own size. */
      const write = (text: string, snapshot = false) => {
        if (closed) return;
        const bytes = encoder.encode(text);
        if (snapshot) snapshotBytes = bytes.byteLength;
        controller.enqueue(bytes);
        // desiredSize goes negative by what waits unsent: the client (or its network) is not reading.
        // The first snapshot may itself be large; the bound is on what piles up beyond it.
        if ((controller.desiredSize ?? 0) < -(backlogLimit + snapshotBytes)) {
          console.warn(`podnode: dropped a stream that stopped reading (over ${backlogLimit} bytes waiting); it will reconnect and resync`);
          close(controller, new Error('stream backlog over its bound'));
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, event === 'snapshot');

      const { event, selection, cells } = snapshotOf(index, query);
      const { compiled } = selection;
      for (const row of selection.rows) sent.add(row.uid);
      facetsVersion = index.version;
      write('retry: 2000\n\n');
      send('snapshot', event);

      const flush = () => {
        patchTimer = undefined;
        const upserts = [];
        const deletes: string[] = [];
        for (const uid of pendingDeletes) if (sent.delete(uid)) deletes.push(uid);
        for (const row of pendingUpserts.values()) {
          if (compiled.matches(row)) {
            sent.add(row.uid);
            upserts.push(toWireRow(row, cells));
          } else if (sent.delete(row.uid)) deletes.push(row.uid);
        }
        pendingUpserts.clear();
        pendingDeletes.clear();
        if (upserts.length > 0 || deletes.length > 0) send('patch', { upserts, deletes, total: index.size, matched: sent.size, nodes: index.cache.nodes().size });
      };

      unsubscribe = index.subscribe((batch) => {
        for (const uid of batch.deletes) {
          pendingUpserts.delete(uid);
          pendingDeletes.add(uid);
        }
        for (const row of batch.upserts) {
          pendingDeletes.delete(row.uid);
          pendingUpserts.set(row.uid, row);
        }
        if (batch.status) send('status', batch.status);
        if ((pendingUpserts.size > 0 || pendingDeletes.size > 0) && !patchTimer) patchTimer = setTimeout(flush, PATCH_EVERY_MS);
      });

      timers.push(
        setInterval(() => {
          if (index.version === facetsVersion) return;
          facetsVersion = index.version;
          send('facets', facetsFor(index, query));
        }, FACETS_EVERY_MS),
        setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_EVERY_MS),
      );
      request.signal.addEventListener('abort', () => close(controller));
      closeOnShutdown = () => close(controller);
      openStreams().add(closeOnShutdown);
    },
    cancel() {
      close();
    },
  }, { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength });

  /** With `error`, what is queued is discarded at once (a dropped slow client); else it drains. */
  function close(controller?: ReadableStreamDefaultController<Uint8Array>, error?: Error) {
    if (closed) return;
    closed = true;
    openStreams().delete(closeOnShutdown);
    unsubscribe();
    if (patchTimer) clearTimeout(patchTimer);
    for (const t of timers) clearInterval(t);
    try {
      if (error) controller?.error(error);
      else controller?.close();
    } catch {
      // already closed by the runtime after the client went away
    }
  }

  return new Response(body, { headers: SSE_HEADERS });
}

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** The 503 for one stream too many, or null while there is room. */
export function tooManyStreams(): Response | null {
  if (openStreams().size < maxStreams()) return null;
  return Response.json(
    { error: `this dashboard already serves ${maxStreams()} live streams (PODNODE_MAX_STREAMS): try again shortly` },
    { status: 503, headers: { 'Retry-After': '10', 'Cache-Control': 'no-store' } },
  );
}
