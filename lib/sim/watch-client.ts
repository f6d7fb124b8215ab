// A minimal NDJSON watch reader over fetch, for tests and benches: collects events and lets the
// caller wait for a condition instead of sleeping.
type WatchEvent = { type: string; object: { kind?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string }; [k: string]: unknown } };

export type WatchStream = {
  status: number;
  events: WatchEvent[];
  ended: Promise<void>;
  waitFor(pred: (events: WatchEvent[]) => boolean, timeoutMs?: number): Promise<WatchEvent[]>;
  close(): void;
};

export async function openWatch(url: string, init: RequestInit = {}): Promise<WatchStream> {
  const controller = new AbortController();
  const res = await fetch(url, { ...init, signal: controller.signal });
  const events: WatchEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of [...waiters]) w(); };
  let done = false;
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) events.push(JSON.parse(line) as WatchEvent);
        }
        notify();
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    } finally {
      done = true;
      notify();
    }
  })();
  ended.catch(() => undefined);
  return {
    status: res.status,
    events,
    ended,
    waitFor(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred(events)) { cleanup(); resolve(events); return; }
          if (done) { cleanup(); reject(new Error(`watch ended before condition; ${events.length} events: ${events.slice(-3).map((e) => e.type).join(',')}`)); }
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out after ${timeoutMs} ms waiting on watch; ${events.length} events`)); }, timeoutMs);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
