// What every Server-Sent Events stream here shares: the cap on open streams, the bound on what a
// client that stops reading may leave queued, a heartbeat comment (port-forward drops idle
// streams), and one close path for a client that leaves, a server that shuts down, or a dropped
// slow reader — after which the stream's own timers and subscriptions are released.
import 'server-only';
import { positiveInt } from '@/lib/config/env';

const HEARTBEAT_EVERY_MS = 15_000;
const HEARTBEAT = new TextEncoder().encode(': heartbeat\n\n');

/** Streams open at once, beyond which a new one is a 503 with Retry-After. */
const maxStreams = () => positiveInt(process.env.PODNODE_MAX_STREAMS, 256);
/** Bytes queued for a client that stops reading before it is dropped (it reconnects and gets a
 *  fresh snapshot): without a bound one stalled tab would grow the server without limit. */
const maxBacklogBytes = () => positiveInt(process.env.PODNODE_STREAM_BACKLOG_BYTES, 8 * 1024 * 1024);

// Open streams never end by themselves, and a server shutting down waits for every connection:
// close them on SIGTERM/SIGINT so the process exits and browsers reconnect to its successor.
type OpenStreams = Set<() => void>;
const g = globalThis as typeof globalThis & { __podnodeStreams?: OpenStreams };
function openStreams(): OpenStreams {
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

const encoder = new TextEncoder();

/** One event as the bytes every stream that carries it can share: a message for a hundred viewers
 *  is serialised and encoded once, and held once while they drain it. */
export function sseEvent(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export type SseOut = {
  /** a named event; the first `snapshot` is allowed on top of the backlog bound (it may be large) */
  send(event: string, data: unknown): void;
  /** an event encoded once by sseEvent; `opening` chunks (the snapshot, what followed it) are what
   *  the stream starts with and are allowed on top of the backlog bound */
  sendEncoded(chunk: Uint8Array, opening?: boolean): void;
  /** called with each heartbeat, after the comment is written */
  onHeartbeat(fn: () => void): void;
  /** `fn` runs once, when everything written so far has been taken and the reader has come back
   *  for more (so a large chunk has left the socket's buffer too), or the stream has closed */
  whenDrained(fn: () => void): void;
  /** ends the stream (the client reconnects after the `retry` delay) */
  end(): void;
};

/** `start` sends what the stream begins with and subscribes; it returns what releases it all. */
export function sseResponse(request: Request, start: (out: SseOut) => () => void): Response {
  if (openStreams().size >= maxStreams()) {
    return Response.json(
      { error: `this dashboard already serves ${maxStreams()} live streams (PODNODE_MAX_STREAMS): try again shortly` },
      { status: 503, headers: { 'Retry-After': '10', 'Cache-Control': 'no-store' } },
    );
  }
  const backlogLimit = maxBacklogBytes();
  let closed = false;
  /** what the stream opened with, allowed on top of the backlog bound */
  let openingBytes = 0;
  let snapshotSent = false;
  let release = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closeOnShutdown = () => {};
  // With a high-water mark of 0, pull() runs only when the reader asks for more and finds nothing
  // queued: not on an enqueue, not when it takes a queued chunk. The server reads a chunk, writes it
  // to the socket and reads again once the socket has drained, so a pull means that everything
  // written before it has left this process.
  let drained: (() => void)[] = [];
  const runDrained = () => {
    const due = drained;
    drained = [];
    for (const fn of due) fn();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (bytes: Uint8Array, opening = false) => {
        if (closed) return;
        if (opening) openingBytes += bytes.byteLength;
        controller.enqueue(bytes);
        // desiredSize goes negative by what waits unsent: the client (or its network) is not reading.
        if ((controller.desiredSize ?? 0) < -(backlogLimit + openingBytes)) {
          console.warn(`podnode: dropped a stream that stopped reading (over ${backlogLimit} bytes waiting); it will reconnect and resync`);
          close(controller, new Error('stream backlog over its bound'));
        }
      };
      let beat = () => {};
      write(encoder.encode('retry: 2000\n\n'));
      release = start({
        send: (event, data) => {
          const first = event === 'snapshot' && !snapshotSent;
          if (first) snapshotSent = true;
          write(sseEvent(event, data), first);
        },
        sendEncoded: write,
        onHeartbeat: (fn) => (beat = fn),
        whenDrained: (fn) => (closed ? fn() : drained.push(fn)),
        end: () => close(controller),
      });
      heartbeat = setInterval(() => {
        write(HEARTBEAT);
        beat();
      }, HEARTBEAT_EVERY_MS);
      request.signal.addEventListener('abort', () => close(controller));
      closeOnShutdown = () => close(controller);
      openStreams().add(closeOnShutdown);
      if (closed) release(); // dropped while starting: nothing may stay subscribed
    },
    pull() {
      runDrained();
    },
    cancel() {
      close();
    },
  }, { highWaterMark: 0, size: (chunk) => chunk.byteLength });

  /** With `error`, what is queued is discarded at once (a dropped slow client); else it drains. */
  function close(controller?: ReadableStreamDefaultController<Uint8Array>, error?: Error) {
    if (closed) return;
    closed = true;
    openStreams().delete(closeOnShutdown);
    release();
    runDrained();
    clearInterval(heartbeat);
    try {
      if (error) controller?.error(error);
      else controller?.close();
    } catch {
      // already closed by the runtime after the client went away
    }
  }

  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
}
