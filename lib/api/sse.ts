// /api/podnodes/stream: Server-Sent Events. A `snapshot` of the matching rows, then `patch`es
// (batched upserts and deletes, filtered here so each viewer only gets its own slice), `status` on
// every cache status change, `facets` at most every FACETS_EVERY_MS, and a comment heartbeat so
// port-forward and proxies keep the stream open (sse-stream.ts). Every viewer shares the one cache:
// no API calls here.
//
// Viewers of the same query share one feed: one set of the uids they hold, one filtered patch per
// period, serialised and encoded once and written to all of them. A hundred viewers of a 20,000-row
// view cost one view's memory and CPU, not a hundred (each held ~0.7 MB of uids and built its own
// 10 MB snapshot when they came at once). A viewer that joins while a recent snapshot is kept gets
// that snapshot and every message sent since, and is then exactly where the others are.
import 'server-only';
import type { PodNodeRow } from '@/lib/podnode/types';
import type { View } from '@/lib/api/view';
import type { Query } from '@/lib/query';
import type { RowIndex } from '@/lib/rows/row-index';
import { toWireRow, type CellColumn, type Selection } from '@/lib/rows/select';
import { streamSnapshotOf } from '@/lib/rows/snapshot';
import { facetsFor } from '@/lib/rows/facets-memo';
import { sseEvent, sseResponse } from '@/lib/api/sse-stream';
import { snapshotBudget, type Turn } from '@/lib/api/snapshot-budget';

const PATCH_EVERY_MS = 250;
const FACETS_EVERY_MS = 2_000;
/** How long a snapshot is kept for viewers who join after it (a burst of tabs, a reconnect storm). */
const REPLAY_MS = 5_000;
/** The messages kept after it, at most: beyond this a joiner is better served a fresh snapshot. */
const REPLAY_MAX_BYTES = 2 * 1024 * 1024;

type Write = (chunk: Uint8Array, opening?: boolean) => void;

type FeedOptions = {
  /** how long a snapshot is reused for joiners; 0 gives every joiner a snapshot of its own */
  replayMs?: number;
};

/** `options` apply to a feed this request opens, not to one already open for the same query. */
export function streamPodNodes(request: Request, { query, index, params }: View, options: FeedOptions = {}): Response {
  // pack=1: the snapshot's rows in the compact form (the page asks for it; curl gets objects)
  const pack = params.get('pack') === '1';
  return sseResponse(request, (out) => {
    const budget = snapshotBudget();
    const enter = (turn: Turn | null) => {
      const { leave, built } = feedFor(index, query, pack, options).join(out.sendEncoded);
      // counted until this viewer has taken its snapshot (viewers given it by replay add nothing)
      const taken = budget.hold(built, turn);
      out.whenDrained(taken);
      return () => {
        leave();
        taken();
      };
    };
    const turn = budget.admit();
    if (!turn) return enter(null);
    // over budget: heartbeats flow while this stream waits for earlier snapshots to be read
    let release = turn.leave;
    let gone = false;
    void turn.ready.then(() => {
      if (gone) return;
      try {
        release = enter(turn);
        if (gone) release(); // closed while it joined
      } catch (err) {
        turn.leave();
        console.error(`podnode: a stream's snapshot failed: ${err instanceof Error ? err.message : String(err)}`);
        out.end();
      }
    });
    return () => {
      gone = true;
      release();
    };
  });
}

/** Open feeds by index, then by query and snapshot form. A Query is plain JSON built in one
 *  order by the parser, so equal text is an equal query. */
const feeds = new WeakMap<RowIndex, Map<string, Feed>>();

function feedFor(index: RowIndex, query: Query, pack: boolean, options: FeedOptions): Feed {
  let byKey = feeds.get(index);
  if (!byKey) feeds.set(index, (byKey = new Map()));
  const key = `${pack ? 'packed' : 'rows'} ${JSON.stringify(query)}`;
  let feed = byKey.get(key);
  if (!feed) {
    const feedsOfIndex = byKey;
    feed = new Feed(index, query, pack, options.replayMs ?? REPLAY_MS, () => feedsOfIndex.delete(key));
    byKey.set(key, feed);
  }
  return feed;
}

/** Open feeds of an index (tests: viewers of one query share one). */
export function openFeeds(index: RowIndex): number {
  return feeds.get(index)?.size ?? 0;
}

class Feed {
  private readonly viewers = new Set<Write>();
  /** uids of the matching rows as the viewers hold them after the last patch */
  private readonly sent = new Set<string>();
  private readonly pendingUpserts = new Map<string, PodNodeRow>();
  private readonly pendingDeletes = new Set<string>();
  private compiled: Selection['compiled'] | undefined;
  private cells: CellColumn[] = [];
  private patchTimer: ReturnType<typeof setTimeout> | undefined;
  private facetsVersion: number;
  private readonly facetsTimer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  /** the last snapshot and every message sent since, while a joiner may still be given them (the
   *  timer drops them; at any age they are a correct opening, so the timer bounds memory only) */
  private replay: { chunks: Uint8Array[]; bytes: number } | null = null;
  private replayTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly index: RowIndex,
    private readonly query: Query,
    private readonly pack: boolean,
    private readonly replayMs: number,
    private readonly onClose: () => void,
  ) {
    this.facetsVersion = index.version;
    this.unsubscribe = index.subscribe((batch) => {
      for (const uid of batch.deletes) {
        this.pendingUpserts.delete(uid);
        this.pendingDeletes.add(uid);
      }
      for (const row of batch.upserts) {
        this.pendingDeletes.delete(row.uid);
        this.pendingUpserts.set(row.uid, row);
      }
      if (batch.status) this.broadcast(sseEvent('status', batch.status));
      if ((this.pendingUpserts.size > 0 || this.pendingDeletes.size > 0) && !this.patchTimer) this.patchTimer = setTimeout(() => this.flush(), PATCH_EVERY_MS);
    });
    this.facetsTimer = setInterval(() => {
      if (this.index.version === this.facetsVersion) return;
      this.facetsVersion = this.index.version;
      this.broadcast(sseEvent('facets', facetsFor(this.index, this.query)));
    }, FACETS_EVERY_MS);
  }

  /** Sends the viewer where every other viewer is; returns what takes it off the feed, and the
   *  bytes of the snapshot built for it (0 when it was given the kept one). */
  join(write: Write): { leave: () => void; built: number } {
    if (this.closed) throw new Error('joined a closed feed');
    let opening: Uint8Array[];
    let built = 0;
    try {
      if (this.replay) opening = [...this.replay.chunks];
      else {
        opening = [this.takeSnapshot()];
        built = opening[0]!.byteLength;
      }
    } catch (err) {
      if (this.viewers.size === 0) this.close(); // nothing may stay subscribed for nobody
      throw err;
    }
    for (const chunk of opening) write(chunk, true);
    this.viewers.add(write);
    const leave = () => {
      this.viewers.delete(write);
      if (this.viewers.size === 0) this.close();
    };
    return { leave, built };
  }

  /** A snapshot taken between patches: what is pending goes to the current viewers first, so the
   *  held uids are exactly the rows matching now and no later patch straddles the snapshot (a row
   *  added and removed around it would otherwise stay with the joiner). */
  private takeSnapshot(): Uint8Array {
    this.flush();
    const { message, selection, cells } = streamSnapshotOf(this.index, this.query, this.pack);
    this.compiled = selection.compiled;
    this.cells = cells;
    this.sent.clear();
    for (const row of selection.rows) this.sent.add(row.uid);
    const chunk = sseEvent('snapshot', message);
    clearTimeout(this.replayTimer);
    if (this.replayMs > 0) {
      this.replay = { chunks: [chunk], bytes: 0 };
      // an idle view keeps no copy of its snapshot once no joiner can use it
      this.replayTimer = setTimeout(() => (this.replay = null), this.replayMs);
      this.replayTimer.unref?.();
    }
    return chunk;
  }

  private flush(): void {
    clearTimeout(this.patchTimer);
    this.patchTimer = undefined;
    const compiled = this.compiled;
    if (!compiled) {
      // before the first snapshot there is nobody to patch: the snapshot holds it all
      this.pendingUpserts.clear();
      this.pendingDeletes.clear();
      return;
    }
    const upserts = [];
    const deletes: string[] = [];
    for (const uid of this.pendingDeletes) if (this.sent.delete(uid)) deletes.push(uid);
    for (const row of this.pendingUpserts.values()) {
      if (compiled.matches(row)) {
        this.sent.add(row.uid);
        upserts.push(toWireRow(row, this.cells));
      } else if (this.sent.delete(row.uid)) deletes.push(row.uid);
    }
    this.pendingUpserts.clear();
    this.pendingDeletes.clear();
    if (upserts.length === 0 && deletes.length === 0) return;
    const { index } = this;
    this.broadcast(sseEvent('patch', { upserts, deletes, total: index.size, matched: this.sent.size, nodes: index.cache.nodes().size }));
  }

  private broadcast(chunk: Uint8Array): void {
    const replay = this.replay;
    if (replay) {
      replay.bytes += chunk.byteLength;
      if (replay.bytes > REPLAY_MAX_BYTES) this.replay = null;
      else replay.chunks.push(chunk);
    }
    // a viewer too far behind is dropped while this loops (its stream closes and leaves the set)
    for (const write of this.viewers) write(chunk);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.patchTimer);
    clearTimeout(this.replayTimer);
    clearInterval(this.facetsTimer);
    this.replay = null;
    this.onClose();
  }
}
